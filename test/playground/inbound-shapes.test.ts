import { afterEach, describe, expect, it } from "vitest";
import { type Playground, startPlayground } from "../browser/playground-harness.js";

/**
 * The page's "Send from WhatsApp" control (docs/CONTRACT.md §9) on either sandbox shape: the sandbox delivers
 * the message to the bot's webhook in that shape, and the bot relays it to the relay channel with its metadata.
 */

let playground: Playground | undefined;
afterEach(async () => {
  await playground?.close();
  playground = undefined;
});

interface PageState {
  channels: Array<{ id: string; name: string }>;
  messages: Array<{ channel: string; text: string; metadata?: { event_type?: string } }>;
  whatsapp: { shape: string; senders: Array<{ from: string; label: string }> };
}

async function pageState(url: string): Promise<PageState> {
  return (await (await fetch(`${url}playground/state?after=-1`)).json()) as PageState;
}

describe.each(["sandbox", "sandbox-cloud"])("WA_BACKEND=%s", (backend) => {
  it("relays a message sent from the page to #whatsapp-inbox, with the WhatsApp metadata", async () => {
    playground = await startPlayground({ WA_BACKEND: backend });
    const before = await pageState(playground.url);
    expect(before.whatsapp.shape).toBe(backend === "sandbox" ? "onprem" : "cloud");
    const sender = before.whatsapp.senders[0];
    expect(sender).toBeDefined();
    const act = await fetch(`${playground.url}playground/act`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: "inbound", from: sender?.from, text: "is anyone there?" }),
    });
    expect(act.status).toBe(200);
    const relay = before.channels.find((channel) => channel.name === "whatsapp-inbox")?.id;
    const url = playground.url;
    await expect
      .poll(async () => (await pageState(url)).messages.find((m) => m.channel === relay && m.metadata), {
        timeout: 5000,
      })
      .toMatchObject({ metadata: { event_type: "whatsapp_inbound_message" } });
  });
});
