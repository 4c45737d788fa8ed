import { type CountryCode, splitPhoneList, takeLeadingPhone } from "../../phone/index.js";
import { EXAMPLE_NUMBER } from "../text/text-rules.js";
import { CommandUsageError } from "./errors.js";

/**
 * The grammar of `/wa-check`, as a pure function from the typed text to what to do:
 *
 *   /wa-check [help]                                       usage
 *   /wa-check <numbers> [--force] [--wait]                 check (numbers split on commas, semicolons, new lines)
 *   /wa-check block <number> [reason]
 *   /wa-check unblock <number>
 *   /wa-check report <number> [message_id] [--block] [reason]
 *   /wa-check blocklist [page]
 *   /wa-check history <number>
 *
 * Any form takes `--public` (answer in the channel instead of only to the caller). Flags may appear anywhere;
 * "—flag" (a "--" turned into an em dash by the Slack client) counts too. A number is the leading run of phone
 * characters; what follows is the reason, which must be under 60 characters. Knowing the business country lets a
 * number typed without "+" end where it stops being valid ("block 6315551000 3 times": the reason is "3 times");
 * without it, every group of digits belongs to the number.
 *
 * A message id is the token after the number when it looks like WhatsApp's: "wamid." followed by anything, or at
 * least 20 characters of the base64 alphabet (letters, digits, + / = _ -) with at least one digit and one letter
 * (on-premises ids look like "ABGGFlA5FpafAgo6EhGh1xQ2exhH"). Anything else there starts the reason.
 */

type Visibility = { public: boolean };

export type WaCheckCommand = Visibility &
  (
    | { kind: "help" }
    | { kind: "check"; inputs: string[]; force: boolean; wait: boolean }
    | { kind: "block"; number: string; reason?: string }
    | { kind: "unblock"; number: string }
    | { kind: "report"; number: string; messageId?: string; block: boolean; reason?: string }
    | { kind: "blocklist"; page: number }
    | { kind: "history"; number: string }
    | { kind: "invalid"; error: CommandUsageError }
  );

export type WaCheckForm = Exclude<WaCheckCommand["kind"], "invalid">;

const FLAGS = ["force", "wait", "public", "block"] as const;
type Flag = (typeof FLAGS)[number];

const FLAGS_BY_FORM: Record<Exclude<WaCheckForm, "help">, readonly Flag[]> = {
  check: ["force", "wait", "public"],
  block: ["public"],
  unblock: ["public"],
  report: ["block", "public"],
  blocklist: ["public"],
  history: ["public"],
};

const SUBCOMMANDS = new Set(["help", "block", "unblock", "report", "blocklist", "history"]);

// A flag is a word of its own: after a space or a list separator, before one or the end.
const FLAG_PATTERN = /(^|[\s,;])(?:--|—|–)([A-Za-z][\w-]*)(?=[\s,;]|$)/g;
const MESSAGE_ID_PATTERN =
  /^(?:wamid\.[A-Za-z0-9+/=_.-]+|(?=[A-Za-z0-9+/=_-]*\d)(?=[A-Za-z0-9+/=_-]*[A-Za-z])[A-Za-z0-9+/=_-]{20,})$/;

export function isMessageId(token: string): boolean {
  return MESSAGE_ID_PATTERN.test(token);
}

function extractFlags(text: string): { rest: string; flags: string[] } {
  const flags: string[] = [];
  const rest = text.replace(FLAG_PATTERN, (_match, lead: string, name: string) => {
    flags.push(name.toLowerCase());
    return lead;
  });
  return { rest: rest.replace(/[ \t]+/g, " ").trim(), flags };
}

function usage(message: string, isPublic: boolean): WaCheckCommand {
  return { kind: "invalid", error: new CommandUsageError(message), public: isPublic };
}

export interface ParseOptions {
  /** The business number's country (WA_DEFAULT_COUNTRY), in which numbers typed without "+" are read. */
  businessCountry?: CountryCode | undefined;
}

function leadingNumber(
  text: string,
  businessCountry: CountryCode | undefined,
): { number: string; rest: string } | undefined {
  const taken = takeLeadingPhone(text, businessCountry);
  return taken.phone === "" ? undefined : { number: taken.phone, rest: taken.rest };
}

/**
 * The sub-command a text names, from its first word that is not a flag ("check" when that word is none, "help"
 * when there is none): what the moderator gate needs, without reading the rest of the text.
 */
export function subcommandOf(text: string): WaCheckForm {
  const words = text.trim().split(/\s+/, 8);
  const word = words.find((token) => !/^(?:--|—|–)/.test(token))?.toLowerCase() ?? "";
  if (word === "") return "help";
  return SUBCOMMANDS.has(word) ? (word as WaCheckForm) : "check";
}

/** Longer command text is refused before any parsing (docs/CONTRACT.md §8). */
export const COMMAND_TEXT_LIMIT = 4_000;

/** The refusal of text over the limit, or undefined; counts characters as people do (an emoji is one). */
function overLimit(text: string): WaCheckCommand | undefined {
  if (text.length <= COMMAND_TEXT_LIMIT) return undefined;
  let characters = 0;
  for (const _ of text) characters += 1;
  if (characters <= COMMAND_TEXT_LIMIT) return undefined;
  const count = (value: number) => value.toLocaleString("en-US");
  return usage(
    `commands must be at most ${count(COMMAND_TEXT_LIMIT)} characters; this one has ${count(characters)}.`,
    false,
  );
}

export function parseWaCheck(text: string, options: ParseOptions = {}): WaCheckCommand {
  const tooLong = overLimit(text);
  if (tooLong !== undefined) return tooLong;
  const { rest, flags } = extractFlags(text.trim());
  const isPublic = flags.includes("public");
  const [first = "", ...others] = rest.split(/\s+/);
  const word = first.toLowerCase();
  const form: Exclude<WaCheckForm, "help"> | "help" = SUBCOMMANDS.has(word)
    ? (word as Exclude<WaCheckForm, "help"> | "help")
    : "check";
  const body = form === "check" ? rest : others.join(" ").trim();

  if (form === "help") return { kind: "help", public: isPublic };

  const unknown = flags.find((flag) => !(FLAGS as readonly string[]).includes(flag));
  if (unknown !== undefined) {
    return usage(
      `"--${unknown}" is not an option; the options are --force, --wait, --public and --block.`,
      isPublic,
    );
  }
  const allowed = FLAGS_BY_FORM[form];
  const misplaced = flags.find((flag) => !(allowed as readonly string[]).includes(flag));
  if (misplaced !== undefined) {
    const where = misplaced === "block" ? "report" : "a check of numbers";
    return usage(`"--${misplaced}" only applies to ${where}.`, isPublic);
  }

  switch (form) {
    case "check": {
      const inputs = splitPhoneList(body);
      if (inputs.length === 0) return { kind: "help", public: isPublic };
      return {
        kind: "check",
        inputs,
        force: flags.includes("force"),
        wait: flags.includes("wait"),
        public: isPublic,
      };
    }
    case "blocklist": {
      if (body === "") return { kind: "blocklist", page: 1, public: isPublic };
      const page = /^\d{1,6}$/.test(body) ? Number(body) : 0;
      if (page < 1) return usage(`"${body}" is not a page number; pages are counted from 1.`, isPublic);
      return { kind: "blocklist", page, public: isPublic };
    }
    case "block":
    case "unblock":
    case "history":
    case "report": {
      const taken = leadingNumber(body, options.businessCountry);
      if (taken === undefined) {
        return usage(
          `${form} needs a phone number first, e.g. /wa-check ${form} ${EXAMPLE_NUMBER}`,
          isPublic,
        );
      }
      return parseNumberForm(form, taken.number, taken.rest, flags, isPublic);
    }
  }
}

function parseNumberForm(
  form: "block" | "unblock" | "history" | "report",
  number: string,
  rest: string,
  flags: string[],
  isPublic: boolean,
): WaCheckCommand {
  if (form === "unblock" || form === "history") {
    if (rest !== "") {
      return usage(`${form} takes only a number; remove "${rest}" (one number at a time).`, isPublic);
    }
    return { kind: form, number, public: isPublic };
  }

  let reasonText = rest;
  let messageId: string | undefined;
  if (form === "report") {
    const [candidate = "", ...after] = rest.split(" ");
    if (isMessageId(candidate)) {
      messageId = candidate;
      reasonText = after.join(" ");
    }
  }
  // A reason too long is the core's to refuse: the refusal of a block or report is audited
  // (docs/CONTRACT.md §5).
  const reason = reasonText.trim() === "" ? undefined : reasonText.trim();

  const withReason = reason === undefined ? {} : { reason };
  if (form === "block") return { kind: "block", number, ...withReason, public: isPublic };
  return {
    kind: "report",
    number,
    ...(messageId === undefined ? {} : { messageId }),
    block: flags.includes("block"),
    ...withReason,
    public: isPublic,
  };
}
