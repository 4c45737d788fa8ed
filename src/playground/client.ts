// @ts-nocheck — browser code: the page's script carries this function's source text (page.ts), and the
// project's TypeScript has no DOM types. It builds every node with createElement and textContent, never HTML.
/**
 * The playground page's script (docs/CONTRACT.md §9): long-polls /playground/state, draws the channel like Slack,
 * and posts every action to /playground/act, which signs it and sends it to /slack/events. `blockKit`
 * (client-blocks.ts) and `dialogs` (client-dialogs.ts) are defined next to this function in the served script;
 * the state carries mrkdwn already read into nodes (page-mrkdwn.ts).
 */
export function clientMain() {
  let state = null;
  let channel = null;
  const $ = (tag, props, ...children) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props ?? {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "text") node.textContent = value;
      else if (key === "className") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) if (child) node.append(child);
    return node;
  };
  const byId = (id) => document.getElementById(id);
  const announce = (text) => {
    byId("status").textContent = text;
  };
  const act = async (action) => {
    const response = await fetch("/playground/act", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(action),
    });
    if (!response.ok) announce(`The action failed (${response.status}).`);
  };
  const dialog = dialogs({ $, act, kit: () => kit, state: () => state });
  const kit = blockKit({ $, act, confirmThen: dialog.confirmThen });

  // Message metadata is not shown on Slack; here it is, folded away behind a small button, so the relay's can
  // be read.
  const metadataDisclosure = (metadata) => {
    const body = $("pre", { hidden: true, text: JSON.stringify(metadata, null, 2) });
    const toggle = $("button", { type: "button", className: "metadata-toggle", "aria-expanded": "false" });
    toggle.textContent = "metadata";
    toggle.addEventListener("click", () => {
      body.hidden = !body.hidden;
      toggle.setAttribute("aria-expanded", String(!body.hidden));
    });
    return $("div", { className: "metadata" }, toggle, body);
  };

  const relayChannel = () => state.channels[1].id;
  const renderMessage = (message) => {
    const author = state.people[message.author] ?? message.author;
    const isRelay = message.channel === relayChannel() && message.author === "bot";
    const body =
      message.blocks.length > 0
        ? message.blocks.map((block) => kit.renderBlock(block, message))
        : [$("div", { className: "section-text" }, kit.mrkdwn(message.textNodes))];
    const time = new Date(message.at);
    return $(
      "li",
      { className: `message${message.ephemeral ? " ephemeral" : ""}` },
      $(
        "div",
        { className: "meta" },
        $("span", { className: "author", text: author }),
        message.author === "bot" ? $("span", { className: "app-badge", text: "APP" }) : null,
        $("time", { className: "time", text: Number.isNaN(time.getTime()) ? "" : time.toLocaleTimeString() }),
        message.ephemeral ? $("span", { className: "only-you", text: "Only visible to you" }) : null,
      ),
      body,
      message.metadata ? metadataDisclosure(message.metadata) : null,
      isRelay
        ? $(
            "div",
            { className: "message-actions" },
            $("button", {
              type: "button",
              className: "shortcut",
              text: "Report sender",
              onclick: () => act({ type: "shortcut", messageId: message.id }),
            }),
          )
        : null,
    );
  };

  const renderChannels = (current) => {
    byId("channel-list").replaceChildren(
      ...state.channels.map((c) =>
        $(
          "li",
          {},
          $("button", {
            type: "button",
            text: `#${c.name}`,
            "aria-current": c.id === channel ? "page" : undefined,
            onclick: () => {
              channel = c.id;
              render();
            },
          }),
        ),
      ),
    );
    byId("channel-name").textContent = `#${current.name}`;
    byId("channel-about").textContent = current.about;
    byId("composer-input").setAttribute("aria-label", `Message #${current.name}`);
    byId("composer-input").setAttribute("placeholder", `Message #${current.name}`);
    byId("messages").setAttribute("aria-label", `Messages in #${current.name}`);
  };

  const renderSidebar = () => {
    byId("moderator-switch").setAttribute("aria-checked", state.me.moderator ? "true" : "false");
    byId("acting-as").textContent = state.me.moderator
      ? `Acting as a moderator (${state.me.id})`
      : `Acting as a non-moderator (${state.me.id})`;
    const senders = byId("inbound-from");
    if (senders.options.length === 0) {
      for (const sender of state.whatsapp.senders) {
        senders.append($("option", { value: sender.from, text: sender.label }));
      }
    }
    byId("inbound").hidden = state.whatsapp.shape === "none";
    byId("inbound-shape").textContent =
      state.whatsapp.shape === "cloud" ? "Cloud API webhook shape" : "On-Premises webhook shape";
  };

  const render = () => {
    if (channel === null) channel = state.channels[0].id;
    renderChannels(state.channels.find((c) => c.id === channel));
    byId("message-list").replaceChildren(
      ...state.messages.filter((m) => m.channel === channel).map(renderMessage),
    );
    const pane = byId("messages");
    pane.scrollTop = pane.scrollHeight;
    renderSidebar();
    dialog.renderView();
  };

  const poll = async () => {
    for (;;) {
      try {
        const response = await fetch(`/playground/state?after=${state ? state.version : -1}`);
        state = await response.json();
        render();
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  };

  byId("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    const input = byId("composer-input");
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    act({ type: "command", channel, text });
  });
  byId("composer-input").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      byId("composer").requestSubmit();
    }
  });
  byId("moderator-switch").addEventListener("click", () => {
    act({ type: "moderator", on: !state.me.moderator });
  });
  byId("inbound").addEventListener("submit", (event) => {
    event.preventDefault();
    const from = byId("inbound-from").value;
    act({ type: "inbound", from, text: byId("inbound-text").value });
    announce(`WhatsApp message sent from ${from}.`);
  });
  poll();
}
