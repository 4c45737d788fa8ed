import Keyv from "keyv";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createKeyvThreadIndex } from "../../src/relay/thread-index.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("createKeyvThreadIndex", () => {
  it("remembers a contact's thread for that day only", async () => {
    const threads = createKeyvThreadIndex(new Keyv<string>());
    await threads.set("16315551234", "2024-06-10", "1718000000.000100");

    expect(await threads.get("16315551234", "2024-06-10")).toBe("1718000000.000100");
    expect(await threads.get("16315551234", "2024-06-11")).toBeUndefined();
    expect(await threads.get("16505551234", "2024-06-10")).toBeUndefined();
  });

  it("forgets a thread after two days", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2024-06-10T12:00:00Z"));
    const threads = createKeyvThreadIndex(new Keyv<string>());
    await threads.set("16315551234", "2024-06-10", "1718000000.000100");

    vi.setSystemTime(new Date("2024-06-12T11:59:00Z"));
    expect(await threads.get("16315551234", "2024-06-10")).toBe("1718000000.000100");
    vi.setSystemTime(new Date("2024-06-12T12:01:00Z"));
    expect(await threads.get("16315551234", "2024-06-10")).toBeUndefined();
  });
});
