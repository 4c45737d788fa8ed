import { performance } from "node:perf_hooks";
import { afterEach, describe, expect, it } from "vitest";
import { WhatsAppBusyError } from "../../../src/whatsapp/errors.js";
import { BLOCK_PATH, closeHarnesses, harness, ok } from "./fake-on-prem.js";

afterEach(closeHarnesses);

/** Replies 200 to every block and notes when each request arrived. */
function timedServer(made: ReturnType<typeof harness>): number[] {
  const arrivals: number[] = [];
  made.server
    .intercept({ path: BLOCK_PATH, method: "POST" })
    .reply(() => {
      arrivals.push(performance.now());
      return { statusCode: 200, data: ok() };
    })
    .persist();
  return arrivals;
}

describe("the client-side rate limiter", () => {
  it("lets a burst through at once, then spaces calls at the configured rate; none fails", async () => {
    const made = harness({ rateLimit: { perSecond: 20, burst: 2 } });
    const arrivals = timedServer(made);

    const started = performance.now();
    await Promise.all(Array.from({ length: 6 }, () => made.client.block({ e164: "+16315551000" })));

    const offsets = arrivals.map((at) => at - started);
    expect(offsets).toHaveLength(6);
    expect(offsets[1]).toBeLessThan(40); // the burst of 2
    // The nth call beyond the burst waits n × 50 ms (20/s); allow a little timer slack.
    offsets.slice(2).forEach((offset, index) => {
      expect(offset).toBeGreaterThanOrEqual((index + 1) * 50 - 5);
    });
  });

  it("does not hold calls back when disabled", async () => {
    const made = harness({ rateLimit: false });
    const arrivals = timedServer(made);

    const started = performance.now();
    await Promise.all(Array.from({ length: 30 }, () => made.client.block({ e164: "+16315551000" })));

    expect(arrivals).toHaveLength(30);
    expect(Math.max(...arrivals) - started).toBeLessThan(250);
  });

  it("queues a call whose turn comes within half its deadline, and refuses one whose turn comes later at once, unsent", async () => {
    const made = harness({ rateLimit: { perSecond: 2, burst: 1 }, deadlineMs: 1_200 });
    const arrivals = timedServer(made);

    const started = performance.now();
    const first = made.client.block({ e164: "+16315551000" });
    // Its turn is 500 ms away, within 600 ms (half its deadline): it waits and goes.
    const second = made.client.block({ e164: "+16315551000" });
    // Its turn would be 1 s away: refused now, rather than holding a turn it could hardly use.
    const third = made.client.block({ e164: "+16315551000" }).catch((caught: unknown) => caught);

    const refusal = await third;
    expect(performance.now() - started).toBeLessThan(250);
    expect(refusal).toBeInstanceOf(WhatsAppBusyError);
    expect(refusal).toMatchObject({ neverSent: true, message: expect.stringMatching(/not sent/) });
    await Promise.all([first, second]);
    expect(arrivals).toHaveLength(2);
  });

  it("lets the health ping through at once while contacts calls queue for their turn", async () => {
    const made = harness({ rateLimit: { perSecond: 1, burst: 1 }, deadlineMs: 5_000 });
    timedServer(made);
    made.server
      .intercept({ path: "/v1/health", method: "GET" })
      .reply(200, ok({ health: { gateway_status: "connected" } }));
    await made.client.block({ e164: "+16315551000" });
    const queued = made.client.block({ e164: "+16315551000" });

    const started = performance.now();
    await made.client.ping();
    expect(performance.now() - started).toBeLessThan(200);
    await queued;
  });

  it("ends a wait for a token when the client closes", async () => {
    const made = harness({ rateLimit: { perSecond: 1, burst: 1 }, deadlineMs: 5_000 });
    timedServer(made);
    await made.client.block({ e164: "+16315551000" });

    const waiting = made.client.block({ e164: "+16315551000" }).catch((caught: unknown) => caught);
    const started = performance.now();
    await made.client.close();

    expect(await waiting).toMatchObject({ code: "wa_connection", message: expect.stringMatching(/closed/) });
    expect(performance.now() - started).toBeLessThan(250);
  });
});
