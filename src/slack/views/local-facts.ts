import { escapeMrkdwn } from "../../common/mrkdwn.js";
import type { LocalFacts } from "../../moderation/types.js";
import { formatAgo } from "../text/time-text.js";

/** What the bot knows of a contact, one line per source, so nobody mistakes it for WhatsApp's word. */
export function localFactLines(facts: LocalFacts, now: number): string[] {
  const lines: string[] = [];
  if (facts.bsuid !== undefined || facts.username !== undefined) {
    const known = [
      facts.bsuid === undefined ? "" : `BSUID \`${escapeMrkdwn(facts.bsuid)}\``,
      facts.username === undefined ? "" : `username ${escapeMrkdwn(facts.username)}`,
    ].filter(Boolean);
    lines.push(`_From webhooks:_ ${known.join(", ")}`);
  }
  if (facts.lastInboundAt !== undefined) {
    const window = facts.windowOpen ? "24-hour window open" : "24-hour window closed";
    lines.push(`_From the relay:_ last wrote ${formatAgo(facts.lastInboundAt, now)} (${window})`);
  } else {
    lines.push("_From the relay:_ not seen writing");
  }
  if (facts.lastAction !== undefined) {
    const { action, outcome, at } = facts.lastAction;
    const state =
      facts.blockedHere === undefined
        ? ""
        : facts.blockedHere
          ? "; blocked by this bot"
          : "; not blocked by this bot";
    lines.push(`_From the audit trail:_ last ${action} ${outcome} ${formatAgo(at, now)}${state}`);
  } else {
    lines.push("_From the audit trail:_ no moderation action recorded");
  }
  return lines;
}
