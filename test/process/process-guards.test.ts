import { execFile } from "node:child_process";
import { EventEmitter } from "node:events";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { installProcessGuards, STORM_LIMIT } from "../../src/process/process-guards.js";
import { captureLogger } from "../support/capture-logger.js";

/** No request can stop the process (docs/CONTRACT.md §8). */

const run = promisify(execFile);

describe("installProcessGuards", () => {
  it("keeps a real process serving after an unhandled rejection and an uncaught exception", async () => {
    const script = `
      import { installProcessGuards } from "./src/process/process-guards.ts";
      const lines = [];
      const logger = { error: (message) => lines.push(message) };
      installProcessGuards(logger);
      Promise.reject(new Error("nobody catches this"));
      setTimeout(() => { throw new Error("thrown from a timer"); }, 10);
      setTimeout(() => { console.log(JSON.stringify(lines)); }, 100);
    `;
    const { stdout } = await run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: process.cwd(),
    });
    const lines = JSON.parse(stdout) as string[];
    expect(lines).toEqual([
      "unhandled promise rejection; still serving",
      "uncaught exception (uncaughtException); still serving",
    ]);
  });

  it("logs both at error level and removes its handlers when asked", () => {
    const target = new EventEmitter();
    const logger = captureLogger();
    const remove = installProcessGuards(logger, { target, exit: () => undefined });
    target.emit("unhandledRejection", new Error("late"));
    target.emit("uncaughtException", new Error("boom"), "uncaughtException");
    const errors = logger.lines
      .map((line) => JSON.parse(line) as { level: unknown })
      .filter((line) => line.level === 50 || line.level === "error");
    expect(errors).toHaveLength(2);
    remove();
    expect(target.listenerCount("unhandledRejection")).toBe(0);
    expect(target.listenerCount("uncaughtException")).toBe(0);
  });

  it("exits 1 only on a storm of uncaught exceptions", () => {
    const target = new EventEmitter();
    const exits: number[] = [];
    installProcessGuards(captureLogger(), { target, exit: (code) => exits.push(code), now: () => 5 });
    for (let count = 0; count < STORM_LIMIT; count += 1)
      target.emit("uncaughtException", new Error("x"), "u");
    expect(exits).toEqual([]);
    target.emit("uncaughtException", new Error("x"), "u");
    expect(exits).toEqual([1]);
  });
});
