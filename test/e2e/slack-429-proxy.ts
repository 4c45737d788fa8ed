import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * An HTTP proxy in front of the fake Slack Web API that answers chat.postMessage with 429 and a Retry-After
 * while `limit(seconds)` is on, as Slack does beyond its per-channel limit (docs/CONTRACT.md §5). With
 * `pace(...)` it enforces that limit as Slack does instead: a token bucket per channel (`burst` posts, refilled
 * at `perSecond`), 429 + Retry-After beyond it, and a post arriving before a Retry-After given for its channel
 * has passed counted as a violation.
 */
export interface Slack429Proxy {
  /** The SLACK_API_URL to give the app once `target` is set. */
  url: string;
  target: string;
  limit(retryAfterSeconds: number | undefined): void;
  pace(limit: ChannelPace | undefined): void;
  readonly limited: number;
  readonly violations: number;
  close(): Promise<void>;
}

export interface ChannelPace {
  perSecond: number;
  burst: number;
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  at: number;
  restUntil: number;
}

/** The channel a Web API call names, in a form or a JSON body. */
function channelOf(body: Buffer): string {
  const text = body.toString("utf8");
  try {
    const parsed = JSON.parse(text) as { channel?: unknown };
    return String(parsed.channel ?? "");
  } catch {
    return new URLSearchParams(text).get("channel") ?? "";
  }
}

export async function startSlack429Proxy(): Promise<Slack429Proxy> {
  let retryAfter: number | undefined;
  let pace: ChannelPace | undefined;
  const buckets = new Map<string, Bucket>();
  let limited = 0;
  let violations = 0;

  /** The Retry-After to answer this post with, or undefined when the channel's bucket lets it through. */
  const paced = (channel: string): number | undefined => {
    if (pace === undefined) return retryAfter;
    const now = performance.now();
    const bucket = buckets.get(channel) ?? { tokens: pace.burst, at: now, restUntil: 0 };
    buckets.set(channel, bucket);
    bucket.tokens = Math.min(pace.burst, bucket.tokens + ((now - bucket.at) / 1000) * pace.perSecond);
    bucket.at = now;
    if (now < bucket.restUntil) violations += 1;
    if (bucket.tokens < 1) {
      bucket.restUntil = now + pace.retryAfterSeconds * 1000;
      return pace.retryAfterSeconds;
    }
    bucket.tokens -= 1;
    return undefined;
  };

  const proxy: Slack429Proxy = {
    url: "",
    target: "",
    limit: (seconds) => {
      retryAfter = seconds;
    },
    pace: (limit) => {
      pace = limit;
      buckets.clear();
    },
    get limited() {
      return limited;
    },
    get violations() {
      return violations;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const method = (req.url ?? "").replace(/^\/api\//, "");
      const wait = method === "chat.postMessage" ? paced(channelOf(Buffer.concat(chunks))) : undefined;
      if (wait !== undefined) {
        limited += 1;
        res.writeHead(429, { "retry-after": String(wait), "content-type": "application/json" });
        res.end(JSON.stringify({ ok: false, error: "ratelimited" }));
        return;
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === "string" && name !== "host" && name !== "content-length") headers[name] = value;
      }
      const answer = await fetch(new URL(method, proxy.target), {
        method: req.method ?? "POST",
        headers,
        body: Buffer.concat(chunks),
      });
      res.writeHead(answer.status, {
        "content-type": answer.headers.get("content-type") ?? "application/json",
      });
      res.end(Buffer.from(await answer.arrayBuffer()));
    })().catch(() => {
      res.writeHead(502).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  return proxy;
}
