import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import { createPendingWork } from "../../common/pending-work.js";
import type { RequestSurface } from "../../metrics/metrics.js";

/**
 * Counts the requests being served, so that stopping can wait for them: a listener keeps working after its
 * ack (the answer goes through the response URL), and cutting it off would leave a moderator with a note
 * saying "Blocking…" forever.
 */
export interface InFlight {
  middleware: Middleware<AnyMiddlewareArgs>;
  /** Resolves once every request under way has finished, or after `timeoutMs`, whichever comes first. */
  drain(timeoutMs: number): Promise<void>;
}

/** What a Slack request is, for metrics; "other" for one no listener serves. */
export type SlackSurface = Exclude<RequestSurface, "webhook"> | "other";

function surfaceOf(body: unknown): SlackSurface {
  if (typeof body !== "object" || body === null) return "other";
  const record = body as Record<string, unknown>;
  if (typeof record.command === "string") return "command";
  switch (record.type) {
    case "block_actions":
      return "action";
    case "message_action":
    case "shortcut":
      return "shortcut";
    case "view_submission":
    case "view_closed":
      return "view";
    default:
      return "other";
  }
}

export function createInFlight(onRequest?: (surface: SlackSurface) => void): InFlight {
  const pending = createPendingWork();
  return {
    middleware: async ({ body, next }) => {
      onRequest?.(surfaceOf(body));
      const work = next();
      pending.track(work);
      await work;
    },
    drain: async (timeoutMs) => {
      await pending.drain(timeoutMs);
    },
  };
}
