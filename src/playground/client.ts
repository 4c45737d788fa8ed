// @ts-nocheck — browser code: the page's script carries this function's source text (page.ts), and the
// project's TypeScript has no DOM types. It builds every node with createElement and textContent, never HTML.
/**
 * The playground page's script (docs/CONTRACT.md §9): long-polls /playground/state, renders the channel like
 * Slack, and posts every action to /playground/act, which signs it and sends it to /slack/events. `renderMrkdwn`
 * is mrkdwn.ts, defined next to this function in the served script.
 */
export function clientMain() {
  let state = null;
  let channel = null;
  let shownViewKey = "";
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
  const names = () => {
    const out = { ...state.people };
    for (const c of state.channels) out[c.id] = c.name;
    return out;
  };
  const mrkdwnNodes = (nodes) =>
    nodes.map((node) => {
      switch (node.t) {
        case "text":
          return document.createTextNode(node.v);
        case "br":
          return $("br");
        case "b":
          return $("strong", {}, mrkdwnNodes(node.c));
        case "i":
          return $("em", {}, mrkdwnNodes(node.c));
        case "s":
          return $("del", {}, mrkdwnNodes(node.c));
        case "pre":
          return $("pre", {}, mrkdwnNodes(node.c));
        case "code":
          return $("code", { text: node.v });
        case "link":
          return $("a", { href: node.href, target: "_blank", rel: "noopener noreferrer", text: node.v });
        case "mention":
          return $("span", { className: "mention", text: node.v });
        default:
          return document.createTextNode("");
      }
    });
  const textObject = (object) => {
    if (!object) return [];
    if (object.type === "mrkdwn") return mrkdwnNodes(renderMrkdwn(object.text ?? "", names()));
    return [document.createTextNode(object.text ?? "")];
  };
  const plain = (object) => (object && typeof object.text === "string" ? object.text : "");

  const act = async (action) => {
    const response = await fetch("/playground/act", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(action),
    });
    if (!response.ok) announce(`The action failed (${response.status}).`);
  };
  const announce = (text) => {
    document.getElementById("status").textContent = text;
  };

  // Confirm dialogs: role alertdialog, named by their title, buttons named by confirm / deny.
  const confirmThen = (confirm, opener, then) => {
    const titleId = "confirm-title";
    const textId = "confirm-text";
    let dialog = null;
    const done = (ok) => {
      dialog.remove();
      document.querySelector(".app").inert = Boolean(state.view);
      opener.focus();
      if (ok) then();
    };
    dialog = $(
      "div",
      { className: "backdrop" },
      $(
        "div",
        {
          role: "alertdialog",
          "aria-modal": "true",
          "aria-labelledby": titleId,
          "aria-describedby": textId,
          className: "dialog",
          onkeydown: (event) => event.key === "Escape" && done(false),
        },
        $("h2", { id: titleId, text: plain(confirm.title) || "Are you sure?" }),
        $("p", { id: textId }, textObject(confirm.text)),
        $(
          "div",
          { className: "dialog-buttons" },
          $("button", { type: "button", text: plain(confirm.deny) || "Cancel", onclick: () => done(false) }),
          $("button", {
            type: "button",
            className: confirm.style === "danger" ? "danger" : "primary",
            text: plain(confirm.confirm) || "Confirm",
            onclick: () => done(true),
          }),
        ),
      ),
    );
    document.body.append(dialog);
    document.querySelector(".app").inert = true;
    dialog.querySelector("button").focus();
  };

  const button = (element, blockId, message) => {
    const node = $("button", {
      type: "button",
      className: `block-button ${element.style ?? ""}`,
      text: plain(element.text),
    });
    node.addEventListener("click", () => {
      const send = () =>
        act({
          type: "button",
          messageId: message.id,
          actionId: element.action_id,
          blockId: blockId ?? "",
          value: element.value ?? "",
          text: plain(element.text),
        });
      if (element.confirm) confirmThen(element.confirm, node, send);
      else send();
    });
    return node;
  };

  const renderBlock = (block, message) => {
    switch (block.type) {
      case "section":
        return $(
          "div",
          { className: "section" },
          $(
            "div",
            { className: "section-body" },
            block.text ? $("div", { className: "section-text" }, textObject(block.text)) : null,
            block.fields
              ? $(
                  "div",
                  { className: "fields" },
                  block.fields.map((field) => $("div", {}, textObject(field))),
                )
              : null,
          ),
          block.accessory?.type === "button"
            ? $("div", { className: "accessory" }, button(block.accessory, block.block_id, message))
            : null,
        );
      case "context":
        return $(
          "div",
          { className: "context" },
          (block.elements ?? []).map((element) =>
            element.type === "image"
              ? $("img", { src: element.image_url, alt: element.alt_text ?? "" })
              : $("span", {}, textObject(element)),
          ),
        );
      case "divider":
        return $("hr");
      case "header":
        return $("h3", { className: "header", text: plain(block.text) });
      case "actions":
        return $(
          "div",
          { className: "actions", role: "group" },
          (block.elements ?? [])
            .filter((element) => element.type === "button")
            .map((element) => button(element, block.block_id, message)),
        );
      default:
        return $("div", { className: "context", text: `(a ${block.type} block)` });
    }
  };

  const renderMessage = (message) => {
    const author = state.people[message.author] ?? message.author;
    const isRelay = message.channel === state.channels[1].id && message.author === "bot";
    const body =
      message.blocks.length > 0
        ? message.blocks.map((block) => renderBlock(block, message))
        : [$("div", { className: "section-text" }, mrkdwnNodes(renderMrkdwn(message.text, names())))];
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
      message.metadata
        ? $(
            "details",
            { className: "metadata" },
            $("summary", { text: "metadata" }),
            $("pre", { text: JSON.stringify(message.metadata, null, 2) }),
          )
        : null,
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

  // Modals: role dialog named by the title; inputs labelled by their Block Kit labels; errors under their field.
  const renderView = () => {
    const host = document.getElementById("modal-host");
    const open = state.view;
    const key = open ? `${open.id}:${JSON.stringify(open.view)}` : "";
    if (key !== shownViewKey) {
      shownViewKey = key;
      host.replaceChildren();
      // Behind a modal the page is inert, as Slack's is.
      document.querySelector(".app").inert = Boolean(open);
      if (!open) {
        document.getElementById("composer-input").focus();
        return;
      }
      const view = open.view;
      const fields = [];
      const close = () => act({ type: "close", viewId: open.id });
      const form = $("form", {
        className: "dialog modal",
        role: "dialog",
        "aria-modal": "true",
        "aria-labelledby": "modal-title",
        onkeydown: (event) => event.key === "Escape" && close(),
      });
      form.append($("h2", { id: "modal-title", text: plain(view.title) }));
      for (const [index, block] of (view.blocks ?? []).entries()) {
        if (block.type !== "input") {
          form.append(renderBlock(block, { id: "" }));
          continue;
        }
        const id = `field-${index}`;
        const element = block.element ?? {};
        const errorId = `${id}-error`;
        const hintId = `${id}-hint`;
        const wrap = $("div", { className: "input-block", "data-block": block.block_id });
        const hint = block.hint ? $("p", { id: hintId, className: "hint", text: plain(block.hint) }) : null;
        const error = $("p", { id: errorId, className: "error", role: "alert" });
        if (element.type === "checkboxes") {
          const group = $(
            "fieldset",
            {},
            $("legend", { text: `${plain(block.label)}${block.optional ? " (optional)" : ""}` }),
          );
          for (const [n, option] of (element.options ?? []).entries()) {
            const optionId = `${id}-${n}`;
            group.append(
              $(
                "div",
                { className: "checkbox" },
                $("input", { type: "checkbox", id: optionId, value: option.value }),
                $("label", { for: optionId, text: plain(option.text) }),
              ),
            );
          }
          wrap.append(group, hint ?? "", error);
          fields.push({
            block,
            element,
            read: () => ({
              type: "checkboxes",
              selected_options: [...group.querySelectorAll("input:checked")].map((box) => ({
                value: box.value,
                text: element.options.find((o) => o.value === box.value)?.text,
              })),
            }),
          });
        } else {
          const control = $(element.multiline ? "textarea" : "input", {
            id,
            type: element.multiline ? undefined : "text",
            placeholder: plain(element.placeholder) || undefined,
            maxlength: element.max_length,
            "aria-describedby": [hint ? hintId : "", errorId].join(" ").trim(),
          });
          wrap.append(
            $("label", { for: id, text: `${plain(block.label)}${block.optional ? " (optional)" : ""}` }),
            hint ?? "",
            control,
            error,
          );
          fields.push({
            block,
            element,
            control,
            read: () => ({ type: "plain_text_input", value: control.value || null }),
          });
        }
        form.append(wrap);
      }
      form.append(
        $(
          "div",
          { className: "dialog-buttons" },
          $("button", { type: "button", text: plain(view.close) || "Close", onclick: close }),
          view.submit
            ? $("button", { type: "submit", className: "primary", text: plain(view.submit) })
            : null,
        ),
      );
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        const values = {};
        for (const field of fields) {
          values[field.block.block_id] = { [field.element.action_id]: field.read() };
        }
        act({ type: "submit", viewId: open.id, values });
      });
      host.append($("div", { className: "backdrop" }, form));
      form.querySelector("input, textarea, button").focus();
    }
    if (open) {
      for (const wrap of host.querySelectorAll(".input-block")) {
        const message = open.errors[wrap.getAttribute("data-block")] ?? "";
        wrap.querySelector(".error").textContent = message;
        const control = wrap.querySelector("input[type=text], textarea");
        if (control) control.setAttribute("aria-invalid", message ? "true" : "false");
      }
    }
  };

  const render = () => {
    if (channel === null) channel = state.channels[0].id;
    const current = state.channels.find((c) => c.id === channel);
    const nav = document.getElementById("channel-list");
    nav.replaceChildren(
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
    document.getElementById("channel-name").textContent = `#${current.name}`;
    document.getElementById("channel-about").textContent = current.about;
    document.getElementById("composer-input").setAttribute("aria-label", `Message #${current.name}`);
    document.getElementById("composer-input").setAttribute("placeholder", `Message #${current.name}`);
    document.getElementById("messages").setAttribute("aria-label", `Messages in #${current.name}`);
    const list = document.getElementById("message-list");
    list.replaceChildren(...state.messages.filter((m) => m.channel === channel).map(renderMessage));
    const pane = document.getElementById("messages");
    pane.scrollTop = pane.scrollHeight;
    const moderatorSwitch = document.getElementById("moderator-switch");
    moderatorSwitch.setAttribute("aria-checked", state.me.moderator ? "true" : "false");
    document.getElementById("acting-as").textContent = state.me.moderator
      ? `Acting as a moderator (${state.me.id})`
      : `Acting as a non-moderator (${state.me.id})`;
    const senders = document.getElementById("inbound-from");
    if (senders.options.length === 0) {
      for (const sender of state.whatsapp.senders)
        senders.append($("option", { value: sender.from, text: sender.label }));
    }
    document.getElementById("inbound").hidden = state.whatsapp.shape === "none";
    document.getElementById("inbound-shape").textContent =
      state.whatsapp.shape === "cloud" ? "Cloud API webhook shape" : "On-Premises webhook shape";
    renderView();
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

  document.getElementById("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    const input = document.getElementById("composer-input");
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    act({ type: "command", channel, text });
  });
  document.getElementById("composer-input").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      document.getElementById("composer").requestSubmit();
    }
  });
  document.getElementById("moderator-switch").addEventListener("click", () => {
    act({ type: "moderator", on: !state.me.moderator });
  });
  document.getElementById("inbound").addEventListener("submit", (event) => {
    event.preventDefault();
    const from = document.getElementById("inbound-from").value;
    const text = document.getElementById("inbound-text").value;
    act({ type: "inbound", from, text });
    announce(`WhatsApp message sent from ${from}.`);
  });
  poll();
}
