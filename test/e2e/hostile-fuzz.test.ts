import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ActionId, CallbackId } from "../../src/slack/ids.js";
import {
  blockAction,
  messageShortcut,
  postSigned,
  slashCommand,
  viewSubmission,
} from "../support/slack-requests.js";
import { malformedStrings } from "../support/slack-safety.js";
import { type E2EApp, MODERATOR_ID, SIGNING_SECRET, STRANGER_ID, startE2EApp } from "./harness.js";

/**
 * A seeded fuzz of what a Slack user controls, posted through the real signed /slack/events path
 * (docs/CONTRACT.md §8): command text and interaction payloads. Whatever comes in, the process answers every
 * request within Slack's 3 s without a 5xx, no promise goes unhandled, and nothing it posts or answers pings
 * @channel, @here or @everyone, mentions a made-up id or builds a link from what was typed.
 */

const SEED = 20261206;
const RUNS = 100;

const hostilePieces = fc.constantFrom(
  "<!channel>",
  "<!here>",
  "<!everyone>",
  "<@U0MOD>",
  "<@<!channel>>",
  "<http://evil.example|click>",
  "<mailto:x@evil.example>",
  "<#C0MOD>",
  "&lt;!here&gt;",
  "\uD83D",
  "\uDE00",
  "😀",
  "+1 631 555 1001",
  "6315551002",
  "<tel:+16315551003|+1 631 555 1003>",
  "--public",
  "--force",
  "—block",
  "wamid.ABC123",
  ",",
  ";",
  "\n",
  " ",
  "1 1 1 1 1",
);
const hostileText = fc
  .array(fc.oneof(hostilePieces, fc.string({ maxLength: 12 }), fc.string({ unit: "binary", maxLength: 6 })), {
    maxLength: 12,
  })
  .map((parts) => parts.join(""));
const commandText = fc.tuple(
  fc.constantFrom("", "block ", "unblock ", "report ", "history ", "blocklist ", "help "),
  hostileText,
);
const userId = fc.constantFrom(MODERATOR_ID, STRANGER_ID);
const actionId = fc.oneof(fc.constantFrom(...Object.values(ActionId)), fc.string({ maxLength: 10 }));
const jsonish = fc.jsonValue({ maxDepth: 3 });

/** Slack's own mentions and links, as they would appear in an answer or a post. */
const PINGS = /<!(?:channel|here|everyone)|<@(?![UW][A-Z0-9]{2,}>)|<(?:https?:|mailto:)[^>]*evil/;

describe("fuzzing /slack/events", () => {
  let app: E2EApp;
  const answers: string[] = [];
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);

  beforeAll(async () => {
    process.on("unhandledRejection", onRejection);
    app = await startE2EApp();
  });
  afterAll(async () => {
    process.off("unhandledRejection", onRejection);
    await app.close();
  });

  const post = async (body: string) => {
    const response = await postSigned(`${app.url}/slack/events`, body, { secret: SIGNING_SECRET });
    expect(response.status).toBeLessThan(500);
    expect(response.elapsedMs).toBeLessThan(3000);
    answers.push(response.body);
    return response;
  };

  it("survives command text", async () => {
    await fc.assert(
      fc.asyncProperty(commandText, userId, async ([form, text], user) => {
        const response = await post(
          slashCommand(`${form}${text}`, { userId: user, responseUrl: app.slack.responseUrl() }),
        );
        expect(response.status).toBe(200);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 30_000);

  it("survives interaction payloads", async () => {
    const interaction = fc.oneof(
      fc
        .tuple(actionId, hostileText, userId, fc.boolean())
        .map(([id, value, user, isEphemeral]) =>
          blockAction(
            { actionId: id, value },
            { userId: user, responseUrl: app.slack.responseUrl(), isEphemeral, message: { text: value } },
          ),
        ),
      fc.tuple(hostileText, jsonish, userId).map(([text, metadata, user]) =>
        messageShortcut(
          {
            ts: "1700000000.000100",
            text,
            metadata,
            blocks: [{ type: "section", text: { type: "mrkdwn", text } }],
          },
          { userId: user, responseUrl: app.slack.responseUrl() },
        ),
      ),
      fc.tuple(hostileText, hostileText, fc.boolean(), userId).map(([number, reason, block, user]) =>
        viewSubmission(
          {
            callbackId: CallbackId.ReportModal,
            privateMetadata: number,
            values: {
              number: { value: { type: "plain_text_input", value: number } },
              reason: { value: { type: "plain_text_input", value: reason } },
              also_block: {
                value: { type: "checkboxes", selected_options: block ? [{ value: "yes" }] : [] },
              },
            },
          },
          { userId: user },
        ),
      ),
      jsonish.map((payload) => `payload=${encodeURIComponent(JSON.stringify(payload) ?? "null")}`),
      fc.string({ maxLength: 40 }).map((raw) => `payload=${encodeURIComponent(raw)}`),
    );
    await fc.assert(
      fc.asyncProperty(interaction, async (body) => {
        await post(body);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 30_000);

  it("pinged no one, posted only well-formed text, left no promise unhandled and still serves", async () => {
    // Let the flows under way post their answers.
    let settled = -1;
    while (settled !== app.slack.responseUrlHits.length + app.slack.calls.length) {
      settled = app.slack.responseUrlHits.length + app.slack.calls.length;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const posted = [
      ...answers,
      ...app.slack.responseUrlHits.map((hit) => JSON.stringify(hit.body)),
      ...app.slack.calls.map((call) => JSON.stringify(call.body)),
    ];
    const pinging = posted.filter((text) => PINGS.test(text));
    expect(pinging).toEqual([]);
    const sent = [
      ...app.slack.responseUrlHits.map((hit) => hit.body),
      ...app.slack.calls.map((call) => call.body),
    ];
    expect(malformedStrings(sent)).toEqual([]);
    expect(rejections).toEqual([]);
    const { status, path } = await app.command("+1 631 555 1002");
    expect(status).toBe(200);
    expect(await app.finalAnswer(path)).toContain("+1 631-555-1002");
  }, 30_000);
});
