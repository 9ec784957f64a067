import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    // At least two files at once, even on two CPUs (vitest's default there is one): most of the suite waits on child processes and timers, not the CPU.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Tests marked concurrent (the fault matrix's rows) mostly wait on Telegram's timings; run them all at once.
    maxConcurrency: 20,
  },
});
