import { describe, expect, it } from "vitest";
import { createConcurrencyLimit } from "../../src/relay/concurrency-limit.js";

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Tasks that each wait for their own release, recording how many ran at once. */
function heldTasks(count: number) {
  const releases: (() => void)[] = [];
  const started: number[] = [];
  let running = 0;
  let mostAtOnce = 0;
  const tasks = Array.from({ length: count }, (_, index) => async () => {
    started.push(index);
    running += 1;
    mostAtOnce = Math.max(mostAtOnce, running);
    await new Promise<void>((resolve) => releases.push(resolve));
    running -= 1;
    return index;
  });
  return { tasks, releases, started, mostAtOnce: () => mostAtOnce };
}

describe("createConcurrencyLimit", () => {
  it("runs at most `max` tasks at once and starts the others in the order they came", async () => {
    const limit = createConcurrencyLimit(2);
    const held = heldTasks(5);

    const results = Promise.all(held.tasks.map((task) => limit(task)));
    await settle();
    expect(held.started).toEqual([0, 1]);

    for (let released = 0; released < 5; released += 1) {
      held.releases[released]?.();
      await settle();
    }
    expect(await results).toEqual([0, 1, 2, 3, 4]);
    expect(held.started).toEqual([0, 1, 2, 3, 4]);
    expect(held.mostAtOnce()).toBe(2);
  });

  it("frees the slot of a task that failed", async () => {
    const limit = createConcurrencyLimit(1);

    const failed = limit(async () => {
      throw new Error("post refused");
    });
    const next = limit(async () => "next");

    await expect(failed).rejects.toThrow("post refused");
    expect(await next).toBe("next");
  });

  it("refuses a limit under 1", () => {
    expect(() => createConcurrencyLimit(0)).toThrow(RangeError);
  });
});
