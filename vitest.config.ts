import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    // Tests marked concurrent (the fault matrix's rows) mostly wait on Telegram's timings; run them all at once.
    maxConcurrency: 20,
  },
});
