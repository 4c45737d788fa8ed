import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * An HTTP proxy in front of the fake Slack Web API that answers chat.postMessage with 429 and a Retry-After
 * while `limit(seconds)` is on, as Slack does beyond its per-channel limit (docs/CONTRACT.md §5).
 */
export interface Slack429Proxy {
  /** The SLACK_API_URL to give the app once `target` is set. */
  url: string;
  target: string;
  limit(retryAfterSeconds: number | undefined): void;
  readonly limited: number;
  close(): Promise<void>;
}

export async function startSlack429Proxy(): Promise<Slack429Proxy> {
  let retryAfter: number | undefined;
  let limited = 0;
  const proxy: Slack429Proxy = {
    url: "",
    target: "",
    limit: (seconds) => {
      retryAfter = seconds;
    },
    get limited() {
      return limited;
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
      if (retryAfter !== undefined && method === "chat.postMessage") {
        limited += 1;
        res.writeHead(429, { "retry-after": String(retryAfter), "content-type": "application/json" });
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
