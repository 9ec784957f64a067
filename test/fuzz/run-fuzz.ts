/**
 * `npm run fuzz -- --updates 100000 [--seed 42] [--warp 300]`: fuzzes the
 * whole bot with many more updates than the test suite does, prints one
 * table of figures, and exits non-zero if any figure that must be zero is not.
 */
import { parseArgs } from "node:util";
import { formatFigures, fuzzTheBot, mustBeZero } from "./fuzz-the-bot";

const { values } = parseArgs({
  options: {
    updates: { type: "string", default: "20000" },
    seed: { type: "string" },
    warp: { type: "string", default: "300" },
  },
});
const updates = Number(values.updates);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
const timeWarp = Number(values.warp);
if (!Number.isInteger(updates) || updates < 1 || !Number.isInteger(seed) || !(timeWarp >= 1)) {
  console.error("usage: npm run fuzz -- [--updates N] [--seed N] [--warp N]");
  process.exit(2);
}

console.error(`fuzzing the bot with ${updates.toLocaleString("en-US")} updates, seed ${seed} (rerun with --seed ${seed})`);
const report = await fuzzTheBot({ updates, seed, timeWarp, progress: (tried) => tried % 10_000 === 0 && console.error(`  ${tried.toLocaleString("en-US")} updates`) });
// A burst's counterexample repeats one message dozens of times: its start says enough.
if (report.failure) console.error(`\n${report.failure.length > 3000 ? `${report.failure.slice(0, 3000)}…` : report.failure}\n`);
for (const problem of report.problems) console.error(`- ${problem}`);
console.log(formatFigures(report));
const failed = Object.values(mustBeZero(report.figures)).some((n) => n !== 0);
process.exit(failed ? 1 : 0);
