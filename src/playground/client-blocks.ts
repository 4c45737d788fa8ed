// @ts-nocheck — browser code: the page's script carries this function's source text (page.ts), and the
// project's TypeScript has no DOM types. It builds every node with createElement and textContent, never HTML.
/**
 * Block Kit as the playground page draws it (docs/CONTRACT.md §9): mrkdwn (the nodes the bot read it into,
 * page-mrkdwn.ts), sections with fields and button accessories, context, dividers, headers, and actions whose
 * buttons are real buttons named by their text, confirm dialog first where they have one. `ui` gives the element
 * helper `$`, `act` and `confirmThen`.
 */
export function blockKit(ui) {
  const { $ } = ui;
  const mrkdwn = (nodes) =>
    (nodes ?? []).map((node) => {
      switch (node.t) {
        case "text":
          return document.createTextNode(node.v);
        case "br":
          return $("br");
        case "b":
          return $("strong", {}, mrkdwn(node.c));
        case "i":
          return $("em", {}, mrkdwn(node.c));
        case "s":
          return $("del", {}, mrkdwn(node.c));
        case "quote":
          return $("blockquote", {}, mrkdwn(node.c));
        case "pre":
          return $("pre", { text: node.v });
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
    if (object.type === "mrkdwn") return mrkdwn(object.nodes);
    return [document.createTextNode(object.text ?? "")];
  };
  const plain = (object) => (object && typeof object.text === "string" ? object.text : "");

  const button = (element, blockId, message) => {
    const node = $("button", {
      type: "button",
      className: `block-button ${element.style ?? ""}`,
      text: plain(element.text),
    });
    node.addEventListener("click", () => {
      const send = () =>
        ui.act({
          type: "button",
          messageId: message.id,
          actionId: element.action_id,
          blockId: blockId ?? "",
          value: element.value ?? "",
          text: plain(element.text),
        });
      if (element.confirm) ui.confirmThen(element.confirm, node, send);
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

  return { mrkdwn, textObject, plain, renderBlock };
}
