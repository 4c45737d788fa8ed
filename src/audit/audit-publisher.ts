import type { AppLogger } from "../log/logger.js";
import type { AuditPublisher } from "../moderation/types.js";
import { renderAuditLine } from "./render-audit-line.js";

export type AuditPoster = (message: { channel: string; text: string; blocks: unknown[] }) => Promise<unknown>;

/**
 * Posts each audit record to AUDIT_CHANNEL. Without a channel it does nothing. The core has already stored
 * the record, so a failed post is logged and the moderator's action carries on.
 */
export function createAuditPublisher(deps: {
  channel: string | undefined;
  post: AuditPoster;
  logger: AppLogger;
}): AuditPublisher {
  const { channel, post, logger } = deps;
  if (!channel) return async () => {};
  return async (record) => {
    try {
      await post({ channel, ...renderAuditLine(record) });
    } catch (error) {
      logger.warn("audit post to Slack failed; the record is stored", { auditId: record.id }, error);
    }
  };
}
