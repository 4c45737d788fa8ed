import { afterEach, describe, expect, it } from "vitest";
import { createHealthHandler, type HealthCheck } from "../../src/http/health-handler.js";
import { serve, type TestServer } from "./serve.js";

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function getHealth(checks: HealthCheck[], timeoutMs?: number) {
  server = await serve(createHealthHandler(timeoutMs === undefined ? { checks } : { checks, timeoutMs }));
  const response = await fetch(`${server.url}/healthz`);
  return { status: response.status, type: response.headers.get("content-type"), body: await response.json() };
}

const healthy = (name: string): HealthCheck => ({ name, probe: async () => {} });

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
});
