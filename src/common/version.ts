import { createRequire } from "node:module";
import { z } from "zod";

/** This release's version, read once from package.json, so a release bump needs no code change. */
export const { version: APP_VERSION } = z
  .object({ version: z.string().regex(/^\d+\.\d+\.\d+/) })
  .parse(createRequire(import.meta.url)("../../package.json"));
