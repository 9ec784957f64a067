import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Article } from "../src/content/article-schema";
import type { Spread } from "./bench-stats";
import { generateArticles } from "./generate-articles";
import { defaultHttpBenchOptions, defaultIdleLatencyOptions, runHttpBench, runIdleLatencyBench, type HttpBenchRow, type IdleLatencyRow } from "./http-bench";
import { defaultScalingBenchOptions, runScalingBench, type ScalingBenchRow } from "./scaling-bench";
import { defaultSearchBenchOptions, runSearchBench, type SearchBenchRow } from "./search-bench";
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
  return rows.flatMap((row) => {
    // Inline answers are 47 times larger than bare grammY's: their target is against bare grammY sending Briefing's payloads.
    const inline = row.update === "inline query";
    return [
      line("per update", row.update, "bare grammY, updates/s", row.bare, 0),
      line("per update", row.update, "Briefing, updates/s", row.full, 0),
      line("per update", row.update, "Briefing / bare", row.ratio, 2, inline ? undefined : atLeast(0.7, "≥ 0.70")),
      line("per update", row.update, `bare, Briefing's calls (${number(row.payloadBytes, 0)} B), updates/s`, row.replay, 0),
      line("per update", row.update, "Briefing / bare with its calls", row.ratioToReplay, 2, inline ? atLeast(0.7, "≥ 0.70") : undefined),
    ];
  });
}

function scalingLines(rows: readonly ScalingBenchRow[]): Line[] {
  return rows.flatMap((row) => {
    const size = `${number(row.articles, 0)} articles`;
    const at10k = row.articles === 10_000;
    const at100k = row.articles >= 100_000;
    // The watcher's share over time: idle, plus one full look every rescanMs (10 minutes).
    const watcher = { median: row.watcherIdleCpuPercent.median + (row.fullLookCpuMs.median / 600_000) * 100, min: row.watcherIdleCpuPercent.min + (row.fullLookCpuMs.min / 600_000) * 100, max: row.watcherIdleCpuPercent.max + (row.fullLookCpuMs.max / 600_000) * 100 };
    return [
      line("content", size, "cold build: snapshot + index (worker) + save, ms", row.coldMs, 0, at10k ? atMost(10_000, "≤ 10,000") : undefined),
      line("content", size, "  of which read, parse, check, store, ms", row.parseMs, 0),
      line("content", size, "  of which index, built in a worker, ms", row.indexMs, 0),
      line("content", size, "  of which index saved, ms", row.saveMs, 0),
      line("content", size, "cold build, resident at most, MiB", row.coldPeakRssMiB, 0),
      line("content", size, "ready from the snapshot (createLiveContent), ms", row.readyMs, 0, at10k ? atMost(1_000, "≤ 1,000") : at100k ? atMost(3_000, "≤ 3,000") : undefined),
      line("content", size, "  of which snapshot in step, ms", row.syncMs, 0),
      line("content", size, "  of which index loaded, ms", row.indexLoadMs, 0),
      line("content", size, "process start to ready, ms", row.processReadyMs, 0),
      line("content", size, "resident once ready, MiB", row.readyRssMiB, 0, at10k ? atMost(250, "≤ 250") : at100k ? atMost(400, "≤ 400") : undefined),
      line("content", size, "resident after a mixed load (articles on demand), MiB", row.servingRssMiB, 0, at10k ? atMost(250, "≤ 250") : at100k ? atMost(400, "≤ 400") : undefined),
      line("content", size, "  JavaScript heap in use then, MiB", row.servingHeapMiB, 0),
      line("content", size, "resident at most, MiB", row.peakRssMiB, 0),
      line("content", size, "inline query p50, ms", row.inlineP50Ms, 2),
      line("content", size, "inline query p99, ms", row.inlineP99Ms, 2, at10k ? atMost(2, "≤ 2") : at100k ? atMost(5, "≤ 5") : undefined),
      line("content", size, "command p50, ms", row.commandP50Ms, 2),
      line("content", size, "command p99, ms", row.commandP99Ms, 2),
      line("content", size, "searchArticles p50, ms", row.searchP50Ms, 3),
      line("content", size, "searchArticles p99, ms", row.searchP99Ms, 3, at100k ? atMost(5, "≤ 5") : undefined),
      line("content", size, "one file changed: saved → served, ms", row.changeServedMs, 0, at10k || at100k ? atMost(2_000, "≤ 2,000") : undefined),
      line("content", size, "  of which the snapshot's sync, ms", row.changeSyncMs, 0),
      line("content", size, "one file changed: saved → found by search, ms", row.changeSearchedMs, 0),
      line("content", size, "  of which the index rebuilt in a worker, ms", row.changeIndexMs, 0),
      line("content", size, "  longest main-thread stall meanwhile, ms", row.changeLongestStallMs, 0),
      line("content", size, "watcher: idle CPU, % of a core", row.watcherIdleCpuPercent, 3),
      line("content", size, "watcher: one full look, CPU ms", row.fullLookCpuMs, 0),
      line("content", size, "watcher: idle + a full look per 10 min, %", watcher, 3, at100k ? atMost(1, "< 1") : undefined),
    ];
  });
}

function idleLines(row: IdleLatencyRow): Line[] {
  return [
    line("over HTTP", "idle, one at a time", "bare grammY (bot.start) p50, ms", row.bareP50Ms, 2),
    line("over HTTP", "idle, one at a time", "Briefing p50, ms", row.briefingP50Ms, 2),
    line("over HTTP", "idle, one at a time", "Briefing / bare, p50", row.ratio, 2, atMost(1.3, "≤ 1.30")),
  ];
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
    const at10k = row.articles === 10_000;
    const at100k = row.articles >= 100_000;
    const one = (value: number) => ({ median: value, min: value, max: value });
    return [
      line("search", size, `index build, ms (${number(row.entries, 0)} entries)`, row.buildMs, 0),
      line("search", size, `postings (${number(row.postings, 0)}) as plain arrays, 8 B each, MiB`, one(row.plainPostingsMiB), 1),
      line("search", size, "postings compressed (block-delta ids, 16-bit scores), MiB", one(row.postingsMiB), 1),
      line("search", size, "index saved (and loaded as it is), MiB", one(row.savedMiB), 1),
      line("search", size, "searchArticles p50, ms", row.p50Ms, 3),
      line("search", size, "searchArticles p99, ms", row.p99Ms, 3, at10k ? atMost(2, "≤ 2") : at100k ? atMost(5, "≤ 5") : undefined),
      line("search", size, "searchArticles p99 CPU, ms", row.cpuP99Ms, 3),
      line("search", size, "inline query through the bot p50, ms", row.inlineP50Ms, 2),
      line("search", size, "inline query through the bot p99, ms", row.inlineP99Ms, 2, at10k ? atMost(2, "≤ 2") : at100k ? atMost(5, "≤ 5") : undefined),
      line("search", size, "inline query through the bot p99 CPU, ms", row.inlineCpuP99Ms, 2),
    ];
  });
}

/**
 * `--large`: 100,000 articles too, in the content rows. `--only a,b`: only those sections
 * (updates, content, http, search), to look at one change without the whole run; `--sizes 1,1000`:
 * the content rows' sizes.
 */
const args = process.argv.slice(2);
const large = args.includes("--large");
const onlyAt = args.indexOf("--only");
const only = onlyAt >= 0 ? new Set((args[onlyAt + 1] ?? "").split(",")) : undefined;
const runs = (section: string) => only === undefined || only.has(section);
const sizesAt = args.indexOf("--sizes");
const sizes = sizesAt >= 0 ? (args[sizesAt + 1] ?? "").split(",").map(Number) : large ? [...defaultScalingBenchOptions.sizes, 100_000] : defaultScalingBenchOptions.sizes;
const scalingOptions = { ...defaultScalingBenchOptions, sizes };

const log = (text: string) => process.stderr.write(`[${(process.uptime()).toFixed(0).padStart(3)} s] ${text}\n`);
const started = new Date();

// The scaling and search benchmarks use the same generated corpora: generated once.
const corpora = new Map<number, Article[]>();
const articles = (size: number): Article[] => {
  const corpus = corpora.get(size) ?? generateArticles(size, defaultScalingBenchOptions.seed);
  corpora.set(size, corpus);
  return corpus;
};

const updates = runs("updates") ? await runUpdateBench(defaultUpdateBenchOptions, log) : [];
const scaling = runs("content") ? await runScalingBench({ ...scalingOptions, articles }, log) : [];
const idle = runs("http") ? await runIdleLatencyBench(defaultIdleLatencyOptions, log) : undefined;
const http = runs("http") ? await runHttpBench(defaultHttpBenchOptions, log) : [];
// The search rows at the content rows' sizes when given, and at 100,000 articles with --large.
const searchSizes = sizesAt >= 0 ? sizes : large ? [...defaultSearchBenchOptions.sizes, 100_000] : defaultSearchBenchOptions.sizes;
const search = runs("search") ? await runSearchBench({ ...defaultSearchBenchOptions, sizes: searchSizes, articles }, log) : [];
const seconds = process.uptime();

console.log(`Briefing benchmarks: Node ${process.version}, ${cpus()[0]?.model ?? "unknown CPU"} x${cpus().length}, ${started.toISOString()}`);
console.log(
  formatTable(
    ["section", "row", "figure", "median", "min–max", "target"],
    [...updateLines(updates), ...scalingLines(scaling), ...(idle ? idleLines(idle) : []), ...httpLines(http), ...searchLines(search)],
    3,
  ),
);
console.log(
  [
    "",
    `per update: ${defaultUpdateBenchOptions.repetitions} rounds per row, bare / Briefing / replay side by side (turns of ${defaultUpdateBenchOptions.sliceUpdates} updates; updates per round: ${updates.map((row) => `${row.update} ${number(row.updatesPerRound, 0)}`).join(", ")}), updates/s in CPU time, each bot a process of its own; ratios of the medians, min–max of single rounds; content/ (the real article).`,
    `content: generated articles as YAML files; processes per size (cold, from the snapshot) ${scalingOptions.sizes.map((size) => { const r = scalingOptions.repetitions(size); return `${number(size, 0)}: ${r.cold}, ${r.warm}`; }).join("; ")}; latency through the bot in-process (no network), after a warm-up with other queries, so most answers are rendered for the first time.`,
    `over HTTP, idle: ${defaultIdleLatencyOptions.rounds} rounds of ${defaultIdleLatencyOptions.updatesPerRound} messages, one at a time, to Briefing and to bare grammY's bot.start() in turn, each against a stand-in of its own answering at once; ratio of p50s per round.`,
    `over HTTP: npm start's process against the Bot API stand-in, sendMessage answered after ${defaultHttpBenchOptions.sendDelayMs} ms; bursts: ${defaultHttpBenchOptions.repetitions.concurrent} runner, one after another, ${defaultHttpBenchOptions.repetitions.sequential} sequential, side by side; latency from an update queued to its answer arriving.`,
    `search: searchArticles alone, ${search[0]?.repetitions ?? 0} runs of a ${search[0]?.queriesPerRepetition ?? 0}-query mix per size, the index built in this process; inline: the same kind of mix through the bot (createFullBot, no network), after a warm-up with two other mixes, every update answered.`,
    `Took ${seconds.toFixed(0)} s. Load average when done: ${loadavg().map((load) => load.toFixed(1)).join(", ")} on ${cpus().length} CPUs.`,
  ].join("\n"),
);

mkdirSync(dirname(resultsFile), { recursive: true });
writeFileSync(
  resultsFile,
  `${JSON.stringify({ startedAt: started.toISOString(), seconds, node: process.version, cpu: cpus()[0]?.model, cpus: cpus().length, loadAverage: loadavg(), updates, scaling, idle, http, search }, null, 2)}\n`,
);
console.log(`Written to ${resultsFile}`);
