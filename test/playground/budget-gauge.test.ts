import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Playground, startPlayground } from "../browser/playground-harness.js";

/**
 * What a newcomer reads on /metrics in local mode (docs/CONTRACT.md §9): the day's remaining contact checks from
 * the start, not 0 until the first check.
 */

let playground: Playground;
beforeAll(async () => {
  playground = await startPlayground({ CHECK_DAILY_BUDGET: "50" });
});
afterAll(async () => {
  await playground?.close();
});

async function budgetShown(): Promise<string | undefined> {
  const text = await (await fetch(`${playground.url}metrics`)).text();
  return /^wam_check_budget_remaining (\S+)$/m.exec(text)?.[1];
}

describe("wam_check_budget_remaining", () => {
  it("reads the whole budget before any check, and one less after a check that spent one", async () => {
    expect(await budgetShown()).toBe("50");
    const act = await fetch(`${playground.url}playground/act`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: "command", channel: "C0MODERATION", text: "/wa-check +1 631 555 1004" }),
    });
    expect(act.status).toBe(200);
    await expect.poll(budgetShown, { timeout: 5000 }).toBe("49");
  });
});
