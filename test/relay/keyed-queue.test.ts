import { describe, expect, it } from "vitest";
import { createKeyedQueue } from "../../src/relay/keyed-queue.js";

/** A task that records when it starts and ends, and ends only when released. */
function gatedTask(name: string, events: string[]) {
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const task = async () => {
    events.push(`start ${name}`);
    await gate;
    events.push(`end ${name}`);
    return name;
  };
  return { task, release };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("createKeyedQueue", () => {
  it("runs tasks of one key one at a time, in the order they were queued", async () => {
    const inTurn = createKeyedQueue();
    const events: string[] = [];
    const first = gatedTask("first", events);
    const second = gatedTask("second", events);

    const results = [inTurn("contact", first.task), inTurn("contact", second.task)];
    await settle();
    expect(events).toEqual(["start first"]);

    second.release();
    await settle();
    expect(events).toEqual(["start first"]);

    first.release();
    expect(await Promise.all(results)).toEqual(["first", "second"]);
    expect(events).toEqual(["start first", "end first", "start second", "end second"]);
  });

  it("runs tasks of other keys alongside", async () => {
    const inTurn = createKeyedQueue();
    const events: string[] = [];
    const slow = gatedTask("slow", events);

    const slowResult = inTurn("one", slow.task);
    expect(await inTurn("other", async () => "quick")).toBe("quick");
    expect(events).toEqual(["start slow"]);

    slow.release();
    expect(await slowResult).toBe("slow");
  });

  it("answers a failed task's caller with its error and still runs the next task", async () => {
    const inTurn = createKeyedQueue();

    const failed = inTurn("contact", async () => {
      throw new Error("post refused");
    });
    const next = inTurn("contact", async () => "next");

    await expect(failed).rejects.toThrow("post refused");
    expect(await next).toBe("next");
  });
});
