import type { AppLogger } from "../log/logger.js";
import { InvalidPhoneNumberError } from "../phone/errors.js";
import { parsePhoneInput } from "../phone/index.js";
import type { CountryCode, ParsedPhone } from "../phone/types.js";
import type { ContactResult, WhatsAppBackend } from "../whatsapp/backend.js";
import { WhatsAppNoAnswerError } from "../whatsapp/errors.js";
import type { CheckBudget } from "./budget.js";
import type { CachedCheck, CheckCache } from "./check-cache.js";
import type { Clock } from "./clock.js";
import { MAX_NUMBERS_PER_CHECK, TooManyNumbersError } from "./errors.js";
import { answerOf, type OwnedLookUp, type SharedLookups } from "./shared-lookups.js";
import type { BudgetState, CheckReport, CheckRequest, CheckRow, ModerationMetrics } from "./types.js";

export interface CheckDeps {
  backend: WhatsAppBackend;
  cache: CheckCache;
  budget: CheckBudget;
  businessCountry: CountryCode;
  metrics: ModerationMetrics;
  logger: AppLogger;
  now: Clock;
  lookups: SharedLookups;
}

type Parsed = { input: string; phone: ParsedPhone } | { input: string; error: InvalidPhoneNumberError };

const CACHE_DEGRADED =
  "the cache store did not answer, so these results were neither read from nor saved to it";

/** Contact checks: parse, answer from cache, spend the budget only on what is left, cache final answers. */
export async function checkContacts(deps: CheckDeps, request: CheckRequest): Promise<CheckReport> {
  if (request.inputs.length > MAX_NUMBERS_PER_CHECK) throw new TooManyNumbersError(request.inputs.length);
  const parsed = request.inputs.map((input) => parseInput(input, deps.businessCountry));
  const wanted = unique(parsed.flatMap((entry) => ("phone" in entry ? [entry.phone.e164] : [])));

  let cacheWarning: string | undefined;
  let cached = new Map<string, CachedCheck>();
  if (!request.force) {
    try {
      cached = await deps.cache.getMany(wanted);
    } catch (error) {
      deps.logger.warn("check cache read failed; continuing without cache", error);
      cacheWarning = CACHE_DEGRADED;
    }
    for (const e164 of wanted) deps.metrics.cacheLookup(cached.has(e164));
  }

  const toFetch = wanted.filter((e164) => !cached.has(e164));
  let budget: BudgetState | undefined;
  const fresh = new Map<string, ContactResult>();
  let apiVersion = deps.backend.apiVersion();
  let statusIsSignal = [...cached.values()].every((entry) => entry.statusIsSignal);
  let freshIsSignal = true;

  if (toFetch.length > 0) {
    const lookUp = (e164s: string[]) => lookUpOwned(deps, request, e164s);
    // A forced check asks WhatsApp itself: it is asked for because an answer under way may be stale.
    const { own: owned, joined } = request.force
      ? { own: await lookUp(toFetch), joined: [] }
      : await deps.lookups.share(toFetch, request.wait ? "wait" : "no_wait", lookUp);
    const { outcome } = owned;
    budget = owned.budget;
    const answers = outcome.results.map((result) => answerOf(outcome, result));
    for (const answer of [...answers, ...joined]) {
      if (answer.result) fresh.set(answer.result.input, answer.result);
      apiVersion = answer.apiVersion ?? apiVersion;
      freshIsSignal = freshIsSignal && answer.statusIsSignal;
    }
    statusIsSignal = statusIsSignal && freshIsSignal;
    if (budget !== undefined) {
      cacheWarning =
        (await saveFinal(deps, outcome.results, outcome.apiVersion, outcome.statusIsSignal)) ?? cacheWarning;
      if (budget.processOnly === undefined) deps.metrics.budgetLeft(Math.max(0, budget.limit - budget.used));
    }
  }
  const budgetWarning = budget?.processOnly === undefined ? undefined : processOnlyWarning(budget);
  if (budgetWarning !== undefined) cacheWarning = [cacheWarning, budgetWarning].filter(Boolean).join("; ");

  const now = deps.now();
  const rows = parsed.map((entry): CheckRow => {
    if ("error" in entry) {
      return {
        input: entry.input,
        warnings: [],
        status: "unparseable",
        refusal: entry.error.message,
        cached: false,
      };
    }
    const { phone } = entry;
    const hit = cached.get(phone.e164);
    if (hit) {
      const row = answeredRow(entry.input, phone, {
        status: hit.status,
        waId: hit.waId,
        cached: true,
        ageMs: now - hit.checkedAt,
        statusIsSignal: hit.statusIsSignal,
      });
      if (hit.apiVersion) row.apiVersion = hit.apiVersion;
      return row;
    }
    const result = fresh.get(phone.e164);
    // A backend that drops an input is answering badly; say "failed" rather than inventing a status.
    return answeredRow(entry.input, phone, {
      status: result?.status ?? "failed",
      waId: result?.waId,
      cached: false,
      ageMs: 0,
      statusIsSignal: freshIsSignal,
    });
  });

  const report: CheckReport = { rows, source: "whatsapp", statusIsSignal };
  if (budget) report.budget = budget;
  if (apiVersion) report.apiVersion = apiVersion;
  if (cacheWarning) report.cacheWarning = cacheWarning;
  return report;
}

/** The look-ups this check makes itself: budget first, then WhatsApp. */
async function lookUpOwned(
  deps: CheckDeps,
  request: CheckRequest,
  e164s: string[],
): Promise<OwnedLookUp & { budget?: BudgetState }> {
  if (e164s.length === 0) return { outcome: { results: [], statusIsSignal: true } };
  const budget = await deps.budget.reserve(e164s.length);
  const outcome = await deps.backend
    .checkContacts(e164s, {
      blocking: request.wait ? "wait" : "no_wait",
      force: request.force ?? false,
      ...(request.onProgress ? { onProgress: request.onProgress } : {}),
    })
    .catch(async (error: unknown) => {
      // Nothing reached WhatsApp (e.g. no turn under the rate limit), so nothing of the budget was spent.
      if (error instanceof WhatsAppNoAnswerError && error.neverSent)
        await deps.budget.release(budget, e164s.length);
      throw error;
    });
  return { outcome, budget };
}

/** The answer says when its look-ups were counted by this process alone (docs/CONTRACT.md §6). */
function processOnlyWarning(budget: BudgetState): string {
  const left = Math.max(0, budget.limit - budget.used);
  return (
    `the store could not count today's check budget, so this bot process allows itself ${budget.limit} uncached ` +
    `checks today (5 % of the daily budget of ${budget.processOnly?.dailyLimit}); ${left} left`
  );
}

function parseInput(input: string, businessCountry: CountryCode): Parsed {
  try {
    return { input, phone: parsePhoneInput(input, businessCountry) };
  } catch (error) {
    if (error instanceof InvalidPhoneNumberError) return { input, error };
    throw error;
  }
}

async function saveFinal(
  deps: CheckDeps,
  results: ContactResult[],
  apiVersion: string | undefined,
  statusIsSignal: boolean,
): Promise<string | undefined> {
  const checkedAt = deps.now();
  // "processing" and "failed" are not answers worth keeping for a week.
  const entries = results
    .filter((result) => result.status === "valid" || result.status === "invalid")
    .map((result): [string, CachedCheck] => {
      const entry: CachedCheck = result.waId
        ? { status: result.status, waId: result.waId, checkedAt, statusIsSignal }
        : { status: result.status, checkedAt, statusIsSignal };
      if (apiVersion) entry.apiVersion = apiVersion;
      return [result.input, entry];
    });
  try {
    await deps.cache.setMany(entries);
    return undefined;
  } catch (error) {
    deps.logger.warn("check cache write failed; results not cached", error);
    return CACHE_DEGRADED;
  }
}

interface Answer {
  status: ContactResult["status"];
  waId: string | undefined;
  cached: boolean;
  ageMs: number;
  statusIsSignal: boolean;
}

/**
 * A row WhatsApp answered, now or from cache. Built from object literals, not spreads of optional parts: spreading
 * costs microseconds a row (V8 copies such objects key by key), ten times the literal. Keys keep one order.
 */
function answeredRow(input: string, phone: ParsedPhone, answer: Answer): CheckRow {
  const { e164, warnings } = phone;
  const { status, waId, cached, ageMs, statusIsSignal } = answer;
  return waId
    ? { input, e164, warnings, status, waId, cached, ageMs, statusIsSignal }
    : { input, e164, warnings, status, cached, ageMs, statusIsSignal };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
