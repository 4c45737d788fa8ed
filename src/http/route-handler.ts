import type { IncomingMessage, ServerResponse } from "node:http";
import type { AppLogger } from "../log/logger.js";
import { sendJson } from "./respond.js";

/** What Bolt's `customRoutes` call (HTTPReceiver and SocketModeReceiver alike); a plain node:http listener. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Turns an async handler into a RouteHandler that never leaves a rejected promise behind: the receivers
 * ignore the return value, so an escaped error would crash the process or leave the caller hanging.
 */
export function asyncRoute(
  run: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  logger?: AppLogger,
): RouteHandler {
  return (req, res) => {
    run(req, res).catch((error: unknown) => {
      logger?.error("HTTP handler failed", error);
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, { ok: false, error: "internal_error" });
    });
  };
}
