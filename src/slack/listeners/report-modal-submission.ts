import { z } from "zod";
import { ModerationError } from "../../moderation/errors.js";
import type { Actor } from "../../moderation/types.js";
import { InvalidPhoneNumberError } from "../../phone/errors.js";
import type { FlowDeps } from "../flows/deps.js";
import { runReport } from "../flows/report.js";
import { createSession } from "../flows/session.js";
import { actorOf, replyTargetOf } from "../input/slack-user.js";
import type { AfterAck } from "../middleware/after-ack.js";
import type { SlackClient } from "../reply/reply.js";
import { type ReadReport, type ReportSubmission, readReportModal } from "../views/report-modal.js";

const viewSubmissionSchema = z.looseObject({
  user: z.looseObject({
    id: z.string().min(1),
    username: z.string().optional(),
    name: z.string().optional(),
  }),
  view: z.unknown(),
});

export type ViewAck = { response_action: "errors"; errors: Record<string, string> };

export interface ViewSubmissionArgs {
  body: unknown;
  ack: (response?: ViewAck) => Promise<void>;
  client: SlackClient;
  afterAck?: AfterAck | undefined;
}

/**
 * The modal shows the over-long reason's refusal under its field; the core refuses the same reason before any
 * call to WhatsApp, and audits that refusal as it does for every door (docs/CONTRACT.md §5).
 */
async function auditRefusedReason(deps: FlowDeps, actor: Actor, submission: ReportSubmission): Promise<void> {
  const { number, reason, block, messageId } = submission;
  try {
    await deps.moderation.report(actor, number, {
      block,
      ...(reason === undefined ? {} : { reason }),
      ...(messageId === undefined ? {} : { messageId }),
    });
    deps.logger.error("the core accepted a report whose reason the modal refused");
  } catch (error) {
    if (!(error instanceof ModerationError || error instanceof InvalidPhoneNumberError)) {
      deps.logger.error("the refusal of an over-long reason could not be audited", { error });
    }
  }
}

/**
 * The report modal's submit: a number that cannot be read or a bad reason keeps the modal open with the problem
 * under its field; otherwise the modal closes and the outcome is posted to the moderator, ephemeral in the
 * message's channel (a DM without one).
 */
export async function reportModalSubmission(args: ViewSubmissionArgs, deps: FlowDeps): Promise<void> {
  const body = viewSubmissionSchema.parse(args.body);
  let read: ReadReport | undefined;
  let unreadable: unknown;
  try {
    read = readReportModal(body.view, deps.businessCountry);
  } catch (error) {
    unreadable = error;
  }
  if (read !== undefined && !read.ok) {
    await args.ack({ response_action: "errors", errors: read.errors });
    if (read.tooLong) await auditRefusedReason(deps, actorOf(body.user), read.submission);
    return;
  }
  const session = createSession({
    actor: actorOf(body.user),
    deps,
    client: args.client,
    target: replyTargetOf({ userId: body.user.id, channelId: read?.submission.channelId }),
    isPublic: false,
    acknowledge: () => args.ack(),
    ackShowsProgress: false,
    afterAck: args.afterAck,
  });
  if (read === undefined) return session.refuse(unreadable);
  const { number, reason, block, messageId } = read.submission;
  return runReport(session, number, {
    block,
    ...(reason === undefined ? {} : { reason }),
    ...(messageId === undefined ? {} : { messageId }),
  });
}
