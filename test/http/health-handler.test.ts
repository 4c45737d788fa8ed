import { afterEach, describe, expect, it } from "vitest";
import { createHealthHandler } from "../../src/http/health-handler.js";
import { createHealthMonitor, type HealthCheck, type HealthMonitor } from "../../src/http/health-monitor.js";
import { serve, type TestServer } from "./serve.js";

let server: TestServer | undefined;
const monitors: HealthMonitor[] = [];

afterEach(async () => {
  for (const monitor of monitors.splice(0)) monitor.stop();
  await server?.close();
  server = undefined;
});

async function healthServer(
  checks: HealthCheck[],
  options: { timeoutMs?: number; intervalMs?: number } = {},
) {
  const monitor = createHealthMonitor({ checks, ...options });
  monitors.push(monitor);
  server = await serve(createHealthHandler(monitor));
  const url = `${server.url}/healthz`;
  return async () => {
    const response = await fetch(url);
    return {
      status: response.status,
      type: response.headers.get("content-type"),
      body: await response.json(),
    };
  };
}

async function getHealth(checks: HealthCheck[], timeoutMs?: number) {
  return (await healthServer(checks, timeoutMs === undefined ? {} : { timeoutMs }))();
}

const healthy = (name: string): HealthCheck => ({ name, probe: async () => {} });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("GET /healthz", () => {
  describe("when every dependency answers", () => {
    it("answers 200 with ok true as JSON", async () => {
      const health = await getHealth([healthy("store"), healthy("whatsapp")]);
      expect(health.status).toBe(200);
      expect(health.type).toMatch(/^application\/json/);
      expect(health.body).toEqual({ ok: true });
    });
  });

  describe("when a dependency fails", () => {
    it("answers 503 naming only the failing one, with its error message as the reason", async () => {
      const whatsapp: HealthCheck = {
        name: "whatsapp",
        probe: async () => {
          throw new Error("connect ECONNREFUSED 127.0.0.1:9090");
        },
      };
      const health = await getHealth([healthy("store"), whatsapp]);
      expect(health.status).toBe(503);
      expect(health.body).toEqual({
        ok: false,
        failing: [{ name: "whatsapp", reason: "connect ECONNREFUSED 127.0.0.1:9090" }],
      });
    });

    it("keeps secrets out of the reason", async () => {
      const store: HealthCheck = {
        name: "store",
        probe: () =>
          Promise.reject(new Error("cannot reach redis://admin:hunter2@cache:6379 (password=hunter2)")),
      };
      const health = await getHealth([store]);
      expect(health.status).toBe(503);
      expect(JSON.stringify(health.body)).not.toContain("hunter2");
    });

    it("reports a probe that throws before returning a promise", async () => {
      const broken: HealthCheck = {
        name: "store",
        probe: () => {
          throw new Error("store closed");
        },
      };
      const health = await getHealth([broken]);
      expect(health.body).toEqual({ ok: false, failing: [{ name: "store", reason: "store closed" }] });
    });
  });

  describe("when a dependency hangs", () => {
    it("answers 503 within the timeout, saying it did not answer", async () => {
      const hanging: HealthCheck = { name: "whatsapp", probe: () => new Promise(() => {}) };
      const started = Date.now();
      const health = await getHealth([healthy("store"), hanging], 100);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(health.status).toBe(503);
      expect(health.body).toEqual({
        ok: false,
        failing: [{ name: "whatsapp", reason: "no answer within 100 ms" }],
      });
    });
  });

  describe("answering from the background probes' last results", () => {
    it("answers at once while a slow probe runs, and probes at its own pace however often it is asked", async () => {
      let probes = 0;
      const slow: HealthCheck = {
        name: "whatsapp",
        probe: async () => {
          probes += 1;
          if (probes > 1) await sleep(400);
        },
      };
      const get = await healthServer([slow], { intervalMs: 100 });
      await get();

      const durations: number[] = [];
      for (let index = 0; index < 20; index += 1) {
        const started = performance.now();
        expect((await get()).status).toBe(200);
        durations.push(performance.now() - started);
        await sleep(25);
      }
      // 20 requests over about 0.5 s: one round of 0.4 s starts after 0.1 s, then at most one more.
      expect(probes).toBeLessThanOrEqual(3);
      expect(Math.max(...durations)).toBeLessThan(250);
    });

    it("turns 503 after the next round once a dependency stops answering, and 200 again when it is back", async () => {
      let failing = false;
      const store: HealthCheck = {
        name: "store",
        probe: async () => {
          if (failing) throw new Error("SQLITE_READONLY: attempt to write a readonly database");
        },
      };
      const get = await healthServer([store], { intervalMs: 50 });
      expect((await get()).status).toBe(200);

      failing = true;
      await sleep(200);
      expect(await get()).toMatchObject({
        status: 503,
        body: { failing: [{ name: "store", reason: expect.stringContaining("readonly") }] },
      });

      failing = false;
      await sleep(200);
      expect((await get()).status).toBe(200);
    });

    it("stops probing when stopped", async () => {
      let probes = 0;
      const monitor = createHealthMonitor({
        checks: [
          {
            name: "store",
            probe: async () => {
              probes += 1;
            },
          },
        ],
        intervalMs: 20,
      });
      await monitor.current();
      monitor.stop();
      const after = probes;
      await sleep(100);
      expect(probes).toBe(after);
    });
  });
});
