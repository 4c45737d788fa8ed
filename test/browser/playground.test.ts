import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, type Playground, send, startPlayground } from "./playground-harness.js";

/**
 * The playground in headless Chromium (docs/CONTRACT.md §9): a moderator's main jobs, driven with role and name
 * queries only, so passing also proves the page is accessible. Every action goes through the signed /slack/events
 * path to the real bot, with the sandbox as WhatsApp.
 */

let playground: Playground;
let browser: Browser;
let page: Page;

/** The channel's messages, as the log of the shown channel. */
const log = (): Locator => page.getByRole("log");
const lastMessage = (): Locator => log().getByRole("listitem").last();
/** What the moderator reads there (Playwright's rendered text, not the DOM's innerText). */
// biome-ignore lint/performance/useDomNodeTextContent: a Playwright Locator, which waits for the element
const textOf = (locator: Locator): Promise<string> => locator.innerText();

beforeAll(async () => {
  // A short WhatsApp timeout, so a request WhatsApp never answers is retried within the test.
  [playground, browser] = await Promise.all([startPlayground({ WA_TIMEOUT_MS: "1500" }), launchBrowser()]);
  page = await (await browser.newContext({ viewport: { width: 1200, height: 760 } })).newPage();
  await page.goto(playground.url);
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await playground?.close();
});

describe("the playground", () => {
  it("prints its URL, on loopback, in the log", () => {
    expect(playground.logger.lines.join("\n")).toContain(`open the playground at ${playground.url}`);
  });

  it("answers /wa-check help, sent with Enter from the composer, only to the moderator", async () => {
    await send(page, "/wa-check help");
    await expect.poll(() => textOf(lastMessage())).toContain("/wa-check blocklist [page]");
    await expect.poll(() => textOf(lastMessage())).toContain("Only visible to you");
  });

  it("checks numbers, the progress note replaced in place by the answer", async () => {
    await send(page, "/wa-check +1 631-555-1001, +1 631 555 9999");
    await expect.poll(() => textOf(lastMessage())).toContain("Checked 2 numbers");
    await expect.poll(() => textOf(lastMessage())).toContain("1 valid, 1 invalid");
    await expect
      .poll(() => log().getByRole("listitem").filter({ hasText: "Checking 2 numbers" }).count())
      .toBe(0);
    // mrkdwn drawn as Slack draws it: *bold* and `code` are elements, not asterisks and backquotes.
    await expect.poll(() => textOf(lastMessage().getByRole("strong").first())).toBe("Checked 2 numbers");
    await expect.poll(() => lastMessage().getByRole("code").first().count()).toBe(1);
    await expect.poll(() => textOf(lastMessage())).not.toContain("*Checked");
    // docs/playground.png comes from this very page: PLAYGROUND_SCREENSHOT=1 refreshes it.
    if (process.env.PLAYGROUND_SCREENSHOT === "1") await page.screenshot({ path: "docs/playground.png" });
  });

  it("answers in the channel for everyone with --public, without the ephemeral mark", async () => {
    await send(page, "/wa-check help --public");
    await expect.poll(() => textOf(lastMessage())).toContain("/wa-check blocklist [page]");
    expect(await textOf(lastMessage())).not.toContain("Only visible to you");
  });

  it("blocks a number typed in the composer", async () => {
    await send(page, "/wa-check block +1 631-555-1002 spam links");
    await expect.poll(() => textOf(lastMessage())).toMatch(/Blocked/);
    await expect.poll(() => textOf(lastMessage())).toContain("+1 631-555-1002");
  });

  it("blocks from a check's Block button through its confirm dialog, which Cancel leaves undone", async () => {
    await send(page, "/wa-check +1 631-555-1003");
    const answer = lastMessage();
    await expect.poll(() => textOf(answer)).toContain("Checked 1 number");
    await answer.getByRole("button", { name: "Block" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Block +1 631-555-1003?" });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => textOf(lastMessage())).toContain("Checked 1 number");

    await answer.getByRole("button", { name: "Block" }).click();
    await page
      .getByRole("alertdialog", { name: "Block +1 631-555-1003?" })
      .getByRole("button", { name: "Block" })
      .click();
    await expect.poll(() => textOf(log())).toMatch(/Blocked[^\n]*\+1 631-555-1003/);
  });

  it("posts each action to the audit channel, its mention shown as the moderator's name", async () => {
    await page.getByRole("button", { name: "#moderation-audit" }).click();
    const line = log().getByRole("listitem").filter({ hasText: "+1 631-555-1003" }).last();
    await expect.poll(() => textOf(line)).toMatch(/@you/);
    expect(await textOf(line)).not.toContain("<@");
    await page.getByRole("button", { name: "#moderation", exact: true }).click();
  });

  it("pages the blocklist in place and unblocks from a row", async () => {
    await send(page, "/wa-check blocklist");
    const list = lastMessage();
    await expect.poll(() => textOf(list)).toContain("page 1 of 3");
    const count = await log().getByRole("listitem").count();
    // WhatsApp is slow to answer this once: what the message shows meanwhile is recorded at every look.
    playground.bot.sandbox?.faults.next({ kind: "hang" });
    await list.getByRole("button", { name: "Next" }).click();
    const seen: string[] = [];
    const shown = async () => {
      seen.push(await textOf(list));
      return seen.at(-1);
    };
    await expect.poll(shown, { timeout: 10_000 }).toContain("page 2 of 3");
    // Never a lone "Loading page 2…" in its place: the old page until the new one (Slack sends no copy of
    // an ephemeral message, so there is no loading line to add to it).
    expect(seen.filter((text) => !/page [12] of 3/.test(text))).toEqual([]);
    await expect.poll(() => log().getByRole("listitem").count()).toBe(count);
    await list.getByRole("button", { name: "Previous" }).click();
    await expect.poll(() => textOf(list)).toContain("page 1 of 3");

    await list.getByRole("button", { name: "Unblock" }).first().click();
    await page
      .getByRole("alertdialog", { name: /^Unblock / })
      .getByRole("button", { name: "Unblock" })
      .click();
    await expect.poll(() => textOf(log())).toMatch(/Unblocked/);

    // Next keeps the page shown until the next one is ready, a line saying which is loading (a public page,
    // of which Slack's click carries a copy); WhatsApp is slow to answer this once.
    await send(page, "/wa-check blocklist --public");
    const shared = lastMessage();
    await expect.poll(() => textOf(shared)).toContain("page 1 of 3");
    playground.bot.sandbox?.faults.next({ kind: "hang" });
    await shared.getByRole("button", { name: "Next" }).click();
    await expect.poll(() => textOf(shared)).toContain("Loading page 2…");
    expect(await textOf(shared)).toContain("page 1 of 3");
    await expect.poll(() => textOf(shared), { timeout: 10_000 }).toContain("page 2 of 3");
    expect(await textOf(shared)).not.toContain("Loading page 2…");
  });

  it("relays an inbound WhatsApp message and reports its sender through the modal", async () => {
    await page
      .getByRole("combobox", { name: "From" })
      .selectOption({ label: "Dana Whitfield (+16315551001)" });
    await page.getByRole("textbox", { name: "WhatsApp message text" }).fill("Win a prize, click here");
    await page.getByRole("button", { name: "Send from WhatsApp" }).click();
    await page.getByRole("button", { name: "#whatsapp-inbox" }).click();
    const relayed = log().getByRole("listitem").filter({ hasText: "Win a prize, click here" });
    await expect.poll(() => textOf(relayed)).toContain("Dana Whitfield");

    await relayed.getByRole("button", { name: "Report sender" }).click();
    const modal = page.getByRole("dialog", { name: "Report sender" });
    const reason = modal.getByRole("textbox", { name: /Reason/ });
    await reason.fill("x".repeat(80));
    await modal.getByRole("button", { name: "Report" }).click();
    // Refused inside the modal, with the limit and the count; what was typed is kept.
    await expect.poll(() => textOf(modal.getByRole("alert"))).toMatch(/60/);
    await expect.poll(() => textOf(modal.getByRole("alert"))).toMatch(/80/);
    await expect.poll(() => reason.inputValue()).toBe("x".repeat(80));

    await reason.fill("prize scam");
    await modal.getByRole("checkbox", { name: "Also block this number" }).check();
    await modal.getByRole("button", { name: "Report" }).click();
    await expect.poll(() => modal.count()).toBe(0);
    await expect.poll(() => textOf(log())).toMatch(/Reported[^\n]*and blocked it/);
    await page.getByRole("button", { name: "#moderation", exact: true }).click();
  });

  it("refuses a non-moderator, then acts again once switched back", async () => {
    const moderator = page.getByRole("switch", { name: "Act as a moderator" });
    await moderator.click();
    await expect.poll(() => moderator.getAttribute("aria-checked")).toBe("false");
    await send(page, "/wa-check +1 631-555-1005");
    await expect.poll(() => textOf(lastMessage())).toMatch(/moderator/i);
    await expect.poll(() => textOf(lastMessage())).not.toContain("Checked");
    await moderator.click();
    await expect.poll(() => moderator.getAttribute("aria-checked")).toBe("true");
  });

  it("has no serious or critical accessibility violations (axe): the channel, a modal, a confirm dialog, the relay channel", async () => {
    const serious = async () =>
      (await new AxeBuilder({ page }).analyze()).violations
        .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
        .map(
          (violation) =>
            `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
        );
    expect(await serious()).toEqual([]);
    await send(page, "/wa-check +1 631-555-1005");
    await lastMessage().getByRole("button", { name: "Report…" }).click();
    await page.getByRole("dialog", { name: "Report sender" }).waitFor();
    expect(await serious()).toEqual([]);
    await page.getByRole("dialog", { name: "Report sender" }).getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => page.getByRole("dialog", { name: "Report sender" }).count()).toBe(0);

    await lastMessage().getByRole("button", { name: "Block" }).click();
    const confirm = page.getByRole("alertdialog", { name: "Block +1 631-555-1005?" });
    await confirm.waitFor();
    expect(await serious()).toEqual([]);
    await confirm.getByRole("button", { name: "Cancel" }).click();

    // The relay channel, with its relayed messages, their shortcut and metadata buttons.
    await page.getByRole("button", { name: "#whatsapp-inbox" }).click();
    expect(await serious()).toEqual([]);
    await page.getByRole("button", { name: "#moderation", exact: true }).click();
  });
});
