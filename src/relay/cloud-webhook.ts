import type { AppLogger } from "../log/logger.js";
import { readCloudDelivery } from "./cloud-notification.js";
import type { StoreContactDirectory } from "./contact-directory.js";
import type { IdentityUpdate, Relay } from "./types.js";
import type { WebhookIntake } from "./webhook-intake.js";

export interface CloudIntakeDeps {
  relay: Relay;
  directory: Pick<StoreContactDirectory, "learn">;
  logger: AppLogger;
}

// A log line names this many of the parts left aside; the count says how many there were in all.
const IGNORED_LOGGED = 10;

/**
 * What a signed Cloud delivery turns into. Every signed delivery gets 200, even one the bot cannot use (not JSON,
 * statuses only, other fields, malformed entries): Meta resends anything else for 7 days, and resending would
 * not make it usable (docs/CONTRACT.md §1.2). Such a delivery leaves a log line instead.
 */
export function createCloudIntake(deps: CloudIntakeDeps): WebhookIntake {
  const { relay, directory, logger } = deps;

  const learnAll = async (identities: IdentityUpdate[]): Promise<void> => {
    let failed = 0;
    // One at a time: updates of one delivery often name the same user, and each merges with the last.
    for (const identity of identities) {
      await directory.learn(identity).catch((error: unknown) => {
        failed += 1;
        if (failed === 1) logger.warn("could not store what a webhook says about a contact's ids", error);
      });
    }
    if (failed > 1) logger.warn("contact ids left unstored from one webhook delivery", { failed });
  };

  return (rawBody) => {
    let body: unknown;
    try {
      body = JSON.parse(rawBody.toString("utf8"));
    } catch {
      // The parser's message quotes the body, which may be a contact's text: only its size is logged.
      logger.warn("signed cloud webhook delivery is not JSON; acknowledged and dropped", {
        bytes: rawBody.length,
      });
      return { status: 200, body: { ok: true } };
    }
    const delivery = readCloudDelivery(body);
    const { messages, identities, statuses, ignored } = delivery;
    const summary = { messages: messages.length, statuses, identities: identities.length };
    if (ignored.length > 0) {
      logger.warn("cloud webhook delivery: parts left aside", {
        ...summary,
        ignoredCount: ignored.length,
        ignored: ignored.slice(0, IGNORED_LOGGED),
      });
    } else if (messages.length === 0) {
      logger.info("cloud webhook delivery with no message to relay", summary);
    }
    const work =
      messages.length + identities.length === 0
        ? undefined
        : async () => {
            await Promise.all([learnAll(identities), messages.length > 0 ? relay(messages) : undefined]);
          };
    return { status: 200, body: { ok: true }, ...(work ? { work } : {}) };
  };
}
