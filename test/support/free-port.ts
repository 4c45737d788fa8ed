import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback port nobody listens on: bound and freed again, so a connection to it is refused. Given `port`,
 * proves that port is free (rejects with EADDRINUSE when something still listens there).
 */
export function freePort(port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const { port: bound } = server.address() as AddressInfo;
      server.close(() => resolve(bound));
    });
  });
}
