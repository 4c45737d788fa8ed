import type { AnyMiddlewareArgs, Middleware, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { createPendingWork } from "../../common/pending-work.js";
import type { AppLogger } from "../../log/logger.js";
import type { RequestSurface } from "../../metrics/metrics.js";
import { BUSY_TEXT } from "../text/busy-text.js";
import { renderErrorMessage } from "../views/error-message.js";
import { offerAfterAck } from "./after-ack.js";

/**
 * Counts the requests being served, so that stopping can wait for them: a listener keeps working after its
 * ack (the answer goes through the response URL), and cutting it off would leave a moderator with a note
 * saying "Blocking…" forever.
 *
 * It also bounds them (docs/CONTRACT.md §8). The ack comes before the work, so nothing slows down whoever sends
 * commands: past `maxCommands` commands under way, a new one is answered in its ack that nothing was done,
 * instead of queueing work until the process runs out of memory. Clicks, shortcuts and modals are always served:
 * they finish what a person already started. A request is under way until its listener returns, or, when the
 * listener handed its work over after the ack (after-ack.ts), until that work settles.
 */
export interface InFlight {
  middleware: Middleware<AnyMiddlewareArgs>;
  /** Resolves once every request under way has finished, or after `timeoutMs`, whichever comes first. */
  drain(timeoutMs: number): Promise<void>;
}

export interface InFlightOptions {
  maxCommands: number;
  logger: AppLogger;
  /** Called once per Slack request with its surface. */
  onRequest?: ((surface: SlackSurface) => void) | undefined;
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

export function createInFlight(options: InFlightOptions): InFlight {
  const pending = createPendingWork();
  let commands = 0;
  /** Commands turned away since the last one was taken, for one log line per spell rather than one per command. */
  let turnedAway = 0;

  const turnAway = async (args: SlackCommandMiddlewareArgs): Promise<void> => {
    if (turnedAway === 0) {
      options.logger.warn("too many commands under way: answering new ones that nothing was done", {
        underWay: commands,
      });
    }
    turnedAway += 1;
    await args.ack({ ...renderErrorMessage(BUSY_TEXT), response_type: "ephemeral" });
  };

  return {
    middleware: async (args) => {
      const surface = surfaceOf(args.body);
      options.onRequest?.(surface);
      if (surface === "command") {
        if (commands >= options.maxCommands) return turnAway(args as SlackCommandMiddlewareArgs);
        commands += 1;
        if (turnedAway > 0) {
          options.logger.info("taking commands again", { turnedAway });
          turnedAway = 0;
        }
      }
      // The request is done once its listener has returned and all the work it handed over has settled: counted
      // down once, however many pieces were handed over.
      const handedOver: Array<Promise<unknown>> = [];
      const finished = (): void => {
        if (surface === "command") commands -= 1;
      };
      offerAfterAck(args.context, (work) => {
        handedOver.push(work);
        pending.track(work);
        // Handed-over work no longer reaches Bolt's error path, which logged a listener's failure: log it here.
        work.catch((error: unknown) =>
          options.logger.error("a Slack request failed after its acknowledgement", error),
        );
      });
      const work = args.next();
      pending.track(work);
      try {
        await work;
      } finally {
        if (handedOver.length === 0) finished();
        else void Promise.allSettled(handedOver).then(finished);
      }
    },
    drain: async (timeoutMs) => {
      await pending.drain(timeoutMs);
    },
  };
}
