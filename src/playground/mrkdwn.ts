/**
 * Slack mrkdwn → a tree the page turns into DOM nodes with textContent only (docs/CONTRACT.md §9): nothing is
 * ever parsed as HTML, so every character the bot sends is shown as text. Links and mentions come only from
 * Slack's `<…>` syntax; `&lt;`, `&gt;` and `&amp;` are decoded. The function is self-contained (no imports, no
 * outer names) because the page's script carries its source text.
 */
export type MrkdwnNode =
  | { t: "text"; v: string }
  | { t: "br" }
  | { t: "b" | "i" | "s" | "pre"; c: MrkdwnNode[] }
  | { t: "code"; v: string }
  | { t: "link"; href: string; v: string }
  | { t: "mention"; v: string };

export function renderMrkdwn(source: string, names: Record<string, string>): MrkdwnNode[] {
  // The emoji the bot's messages use, and a few common ones; others stay as their :name:.
  const emoji: Record<string, string> = {
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
  const decode = (text: string): string =>
    text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  const entities: MrkdwnNode[] = [];
  const entity = (inner: string): MrkdwnNode => {
    const bar = inner.indexOf("|");
    const target = bar < 0 ? inner : inner.slice(0, bar);
    const label = bar < 0 ? undefined : decode(inner.slice(bar + 1));
    if (target.startsWith("@"))
      return { t: "mention", v: `@${names[target.slice(1)] ?? label ?? target.slice(1)}` };
    if (target.startsWith("#"))
      return { t: "mention", v: `#${names[target.slice(1)] ?? label ?? target.slice(1)}` };
    if (target.startsWith("!subteam^")) return { t: "mention", v: label ?? "@group" };
    if (target.startsWith("!date^")) return { t: "text", v: label ?? target };
    if (target.startsWith("!")) return { t: "mention", v: `@${target.slice(1)}` };
    if (/^(https?:\/\/|mailto:)/i.test(target))
      return { t: "link", href: decode(target), v: label ?? decode(target) };
    return { t: "text", v: label ?? decode(target) };
  };
  // Entities first, as placeholders, so that "_" in a URL or "*" in a label is not read as formatting.
  // U+E000 (private use) marks the placeholders; the source's own are shown as U+FFFD.
  const marked = source.replace(/\ue000/g, "\ufffd").replace(/<([^<>\n]+)>/g, (_all, inner: string) => {
    entities.push(entity(inner));
    return `\ue000${entities.length - 1}\ue000`;
  });
  const leaves = (text: string): MrkdwnNode[] => {
    const out: MrkdwnNode[] = [];
    text.split(/\ue000(\d+)\ue000/).forEach((part, index) => {
      if (index % 2 === 1) {
        const found = entities[Number(part)];
        if (found) out.push(found);
        return;
      }
      part.split("\n").forEach((line, lineIndex) => {
        if (lineIndex > 0) out.push({ t: "br" });
        const shown = decode(line).replace(/:([a-z0-9_+-]+):/g, (all, name: string) => emoji[name] ?? all);
        if (line !== "") out.push({ t: "text", v: shown });
      });
    });
    return out;
  };
  const plainOf = (text: string): string =>
    text.replace(/\ue000(\d+)\ue000/g, (_all, index: string) => {
      const found = entities[Number(index)];
      return found && "v" in found ? found.v : "";
    });
  const styles: Array<[RegExp, "b" | "i" | "s"]> = [
    [/(^|[^\w*])\*(?=\S)([^*\n]*?\S|\S)\*(?![\w*])/, "b"],
    [/(^|[^\w_])_(?=\S)([^_\n]*?\S|\S)_(?![\w_])/, "i"],
    [/(^|[^\w~])~(?=\S)([^~\n]*?\S|\S)~(?![\w~])/, "s"],
  ];
  const inline = (text: string): MrkdwnNode[] => {
    let best:
      | { index: number; length: number; inner: string; kind: "b" | "i" | "s"; lead: string }
      | undefined;
    for (const [pattern, kind] of styles) {
      const match = pattern.exec(text);
      if (match && (best === undefined || match.index + (match[1] ?? "").length < best.index)) {
        const lead = match[1] ?? "";
        best = {
          index: match.index + lead.length,
          length: match[0].length - lead.length,
          inner: match[2] ?? "",
          kind,
          lead,
        };
      }
    }
    if (best === undefined) return leaves(text);
    return [
      ...leaves(text.slice(0, best.index)),
      { t: best.kind, c: inline(best.inner) },
      ...inline(text.slice(best.index + best.length)),
    ];
  };
  const withCode = (text: string): MrkdwnNode[] => {
    const out: MrkdwnNode[] = [];
    text.split(/`([^`\n]+)`/).forEach((part, index) => {
      if (index % 2 === 1) out.push({ t: "code", v: decode(plainOf(part)) });
      else out.push(...inline(part));
    });
    return out;
  };
  const out: MrkdwnNode[] = [];
  const blocks = marked.split("```");
  blocks.forEach((part, index) => {
    const closed = index % 2 === 1 && index < blocks.length - 1;
    if (closed) out.push({ t: "pre", c: leaves(part.replace(/^\n/, "")) });
    else out.push(...withCode(index % 2 === 1 ? `\`\`\`${part}` : part));
  });
  return out;
}
