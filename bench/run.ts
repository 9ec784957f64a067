import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadContent } from "../src/content/load-content";
import { createLibrary } from "../src/library";
import type { Spread } from "./bench-stats";
import { defaultHttpBenchOptions, runHttpBench, type HttpBenchRow } from "./http-bench";
import { defaultScalingBenchOptions, runScalingBench, type ScalingBenchRow } from "./scaling-bench";
import { runSearchBench, type SearchBenchRow } from "./search-bench";
import { defaultUpdateBenchOptions, runUpdateBench, type UpdateBenchRow } from "./update-bench";

/**
 * `npm run bench`: runs the benchmarks, prints their figures as one plain table, and writes
 * the same figures to bench/results/latest.json. Not a test: it asserts nothing. Progress
 * goes to stderr; see README.md, "Performance", for what each row means.
 */

const resultsFile = join(dirname(fileURLToPath(import.meta.url)), "results", "latest.json");

/** A plain text table: a header row, a rule, then the rows; text left-aligned, figures right-aligned. */
function formatTable(header: readonly string[], rows: readonly (readonly string[])[], leftColumns: number): string {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i < leftColumns || i === cells.length - 1 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(line)].join("\n");
}

const number = (value: number, digits: number) => value.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** One figure: section, row, what it is, median, min–max, and the target with its verdict. */
type Line = [section: string, row: string, figure: string, median: string, spread: string, target: string];

function line(section: string, row: string, figure: string, s: Spread, digits: number, target?: { text: string; met: (median: number) => boolean }): Line {
  return [section, row, figure, number(s.median, digits), `${number(s.min, digits)}–${number(s.max, digits)}`, target ? `${target.text}: ${target.met(s.median) ? "met" : "MISSED"}` : ""];
}

const atLeast = (bound: number, text: string) => ({ text, met: (median: number) => median >= bound });
const atMost = (bound: number, text: string) => ({ text, met: (median: number) => median <= bound });

function updateLines(rows: readonly UpdateBenchRow[]): Line[] {
  return rows.flatMap((row) => [
    line("per update", row.update, "bare grammY, updates/s", row.bare, 0),
    line("per update", row.update, "Briefing, updates/s", row.full, 0),
    line("per update", row.update, "Briefing / bare", row.ratio, 2, atLeast(0.7, "≥ 0.70")),
    line("per update", row.update, `bare, Briefing's calls (${number(row.payloadBytes, 0)} B), updates/s`, row.replay, 0),
    line("per update", row.update, "Briefing / bare with its calls", row.ratioToReplay, 2),
  ]);
}

function scalingLines(rows: readonly ScalingBenchRow[]): Line[] {
  return rows.flatMap((row) => {
    const size = `${number(row.articles, 0)} articles`;
    const at10k = row.articles >= 10_000;
    return [
      line("content", size, "ready: load + index, ms", row.readyMs, 0, at10k ? atMost(3000, "≤ 3,000") : undefined),
      line("content", size, "  of which loadContent, ms", row.loadMs, 0),
      line("content", size, "  of which createLibrary, ms", row.indexMs, 0),
      line("content", size, "process start to ready, ms", row.processReadyMs, 0),
      line("content", size, "resident once ready, MiB", row.rssMiB, 0, at10k ? atMost(300, "< 300") : undefined),
      line("content", size, "resident at most, MiB", row.peakRssMiB, 0),
      line("content", size, "inline query p50, ms", row.inlineP50Ms, 2),
      line("content", size, "inline query p99, ms", row.inlineP99Ms, 2, at10k ? atMost(2, "≤ 2") : undefined),
      line("content", size, "command p50, ms", row.commandP50Ms, 2),
      line("content", size, "command p99, ms", row.commandP99Ms, 2),
    ];
  });
}

function httpLines(rows: readonly HttpBenchRow[]): Line[] {
  const burst = `${number(defaultHttpBenchOptions.updates, 0)} from ${defaultHttpBenchOptions.chats} chats`;
  return rows.flatMap((row) => {
    const name = row.polling === "concurrent" ? "runner (concurrent)" : "sequential";
    return [
      line("over HTTP", name, `answers/s, burst of ${burst}`, row.answersPerSecond, 0),
      line("over HTTP", name, "latency p50, ms", row.p50Ms, 0),
      line("over HTTP", name, "latency p99, ms", row.p99Ms, 0),
    ];
  });
}

function searchLines(rows: readonly SearchBenchRow[]): Line[] {
  return rows.flatMap((row) => {
    const size = `${number(row.articles, 0)} articles`;
    const at10k = row.articles >= 10_000;
    return [
      line("search", size, `index build, ms (${number(row.entries, 0)} entries)`, row.buildMs, 0),
      line("search", size, "searchArticles p50, ms", row.p50Ms, 3),
      line("search", size, "searchArticles p99, ms", row.p99Ms, 3, at10k ? atMost(2, "≤ 2") : undefined),
      line("search", size, "searchArticles p99 CPU, ms", row.cpuP99Ms, 3),
    ];
  });
}

const log = (text: string) => process.stderr.write(`[${(process.uptime()).toFixed(0).padStart(3)} s] ${text}\n`);
const started = new Date();

const content = await loadContent("content");
if (!content.ok) throw new Error(`content/ has problems:\n${content.problems.join("\n")}`);
const library = createLibrary(content.articles);
const updates = await runUpdateBench(() => library, defaultUpdateBenchOptions, log);
const scaling = await runScalingBench(defaultScalingBenchOptions, log);
const http = await runHttpBench(defaultHttpBenchOptions, log);
const search = runSearchBench(undefined, log);
const seconds = process.uptime();

console.log(`Briefing benchmarks: Node ${process.version}, ${cpus()[0]?.model ?? "unknown CPU"} x${cpus().length}, ${started.toISOString()}`);
console.log(
  formatTable(
    ["section", "row", "figure", "median", "min–max", "target"],
    [...updateLines(updates), ...scalingLines(scaling), ...httpLines(http), ...searchLines(search)],
    3,
  ),
);
console.log(
  [
    "",
    `per update: ${defaultUpdateBenchOptions.repetitions} runs each, bare / Briefing / replay in turn, updates/s in this process's CPU time; content/ (the real article).`,
    `content: generated articles as YAML files; ${defaultScalingBenchOptions.sizes.map((size) => `${number(size, 0)}: ${defaultScalingBenchOptions.repetitions(size)}`).join(", ")} fresh processes; latency through the bot, in-process, no network.`,
    `over HTTP: npm start's process against the Bot API stand-in, sendMessage answered after ${defaultHttpBenchOptions.sendDelayMs} ms; bursts: ${defaultHttpBenchOptions.repetitions.concurrent} runner, ${defaultHttpBenchOptions.repetitions.sequential} sequential; latency from an update queued to its answer arriving.`,
    `search: searchArticles alone, ${search[0]?.repetitions ?? 0} runs of a ${search[0]?.queriesPerRepetition ?? 0}-query mix per size.`,
    `Took ${seconds.toFixed(0)} s. Load average when done: ${loadavg().map((load) => load.toFixed(1)).join(", ")} on ${cpus().length} CPUs.`,
  ].join("\n"),
);

mkdirSync(dirname(resultsFile), { recursive: true });
writeFileSync(
  resultsFile,
  `${JSON.stringify({ startedAt: started.toISOString(), seconds, node: process.version, cpu: cpus()[0]?.model, cpus: cpus().length, loadAverage: loadavg(), updates, scaling, http, search }, null, 2)}\n`,
);
console.log(`Written to ${resultsFile}`);
