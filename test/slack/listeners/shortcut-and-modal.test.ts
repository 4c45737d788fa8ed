import { describe, expect, it } from "vitest";
import { formatMessageReference } from "../../../src/relay/message-reference.js";
import { reportModalSubmission } from "../../../src/slack/listeners/report-modal-submission.js";
import { reportSenderShortcut } from "../../../src/slack/listeners/report-sender-shortcut.js";
import { renderReportModal } from "../../../src/slack/views/report-modal.js";
import { WhatsAppApiError, WhatsAppTimeoutError } from "../../../src/whatsapp/errors.js";
import { allText } from "../views/block-helpers.js";
import { lastAnswer, useListenerSuite } from "./harness.js";

const suite = useListenerSuite();

function shortcut(message: Record<string, unknown>) {
  return {
    shortcut: {
      type: "message_action",
      callback_id: "report_sender",
      trigger_id: "111.222.xyz",
      user: { id: "U0MOD" },
      channel: { id: "C0RELAY" },
      response_url: suite.slack.responseUrl(),
      message: { type: "message", ts: "1700000000.000200", ...message },
    },
    ack: () => suite.h.ack(),
    client: suite.h.client,
  };
}

type OpenedView = {
  view: { private_metadata: string; blocks: Array<{ block_id?: string }> };
  trigger_id: string;
};
const opened = () => suite.slack.callsTo("views.open")[0]?.body as OpenedView;

describe("Report sender (message shortcut)", () => {
  it("opens the modal with the sender and message id from the message metadata, right after the ack", async () => {
    const order: string[] = [];
    const args = shortcut({
      metadata: {
        event_type: "whatsapp_inbound_message",
        event_payload: {
          wa_id: "16315551000",
          message_id: "ABGGFlA5FpafAgo6EhGh1xQ2exhH",
          timestamp: "1700000000",
        },
      },
    });
    args.ack = async () => {
      order.push("ack");
      order.push(`views.open calls so far: ${suite.slack.callsTo("views.open").length}`);
    };
    await reportSenderShortcut(args, suite.h.deps);
    expect(order).toEqual(["ack", "views.open calls so far: 0"]);
    expect(opened().trigger_id).toBe("111.222.xyz");
    expect(JSON.parse(opened().view.private_metadata)).toEqual({
      n: "+16315551000",
      m: "ABGGFlA5FpafAgo6EhGh1xQ2exhH",
      c: "C0RELAY",
    });
    expect(allText(opened().view.blocks)).toContain("Sender: *+1 631-555-1000*");
  });

  it("reads the visible reference when the metadata is missing", async () => {
    const text = formatMessageReference({ waId: "16315551000", messageId: "ABGGFlA5FpafAgo6EhGh1xQ2exhH" });
    await reportSenderShortcut(
      shortcut({ blocks: [{ type: "context", elements: [{ type: "mrkdwn", text }] }] }),
      suite.h.deps,
    );
    expect(JSON.parse(opened().view.private_metadata)).toMatchObject({ n: "+16315551000" });
  });

  it("asks for the number on a message with no WhatsApp sender", async () => {
    await reportSenderShortcut(shortcut({ text: "just chatting" }), suite.h.deps);
    expect(opened().view.blocks.some((block) => block.block_id === "number")).toBe(true);
  });

  it("asks for the number when the sender's wa_id is not a phone number, leaving its message id out", async () => {
    await reportSenderShortcut(
      shortcut({
        metadata: {
          event_type: "whatsapp_inbound_message",
          event_payload: { wa_id: "123456", message_id: "ABGGFlA5FpafAgo6EhGh1xQ2exhH" },
        },
      }),
      suite.h.deps,
    );
    expect(opened().view.blocks.some((block) => block.block_id === "number")).toBe(true);
    expect(JSON.parse(opened().view.private_metadata)).toEqual({ c: "C0RELAY" });
  });

  it.each(["expired_trigger_id", "invalid_trigger_id"])(
    "tells the moderator in plain words when Slack refuses to open the modal (%s)",
    async (refusal) => {
      suite.slack.failMethod("views.open", refusal);
      try {
        await reportSenderShortcut(shortcut({ text: "x" }), suite.h.deps);
        expect(suite.slack.responseUrlHits).toHaveLength(1);
        const { text } = lastAnswer(suite.slack);
        expect(text).toContain("The report form could not open in time");
        expect(text).toContain("run *Report sender* again");
        expect(text).not.toContain("Something went wrong");
      } finally {
        suite.slack.restore("views.open");
      }
    },
  );
});

describe("submitting the report modal", () => {
  const modal = renderReportModal({ sender: "+16315551000", messageId: "ABGGFlA5Fpa", channelId: "C0RELAY" });

  function submit(reason: string | null, alsoBlock: boolean) {
    return {
      body: {
        type: "view_submission",
        user: { id: "U0MOD", username: "ana" },
        view: {
          ...modal,
          state: {
            values: {
              reason: { value: { type: "plain_text_input", value: reason } },
              also_block: {
                value: { type: "checkboxes", selected_options: alsoBlock ? [{ value: "block" }] : [] },
              },
            },
          },
        },
      },
      ack: (response?: unknown) => suite.h.ack(response),
      client: suite.h.client,
    };
  }

  it("closes the modal, reports with the message id, and tells the moderator in the message's channel", async () => {
    await reportModalSubmission(submit("threats", true), suite.h.deps);
    expect(suite.h.acks).toEqual([undefined]);
    expect(suite.h.moderation.callsTo("report")[0]?.args).toEqual([
      "+16315551000",
      { block: true, reason: "threats", messageId: "ABGGFlA5Fpa" },
    ]);
    const posted = suite.slack.callsTo("chat.postEphemeral")[0]?.body;
    expect(posted).toMatchObject({ channel: "C0RELAY", user: "U0MOD" });
    expect(String(posted?.text)).toContain("Reported");
  });

  it("keeps the modal open with the problem under the reason when it is too long, then hands the reason to the core to refuse and audit", async () => {
    await reportModalSubmission(submit("r".repeat(75), false), suite.h.deps);
    expect(suite.h.acks).toEqual([
      {
        response_action: "errors",
        errors: { reason: "reasons must be under 60 characters; this one has 75" },
      },
    ]);
    expect(suite.h.moderation.callsTo("report")).toHaveLength(1);
    expect(suite.h.moderation.callsTo("report")[0]?.args).toContainEqual(
      expect.objectContaining({ reason: "r".repeat(75) }),
    );
  });

  it("keeps the modal open with the problem under the number when the typed one cannot be read, calling nothing", async () => {
    const asking = renderReportModal({ channelId: "C0GENERAL" });
    await reportModalSubmission(
      {
        body: {
          type: "view_submission",
          user: { id: "U0MOD" },
          view: {
            ...asking,
            state: { values: { number: { value: { type: "plain_text_input", value: "+1 631 55S" } } } },
          },
        },
        ack: (response?: unknown) => suite.h.ack(response),
        client: suite.h.client,
      },
      suite.h.deps,
    );
    expect(suite.h.acks).toEqual([
      {
        response_action: "errors",
        errors: { number: expect.stringContaining('"+1 631 55S" has a letter in it ("S")') },
      },
    ]);
    expect(suite.h.moderation.calls).toHaveLength(0);
    expect(suite.slack.callsTo("chat.postEphemeral")).toHaveLength(0);
  });

  it("says a form it cannot read is from an older version, and to open it again", async () => {
    const body = submit(null, false).body;
    await reportModalSubmission(
      {
        body: { ...body, view: { ...body.view, private_metadata: "not json" } },
        ack: (response?: unknown) => suite.h.ack(response),
        client: suite.h.client,
      },
      suite.h.deps,
    );
    expect(suite.h.acks).toEqual([undefined]);
    expect(suite.h.moderation.calls).toHaveLength(0);
    const text = String(suite.slack.callsTo("chat.postMessage")[0]?.body.text);
    expect(text).toContain("This form could not be read (it is from an older version).");
    expect(text).toContain("*Report sender*");
    expect(text).not.toContain("button");
  });

  it("says a report WhatsApp did not answer may have gone through", async () => {
    suite.h.moderation.failWith(
      "report",
      new WhatsAppTimeoutError("WhatsApp did not answer within 10000 ms"),
    );
    await reportModalSubmission(submit(null, false), suite.h.deps);
    expect(String(suite.slack.callsTo("chat.postEphemeral")[0]?.body.text)).toContain(
      "this report *may have gone through*",
    );
  });

  it("tells the moderator why WhatsApp refused", async () => {
    suite.h.moderation.failWith(
      "report",
      new WhatsAppApiError({ code: 1009, title: "Parameter value is not valid", httpStatus: 400 }),
    );
    await reportModalSubmission(submit(null, false), suite.h.deps);
    expect(String(suite.slack.callsTo("chat.postEphemeral")[0]?.body.text)).toContain(
      "WhatsApp error 1009 Parameter value is not valid",
    );
  });
});
