import { accessSync, constants, statSync } from "node:fs";
import { z } from "zod";
import { type CountryCode, isSupportedBusinessCountry } from "../phone/index.js";
import { StoreUrlError } from "../store/errors.js";
import { parseStoreUrl } from "../store/store-url.js";
import { type EnvVariable, missing, quote } from "./variables.js";

/** What one variable's text reads as: a typed value, or a problem in plain words. */
type Reading<T> = { value: T } | { problem: string };

/**
 * One variable turned from text into T. `shown` is the value as a problem may quote it (never a secret).
 * A required variable that is absent reads "missing — <what it is>".
 */
function variable<T>(name: EnvVariable, read: (value: string, shown: string) => Reading<T>) {
  return z.string({ error: () => missing(name) }).transform((raw, ctx): T => {
    const reading = read(raw, quote(name, raw));
    if ("problem" in reading) {
      ctx.addIssue({ code: "custom", message: reading.problem });
      return z.NEVER;
    }
    return reading.value;
  });
}

export function text(name: EnvVariable) {
  return variable(name, (value) => ({ value }));
}

export function prefixed(name: EnvVariable, prefix: string) {
  return variable(name, (value, shown) =>
    value.startsWith(prefix) ? { value } : { problem: `${shown} must start with "${prefix}"` },
  );
}

export function httpUrl(name: EnvVariable) {
  return variable(name, (value, shown) => {
    const protocol = URL.canParse(value) ? new URL(value).protocol : undefined;
    return protocol === "http:" || protocol === "https:"
      ? { value }
      : { problem: `${shown} is not an http(s) URL` };
  });
}

export function wholeNumber(name: EnvVariable, min: number, max?: number) {
  const range = max === undefined ? `of ${min} or more` : `from ${min} to ${max}`;
  return variable(name, (value, shown) => {
    const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    return number >= min && (max === undefined || number <= max)
      ? { value: number }
      : { problem: `${shown} is not a whole number ${range}` };
  });
}

/** Case does not matter: "ONPREM" reads as "onprem". */
export function oneOf<const T extends string>(name: EnvVariable, choices: readonly T[]) {
  return variable(name, (value, shown) => {
    const choice = choices.find((candidate) => candidate === value.toLowerCase());
    return choice === undefined
      ? { problem: `${shown} is not one of: ${choices.join(", ")}` }
      : { value: choice };
  });
}

/** An ISO 3166 alpha-2 code that libphonenumber has metadata for; lower case is accepted. */
export function country(name: EnvVariable) {
  return variable(name, (value, shown): Reading<CountryCode> => {
    const code = value.toUpperCase();
    return isSupportedBusinessCountry(code)
      ? { value: code }
      : {
          problem: `${shown} is not a country code libphonenumber supports (ISO 3166 alpha-2, like US, GB, IN)`,
        };
  });
}

/** Checked at start, so a typo in the path is not discovered at the first TLS handshake. */
export function readableFile(name: EnvVariable) {
  return variable(name, (value, shown) => {
    try {
      if (!statSync(value).isFile()) return { problem: `${shown} is not a file` };
      accessSync(value, constants.R_OK);
      return { value };
    } catch (error) {
      const absent = (error as NodeJS.ErrnoException).code === "ENOENT";
      return { problem: `${shown} ${absent ? "does not exist" : "cannot be read"}` };
    }
  });
}

export function channelId(name: EnvVariable) {
  return variable(name, (value, shown) =>
    /^[CG][A-Z0-9]{2,}$/.test(value)
      ? { value }
      : { problem: `${shown} is not a channel id (C… or G…); it is at the bottom of the channel's details` },
  );
}

export function minLength(name: EnvVariable, min: number) {
  return variable(name, (value, shown) =>
    value.length >= min ? { value } : { problem: `${shown} is too short: use at least ${min} characters` },
  );
}

/**
 * Read by the parser the store opens with, so a URL it would refuse at start is a configuration problem instead.
 * Its message never repeats a password.
 */
export function storeUrl(name: EnvVariable) {
  return variable(name, (value) => {
    try {
      parseStoreUrl(value);
      return { value };
    } catch (error) {
      if (error instanceof StoreUrlError) return { problem: error.message };
      throw error;
    }
  });
}

/** Slack user ids (U…, W… on Enterprise Grid) and user-group ids (S…), split by kind. */
export function moderatorIds(name: EnvVariable) {
  return variable(name, (value) => {
    const ids = value.split(/[\s,]+/).filter((id) => id !== "");
    const wrong = ids.filter((id) => !/^[UWS][A-Z0-9]{2,}$/.test(id));
    if (wrong.length > 0) {
      const list = wrong.map((id) => JSON.stringify(id)).join(", ");
      return { problem: `${list}: not Slack user ids (U…, W…) or user-group ids (S…)` };
    }
    return {
      value: {
        users: ids.filter((id) => !id.startsWith("S")),
        groups: ids.filter((id) => id.startsWith("S")),
      },
    };
  });
}
