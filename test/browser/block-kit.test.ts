import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLAYGROUND_CSS, PLAYGROUND_HTML, playgroundScript } from "../../src/playground/page.js";
import { createMrkdwnReader } from "../../src/playground/page-mrkdwn.js";
import { launchBrowser } from "./playground-harness.js";

/**
 * How the playground page draws Block Kit (docs/CONTRACT.md §9), every kind a moderator would recognise from
 * Slack, including kinds none of the bot's views sends today. The page is served as the bot serves it; its state
 * is a fixed workspace, its mrkdwn read as the bot reads it, and the actions it posts are recorded instead of sent.
 */

const ORIGIN = "http://playground.test";
const people = { U0PLAYMOD: "you", U0VISITOR: "visitor", slackbot: "Slackbot", bot: "wa-moderator" };
const channels = [
  { id: "C0MODERATION", name: "moderation", about: "type /wa-check help to start" },
  { id: "C0WHATSAPP", name: "whatsapp-inbox", about: "RELAY_CHANNEL" },
  { id: "C0AUDIT", name: "moderation-audit", about: "AUDIT_CHANNEL" },
];
const mrkdwn = (text: string) => ({ type: "mrkdwn", text });
const plain = (text: string) => ({ type: "plain_text", text });

const everything = {
  id: "m1",
  channel: "C0MODERATION",
  ts: "1.000001",
  at: Date.parse("2030-01-01T09:00:00Z"),
  author: "bot",
  ephemeral: false,
  edits: 0,
  text: "fallback",
  metadata: { event_type: "whatsapp_inbound_message", event_payload: { wa_id: "16315551001" } },
  blocks: [
    { type: "header", block_id: "b1", text: plain("A header") },
    {
      type: "section",
      block_id: "b2",
      text: mrkdwn(
        "*bold* _italic_ ~struck~ `a code` <https://example.com/a_b|a link> <@U0PLAYMOD> <#C0AUDIT> &lt;b&gt;",
      ),
      fields: [mrkdwn("*Status*\nvalid"), mrkdwn("*wa_id*\n16315551001")],
      accessory: {
        type: "button",
        action_id: "acc",
        value: "v-acc",
        text: plain("Accessory"),
        style: "primary",
      },
    },
    {
      type: "section",
      block_id: "b6",
      text: mrkdwn(
        ":warning: Checked\n```\n+1 631-555-1001\nvalid\n```\n&gt; a quoted line\n<javascript:alert(1)|not a link>",
      ),
    },
    { type: "divider", block_id: "b3" },
    { type: "context", block_id: "b4", elements: [mrkdwn("a _context_ line")] },
    {
      type: "actions",
      block_id: "b5",
      elements: [
        { type: "button", action_id: "go", value: "v-go", text: plain("Go"), style: "primary" },
        {
          type: "button",
          action_id: "remove",
          value: "v-remove",
          text: plain("Remove"),
          style: "danger",
          confirm: {
            title: plain("Remove it?"),
            text: plain("It cannot come back."),
            confirm: plain("Remove"),
            deny: plain("Keep it"),
            style: "danger",
          },
        },
      ],
    },
  ],
};
const onlyYou = { ...everything, id: "m2", ts: "1.000002", ephemeral: true, metadata: undefined, blocks: [] };
const state = {
  version: 1,
  me: { id: "U0PLAYMOD", moderator: true },
  people,
  channels,
  messages: [everything, { ...onlyYou, text: "*only* for you" }].map(
    createMrkdwnReader({ ...people, ...Object.fromEntries(channels.map((c) => [c.id, c.name])) }).message,
  ),
  view: null,
  whatsapp: { shape: "onprem", senders: [] },
};

let browser: Browser;
let page: Page;
const acted: unknown[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  await page.route(`${ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    const reply = (type: string, body: string) => route.fulfill({ status: 200, contentType: type, body });
    if (url.pathname === "/") return reply("text/html", PLAYGROUND_HTML);
    if (url.pathname === "/playground/app.css") return reply("text/css", PLAYGROUND_CSS);
    if (url.pathname === "/playground/app.js") return reply("text/javascript", playgroundScript());
    if (url.pathname === "/playground/act") {
      acted.push(route.request().postDataJSON());
      return reply("application/json", '{"status":200}');
    }
    // The long poll: the workspace once; later polls are left unanswered, as when nothing changes.
    if (url.searchParams.get("after") === "-1") return reply("application/json", JSON.stringify(state));
  });
  await page.goto(`${ORIGIN}/`);
}, 30_000);

afterAll(async () => {
  await browser?.close();
});

const message = (): Locator => page.getByRole("log").getByRole("listitem").first();
// biome-ignore lint/performance/useDomNodeTextContent: a Playwright Locator, which waits for the element
const textOf = (locator: Locator): Promise<string> => locator.innerText();

describe("the playground's Block Kit", () => {
  it("draws mrkdwn as Slack does: bold, italic, strike, code, links, and mentions as names", async () => {
    const shown = message();
    await expect.poll(() => textOf(shown.getByRole("strong").first())).toBe("bold");
    expect(await textOf(shown.getByRole("emphasis").first())).toBe("italic");
    expect(await textOf(shown.getByRole("deletion"))).toBe("struck");
    expect(await textOf(shown.getByRole("code"))).toBe("a code");
    expect(await shown.getByRole("link", { name: "a link" }).getAttribute("href")).toBe(
      "https://example.com/a_b",
    );
    const text = await textOf(shown);
    expect(text).toContain("@you");
    expect(text).toContain("#moderation-audit");
    expect(text).toContain("<b>");
    expect(text).not.toMatch(/<@|\*bold\*/);
  });

  it("keeps line breaks, and draws code blocks, quotes and our emoji; no link but from http(s) or mailto", async () => {
    const shown = message();
    expect(await textOf(shown)).toMatch(/\u26a0\ufe0f Checked\n/);
    expect(await textOf(shown.locator("pre").first())).toBe("+1 631-555-1001\nvalid");
    expect(await textOf(shown.getByRole("blockquote"))).toBe("a quoted line");
    expect(await textOf(shown)).toContain("not a link");
    expect(await shown.getByRole("link").count()).toBe(1);
  });

  it("draws a header, section fields, a divider and context", async () => {
    const shown = message();
    expect(await shown.getByRole("heading", { name: "A header" }).count()).toBe(1);
    expect(await shown.getByRole("separator").count()).toBe(1);
    const text = await textOf(shown);
    expect(text).toMatch(/Status\s+valid/);
    expect(text).toMatch(/wa_id\s+16315551001/);
    expect(await textOf(shown.getByRole("emphasis").last())).toBe("context");
  });

  it("marks an ephemeral message as only visible to you, and not a public one", async () => {
    const [shared, mine] = [message(), page.getByRole("log").getByRole("listitem").nth(1)];
    expect(await textOf(mine)).toContain("Only visible to you");
    expect(await textOf(shared)).not.toContain("Only visible to you");
    expect(await textOf(mine.getByRole("strong"))).toBe("only");
  });

  it("shows message metadata folded away behind a button", async () => {
    const toggle = message().getByRole("button", { name: "metadata" });
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    expect(await textOf(message())).not.toContain("whatsapp_inbound_message");
    await toggle.click();
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    await expect.poll(() => textOf(message())).toContain("whatsapp_inbound_message");
  });

  it("sends a click with its action, block and value; a confirm dialog first, whose deny sends nothing", async () => {
    await message().getByRole("button", { name: "Accessory" }).click();
    await expect.poll(() => acted.at(-1)).toMatchObject({ actionId: "acc", blockId: "b2", value: "v-acc" });

    const before = acted.length;
    await message().getByRole("button", { name: "Remove" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Remove it?" });
    expect(await textOf(dialog)).toContain("It cannot come back.");
    await dialog.getByRole("button", { name: "Keep it" }).click();
    expect(await dialog.count()).toBe(0);
    expect(acted.length).toBe(before);
    await message().getByRole("button", { name: "Remove" }).click();
    await dialog.getByRole("button", { name: "Remove" }).click();
    await expect
      .poll(() => acted.at(-1))
      .toMatchObject({ actionId: "remove", blockId: "b5", value: "v-remove" });
  });
});
