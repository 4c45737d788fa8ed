/**
 * A 300-row import file: 295 good rows (most numbers with +, every tenth typed the national way) and 5 bad ones,
 * one of each kind, at known lines (the header is line 1).
 */
export interface ImportFixture {
  csv: string;
  /** The wa_ids of the good rows. */
  good: string[];
  badLines: number[];
}

/** `engaged` needs 303 contacts who wrote recently: 295 good rows, 3 more for the bad rows. */
export function importFile(engaged: string[]): ImportFixture {
  const good = engaged.slice(0, 295);
  const bad = new Map<number, string>([
    [12, "12ab-not-a-number,spam"],
    [77, `+${engaged[0]},the same contact again`],
    [152, `+${engaged[300]},${"x".repeat(70)}`],
    [222, `+${engaged[301]},,ban`],
    [301, `"+${engaged[302]},unclosed quote`],
  ]);
  const lines = ["number,reason,action"];
  let next = 0;
  for (let line = 2; line <= 301; line++) {
    const row = bad.get(line);
    if (row !== undefined) {
      lines.push(row);
      continue;
    }
    const waId = good[next++] ?? "";
    lines.push(
      next % 10 === 0
        ? `${waId.slice(1, 4)}-${waId.slice(4, 7)}-${waId.slice(7)},spam wave`
        : `+${waId},spam wave`,
    );
  }
  return { csv: `${lines.join("\n")}\n`, good, badLines: [...bad.keys()] };
}
