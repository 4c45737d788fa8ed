import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { ModerationMetrics } from "../moderation/types.js";

export type RequestSurface = "command" | "action" | "shortcut" | "view" | "webhook";
export type WhatsAppEndpoint = "check" | "block" | "unblock" | "report" | "blocklist" | "ping";
export type CallOutcome = "ok" | "error";

export interface AppMetrics {
  /** Its own registry, so several app instances (and tests) in one process do not collide. */
  registry: Registry;
  slackRequest(surface: RequestSurface): void;
  whatsappCall(endpoint: WhatsAppEndpoint, outcome: CallOutcome, seconds: number, errorCode?: string): void;
  moderationMetrics: ModerationMetrics;
  webhookLatency(seconds: number): void;
  /** The relay queue's depth and the age of its oldest message, as its drainer last saw them. */
  relayQueue(depth: number, oldestSeconds: number): void;
  /** Where the budget gauge reads today's remaining look-ups at each scrape (the shared store). */
  readBudgetLeftFrom(read: () => Promise<number>): void;
}

// WhatsApp calls range from a cached answer (ms) to a retried, timed-out one (the 15 s action budget).
const CALL_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30];
// A webhook delivery is queued within a few store writes; seconds mean the store is slow.
const WEBHOOK_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

const LAG_SAMPLE_EVERY_MS = 100;

export function createMetrics(): AppMetrics {
  const registry = new Registry();
  // The event-loop lag histogram samples once per `eventLoopMonitoringPrecision` ms. prom-client's default of 10 ms
  // wakes an idle bot 100 times a second, which cost it about 9 ms of CPU every second (bench/startup-memory.ts);
  // every 100 ms still gives a 15 s scrape 150 samples, each timed to the nanosecond.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: LAG_SAMPLE_EVERY_MS });

  const requests = new Counter({
    name: "wam_requests_total",
    help: "Requests handled, by surface (Slack command, action, shortcut, view; the WhatsApp webhook).",
    labelNames: ["surface"],
    registers: [registry],
  });
  const calls = new Counter({
    name: "wam_whatsapp_calls_total",
    help: "Calls to the WhatsApp backend, by endpoint and outcome; failures carry the error code.",
    labelNames: ["endpoint", "outcome", "error_code"],
    registers: [registry],
  });
  const callSeconds = new Histogram({
    name: "wam_whatsapp_call_duration_seconds",
    help: "Time a call to the WhatsApp backend took, retries included, by endpoint and outcome.",
    labelNames: ["endpoint", "outcome"],
    buckets: CALL_BUCKETS,
    registers: [registry],
  });
  const cacheLookups = new Counter({
    name: "wam_check_cache_lookups_total",
    help: "Contact check cache look-ups, by result (hit or miss).",
    labelNames: ["result"],
    registers: [registry],
  });
  let readBudgetLeft: (() => Promise<number>) | undefined;
  const budgetLeft = new Gauge({
    name: "wam_check_budget_remaining",
    help: "Uncached contact checks still allowed today (CHECK_DAILY_BUDGET), across all replicas.",
    registers: [registry],
    // Read when scraped, so it is right from the start and after another replica's checks; a store that does
    // not answer leaves the value last seen.
    async collect() {
      if (readBudgetLeft === undefined) return;
      try {
        this.set(await readBudgetLeft());
      } catch {
        // the store is down: /healthz says so; the gauge keeps its last value
      }
    },
  });
  const webhookSeconds = new Histogram({
    name: "wam_webhook_latency_seconds",
    help: "Time from receiving a WhatsApp webhook delivery to its messages being queued for the relay.",
    buckets: WEBHOOK_BUCKETS,
    registers: [registry],
  });

  const queueDepth = new Gauge({
    name: "wam_relay_queue_depth",
    help: "Inbound messages queued for the relay channel and not posted yet (docs/CONTRACT.md §5).",
    registers: [registry],
  });
  const queueAge = new Gauge({
    name: "wam_relay_queue_oldest_age_seconds",
    help: "How long the oldest inbound message still queued for the relay channel has waited.",
    registers: [registry],
  });

  return {
    registry,
    slackRequest: (surface) => requests.inc({ surface }),
    whatsappCall: (endpoint, outcome, seconds, errorCode) => {
      calls.inc(
        errorCode === undefined ? { endpoint, outcome } : { endpoint, outcome, error_code: errorCode },
      );
      callSeconds.observe({ endpoint, outcome }, seconds);
    },
    moderationMetrics: {
      cacheLookup: (hit) => cacheLookups.inc({ result: hit ? "hit" : "miss" }),
      budgetLeft: (remaining) => budgetLeft.set(remaining),
    },
    webhookLatency: (seconds) => webhookSeconds.observe(seconds),
    relayQueue: (depth, oldestSeconds) => {
      queueDepth.set(depth);
      queueAge.set(oldestSeconds);
    },
    readBudgetLeftFrom: (read) => {
      readBudgetLeft = read;
    },
  };
}
