import { webApi } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import {
  AuditNotStoredError,
  BsuidNeedsCloudError,
  BudgetExhaustedError,
  BudgetUnavailableError,
  ModeratorGroupsUnavailableError,
  NotEngagedError,
  NotModeratorError,
  ParentBsuidError,
  ReasonTooLongError,
  StoreUnreachableError,
  TooManyNumbersError,
} from "../../../src/moderation/errors.js";
import { InvalidPhoneNumberError } from "../../../src/phone/errors.js";
import { CommandUsageError, StaleInteractionError } from "../../../src/slack/input/errors.js";
import { describeKnownError, unknownErrorText } from "../../../src/slack/text/error-text.js";
import { CloudTokenRefusedError } from "../../../src/whatsapp/cloud/index.js";
import {
  WhatsAppApiError,
  WhatsAppAuthError,
  WhatsAppBadResponseError,
  WhatsAppBusyError,
  WhatsAppConnectionError,
  WhatsAppTimeoutError,
  WhatsAppTlsError,
} from "../../../src/whatsapp/errors.js";

const NOW = Date.parse("2030-01-01T12:00:00Z");
const context = { now: NOW, moderatorsConfigured: true };
const text = (error: unknown, moderatorsConfigured = true) =>
  describeKnownError(error, { ...context, moderatorsConfigured }) ?? "";
const reportText = (error: unknown) => describeKnownError(error, { ...context, action: "report" }) ?? "";

/** A network failure as undici reports it, by `code`. */
const networkCause = (code: string) => Object.assign(new Error(code), { code });

const notEngagedApi = new WhatsAppApiError({ code: 2048, title: "Not engaged contact", httpStatus: 400 });

describe("describeKnownError", () => {
  describe("a non-moderator", () => {
    it("names MODERATORS, the caller's id and whom to ask", () => {
      const words = text(new NotModeratorError("U0NOPE"));
      expect(words).toContain("`MODERATORS`");
      expect(words).toContain("`U0NOPE`");
      expect(words).toContain("Ask whoever runs wa-moderator");
    });

    it("says it could not tell when Slack did not list the moderator group, and what to do", () => {
      const words = text(new ModeratorGroupsUnavailableError("U0ANA", ["S0MODS"]));
      expect(words).toContain("Nothing was done");
      expect(words).toContain("`U0ANA`");
      expect(words).toContain("user group `S0MODS`");
      expect(words).toContain("Try again in a minute");
      expect(words).toContain("`usergroups:read`");
      expect(words).not.toContain("Ask whoever runs wa-moderator to add");
    });

    it("says nobody can act yet when MODERATORS is empty", () => {
      const words = text(new NotModeratorError("U0NOPE"), false);
      expect(words).toContain("`MODERATORS` is not set");
      expect(words).toContain("`U0NOPE`");
    });
  });

  it("names the reason limit and the length typed", () => {
    expect(text(new ReasonTooLongError(70))).toContain(
      "reasons must be under 60 characters; this one has 70",
    );
  });

  it("gives the phone parser's reason for a bad number", () => {
    const words = text(new InvalidPhoneNumberError("12ab", "letters", 'it has letters in it ("a", "b")'));
    expect(words).toContain('"12ab" is not a number WhatsApp can use');
    expect(words).toContain("it has letters in it");
  });

  it("says how much budget is left and when it resets", () => {
    const words = text(
      new BudgetExhaustedError({
        requested: 5,
        remaining: 2,
        limit: 200,
        resetsAt: "2030-01-02T00:00:00.000Z",
      }),
    );
    expect(words).toContain("has 2 left and this check needs 5");
    expect(words).toContain("resets at 2030-01-02 00:00 UTC (in 12 h)");
  });

  it("says nothing was sent when the budget counter cannot be read, and where an operator should look", () => {
    const words = text(
      new BudgetUnavailableError(new Error("SQLITE_BUSY"), { requested: 1, allowance: 10, remaining: 0 }),
    );
    expect(words).toContain("no new look-up was sent to WhatsApp");
    expect(words).toContain(
      "own allowance meanwhile (10 a day, 5 % of the budget) has 0 left for the 1 asked",
    );
    expect(words).toContain("STORE_URL");
  });

  it("says the store is unreachable when history cannot be read, and where an operator should look", () => {
    const words = text(new StoreUnreachableError("the contact's history", new Error("ECONNREFUSED")));
    expect(words).toContain("The store is unreachable");
    expect(words).toContain("/healthz and STORE_URL");
  });

  it("says how many numbers one check takes", () => {
    expect(text(new TooManyNumbersError(25))).toContain("at most 20 numbers and this one has 25");
  });

  describe("not engaged (2048)", () => {
    it("explains the 24-hour rule and when the contact last wrote", () => {
      const words = text(new NotEngagedError("+16315551000", "2030-01-01T09:00:00Z", notEngagedApi));
      expect(words).toContain("*not engaged* (WhatsApp error 2048 Not engaged contact)");
      expect(words).toContain("+1 631-555-1000");
      expect(words).toContain("last 24 hours");
      expect(words).toContain("It last wrote 3 h ago");
    });

    it("says the bot has not seen it write when it never did", () => {
      expect(text(new NotEngagedError("+16315551000", undefined, notEngagedApi))).toContain(
        "The bot has not seen it write.",
      );
    });

    it("explains the rule for a bare WhatsApp 2048 too", () => {
      expect(text(notEngagedApi)).toContain("WhatsApp error 2048 Not engaged contact");
      expect(text(notEngagedApi)).toContain("last 24 hours");
    });
  });

  it("gives the WhatsApp code and title with what to do", () => {
    const words = text(new WhatsAppApiError({ code: 1013, title: "User is not valid", httpStatus: 400 }));
    expect(words).toContain("WhatsApp error 1013 User is not valid");
    expect(words).toContain("no WhatsApp account");
  });

  it.each([new WhatsAppTimeoutError("timed out"), new WhatsAppConnectionError("ECONNREFUSED")])(
    "says WhatsApp did not answer (%s)",
    (error) => {
      expect(text(error)).toBe(
        "WhatsApp did not answer; nothing was changed as far as we know; try again in a minute.",
      );
    },
  );

  it("says a request found no turn under WhatsApp's rate limit and was not sent, for a report too", () => {
    const busy = new WhatsAppBusyError("no turn in time");
    for (const action of [undefined, "report"] as const) {
      const words = describeKnownError(busy, { now: NOW, moderatorsConfigured: true, action });
      expect(words).toContain("Not sent: the bot is at WhatsApp's rate limit");
      expect(words).toContain("Nothing was changed");
    }
  });

  describe("a report WhatsApp did not answer", () => {
    it.each([
      new WhatsAppTimeoutError("timed out"),
      new WhatsAppConnectionError("reset", { cause: networkCause("ECONNRESET") }),
    ])("says it may have gone through and to look before reporting again (%s)", (error) => {
      const words = reportText(error);
      expect(words).toContain("this report *may have gone through*");
      expect(words).toContain("Look at `/wa-check history <number>` before reporting it again.");
      expect(words).not.toContain("nothing was changed");
    });

    it("says nothing was changed when the request certainly never left", () => {
      const refused = new WhatsAppConnectionError("refused", {
        cause: networkCause("ECONNREFUSED"),
        neverSent: true,
      });
      expect(reportText(refused)).toContain("nothing was changed as far as we know");
    });

    it("says so too when only the audit record of that report was lost", () => {
      const record = {
        id: "unsaved-1",
        at: "2030-01-01T12:00:00Z",
        actor: "U0MOD",
        action: "report" as const,
        contact: "+16315551000",
        outcome: "failed" as const,
        errorCode: "wa_timeout",
      };
      const words = text(
        new AuditNotStoredError(record, new Error("db down"), new WhatsAppTimeoutError("timed out")),
      );
      expect(words).toContain("this report *may have gone through*");
      expect(words).toContain("audit record of this was not stored either");
    });
  });

  it("tells the operator which settings to fix when WhatsApp login fails", () => {
    const words = text(new WhatsAppAuthError("login failed"));
    expect(words).toContain("`WA_USERNAME`/`WA_PASSWORD` (or `WA_TOKEN`)");
  });

  it("points at WA_CA_FILE for an untrusted certificate", () => {
    expect(text(new WhatsAppTlsError("self-signed"))).toContain("`WA_CA_FILE`");
  });

  it("says WhatsApp's answer could not be read, with the HTTP status", () => {
    expect(text(new WhatsAppBadResponseError("html", 502))).toContain("(HTTP 502)");
  });

  it("says why a refused action was not done, then that its audit record was not stored either", () => {
    const record = {
      id: "unsaved-1234",
      at: "2030-01-01T12:00:00Z",
      actor: "U0MOD",
      action: "block" as const,
      contact: "+16315551000",
      outcome: "refused" as const,
      errorCode: "not_engaged",
    };
    const refusal = new NotEngagedError("+16315551000", undefined, notEngagedApi);
    const words = text(new AuditNotStoredError(record, new Error("db down"), refusal));
    expect(words).not.toContain("Done");
    expect(words).toContain("Not done");
    expect(words).toContain("24 hours");
    expect(words).toContain("audit record of this was not stored either");
    expect(words).toContain("`unsaved-1234`");
  });

  it("says the action was done but the audit record was not stored", () => {
    const record = {
      id: "audit-9",
      at: "2030-01-01T12:00:00Z",
      actor: "U0MOD",
      action: "block" as const,
      contact: "+16315551000",
      outcome: "ok" as const,
    };
    const words = text(new AuditNotStoredError(record, new Error("db down")));
    expect(words).toContain("Done, but the audit record was not stored");
    expect(words).toContain("Tell an operator");
    expect(words).toContain("`audit-9`");
  });

  it("points to help after a usage mistake", () => {
    expect(text(new CommandUsageError('"--fast" is not an option.'))).toContain("/wa-check help");
  });

  it("asks to run the command again for an outdated button", () => {
    expect(text(new StaleInteractionError("old"))).toContain("Run the command again");
  });

  it("asks to open the form again for an outdated form, saying it is a form", () => {
    const words = text(new StaleInteractionError("old", "form"));
    expect(words).toContain("This form could not be read");
    expect(words).toContain("*Report sender*");
    expect(words).not.toContain("button");
  });

  it.each(["expired_trigger_id", "invalid_trigger_id"])(
    "says the report form could not open in time when Slack refuses its trigger (%s)",
    (refusal) => {
      const words = text(new webApi.WebAPIPlatformError({ ok: false, error: refusal }));
      expect(words).toContain("The report form could not open in time");
      expect(words).toContain("Click *Report…* or run *Report sender* again.");
    },
  );

  it("leaves any other refusal from Slack to the generic text", () => {
    expect(
      describeKnownError(new webApi.WebAPIPlatformError({ ok: false, error: "not_in_channel" }), context),
    ).toBeUndefined();
  });

  it("leaves anything unexpected to the generic text", () => {
    expect(describeKnownError(new Error("boom"), context)).toBeUndefined();
    expect(describeKnownError("a string", context)).toBeUndefined();
  });

  it("escapes text that came from a server", () => {
    const words = text(new WhatsAppApiError({ code: 1000, title: "<!here> oops", httpStatus: 500 }));
    expect(words).not.toContain("<!here>");
  });
});

describe("unknownErrorText", () => {
  it("gives the error id to quote and nothing of the error itself", () => {
    expect(unknownErrorText("a1b2c3d4")).toContain("error id `a1b2c3d4`");
  });
});

describe("describeKnownError on the Cloud API", () => {
  const cloudNotEngaged = new WhatsAppApiError({
    code: 131047,
    title: "Re-engagement message",
    httpStatus: 400,
  });

  it("explains 131047 as not written in 24 hours or not a WhatsApp user, with when the contact last wrote", () => {
    const words = text(
      new NotEngagedError("US.13491208655302741918", "2030-01-01T09:00:00Z", cloudNotEngaged),
    );
    expect(words).toContain("WhatsApp error 131047");
    expect(words).toContain(
      "has not written to the business in the last 24 hours, or has no WhatsApp account at all",
    );
    expect(words).toContain("It last wrote 3 h ago");
    expect(words).toContain("US.13491208655302741918");
  });

  it("words a self block (131021) and a full blocklist (139101) plainly", () => {
    expect(
      text(new WhatsAppApiError({ code: 131021, title: "Recipient cannot be sender", httpStatus: 400 })),
    ).toContain("the business's own number");
    expect(
      text(new WhatsAppApiError({ code: 139101, title: "Blocklist limit reached", httpStatus: 400 })),
    ).toContain("The blocklist is full (64,000 numbers)");
  });

  it("gives Graph's trace id, and says when an earlier try may have gone through", () => {
    const words = text(
      new WhatsAppApiError({
        code: 100,
        title: "Invalid parameter",
        httpStatus: 400,
        fbtraceId: "AbCdEf123",
        mayHaveGoneThrough: true,
      }),
    );
    expect(words).toContain("trace id `AbCdEf123`");
    expect(words).toContain("may have gone through");
  });

  it("refuses a parent BSUID, and a BSUID on a backend that knows only numbers, saying what to give instead", () => {
    expect(text(new ParentBsuidError("US.ENT.1181579921288684"))).toContain("parent BSUID");
    expect(text(new BsuidNeedsCloudError("US.13491208655302741918"))).toContain(
      "Give the contact's phone number",
    );
  });

  it("tells the operator to replace WA_TOKEN when Graph refuses it, without the token", () => {
    const words = text(
      new CloudTokenRefusedError({
        waCode: 190,
        httpStatus: 401,
        graphMessage: "Invalid OAuth access token",
      }),
    );
    expect(words).toContain("`WA_TOKEN`");
    expect(words).toContain("whatsapp_business_messaging");
    expect(words).not.toContain("Invalid OAuth");
  });
});
