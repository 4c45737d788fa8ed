import { createRequire } from "node:module";
import { z } from "zod";

/**
 * `wa-moderator/<version>`, sent on every Graph call: Meta's OpenAPI spec asks for a `name/1.2.3` User-Agent
 * (docs/CONTRACT.md §1.2). The version is read once from package.json, so a release bump needs no code change.
 */
const { version } = z
  .object({ version: z.string().regex(/^\d+\.\d+\.\d+/) })
  .parse(createRequire(import.meta.url)("../../../package.json"));

export const USER_AGENT = `wa-moderator/${version}`;
