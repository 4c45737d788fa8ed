import { describe, expect, it } from "vitest";
import { renderAuditLine } from "../../../src/audit/render-audit-line.js";
import { escapeMrkdwn, mentionOf } from "../../../src/common/mrkdwn.js";
import type { ActionResult, ContactHistory } from "../../../src/moderation/types.js";
import { renderRelayedMessage } from "../../../src/relay/render-relayed-message.js";
import { truncate } from "../../../src/slack/text/text-rules.js";
import { renderActionResult } from "../../../src/slack/views/action-result.js";
import { renderErrorMessage } from "../../../src/slack/views/error-message.js";
import { renderHistory } from "../../../src/slack/views/history.js";
import { renderProgress } from "../../../src/slack/views/progress.js";
import { allStrings, slackSafetyProblems } from "../../support/slack-safety.js";
import { auditRecord as record } from "./block-helpers.js";

/**
 * Nothing unescaped reaches Slack (docs/CONTRACT.md §8): stored ids and texts a crafted record or a WhatsApp sender
 * controls cannot ping @channel, mention anyone or build a link, and lone surrogates become U+FFFD before a post.
 */

const LONE = "bad \uD83D text \uDE00 end";
const CRAFTED_ACTORS = ["<!channel>", "U0MOD><!here", "u0mod", "W1", "cli:root", "U0MOD|x", "<@U0MOD>"];

const NOW = Date.parse("2030-01-01T12:00:00Z");

describe("mentions and escaping", () => {
  it("mentions only well-formed user ids", () => {
    expect(mentionOf("U0MOD")).toBe("<@U0MOD>");
    expect(mentionOf("W024BE7LH")).toBe("<@W024BE7LH>");
    for (const actor of CRAFTED_ACTORS) expect(mentionOf(actor)).not.toMatch(/<[@!]/);
  });

  it("escapes and makes well-formed in one step", () => {
    expect(escapeMrkdwn(`<!channel> & ${LONE}`)).toBe("&lt;!channel&gt; &amp; bad \uFFFD text \uFFFD end");
  });

  it("never cuts a surrogate pair in half", () => {
    expect(truncate("ab😀cd", 3)).toBe("ab…");
    expect(slackSafetyProblems(truncate("😀".repeat(10), 4))).toEqual([]);
  });
});

describe.each(CRAFTED_ACTORS)("a stored record whose actor is %j", (actor) => {
  const crafted = record({
    actor,
    reason: `<!everyone> ${LONE}`,
    errorCode: "<!here>",
    outcome: "failed",
    messageId: "<https://evil.example|click>",
    detail: "<#C123>",
    id: "<!channel>",
  });

  it("renders a history with no ping, no mention of it and well-formed text", () => {
    const history: ContactHistory = {
      e164: "+16315551000",
      display: `<!channel> ${LONE}`,
      trail: [crafted],
      lastMessageId: "<!here>",
      lastInboundAt: "2030-01-01T10:00:00Z",
    };
    expect(slackSafetyProblems(renderHistory(history, NOW))).toEqual([]);
  });

  it("renders an action result with no ping and well-formed text", () => {
    const result: ActionResult = {
      action: "block",
      contact: `<!channel>${LONE}`,
      warnings: [{ code: "country_implied", message: `<!here> ${LONE}` }],
      record: crafted,
    } as ActionResult;
    expect(slackSafetyProblems(renderActionResult(result))).toEqual([]);
  });

  it("renders an audit line with no ping and well-formed text", () => {
    expect(slackSafetyProblems(renderAuditLine({ ...crafted, at: `<!here>${LONE}` }))).toEqual([]);
  });
});

describe("a relayed WhatsApp message with lone surrogates and Slack controls", () => {
  const rendered = renderRelayedMessage({
    waId: "16315551234",
    messageId: "wamid.\uD800abc",
    timestamp: 1718000000,
    type: "text",
    text: `<!channel> ${LONE} <https://evil.example|x>`,
    profileName: `<!here> ${LONE}`,
    mediaNote: `note ${LONE}`,
  });

  it("is safe to post", () => {
    expect(slackSafetyProblems(rendered)).toEqual([]);
  });

  it("encodes as the Web API client encodes it", () => {
    for (const text of allStrings(rendered)) expect(() => encodeURIComponent(text)).not.toThrow();
  });
});

describe("error and progress messages", () => {
  it("have a well-formed fallback text", () => {
    expect(slackSafetyProblems(renderErrorMessage(`"${LONE}" is not a number`))).toEqual([]);
    expect(slackSafetyProblems(renderProgress(`Checking ${LONE}`))).toEqual([]);
  });
});
