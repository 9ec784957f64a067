import { performance } from "node:perf_hooks";
import type { Bot, Context } from "grammy";
import type { Update } from "grammy/types";
import { loadContent } from "../src/content/load-content";
import { createLibrary, newestArticle } from "../src/library";
import { createFullBot, handleAnswered, inlineUpdate, textUpdate, type CountedBot } from "./bench-bots";
import { percentile } from "./bench-stats";
import { generatePeople, peoplePoolSize } from "./generate-articles";
import { queryMix } from "./search-bench";

/**
 * One measurement of `scaling-bench.ts`, in a process of its own (so that sizes and
 * repetitions do not share a heap): loads CONTENT_DIR as `npm start` does (`loadContent`,
 * then `createLibrary`), builds the bot as `npm start` does, and times inline queries and
 * commands through it. Prints its figures as one line of JSON.
 *
 * Run as `node --expose-gc --import tsx bench/scaling-child.ts <content dir> <seed>`.
 */

export interface ScalingSample {
  articles: number;
  /** `loadContent` (read, parse, validate, check provenance), in ms. */
  loadMs: number;
  /** `createLibrary` (the search index), in ms. */
  indexMs: number;
  /** From the process's start (Node, tsx compiling, imports) to the bot built on the loaded content, in ms. */
  processReadyMs: number;
  /** Resident set once ready, after a full garbage collection, and the most it reached, in MiB. */
  rssMiB: number;
  peakRssMiB: number;
  /** Latency of one update through the bot (`handleUpdate`), in ms: inline queries, and commands and questions. */
  inline: Latency;
  command: Latency;
}

export interface Latency {
  p50: number;
  p99: number;
  samples: number;
}

const [dir, seedText] = process.argv.slice(2);
if (dir === undefined) throw new Error("usage: scaling-child.ts <content dir> <seed>");
const seed = Number(seedText ?? 1);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const mib = (bytes: number) => bytes / 2 ** 20;

let start = performance.now();
const content = await loadContent(dir);
if (!content.ok) throw new Error(`the generated content has problems:\n${content.problems.slice(0, 10).join("\n")}`);
const loadMs = performance.now() - start;
start = performance.now();
const library = createLibrary(content.articles);
const indexMs = performance.now() - start;
const bot = createFullBot(() => library);
const processReadyMs = process.uptime() * 1000;
gc();
const rssMiB = mib(process.memoryUsage().rss);

/** Handles each update alone; returns its latencies in ms. Throws if any went unanswered. */
async function latencies(updates: readonly Update[]): Promise<number[]> {
  const times: number[] = [];
  let begin = performance.now();
  await handleAnswered(bot as unknown as CountedBot<Bot<Context>>, updates, () => {
    const end = performance.now();
    times.push(end - begin);
    begin = end;
  });
  return times;
}

const people = new Map(generatePeople(peoplePoolSize(library.articles.length), seed).map((person) => [person.id, person]));
const inlineUpdates = (mixSeed: number) => queryMix(library.articles, people, mixSeed).map(({ query }, n) => inlineUpdate(query, n));
const newest = newestArticle(library);
const surnames = newest.people.map((person) => person.name.split(" ").at(-1) ?? person.name);
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
const figures = (times: number[]) => {
  const sorted = times.sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), samples: sorted.length };
};

const sample: ScalingSample = {
  articles: library.articles.length,
  loadMs,
  indexMs,
  processReadyMs,
  rssMiB,
  peakRssMiB: process.resourceUsage().maxRSS / 1024,
  inline: figures(inlineTimes),
  command: figures(commandTimes),
};
process.stdout.write(`${JSON.stringify(sample)}\n`);
