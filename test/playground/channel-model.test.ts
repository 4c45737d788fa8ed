import { afterEach, describe, expect, it } from "vitest";
import { createChannelModel } from "../../src/playground/channel-model.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../src/playground/slack-api.js";

/** The playground's workspace model (docs/CONTRACT.md §9): what the bot posts, kept as Slack keeps it. */

let standIn: FakeSlackApi | undefined;
afterEach(async () => {
  await standIn?.close();
});

async function post(method: string, body: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${standIn?.url}${method}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer xoxb-local" },
    body: JSON.stringify(body),
  });
  expect(((await response.json()) as { ok: boolean }).ok).toBe(true);
}

describe("the playground's channel model", () => {
  it("gives every block sent without a block_id one of its own, unique across messages, as Slack does", async () => {
    standIn = await startFakeSlackApi();
    const model = createChannelModel(standIn);
    const rows = [
      { type: "section", text: { type: "mrkdwn", text: "one" } },
      { type: "section", text: { type: "mrkdwn", text: "two" } },
      { type: "actions", block_id: "blocklist-nav", elements: [] },
    ];
    await post("chat.postMessage", { channel: "C0MODERATION", text: "first", blocks: rows });
    await post("chat.postMessage", { channel: "C0MODERATION", text: "second", blocks: rows });
    const ids = model.messages.flatMap((message) =>
      message.blocks.map((block) => (block as { block_id: string }).block_id),
    );
    expect(ids).toHaveLength(6);
    expect(ids.filter((id) => id === "blocklist-nav")).toHaveLength(2);
    const given = ids.filter((id) => id !== "blocklist-nav");
    expect(new Set(given).size).toBe(4);
  });

  it("replaces a message in place on chat.update, keeping its place in the channel", async () => {
    standIn = await startFakeSlackApi();
    const model = createChannelModel(standIn);
    await post("chat.postMessage", { channel: "C0AUDIT", text: "before" });
    await post("chat.postMessage", { channel: "C0AUDIT", text: "after it" });
    const first = model.messages[0];
    await post("chat.update", { channel: "C0AUDIT", ts: first?.ts, text: "replaced" });
    expect(model.messages.map((message) => message.text)).toEqual(["replaced", "after it"]);
    expect(model.messages[0]?.edits).toBe(1);
  });
});
