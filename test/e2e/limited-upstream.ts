import { createServer, request } from "node:http";
import { createTokenBucket, type RateLimit } from "../../src/sandbox/rate-limit.js";

/**
 * An On-Premises server with a strict rate limit, as the bot meets one in production: a proxy on 127.0.0.1 in front
 * of the sandbox (run with its own limit off) that allows `limit` over every `/v1/contacts*` call of every client
 * together and answers 429 (code 1015, Retry-After) beyond it. Other paths (login, health) are not limited,
 * as on the real server. It counts what it let through and what it refused.
 */
export interface LimitedUpstream {
  url: string;
  /** When each contacts call was let through (ms, in arrival order). */
  readonly passed: number[];
  /** How many contacts calls were answered 429. */
  refused(): number;
  close(): Promise<void>;
}

const TOO_MANY = JSON.stringify({
  meta: { api_status: "stable", version: "v2.41.2" },
  errors: [{ code: 1015, title: "Too many requests", details: "Rate limit exceeded, retry later" }],
});

export async function startLimitedUpstream(target: string, limit: RateLimit): Promise<LimitedUpstream> {
  const take = createTokenBucket(limit, Date.now);
  const passed: number[] = [];
  let refused = 0;
  const server = createServer((req, res) => {
    if (req.url?.startsWith("/v1/contacts")) {
      const retryAfter = take();
      if (retryAfter !== undefined) {
        refused += 1;
        res.writeHead(429, { "content-type": "application/json", "retry-after": String(retryAfter) });
        res.end(TOO_MANY);
        req.resume();
        return;
      }
      passed.push(Date.now());
    }
    const forward = request(
      new URL(req.url ?? "/", target),
      { method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on("error", () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the proxy has no TCP address");
  return {
    url: `http://127.0.0.1:${address.port}`,
    passed,
    refused: () => refused,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
