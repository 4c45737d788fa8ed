import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { SandboxSeedError } from "./errors.js";
import { type ParsedSandboxSeed, type SandboxSeed, sandboxSeedSchema } from "./seed-schema.js";

export const DEFAULT_SEED_PATH = fileURLToPath(new URL("./default-seed.json", import.meta.url));

async function readSeedFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new SandboxSeedError(`cannot read the sandbox seed file ${path}`, { cause: error });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new SandboxSeedError(`the sandbox seed file ${path} is not valid JSON`, { cause: error });
  }
}

/** Loads and validates a seed: an object, a JSON file path, or (undefined) the default demo seed. */
export async function loadSeed(seed: SandboxSeed | string | undefined): Promise<ParsedSandboxSeed> {
  const source = seed ?? DEFAULT_SEED_PATH;
  const raw = typeof source === "string" ? await readSeedFile(source) : source;
  const parsed = sandboxSeedSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join(".") || "seed"}: ${issue.message}`,
    );
    const where = typeof source === "string" ? ` (${source})` : "";
    throw new SandboxSeedError(`the sandbox seed${where} is not valid: ${problems.join("; ")}`);
  }
  return parsed.data;
}
