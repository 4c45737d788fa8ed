import type { types } from "@slack/bolt";
import { z } from "zod";
import { escapeMrkdwn } from "../../common/mrkdwn.js";
import { shownNumber } from "../../common/shown-number.js";
import { REASON_LIMIT } from "../../moderation/errors.js";
import { reasonTooLong } from "../../moderation/reason.js";
import type { CountryCode } from "../../phone/index.js";
import { CallbackId, INPUT_ACTION_ID, ReportModalField } from "../ids.js";
import { StaleInteractionError } from "../input/errors.js";
import { NUMBER_INPUT_MAX_LENGTH, typedNumberProblem } from "../input/typed-number.js";
import { EXAMPLE_NUMBER, SlackLimit } from "../text/text-rules.js";
import { type Block, context, section } from "./blocks.js";

/**
 * The "Report sender" modal: the sender (or an input for it when unknown), the message id that will be
 * reported, an optional reason and an "also block" box. Where the report came from travels in
 * `private_metadata`, so the outcome can be posted back in that channel.
 */

export interface ReportContext {
  /** The sender, when known: its E.164 number, or the BSUID of a contact known only by it (Cloud API). */
  sender?: string;
  messageId?: string;
  /** The channel to tell the outcome in; none means a direct message. */
  channelId?: string;
}

const metadataSchema = z.object({
  n: z
    .string()
    .regex(/^(?:\+\d{5,20}|[A-Z]{2}\.[A-Za-z0-9]{1,128})$/)
    .optional(),
  m: z.string().min(1).max(200).optional(),
  c: z.string().min(1).max(40).optional(),
});

function encodeMetadata(report: ReportContext): string {
  return JSON.stringify({
    ...(report.sender === undefined ? {} : { n: report.sender }),
    ...(report.messageId === undefined ? {} : { m: report.messageId }),
    ...(report.channelId === undefined ? {} : { c: report.channelId }),
  });
}

const ALSO_BLOCK_VALUE = "block";

export function renderReportModal(report: ReportContext): types.ModalView {
  const blocks: Block[] = [];
  if (report.sender === undefined) {
    blocks.push({
      type: "input",
      block_id: ReportModalField.Number,
      label: { type: "plain_text", text: "Number to report" },
      hint: {
        type: "plain_text",
        text: "This message has no WhatsApp sender the bot can read. Type the number with its country code.",
      },
      element: {
        type: "plain_text_input",
        action_id: INPUT_ACTION_ID,
        placeholder: { type: "plain_text", text: EXAMPLE_NUMBER },
        // Ample for any number with spaces, and it keeps the error that quotes it short.
        max_length: NUMBER_INPUT_MAX_LENGTH,
      },
    });
  } else {
    blocks.push(section(`Sender: *${shownNumber(report.sender)}* (${escapeMrkdwn(report.sender)})`));
  }
  blocks.push(
    context(
      report.messageId === undefined
        ? "No message id: WhatsApp will receive the contact's last 5 messages."
        : `Message id: \`${escapeMrkdwn(report.messageId)}\``,
    ),
    {
      type: "input",
      block_id: ReportModalField.Reason,
      optional: true,
      label: { type: "plain_text", text: "Reason" },
      element: {
        type: "plain_text_input",
        action_id: INPUT_ACTION_ID,
        placeholder: { type: "plain_text", text: `Optional, under ${REASON_LIMIT} characters` },
      },
    },
    {
      type: "input",
      block_id: ReportModalField.AlsoBlock,
      optional: true,
      label: { type: "plain_text", text: "Block" },
      element: {
        type: "checkboxes",
        action_id: INPUT_ACTION_ID,
        options: [{ text: { type: "plain_text", text: "Also block this number" }, value: ALSO_BLOCK_VALUE }],
      },
    },
  );
  const metadata = encodeMetadata(report);
  if (metadata.length > SlackLimit.PrivateMetadata) throw new RangeError("report modal metadata too long");
  return {
    type: "modal",
    callback_id: CallbackId.ReportModal,
    title: { type: "plain_text", text: "Report sender" },
    submit: { type: "plain_text", text: "Report" },
    close: { type: "plain_text", text: "Cancel" },
    private_metadata: metadata,
    blocks,
  };
}

export interface ReportSubmission {
  /** What to report: the E.164 from the message, or what the moderator typed. */
  number: string;
  reason?: string;
  block: boolean;
  messageId?: string;
  channelId?: string;
}

/** `tooLong`: the reason is refused (the core refuses it too, so it can audit the refusal: docs/CONTRACT.md §5). */
export type ReadReport =
  | { ok: true; submission: ReportSubmission }
  | { ok: false; errors: Record<string, string>; submission: ReportSubmission; tooLong: boolean };

const elementState = z.looseObject({
  value: z.string().nullish(),
  selected_options: z.array(z.looseObject({ value: z.string() })).optional(),
});

const submittedViewSchema = z.looseObject({
  private_metadata: z.string().default(""),
  state: z.looseObject({ values: z.record(z.string(), z.record(z.string(), elementState)) }),
});

/**
 * Reads a submitted report modal; `errors` are shown under the fields (`response_action: "errors"`), so a number
 * or reason that cannot be used keeps the modal open with what was typed. `businessCountry` reads a number typed
 * without "+", as the core will.
 */
export function readReportModal(view: unknown, businessCountry: CountryCode): ReadReport {
  const parsedView = submittedViewSchema.safeParse(view);
  if (!parsedView.success) throw new StaleInteractionError("the report form could not be read", "form");
  let metadata: z.infer<typeof metadataSchema>;
  try {
    metadata = metadataSchema.parse(JSON.parse(parsedView.data.private_metadata || "{}"));
  } catch {
    throw new StaleInteractionError("the report form's context could not be read", "form");
  }
  const values = parsedView.data.state.values;
  const field = (blockId: string) => values[blockId]?.[INPUT_ACTION_ID];

  const errors: Record<string, string> = {};
  // The number comes from the message when the modal was opened on a relayed one; only a typed one is checked.
  const number = metadata.n ?? field(ReportModalField.Number)?.value?.trim() ?? "";
  const numberProblem = metadata.n === undefined ? typedNumberProblem(number, businessCountry) : undefined;
  if (numberProblem !== undefined) errors[ReportModalField.Number] = numberProblem;
  const reason = field(ReportModalField.Reason)?.value?.trim() || undefined;
  const tooLong = reasonTooLong(reason);
  if (tooLong !== undefined) errors[ReportModalField.Reason] = tooLong.message;

  const block = (field(ReportModalField.AlsoBlock)?.selected_options ?? []).some(
    (option) => option.value === ALSO_BLOCK_VALUE,
  );
  const submission: ReportSubmission = {
    number,
    block,
    ...(reason === undefined ? {} : { reason }),
    ...(metadata.m === undefined ? {} : { messageId: metadata.m }),
    ...(metadata.c === undefined ? {} : { channelId: metadata.c }),
  };
  if (Object.keys(errors).length > 0)
    return { ok: false, errors, submission, tooLong: tooLong !== undefined };
  return { ok: true, submission };
}
