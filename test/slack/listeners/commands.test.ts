import { describe, expect, it } from "vitest";
import { NotEngagedError } from "../../../src/moderation/errors.js";
import type { CheckReport } from "../../../src/moderation/types.js";
import { SUBCOMMANDS } from "../../../src/slack/listeners/index.js";
import { waCheckCommand } from "../../../src/slack/listeners/wa-check-command.js";
import { WhatsAppApiError, WhatsAppTimeoutError } from "../../../src/whatsapp/errors.js";
import { allText } from "../views/block-helpers.js";
import { lastAnswer, useListenerSuite } from "./harness.js";

const suite = useListenerSuite({ blocked: Array.from({ length: 40 }, (_, i) => `1631555${1000 + i}`) });

function run(text: string) {
  const command = {
    command: "/wa-check",
    text,
    user_id: "U0MOD",
    user_name: "ana",
    channel_id: "C0MOD",
    response_url: suite.slack.responseUrl(),
  };
  return waCheckCommand({ command, ack: suite.h.ack, client: suite.h.client }, suite.h.deps, SUBCOMMANDS);
}

function ackBody(index = 0) {
  return suite.h.acks[index] as { response_type: string; text: string; blocks: unknown[] };
}

describe("/wa-check", () => {
  describe("help", () => {
    it("answers with the usage in the ack and calls nothing", async () => {
      await run("help");
      expect(suite.h.acks).toHaveLength(1);
      expect(ackBody().response_type).toBe("ephemeral");
      expect(allText(ackBody().blocks)).toContain("/wa-check block <number> [reason]");
      expect(suite.h.moderation.calls).toHaveLength(0);
    });
  });

  describe("a usage mistake", () => {
    it("is refused in the ack, before anything is called", async () => {
      await run("block +16315551000 --force");
      expect(allText(ackBody().blocks)).toContain("only applies to a check of numbers");
      expect(suite.h.moderation.calls).toHaveLength(0);
      expect(suite.slack.responseUrlHits).toHaveLength(0);
    });
  });

  describe("checking numbers", () => {
    it("acknowledges at once, then replaces the note with a row per number", async () => {
      await run("+16315551000, +16315551001 --force");
      expect(suite.h.acks).toHaveLength(1);
      expect(ackBody()).toMatchObject({ response_type: "ephemeral", text: "Checking 2 numbers…" });
      expect(suite.h.moderation.callsTo("check")[0]).toMatchObject({
        actor: { userId: "U0MOD", displayName: "ana" },
        args: [{ inputs: ["+16315551000", "+16315551001"], force: true, wait: false }],
      });
      const answer = lastAnswer(suite.slack);
      expect(answer.body).toMatchObject({ replace_original: true, response_type: "ephemeral" });
      expect(answer.text).toContain("*Checked 2 numbers*");
      expect(answer.text).toContain("+1 631-555-1001");
    });

    it("answers in the channel with --public", async () => {
      await run("+16315551000 --public");
      expect(ackBody().response_type).toBe("in_channel");
      expect(lastAnswer(suite.slack).body.response_type).toBe("in_channel");
    });

    it("acknowledges before the core answers", async () => {
      let ackedBeforeCore = false;
      suite.h.deps.moderation = {
        ...suite.h.moderation,
        check: async (actor, request) => {
          ackedBeforeCore = suite.h.acks.length === 1;
          return suite.h.moderation.check(actor, request);
        },
      };
      await run("+16315551000");
      expect(ackedBeforeCore).toBe(true);
    });

    it("shows progress while WhatsApp is processing, then the final answer last", async () => {
      let finish: (report: CheckReport) => void = () => undefined;
      suite.h.deps.moderation = {
        ...suite.h.moderation,
        check: (_actor, request) =>
          new Promise<CheckReport>((resolve) => {
            finish = resolve;
            suite.h.clock.now += 2000;
            request.onProgress?.({ done: 1, total: 2, round: 1 });
            suite.h.clock.now += 100; // too soon after the last note: dropped
            request.onProgress?.({ done: 1, total: 2, round: 2 });
          }),
      };
      const pending = run("+16315551000, +16315551001");
      await suite.slack.waitFor(() => suite.slack.responseUrlHits.length === 1);
      finish(
        await suite.h.moderation.check({ userId: "U0MOD" }, { inputs: ["+16315551000", "+16315551001"] }),
      );
      await pending;
      const texts = suite.slack.responseUrlHits.map((hit) =>
        allText((hit.body as { blocks: unknown[] }).blocks),
      );
      expect(texts).toHaveLength(2);
      expect(texts[0]).toContain("1 of 2 answered; WhatsApp is still processing (round 1)");
      expect(texts[1]).toContain("*Checked 2 numbers*");
    });
    it("sends at most three progress notes, so the response URL's five uses leave room for the answer", async () => {
      suite.h.deps.moderation = {
        ...suite.h.moderation,
        check: async (actor, request) => {
          for (let round = 1; round <= 8; round += 1) {
            suite.h.clock.now += 2000;
            request.onProgress?.({ done: 0, total: 1, round });
          }
          return suite.h.moderation.check(actor, request);
        },
      };
      await run("+16315551000");
      expect(suite.slack.responseUrlHits).toHaveLength(4);
      expect(lastAnswer(suite.slack).text).toContain("*Checked 1 number*");
    });
  });

  describe("block", () => {
    it("blocks with the reason typed and says so", async () => {
      await run("block +1 631 555 1000 sends scam links");
      expect(ackBody().text).toBe("Blocking +1 631 555 1000…");
      expect(suite.h.moderation.callsTo("block")[0]?.args).toEqual(["+1 631 555 1000", "sends scam links"]);
      expect(lastAnswer(suite.slack).text).toContain("Blocked *+1 631-555-1000*");
    });

    it("explains the 24-hour rule when WhatsApp says the contact is not engaged", async () => {
      const cause = new WhatsAppApiError({ code: 2048, title: "Not engaged contact", httpStatus: 400 });
      suite.h.moderation.failWith("block", new NotEngagedError("+16315551000", undefined, cause));
      await run("block +16315551000");
      const { text } = lastAnswer(suite.slack);
      expect(text).toContain("*not engaged*");
      expect(text).toContain("The bot has not seen it write.");
    });

    it("says nothing was changed when WhatsApp did not answer", async () => {
      suite.h.moderation.failWith(
        "block",
        new WhatsAppTimeoutError("WhatsApp did not answer within 10000 ms"),
      );
      await run("block +16315551000");
      expect(lastAnswer(suite.slack).text).toContain("nothing was changed as far as we know");
    });

    it("gives an error id for an unexpected failure, and logs the error under it", async () => {
      suite.h.moderation.failWith("block", new Error("socket hang up"));
      await run("block +16315551000");
      const id = /error id `([0-9a-f]+)`/.exec(lastAnswer(suite.slack).text)?.[1];
      expect(id).toBeDefined();
      expect(lastAnswer(suite.slack).text).not.toContain("socket hang up");
      expect(suite.h.logger.lines.find((line) => line.includes(`"errorId":"${id}"`))).toContain(
        "socket hang up",
      );
    });
  });

  describe("unblock, report and history", () => {
    it("unblocks", async () => {
      await run("unblock +16315551000");
      expect(suite.h.moderation.callsTo("unblock")[0]?.args).toEqual(["+16315551000"]);
      expect(lastAnswer(suite.slack).text).toContain("Unblocked");
    });

    it("reports with the message id, --block and the reason", async () => {
      await run("report +16315551000 ABGGFlA5FpafAgo6EhGh1xQ2exhH --block threats");
      expect(suite.h.moderation.callsTo("report")[0]?.args).toEqual([
        "+16315551000",
        { block: true, reason: "threats", messageId: "ABGGFlA5FpafAgo6EhGh1xQ2exhH" },
      ]);
      expect(lastAnswer(suite.slack).text).toContain(
        "with message id `ABGGFlA5FpafAgo6EhGh1xQ2exhH` and blocked it",
      );
    });

    it("says a report WhatsApp did not answer may have gone through, and to look before reporting again", async () => {
      suite.h.moderation.failWith(
        "report",
        new WhatsAppTimeoutError("WhatsApp did not answer within 10000 ms"),
      );
      await run("report +16315551000 threats");
      const { text } = lastAnswer(suite.slack);
      expect(text).toContain("this report *may have gone through*");
      expect(text).toContain("`/wa-check history <number>` before reporting it again");
      expect(text).not.toContain("nothing was changed");
    });

    it("shows the history", async () => {
      await run("block +16315551000 spam");
      await run("history +16315551000");
      expect(lastAnswer(suite.slack).text).toContain("*History of +16315551000*");
      expect(lastAnswer(suite.slack).text).toContain("why: spam");
    });
  });

  describe("blocklist", () => {
    it("shows the page asked for, with the page request in the buttons", async () => {
      await run("blocklist 2");
      expect(suite.h.moderation.callsTo("blocklist")[0]?.args).toEqual([2]);
      const { text } = lastAnswer(suite.slack);
      expect(text).toContain("page 2 of 3 · 40 blocked");
      expect(text).toContain("`16315551015`");
    });
  });
});
