import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Api, type Bot, type Context } from "grammy";
import type { Update } from "grammy/types";
import pino from "pino";
import { CONTENT_SNAPSHOT_FILE, openContentSnapshot, type SnapshotSummary } from "../src/content/content-snapshot";
import { signaturesOf } from "../src/content/content-watcher";
import { createLocalBotApi, localBotInfo } from "../src/demo/local-bot-api";
import { buildIndexInWorker, startIndexWorker } from "../src/library/build-index-in-worker";
import { newestArticle } from "../src/library/library";
import { createLiveContent, SEARCH_INDEX_FILE } from "../src/library/live-content";
import { createAdminNotifier } from "../src/notices/admin-notifier";
import { loadSearchIndex, searchArticles } from "../src/search/search-articles";
import { createFullBot, handleAnswered, inlineUpdate, textUpdate, type CountedBot } from "./bench-bots";
import { percentile } from "./bench-stats";
import { BENCH_QUERIES_FILE } from "./bench-queries";

/**
 * One measurement of `scaling-bench.ts`, in a process of its own (so that sizes and
 * repetitions do not share a heap). Two kinds:
 *
 * - `cold`: a start with an empty DATA_DIR: every file read, parsed and checked into the
 *   content snapshot (SQLite), the search index built and saved as its arrays;
 * - `warm`: a start after one: the snapshot brought in step with the folder (a stat per file,
 *   nothing re-read) and the index loaded from its file: "ready from the snapshot". Then what
 *   it serves with: inline queries and commands through the bot, `searchArticles` alone, one
 *   file changed, and the content watcher left idle.
 *
 * Prints its figures as one line of JSON.
 * Run as `node --expose-gc --import tsx bench/scaling-child.ts <content dir> <data dir> <seed> <cold|warm>`.
 */

export interface ColdSample {
  kind: "cold";
  articles: number;
  /** Snapshot sync from empty: read, parse, check, store, in ms. */
  parseMs: number;
  /** The search index built, in ms. */
  indexMs: number;
  /** The index saved, in ms. */
  saveMs: number;
  /** Most resident memory reached, in MiB. */
  peakRssMiB: number;
}

export interface WarmSample {
  kind: "warm";
  articles: number;
  /** Snapshot sync (nothing re-read) plus the index loaded from its file, in ms. */
  readyMs: number;
  syncMs: number;
  indexLoadMs: number;
  /** From the process's start (Node, tsx, imports) to ready, in ms. */
  processReadyMs: number;
  /** Resident once ready from the snapshot (article summaries and the index; no article parsed), after a full GC, in MiB. */
  readyRssMiB: number;
  /** Resident after serving a mixed load (inline, commands, questions, search), articles read on demand, after a full GC, in MiB. */
  servingRssMiB: number;
  /** The JavaScript heap in use then (what the bot holds; resident memory keeps pages the heap freed). */
  servingHeapMiB: number;
  peakRssMiB: number;
  inline: Latency;
  command: Latency;
  /** `searchArticles` alone over the query mix. */
  search: Latency;
  /** One file changed, from its save: the snapshot's sync of it, in ms. */
  changeSyncMs: number;
  /** From the save to the change served (the article read anew), in ms. */
  changeServedMs: number;
  /** From the save to a search finding its new word (the index rebuilt in a worker and swapped in), in ms. */
  changeSearchedMs: number;
  /** The index rebuilt in the worker, in ms. */
  changeIndexMs: number;
  /** The longest the main thread did not run a 10 ms timer meanwhile, past its 10 ms: what an answer could have waited. */
  changeLongestStallMs: number;
  /** CPU the content watcher takes while nothing changes, as a share of one core, over `watcherIdleSeconds`. */
  watcherIdleCpuShare: number;
  /** CPU of one full look at the folder (its safety-net rescan), in ms. */
  fullLookCpuMs: number;
}

export type ScalingSample = ColdSample | WarmSample;

export interface Latency {
  p50: number;
  p99: number;
  samples: number;
}

const [dir, dataDir, seedText, kind] = process.argv.slice(2);
if (dir === undefined || dataDir === undefined || (kind !== "cold" && kind !== "warm")) {
  throw new Error("usage: scaling-child.ts <content dir> <data dir> <seed> <cold|warm>");
}
const seed = Number(seedText ?? 1);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const mib = (bytes: number) => bytes / 2 ** 20;
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
const figures = (times: number[]): Latency => {
  const sorted = times.sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), samples: sorted.length };
};

let sample: ScalingSample;

if (kind === "cold") {
  // As `createLiveContent` starts with an empty DATA_DIR: every file into the snapshot (half of
  // them parsed in a worker), then the index built in a worker thread (started first, so that it
  // boots meanwhile) and saved, keyed by the content's fingerprint.
  const snapshot = openContentSnapshot(join(dataDir, CONTENT_SNAPSHOT_FILE));
  let start = performance.now();
  const indexWorker = startIndexWorker();
  const synced = await snapshot.sync(dir);
  if (!synced.ok) throw new Error(`the generated content has problems:\n${synced.problems.slice(0, 10).join("\n")}`);
  const parseMs = performance.now() - start;
  start = performance.now();
  const saved = await buildIndexInWorker({ snapshotPath: snapshot.path, files: synced.articles.map((article) => article.file), key: synced.fingerprint }, indexWorker);
  const index = loadSearchIndex(saved, synced.fingerprint);
  if (!index) throw new Error("the index built could not be loaded");
  const indexMs = performance.now() - start;
  start = performance.now();
  await writeFile(join(dataDir, SEARCH_INDEX_FILE), saved);
  const saveMs = performance.now() - start;
  snapshot.close();
  sample = { kind, articles: synced.articles.length, parseMs, indexMs, saveMs, peakRssMiB: process.resourceUsage().maxRSS / 1024 };
} else {
  // The start `npm start` makes with DATA_DIR: `createLiveContent`'s load, timed whole, its
  // steps from its log (the snapshot in step, the index loaded).
  const logged: Record<string, unknown>[] = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => void logged.push(JSON.parse(line) as Record<string, unknown>) });
  const notifier = createAdminNotifier(new Api("1:x", { fetch: createLocalBotApi({ botInfo: localBotInfo }) }), [], logger);
  const live = createLiveContent({ dir, logger, notifier, snapshotDir: dataDir, intervalMs: 500 });
  const start = performance.now();
  const loaded = await live.load();
  if (!loaded.ok) throw new Error(`the generated content has problems:\n${loaded.problems.slice(0, 10).join("\n")}`);
  const readyMs = performance.now() - start;
  const processReadyMs = process.uptime() * 1000;
  const inStep = logged.find((line) => line.msg === "content snapshot in step");
  if (inStep?.reread !== 0) throw new Error(`a warm start re-read ${String(inStep?.reread)} files`);
  const syncMs = Number(inStep.ms);
  const indexLoaded = logged.find((line) => line.msg === "search index loaded");
  if (indexLoaded === undefined) throw new Error("the saved index was not loaded");
  const indexLoadMs = Number(indexLoaded.ms);
  gc();
  const readyRssMiB = mib(process.memoryUsage().rss);

  // The queries, drawn from the whole corpus by the parent (`benchQueriesFile`): read here, the
  // corpus would stay in the process's resident memory, which the bot itself never holds.
  const mixes = JSON.parse(await readFile(join(dir, BENCH_QUERIES_FILE), "utf8")) as Record<string, string[]>;
  const mix = (mixSeed: number) => mixes[String(mixSeed)] ?? [];
  const bot = createFullBot(() => live.library());

  /** Handles each update alone; returns its latencies in ms. Throws if any went unanswered. */
  const latencies = async (updates: readonly Update[]): Promise<number[]> => {
    const times: number[] = [];
    let begin = performance.now();
    await handleAnswered(bot as unknown as CountedBot<Bot<Context>>, updates, () => {
      const end = performance.now();
      times.push(end - begin);
      begin = end;
    });
    return times;
  };
  const inlineUpdates = (mixSeed: number) => mix(mixSeed).map((query, n) => inlineUpdate(query, n));
  const surnames = newestArticle(live.library()).people.map((person) => person.name.split(" ").at(-1) ?? person.name);
  const commandUpdates = (round: number) =>
    surnames.flatMap((surname, n) =>
      [`/who ${surname}`, `/quotes ${surname}`, `what did ${surname} say?`, "/attendees", "who attended?", "/agenda"].map((text, i) => textUpdate(text, round * 100 + n * 10 + i)),
    );
  // Warm-up with other queries: the engine compiles the paths, and the answers measured are still rendered afresh.
  for (const mixSeed of [seed + 1, seed + 4]) await latencies(inlineUpdates(mixSeed));
  for (const round of [0, 5]) await latencies(commandUpdates(round));
  const inlineTimes: number[] = [];
  for (const mixSeed of [seed + 2, seed + 3]) inlineTimes.push(...(await latencies(inlineUpdates(mixSeed))));
  const commandTimes: number[] = [];
  for (const round of [1, 2, 3, 4]) commandTimes.push(...(await latencies(commandUpdates(round))));
  const searchTimes: number[] = [];
  for (const mixSeed of [seed + 5, seed + 6]) {
    for (const query of mix(mixSeed)) {
      const begin = performance.now();
      searchArticles(live.library().index, query);
      searchTimes.push(performance.now() - begin);
    }
  }
  gc();
  const servingRssMiB = mib(process.memoryUsage().rss);
  const servingHeapMiB = mib(process.memoryUsage().heapUsed);

  // The watcher, idle: its first full look done, then nothing changes for a while. The
  // process's own idle CPU (the engine's housekeeping after the work above) is measured
  // just before, for as long, and taken off.
  const idleMs = 6_000;
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  await pause(2_000);
  const baselineFrom = process.cpuUsage();
  await pause(idleMs);
  const baselineCpuMs = cpuMs(baselineFrom);
  // One full look, timed, as the watcher's safety net takes it every 10 minutes.
  const lookFrom = process.cpuUsage();
  const lookStarted = performance.now();
  await signaturesOf(dir);
  const fullLookCpuMs = cpuMs(lookFrom);
  const fullLookMs = performance.now() - lookStarted;
  live.start();
  // Its first full look (as soon as it starts) is over before the idle is measured.
  await pause(2_000 + 3 * fullLookMs + 1_000);
  const idleFrom = process.cpuUsage();
  await pause(idleMs);
  const watcherIdleCpuShare = Math.max(0, cpuMs(idleFrom) - baselineCpuMs) / idleMs;

  // One file changed: an editor corrects a headline. Timed from the save to the new headline
  // served (read from the snapshot: /articles, answers), and to a search finding its new word
  // (the index rebuilt in a worker meanwhile, the old one answering).
  const changed = live.loaded()[Math.floor(live.loaded().length / 2)] as SnapshotSummary | undefined;
  if (changed === undefined) throw new Error("no article to change");
  const path = join(dir, changed.file);
  // A word no article has, new at every run (a run edits the file for good).
  const word = `Zq${Math.random().toString(36).replace(/[^a-z]/g, "").slice(0, 8)}`;
  const text = await readFile(path, "utf8");
  const edited = text.replace(/^headline: .*$/m, `headline: ${JSON.stringify(`${changed.headline} ${word}`)}`);
  if (edited === text) throw new Error("no headline line to edit");
  const served = () => live.library().article(changed.id)?.headline.endsWith(word) === true;
  const found = () => searchArticles(live.library().index, word).hits.some((hit) => hit.articleId === changed.id);
  const gaps: number[] = [];
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    gaps.push(now - last);
    last = now;
  }, 10);
  const saved = performance.now();
  await writeFile(path, edited);
  let changeServedMs = -1;
  let changeSearchedMs = -1;
  const deadline = saved + 600_000;
  while (performance.now() < deadline && (changeServedMs < 0 || changeSearchedMs < 0)) {
    await pause(10);
    if (changeServedMs < 0 && served()) changeServedMs = performance.now() - saved;
    if (changeSearchedMs < 0 && found()) changeSearchedMs = performance.now() - saved;
  }
  clearInterval(ticker);
  live.stop();
  const rebuilt = logged.find((line) => line.msg === "search index rebuilt and swapped in");
  const changeSync = logged.filter((line) => line.msg === "content snapshot in step").at(-1);

  sample = {
    kind,
    articles: live.library().articles.length,
    readyMs,
    syncMs,
    indexLoadMs,
    processReadyMs,
    readyRssMiB,
    servingRssMiB,
    servingHeapMiB,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    inline: figures(inlineTimes),
    command: figures(commandTimes),
    search: figures(searchTimes),
    changeSyncMs: Number(changeSync?.ms ?? -1),
    changeServedMs,
    changeSearchedMs,
    changeIndexMs: Number(rebuilt?.ms ?? -1),
    changeLongestStallMs: Math.max(0, ...gaps) - 10,
    watcherIdleCpuShare,
    fullLookCpuMs,
  };
}
process.stdout.write(`${JSON.stringify(sample)}\n`);
