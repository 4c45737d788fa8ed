import { type Node, NodeType, parse } from "slack-message-parser";
import type { PlaygroundMessage } from "./channel-model.js";

/**
 * Slack mrkdwn as the playground page gets it (docs/CONTRACT.md §9): slack-message-parser reads the text, and this
 * module maps its tree to the few nodes the page draws with textContent only. `&lt;`, `&gt;` and `&amp;` are
 * decoded; links come only from Slack's `<url|label>` syntax and only for http(s) and mailto; mentions and
 * `<!here>` are shown as names, as text.
 */
export type MrkdwnNode =
  | { t: "text"; v: string }
  | { t: "br" }
  | { t: "b" | "i" | "s" | "quote"; c: MrkdwnNode[] }
  | { t: "code" | "pre"; v: string }
  | { t: "link"; href: string; v: string }
  | { t: "mention"; v: string };

/** Slack ids (users, channels) → the names the page shows for them. */
export type PageNames = Readonly<Record<string, string>>;

/** The emoji the bot's messages use, and a few common ones; others stay as their :name:. */
const EMOJI: Readonly<Record<string, string>> = {
  warning: "\u26a0\ufe0f",
  triangular_flag_on_post: "\u{1f6a9}",
  white_check_mark: "\u2705",
  no_entry: "\u26d4",
  hourglass_flowing_sand: "\u23f3",
  arrows_counterclockwise: "\u{1f504}",
  x: "\u274c",
  lock: "\u{1f512}",
  mag: "\u{1f50d}",
  "+1": "\u{1f44d}",
};

const LINK_SCHEME = /^(?:https?:\/\/|mailto:)/i;
/** `<!here>` and its kin: shown as the mention they are, never as a link. */
const BROADCASTS = new Set(["here", "channel", "everyone"]);

const decode = (text: string): string =>
  text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

export function mrkdwnNodes(source: string, names: PageNames): MrkdwnNode[] {
  return parse(source).children.flatMap((node) => pageNodes(node, names));
}

/**
 * The page's reader for one workspace's names. Each mrkdwn text object is read once, however often the state is
 * sent: the bot's messages and views are replaced, never changed in place, so an object keeps its text.
 */
export function createMrkdwnReader(names: PageNames) {
  const read = new WeakMap<object, MrkdwnNode[]>();
  const nodesOf = (object: object, text: string): MrkdwnNode[] => {
    const known = read.get(object);
    if (known) return known;
    const nodes = mrkdwnNodes(text, names);
    read.set(object, nodes);
    return nodes;
  };

  /** `value` (blocks, a view) with the page's nodes added to every mrkdwn text object in it. */
  const withNodes = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(withNodes);
    if (typeof value !== "object" || value === null) return value;
    const object = value as Record<string, unknown>;
    if (object.type === "mrkdwn" && typeof object.text === "string") {
      return { ...object, nodes: nodesOf(object, object.text) };
    }
    return Object.fromEntries(Object.entries(object).map(([key, item]) => [key, withNodes(item)]));
  };

  return {
    withNodes,
    /** A message as the page gets it: its blocks' mrkdwn read, and its text's, shown when it has no blocks. */
    message: (message: PlaygroundMessage) => ({
      ...message,
      blocks: withNodes(message.blocks) as unknown[],
      textNodes: message.blocks.length === 0 ? mrkdwnNodes(message.text, names) : [],
    }),
  };
}

function pageNodes(node: Node, names: PageNames): MrkdwnNode[] {
  const inner = (children: Node[]): MrkdwnNode[] => children.flatMap((child) => pageNodes(child, names));
  const label = (labelled: { label?: Node[] }): string | undefined =>
    labelled.label && decode(labelled.label.map((part) => part.source).join(""));
  switch (node.type) {
    case NodeType.Text:
      return lines(decode(node.text));
    case NodeType.Bold:
      return [{ t: "b", c: inner(node.children) }];
    case NodeType.Italic:
      return [{ t: "i", c: inner(node.children) }];
    case NodeType.Strike:
      return [{ t: "s", c: inner(node.children) }];
    case NodeType.Quote:
      return [{ t: "quote", c: inner(node.children) }];
    case NodeType.Root:
      return inner(node.children);
    case NodeType.Code:
      return [{ t: "code", v: decode(node.text) }];
    case NodeType.PreText:
      // As on Slack, the line breaks right after the opening and before the closing ``` are not shown.
      return [{ t: "pre", v: decode(node.text).replace(/^\n|\n$/g, "") }];
    case NodeType.Emoji:
      return [{ t: "text", v: EMOJI[node.name] ?? node.source }];
    case NodeType.UserLink:
      return [{ t: "mention", v: `@${names[node.userID] ?? label(node) ?? node.userID}` }];
    case NodeType.ChannelLink:
      return [{ t: "mention", v: `#${names[node.channelID] ?? label(node) ?? node.channelID}` }];
    case NodeType.Command:
      if (node.name === "date") return [{ t: "text", v: label(node) ?? decode(node.source) }];
      // <!here> and its kin by their name; a user group (<!subteam^S…|@team>) by its label.
      return [
        { t: "mention", v: BROADCASTS.has(node.name) ? `@${node.name}` : (label(node) ?? `@${node.name}`) },
      ];
    case NodeType.URL: {
      const href = decode(node.url);
      const shown = label(node) ?? href;
      return LINK_SCHEME.test(href) ? [{ t: "link", href, v: shown }] : [{ t: "text", v: shown }];
    }
  }
}

/** Text with its line breaks as `br` nodes. */
function lines(text: string): MrkdwnNode[] {
  return text.split("\n").flatMap((line, index): MrkdwnNode[] => {
    const shown: MrkdwnNode[] = line === "" ? [] : [{ t: "text", v: line }];
    return index === 0 ? shown : [{ t: "br" }, ...shown];
  });
}
