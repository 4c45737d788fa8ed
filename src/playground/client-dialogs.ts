// @ts-nocheck — browser code: the page's script carries this function's source text (page.ts), and the
// project's TypeScript has no DOM types. It builds every node with createElement and textContent, never HTML.
/**
 * Confirm dialogs and modals as the playground page draws them (docs/CONTRACT.md §9): a confirm dialog is an
 * alertdialog named by its title, with buttons named by its confirm and deny text; a modal is a dialog named by
 * its title, its inputs labelled by their Block Kit labels, each validation error under its field. Behind either,
 * the page is inert, as Slack's is. `ui` gives `$`, `act`, the Block Kit renderer `kit` and `state()`.
 */
export function dialogs(ui) {
  const { $ } = ui;
  const app = () => document.querySelector(".app");
  let shownViewKey = "";

  const confirmThen = (confirm, opener, then) => {
    let dialog = null;
    const done = (ok) => {
      dialog.remove();
      app().inert = Boolean(ui.state().view);
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
          "aria-labelledby": "confirm-title",
          "aria-describedby": "confirm-text",
          className: "dialog",
          onkeydown: (event) => event.key === "Escape" && done(false),
        },
        $("h2", { id: "confirm-title", text: ui.kit().plain(confirm.title) || "Are you sure?" }),
        $("p", { id: "confirm-text" }, ui.kit().textObject(confirm.text)),
        $(
          "div",
          { className: "dialog-buttons" },
          $("button", {
            type: "button",
            text: ui.kit().plain(confirm.deny) || "Cancel",
            onclick: () => done(false),
          }),
          $("button", {
            type: "button",
            className: confirm.style === "danger" ? "danger" : "primary",
            text: ui.kit().plain(confirm.confirm) || "Confirm",
            onclick: () => done(true),
          }),
        ),
      ),
    );
    document.body.append(dialog);
    app().inert = true;
    dialog.querySelector("button").focus();
  };

  /** One input block: a labelled text input or a fieldset of checkboxes, with its hint and error line. */
  const inputBlock = (block, index) => {
    const { plain } = ui.kit();
    const id = `field-${index}`;
    const element = block.element ?? {};
    const label = `${plain(block.label)}${block.optional ? " (optional)" : ""}`;
    const hint = block.hint ? $("p", { id: `${id}-hint`, className: "hint", text: plain(block.hint) }) : null;
    const error = $("p", { id: `${id}-error`, className: "error", role: "alert" });
    const wrap = $("div", { className: "input-block", "data-block": block.block_id });
    if (element.type === "checkboxes") {
      const group = $("fieldset", {}, $("legend", { text: label }));
      for (const [n, option] of (element.options ?? []).entries()) {
        group.append(
          $(
            "div",
            { className: "checkbox" },
            $("input", { type: "checkbox", id: `${id}-${n}`, value: option.value }),
            $("label", { for: `${id}-${n}`, text: plain(option.text) }),
          ),
        );
      }
      wrap.append(group, hint ?? "", error);
      const read = () => ({
        type: "checkboxes",
        selected_options: [...group.querySelectorAll("input:checked")].map((box) => ({
          value: box.value,
          text: element.options.find((o) => o.value === box.value)?.text,
        })),
      });
      return { wrap, block, element, read };
    }
    const control = $(element.multiline ? "textarea" : "input", {
      id,
      type: element.multiline ? undefined : "text",
      placeholder: plain(element.placeholder) || undefined,
      maxlength: element.max_length,
      "aria-describedby": [hint ? `${id}-hint` : "", `${id}-error`].join(" ").trim(),
    });
    wrap.append($("label", { for: id, text: label }), hint ?? "", control, error);
    return { wrap, block, element, read: () => ({ type: "plain_text_input", value: control.value || null }) };
  };

  const drawModal = (host, open) => {
    const view = open.view;
    const close = () => ui.act({ type: "close", viewId: open.id });
    const form = $("form", {
      className: "dialog modal",
      role: "dialog",
      "aria-modal": "true",
      "aria-labelledby": "modal-title",
      onkeydown: (event) => event.key === "Escape" && close(),
    });
    form.append($("h2", { id: "modal-title", text: ui.kit().plain(view.title) }));
    const fields = [];
    for (const [index, block] of (view.blocks ?? []).entries()) {
      if (block.type !== "input") {
        form.append(ui.kit().renderBlock(block, { id: "" }));
        continue;
      }
      const field = inputBlock(block, index);
      fields.push(field);
      form.append(field.wrap);
    }
    form.append(
      $(
        "div",
        { className: "dialog-buttons" },
        $("button", { type: "button", text: ui.kit().plain(view.close) || "Close", onclick: close }),
        view.submit
          ? $("button", { type: "submit", className: "primary", text: ui.kit().plain(view.submit) })
          : null,
      ),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const values = {};
      for (const field of fields) values[field.block.block_id] = { [field.element.action_id]: field.read() };
      ui.act({ type: "submit", viewId: open.id, values });
    });
    host.append($("div", { className: "backdrop" }, form));
    form.querySelector("input, textarea, button").focus();
  };

  /** Draws the open modal when it changed (what was typed survives a redraw of the page), then its errors. */
  const renderView = () => {
    const host = document.getElementById("modal-host");
    const open = ui.state().view;
    const key = open ? `${open.id}:${JSON.stringify(open.view)}` : "";
    if (key !== shownViewKey) {
      shownViewKey = key;
      host.replaceChildren();
      app().inert = Boolean(open);
      if (!open) {
        document.getElementById("composer-input").focus();
        return;
      }
      drawModal(host, open);
    }
    if (!open) return;
    for (const wrap of host.querySelectorAll(".input-block")) {
      const message = open.errors[wrap.getAttribute("data-block")] ?? "";
      wrap.querySelector(".error").textContent = message;
      const control = wrap.querySelector("input[type=text], textarea");
      if (control) control.setAttribute("aria-invalid", message ? "true" : "false");
    }
  };

  return { confirmThen, renderView };
}
