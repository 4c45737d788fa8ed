import type { IncomingMessage, ServerResponse } from "node:http";
import { titleFor } from "./api-errors.js";
import { meta, sendJson } from "./http-io.js";
import type { SandboxFault } from "./types.js";

export interface FaultQueue {
  next(fault: SandboxFault, times?: number): void;
  clear(): void;
  /** The fault for the request at hand, if one is queued (and consumes it). */
  take(): SandboxFault | undefined;
}

export function createFaultQueue(): FaultQueue {
  const queue: SandboxFault[] = [];
  return {
    next(fault, times = 1) {
      for (let i = 0; i < times; i += 1) queue.push(fault);
    },
    clear() {
      queue.length = 0;
    },
    take() {
      return queue.shift();
    },
  };
}

/** The bodies a shape answers faults with; the rest of a fault (status, headers, hanging) is the same. */
export interface FaultBodies {
  /** A `status` fault's body, for `code` or the shape's usual code for that status. */
  status(status: 429 | 503 | 500, code: number | undefined): unknown;
  /** An `errors200` fault's body: a failure sent with HTTP 200. */
  errors200(code: number, title: string): unknown;
}

const DEFAULT_CODES: Record<429 | 503 | 500, number> = { 429: 1015, 503: 1016, 500: 1014 };

/** The On-Premises envelope: `errors[]` plus `meta`. */
export function onPremFaultBodies(version: string): FaultBodies {
  const envelope = (code: number, title: string) => ({
    errors: [{ code, title, details: "Injected by the sandbox" }],
    meta: meta(version),
  });
  return {
    status: (status, code) => {
      const chosen = code ?? DEFAULT_CODES[status];
      return envelope(chosen, titleFor(chosen));
    },
    errors200: envelope,
  };
}

const PROXY_PAGE =
  "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n" +
  "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

/** Answers (or pointedly does not answer) a request the way the fault says. */
export function applyFault(
  fault: SandboxFault,
  req: IncomingMessage,
  res: ServerResponse,
  bodies: FaultBodies,
): void {
  switch (fault.kind) {
    case "status": {
      const headers: Record<string, string> =
        fault.retryAfterSeconds === undefined ? {} : { "retry-after": String(fault.retryAfterSeconds) };
      sendJson(res, fault.status, bodies.status(fault.status, fault.code), headers);
      return;
    }
    case "errors200":
      sendJson(res, 200, bodies.errors200(fault.code, fault.title));
      return;
    case "html502":
      res.writeHead(502, {
        "content-type": "text/html",
        "content-length": String(Buffer.byteLength(PROXY_PAGE)),
      });
      res.end(PROXY_PAGE);
      return;
    case "reset":
      req.socket.destroy();
      return;
    case "hang":
      // Left open on purpose: close() ends it with every other connection.
      return;
  }
}
