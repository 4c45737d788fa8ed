import { afterEach, describe, expect, it, vi } from "vitest";
import { createStoreThreadIndex } from "../../src/relay/thread-index.js";
import { type AppStore, createStore } from "../../src/store/index.js";
import { captureLogger } from "../support/capture-logger.js";

const stores: AppStore[] = [];

async function openIndex() {
  const store = await createStore("sqlite://:memory:", {
    logger: captureLogger(),
    purgeIntervalMs: false,
  });
  stores.push(store);
  return createStoreThreadIndex(store);
}

afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

describe("createStoreThreadIndex", () => {
  it("remembers a contact's thread for that day only", async () => {
    const threads = await openIndex();
    await threads.set("16315551234", "2024-06-10", "1718000000.000100");

    expect(await threads.get("16315551234", "2024-06-10")).toBe("1718000000.000100");
    expect(await threads.get("16315551234", "2024-06-11")).toBeUndefined();
    expect(await threads.get("16505551234", "2024-06-10")).toBeUndefined();
  });

  it("forgets a thread after two days", async () => {
    const threads = await openIndex();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2024-06-10T12:00:00Z"));
    await threads.set("16315551234", "2024-06-10", "1718000000.000100");

    vi.setSystemTime(new Date("2024-06-12T11:59:00Z"));
    expect(await threads.get("16315551234", "2024-06-10")).toBe("1718000000.000100");
    vi.setSystemTime(new Date("2024-06-12T12:01:00Z"));
    expect(await threads.get("16315551234", "2024-06-10")).toBeUndefined();
  });

  it("lets one caller open a contact's thread of a day, and another once it is released", async () => {
    const threads = await openIndex();

    expect(await threads.claimOpening("16315551234", "2024-06-10")).toBe(true);
    expect(await threads.claimOpening("16315551234", "2024-06-10")).toBe(false);
    expect(await threads.claimOpening("16315551234", "2024-06-11")).toBe(true);
    expect(await threads.claimOpening("16505551234", "2024-06-10")).toBe(true);

    await threads.releaseOpening("16315551234", "2024-06-10");
    expect(await threads.claimOpening("16315551234", "2024-06-10")).toBe(true);
  });
});
