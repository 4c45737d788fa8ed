import { afterEach, describe, expect, it } from "vitest";
import { closeHarnesses, harness, ok } from "./fake-on-prem.js";

afterEach(closeHarnesses);

const IN_FLIGHT = 25;
const numbers = Array.from({ length: IN_FLIGHT }, (_, index) => `+1631555${String(1000 + index)}`);

/** A node that takes its time, so every check is still waiting when the test acts. */
function slowContactsServer(made: ReturnType<typeof harness>): void {
  made.server
    .intercept({ path: "/v1/contacts", method: "POST" })
    .reply(200, ok({ contacts: [] }))
    .delay(5_000)
    .persist();
}

/** Process warnings emitted while `act` runs and just after (Node emits them on a later tick). */
async function warningsDuring(act: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const onWarning = (warning: Error) => seen.push(`${warning.name}: ${warning.message}`);
  process.on("warning", onWarning);
  try {
    await act();
    await new Promise((resolve) => setTimeout(resolve, 20));
  } finally {
    process.off("warning", onWarning);
  }
  return seen;
}

describe("the On-Premises client with many calls in flight", () => {
  describe("when the client closes", () => {
    it("ends every call with a closed error and warns of no leak", async () => {
      const made = harness({ timeoutMs: 10_000, deadlineMs: 10_000 });
      slowContactsServer(made);

      const outcomes: unknown[] = [];
      const warnings = await warningsDuring(async () => {
        const checks = numbers.map((e164) =>
          made.client.checkContacts([e164]).catch((caught: unknown) => caught),
        );
        await new Promise((resolve) => setTimeout(resolve, 20));
        await made.client.close();
        outcomes.push(...(await Promise.all(checks)));
      });

      expect(outcomes).toHaveLength(IN_FLIGHT);
      for (const outcome of outcomes) {
        expect(outcome).toMatchObject({ code: "wa_connection", message: expect.stringMatching(/closed/) });
      }
      expect(warnings).toEqual([]);
    });
  });
});
