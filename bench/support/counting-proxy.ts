import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";

/** One answer the upstream gave, as the proxy passed it on. */
export interface ProxiedAnswer {
  /** performance.now() when the answer's head arrived. */
  at: number;
  path: string;
  status: number;
}

/** A plain HTTP proxy in front of a WhatsApp server that notes every answer, so a benchmark counts what the server said. */
export interface CountingProxy {
  url: string;
  answers: ProxiedAnswer[];
  close(): Promise<void>;
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const answers: ProxiedAnswer[] = [];
  const server = createServer((incoming, outgoing) => {
    const path = incoming.url ?? "/";
    const forwarded = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path,
        headers: incoming.headers,
      },
      (answer) => {
        answers.push({
          at: performance.now(),
          path: path.split("?")[0] ?? path,
          status: answer.statusCode ?? 0,
        });
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on("error", () => {
      outgoing.writeHead(502);
      outgoing.end();
    });
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    answers,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
