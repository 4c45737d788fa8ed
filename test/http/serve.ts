import { createServer } from "node:http";
import type { RouteHandler } from "../../src/http/route-handler.js";

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

/** Serves one route handler on 127.0.0.1 at a free port, the way Bolt's receivers call it. */
export async function serve(handler: RouteHandler): Promise<TestServer> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("server has no TCP address");
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
