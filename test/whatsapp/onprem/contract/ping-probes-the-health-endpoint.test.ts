import { describe, expect, it } from "vitest";
import { WhatsAppApiError, WhatsAppConnectionError } from "../../../../src/whatsapp/errors.js";
import { failureOf, HEALTH, LOGIN, startContract } from "./contract-harness.js";

describe("pinging the On-Premises node", () => {
  it("calls GET /v1/health with a bearer token and resolves when the node answers", async () => {
    const { client, calls } = await startContract();

    await expect(client.ping()).resolves.toBeUndefined();

    expect(calls().map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual([
      `POST ${LOGIN} 200`,
      `GET ${HEALTH} 200`,
    ]);
  });

  it("fails with the node's error when /v1/health stays overloaded through the retries", async () => {
    const { sandbox, client, statuses } = await startContract();
    sandbox.faults.next({ kind: "status", status: 503 }, 5);

    const error = await failureOf(client.ping());

    expect(error).toBeInstanceOf(WhatsAppApiError);
    expect(error).toMatchObject({ waCode: 1016, title: "System overloaded", httpStatus: 503 });
    expect(statuses(HEALTH)).toEqual([503, 503, 503, 503, 503]);
  });

  it("fails with a connection error once the node is gone", async () => {
    const { sandbox, client } = await startContract();
    await client.ping();
    await sandbox.close();

    const error = await failureOf(client.ping());

    expect(error).toBeInstanceOf(WhatsAppConnectionError);
    expect((error as Error).message).toMatch(/could not reach WhatsApp/);
  });
});
