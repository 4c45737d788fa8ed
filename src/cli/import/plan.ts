import { looksLikeBsuid } from "../../moderation/contact.js";
import { BsuidNeedsCloudError, ParentBsuidError } from "../../moderation/errors.js";
import { reasonTooLong } from "../../moderation/reason.js";
import { type CountryCode, InvalidPhoneNumberError, parsePhoneInput } from "../../phone/index.js";
import { describeError } from "../text/error-words.js";
import type { CsvRow } from "./read-csv.js";

/**
 * What an import will do, row by row, decided before anything is sent (docs/CONTRACT.md §10). A bad row (a number
 * that is not one, a reason too long, the same contact twice, an unknown action, an unreadable line) is set aside
 * with its line number; the rest goes on. The number and reason rules are the core's own, so a dry run and a real
 * run judge a row alike.
 */
export type RowAction = "block" | "unblock";

export interface PlannedRow {
  line: number;
  action: RowAction;
  /** What the core is given: the number as written, or a BSUID. */
  input: string;
  /** The E.164 number (or BSUID) it means: how duplicates are found. */
  contact: string;
  reason?: string;
}

export interface BadRow {
  line: number;
  input: string;
  problem: string;
  /**
   * A block or unblock that the core refuses on its merits (number, reason): a real run still hands it to the core,
   * which refuses it before any call to WhatsApp and audits the refusal, as it does for Slack.
   */
  refused?: Omit<PlannedRow, "contact">;
}

export interface ImportPlan {
  rows: PlannedRow[];
  bad: BadRow[];
}

export interface PlanOptions {
  /** `--unblock`: every row is an unblock, whatever its `action` says. */
  unblockAll: boolean;
  country: CountryCode;
  /** Cloud backends know contacts by BSUID; On-Premises ones only by number. */
  bsuids: boolean;
}

const ACTIONS: readonly string[] = ["block", "unblock"];

export function planImport(rows: CsvRow[], options: PlanOptions): ImportPlan {
  const plan: ImportPlan = { rows: [], bad: [] };
  const seen = new Map<string, number>();
  for (const row of rows) {
    const input = row.fields.number ?? row.fields.bsuid ?? "";
    const bad = (problem: string, refused?: BadRow["refused"]): void => {
      plan.bad.push({ line: row.line, input, problem, ...(refused ? { refused } : {}) });
    };
    if (row.problem !== undefined) {
      bad(row.problem);
      continue;
    }
    const written = row.fields.action?.toLowerCase();
    if (written !== undefined && !ACTIONS.includes(written)) {
      bad(`unknown action "${row.fields.action}": write block or unblock, or leave it empty for block`);
      continue;
    }
    if (input === "") {
      bad("no number");
      continue;
    }
    const action: RowAction = options.unblockAll ? "unblock" : written === "unblock" ? "unblock" : "block";
    // Only a block carries a reason (the core's unblock takes none).
    const reason = action === "block" ? row.fields.reason : undefined;
    const request = { line: row.line, action, input, ...(reason === undefined ? {} : { reason }) };
    const judged = judge(input, reason, options);
    if ("problem" in judged) {
      bad(judged.problem, request);
      continue;
    }
    const earlier = seen.get(judged.contact);
    if (earlier !== undefined) {
      bad(`the same contact (${judged.contact}) as line ${earlier}`);
      continue;
    }
    seen.set(judged.contact, row.line);
    plan.rows.push({ ...request, contact: judged.contact });
  }
  return plan;
}

function judge(
  input: string,
  reason: string | undefined,
  options: PlanOptions,
): { contact: string } | { problem: string } {
  const refusal = (error: Error) => ({ problem: describeError(error).message });
  let contact: string;
  if (looksLikeBsuid(input)) {
    contact = input.trim();
    if (/^[A-Z]{2}\.ENT\./.test(contact)) return refusal(new ParentBsuidError(contact));
    if (!options.bsuids) return refusal(new BsuidNeedsCloudError(contact));
  } else {
    try {
      contact = parsePhoneInput(input, options.country).e164;
    } catch (error) {
      if (error instanceof InvalidPhoneNumberError) return refusal(error);
      throw error;
    }
  }
  const tooLong = reasonTooLong(reason?.trim() || undefined);
  return tooLong ? refusal(tooLong) : { contact };
}
