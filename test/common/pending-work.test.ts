import { describe, expect, it } from "vitest";
import { createPendingWork } from "../../src/common/pending-work.js";

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe("createPendingWork", () => {
  it("drains at once when nothing is pending", async () => {
    expect(await createPendingWork().drain(1000)).toBe(0);
  });

  it("waits for work that settles, failed work included, and for work started while it waits", async () => {
    const pending = createPendingWork();
    const done: string[] = [];
    pending.track(delay(30).then(() => done.push("first")));
    pending.track(delay(10).then(() => Promise.reject(new Error("relay failed"))));
    void delay(20).then(() => pending.track(delay(40).then(() => done.push("late"))));

    expect(await pending.drain(2000)).toBe(0);

    expect(done).toEqual(["first", "late"]);
    expect(pending.size).toBe(0);
  });

  it("gives up at the deadline and answers how much was cut off", async () => {
    const pending = createPendingWork();
    pending.track(new Promise(() => undefined));
    pending.track(delay(5));

    expect(await pending.drain(50)).toBe(1);
  });
});
