import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Store suites share one Redis and one PostgreSQL; each suite uses its own namespace, so files may run in parallel.
    // Two files at a time: on CI's two cores the suite takes about 4½ minutes instead of 7½ (Vitest's default there is
    // one). Tests that time their work allow for the stalls another file causes (see lateTimers in the rate tests).
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 20_000,
    reporters: ["default"],
  },
});
