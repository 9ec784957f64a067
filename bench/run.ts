import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runSearchBench, type SearchBenchRow } from "./search-bench";

/**
 * `npm run bench`: runs the benchmarks, prints their figures as plain tables, and writes
 * the same figures to bench/results/latest.json. Not a test: it asserts nothing.
 */

const resultsFile = join(dirname(fileURLToPath(import.meta.url)), "results", "latest.json");

/** A plain text table: a header row, a rule, then the rows; numbers right-aligned. */
function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  ");
  return [line(header), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(line)].join("\n");
}

const fixed = (value: number, digits: number) => value.toFixed(digits);
const withSpread = (s: { median: number; min: number; max: number }, digits: number) =>
  `${fixed(s.median, digits)} (${fixed(s.min, digits)}–${fixed(s.max, digits)})`;

function searchTables(rows: readonly SearchBenchRow[]): string {
  const overview = formatTable(
    ["articles", "entries", "build ms", "index MiB", "RSS MiB", "p50 ms", "p99 ms", "p99 CPU ms"],
    rows.map((row) => [
      row.articles.toLocaleString("en"),
      row.entries.toLocaleString("en"),
      withSpread(row.buildMs, 0),
      fixed(row.indexMiB, 1),
      fixed(row.rssMiB, 1),
      withSpread(row.p50Ms, 3),
      withSpread(row.p99Ms, 3),
      withSpread(row.cpuP99Ms, 3),
    ]),
  );
  const largest = rows.at(-1);
  const byKind = largest
    ? formatTable(
        [`query kind at ${largest.articles.toLocaleString("en")} articles`, "p50 ms", "max ms", "mean hits"],
        Object.entries(largest.byKind).map(([kind, figures]) => [
          kind,
          fixed(figures.p50Ms, 3),
          fixed(figures.maxMs, 3),
          fixed(figures.meanHits, 0),
        ]),
      )
    : "";
  const first = rows[0];
  const note = first
    ? [
        `Median of ${first.repetitions} runs of a ${first.queriesPerRepetition}-query mix per size (min–max in brackets); build: median of several builds.`,
        "p50/p99: wall clock, what a reader waits; p99 CPU: this process's CPU time, less disturbed by other work on the machine.",
        `Load average when done: ${loadavg().map((load) => load.toFixed(1)).join(", ")} on ${cpus().length} CPUs.`,
      ].join("\n")
    : "";
  return [overview, "", byKind, "", note].join("\n");
}

const started = new Date();
const search = runSearchBench(undefined, (line) => process.stderr.write(`${line}\n`));

console.log(`Search (searchArticles), Node ${process.version}, ${cpus()[0]?.model ?? "unknown CPU"} x${cpus().length}`);
console.log(searchTables(search));

mkdirSync(dirname(resultsFile), { recursive: true });
writeFileSync(
  resultsFile,
  `${JSON.stringify({ startedAt: started.toISOString(), node: process.version, cpu: cpus()[0]?.model, cpus: cpus().length, search }, null, 2)}\n`,
);
console.log(`\nWritten to ${resultsFile}`);
