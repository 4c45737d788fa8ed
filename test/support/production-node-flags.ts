import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The node flags production runs the bot with, read from the Dockerfile's `CMD ["node", …flags, "dist/main.js"]`,
 * so that the process tests and the benchmarks run what operators run. Benchmarks give the bare baseline the same
 * flags: the comparison is between the apps, not between runtime settings.
 */
export function productionNodeFlags(): string[] {
  const dockerfile = readFileSync(join(import.meta.dirname, "../../Dockerfile"), "utf8");
  const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1];
  const argv = cmd === undefined ? undefined : (JSON.parse(cmd) as string[]);
  if (argv?.[0] !== "node" || argv.at(-1) !== "dist/main.js") {
    throw new Error('the Dockerfile has no CMD ["node", …, "dist/main.js"] to read the node flags from');
  }
  return argv.slice(1, -1);
}
