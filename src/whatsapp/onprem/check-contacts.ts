import type { AppLogger } from "../../log/logger.js";
import type { CheckOptions, CheckOutcome, ContactResult } from "../backend.js";
import { WhatsAppBadResponseError, WhatsAppError } from "../errors.js";
import { sleep } from "../http/cancellation.js";
import { monotonicNow, type Operation } from "../http/deadline.js";
import { statusIsSignal } from "./api-version.js";
import type { ContactsAnswer } from "./envelope.js";
import { type PollPolicy, pollDelay } from "./poll-policy.js";

/** Numbers per `POST /v1/contacts`; longer lists are split into several requests. */
export const CONTACTS_PER_REQUEST = 50;

export interface ContactsRequest {
  contacts: string[];
  blocking: "wait" | "no_wait";
  force: boolean;
}

export interface CheckDeps {
  post(request: ContactsRequest, operation: Operation): Promise<ContactsAnswer>;
  poll: PollPolicy;
  logger: AppLogger;
  /** The version seen before this check, for when it sends nothing. */
  lastVersion(): string | undefined;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/**
 * Checks the numbers in batches, then re-polls those still `processing` (only those) with growing waits until
 * each is final or the poll policy's bound is reached. Results keep the order of `e164s`.
 */
export async function checkContacts(
  e164s: string[],
  options: CheckOptions,
  operation: Operation,
  deps: CheckDeps,
): Promise<CheckOutcome> {
  const blocking = options.blocking ?? "no_wait";
  const unique = [...new Set(e164s)];
  const latest = new Map<string, ContactResult>();
  let version = deps.lastVersion();

  const ask = async (inputs: string[], force: boolean): Promise<void> => {
    for (const batch of chunks(inputs, CONTACTS_PER_REQUEST)) {
      const answer = await deps.post({ contacts: batch, blocking, force }, operation);
      version = answer.meta.version;
      const byInput = new Map(answer.contacts.map((row) => [row.input, row]));
      for (const input of batch) {
        const row = byInput.get(input);
        if (row === undefined) {
          throw new WhatsAppBadResponseError(
            "WhatsApp's contacts answer left out a number that was sent",
            200,
          );
        }
        latest.set(input, {
          input,
          status: row.status,
          ...(row.wa_id === undefined ? {} : { waId: row.wa_id }),
        });
      }
    }
  };
  const stillProcessing = () => unique.filter((input) => latest.get(input)?.status === "processing");
  const progress = (round: number) =>
    options.onProgress?.({
      done: e164s.filter((input) => latest.get(input)?.status !== "processing").length,
      total: e164s.length,
      round,
    });

  await ask(unique, options.force ?? false);
  progress(0);
  const firstAnswerAt = monotonicNow();
  for (let round = 1; stillProcessing().length > 0; round += 1) {
    const delayMs = pollDelay(deps.poll, round);
    const windowLeft = deps.poll.windowMs - (monotonicNow() - firstAnswerAt);
    if ((round > deps.poll.minRounds && delayMs > windowLeft) || delayMs >= operation.remaining()) break;
    try {
      await sleep(delayMs, operation);
      // A re-poll reads the pending look-up; force_check would start it over.
      await ask(stillProcessing(), false);
    } catch (error) {
      const cancelled = operation.aborted && operation.reason !== operation.deadlineError;
      if (cancelled || !(error instanceof WhatsAppError)) throw error;
      // The first answer stands: numbers not yet final are reported as still processing, to be re-checked.
      deps.logger.warn("re-polling processing contacts failed", { round, error: error.code });
      break;
    }
    progress(round);
  }

  const results = e164s.map((input) => latest.get(input) ?? { input, status: "processing" as const });
  return {
    results,
    ...(version === undefined ? {} : { apiVersion: version }),
    statusIsSignal: statusIsSignal(version),
  };
}
