import { runInNewContext } from "node:vm";
import { setFlagsFromString } from "node:v8";
import type { Article } from "../src/content/article-schema";
import type { Bot, Context } from "grammy";
import { compareNewestFirst } from "../src/content/load-content";
import { createLibrary } from "../src/library/library";
import { createSearchIndex, saveSearchIndex, searchArticles, searchIndexFootprint, type SearchIndex } from "../src/search/search-articles";
import { createFullBot, handleAnswered, inlineUpdate, type CountedBot } from "./bench-bots";
import { elapsedMs, percentile, spread, type Spread } from "./bench-stats";
import { generateArticles, generatePeople, peoplePoolSize, type SyntheticPerson } from "./generate-articles";


export interface SearchBenchRow {
  articles: number;
  /** Searchable things indexed: people, statements, agenda items, ... */
  entries: number;
  buildMs: Spread;
  /** Growth of the JS heap plus typed-array memory once the index is built, in MiB. */
  indexMiB: number;
  /** Growth of the resident set size once the index is built, in MiB. */
  rssMiB: number;
  /** Postings (term, document) held, and their size as kept (compressed) and as plain arrays (8 bytes each), in MiB. */
  postings: number;
  postingsMiB: number;
  plainPostingsMiB: number;
  /** The index as saved beside the content snapshot (and loaded as it is), in MiB. */
  savedMiB: number;
  /** Inline queries of the same mix through the bot (`createFullBot`, no network), wall clock and CPU, in ms. */
  inlineP50Ms: Spread;
  inlineP99Ms: Spread;
  inlineCpuP99Ms: Spread;
  /** Latency of one `searchArticles` call, in ms, over the whole query mix: wall clock. */
  p50Ms: Spread;
  p99Ms: Spread;
  /** The same in CPU time of this process, which other work on the machine disturbs less. */
  cpuP99Ms: Spread;
  /** Per kind of query: median over repetitions of its p50 and of its slowest, and its mean `total`. */
  byKind: Record<QueryKind, { p50Ms: number; maxMs: number; meanHits: number }>;
  queriesPerRepetition: number;
  repetitions: number;
}

export type QueryKind = "name" | "full name" | "typo" | "cyrillic" | "prefix" | "phrase" | "country" | "no match";

export interface SearchBenchOptions {
  sizes: readonly number[];
  seed: number;
  /** Repetitions of the whole query mix per size (each gives one p50 and one p99). */
  repetitions: number;
  /** Index builds per size; fewer for the largest, which takes seconds. */
  builds: (size: number) => number;
  /** The corpus of a size. @default generateArticles(size, seed) */
  articles?: (size: number) => Article[];
}

export const defaultSearchBenchOptions: SearchBenchOptions = {
  sizes: [1, 1_000, 10_000],
  seed: 20191030,
  repetitions: 3,
  // The scaling benchmark builds the index of 10,000 articles again, in processes of their own.
  builds: (size) => (size >= 10_000 ? 1 : 2),
};

const gc: () => void = (() => {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
})();


/** A small seeded generator for choosing queries; the same seed, the same mix. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** Replaces one letter inside a word with a neighbour on the keyboard row, as a typo does. */
function typo(word: string, random: () => number): string {
  const keyboard = "qwertyuiopasdfghjklzxcvbnm";
  const at = 1 + Math.floor(random() * (word.length - 2));
  const letter = word[at]?.toLowerCase() ?? "a";
  const key = keyboard.indexOf(letter);
  const replacement = keyboard[key >= 0 && key < keyboard.length - 1 ? key + 1 : 0] as string;
  return word.slice(0, at) + replacement + word.slice(at + 1);
}

/**
 * A fixed mix of queries a reader would type, drawn from the corpus: surnames and full
 * names of people in it, a typo of a surname, the surname in Cyrillic, the first letters
 * of one (typing), three to five words of a quote, a country or its adjective, and
 * queries that find nothing.
 */
export function queryMix(articles: readonly Article[], people: ReadonlyMap<string, SyntheticPerson>, seed: number, perKind = 40): { kind: QueryKind; query: string }[] {
  const random = createRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const personInCorpus = (): SyntheticPerson => {
    const article = pick(articles);
    return people.get(pick(article.people).id) as SyntheticPerson;
  };
  const makers: Record<QueryKind, () => string> = {
    name: () => personInCorpus().surname,
    "full name": () => personInCorpus().name,
    typo: () => typo(personInCorpus().surname, random),
    cyrillic: () => personInCorpus().cyrillicSurname,
    prefix: () => personInCorpus().surname.slice(0, 3 + Math.floor(random() * 3)),
    phrase: () => {
      const words = pick(pick(articles).statements).text.split(" ");
      const length = 3 + Math.floor(random() * 3);
      const start = Math.floor(random() * Math.max(1, words.length - length));
      return words.slice(start, start + length).join(" ");
    },
    country: () => pick(["Kazakh", "Russia", "uzbek", "Tajikistan", "Armenia", "Georgian", "Azerbaijan", "kyrgyz"]),
    "no match": () => pick(["pizza recipe", "zzzz", "quantum chromodynamics", "xylophone", "🍕", "Хогвартс"]),
  };
  const mix: { kind: QueryKind; query: string }[] = [];
  for (const kind of Object.keys(makers) as QueryKind[]) {
    for (let i = 0; i < perKind; i++) mix.push({ kind, query: makers[kind]() });
  }
  // Interleave the kinds (a seeded Fisher-Yates shuffle) so no kind runs only on a warm cache.
  for (let i = mix.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [mix[i], mix[j]] = [mix[j] as (typeof mix)[number], mix[i] as (typeof mix)[number]];
  }
  return mix;
}

/** Builds the index `builds` times; memory is that of the first build, made from a clean heap. */
function measureBuild(articles: readonly Article[], builds: number): { index: SearchIndex; buildMs: Spread; indexMiB: number; rssMiB: number } {
  const mib = (bytes: number) => bytes / 2 ** 20;
  gc();
  const before = process.memoryUsage();
  let start = process.hrtime.bigint();
  let index = createSearchIndex(articles);
  const times = [elapsedMs(start)];
  gc();
  const after = process.memoryUsage();
  for (let i = 1; i < builds; i++) {
    start = process.hrtime.bigint();
    index = createSearchIndex(articles);
    times.push(elapsedMs(start));
  }
  return {
    index,
    buildMs: spread(times),
    indexMiB: mib(after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers),
    rssMiB: mib(after.rss - before.rss),
  };
}

/** Runs the search benchmark at each size; `log` hears what is going on. */
export async function runSearchBench(options: SearchBenchOptions = defaultSearchBenchOptions, log: (line: string) => void = () => {}): Promise<SearchBenchRow[]> {
  const rows: SearchBenchRow[] = [];
  for (const size of options.sizes) {
    log(`search: generating ${size} articles`);
    const articles = options.articles?.(size) ?? generateArticles(size, options.seed);
    const people = new Map(generatePeople(peoplePoolSize(size), options.seed).map((person) => [person.id, person]));
    log(`search: building the index of ${size} articles`);
    const { index, buildMs, indexMiB, rssMiB } = measureBuild(articles, options.builds(size));
    const mix = queryMix(articles, people, options.seed);
    const footprint = searchIndexFootprint(index);
    const savedMiB = saveSearchIndex(index).length / 2 ** 20;

    // Warm up: let the JIT compile the search path before anything is timed.
    for (const { query } of mix) searchArticles(index, query);

    const p50s: number[] = [];
    const p99s: number[] = [];
    const cpuP99s: number[] = [];
    const kindSamples = new Map<QueryKind, { p50: number[]; max: number[]; hits: number[] }>();
    for (let repetition = 0; repetition < options.repetitions; repetition++) {
      const all: number[] = [];
      const cpu: number[] = [];
      const perKind = new Map<QueryKind, number[]>();
      for (const { kind, query } of mix) {
        const cpuStart = process.cpuUsage();
        const start = process.hrtime.bigint();
        const { total } = searchArticles(index, query);
        const ms = elapsedMs(start);
        const cpuUsed = process.cpuUsage(cpuStart);
        all.push(ms);
        cpu.push((cpuUsed.user + cpuUsed.system) / 1000);
        perKind.set(kind, [...(perKind.get(kind) ?? []), ms]);
        if (repetition === 0) {
          const samples = kindSamples.get(kind) ?? { p50: [], max: [], hits: [] };
          samples.hits.push(total);
          kindSamples.set(kind, samples);
        }
      }
      all.sort((a, b) => a - b);
      cpu.sort((a, b) => a - b);
      p50s.push(percentile(all, 0.5));
      p99s.push(percentile(all, 0.99));
      cpuP99s.push(percentile(cpu, 0.99));
      for (const [kind, times] of perKind) {
        times.sort((a, b) => a - b);
        const samples = kindSamples.get(kind);
        samples?.p50.push(percentile(times, 0.5));
        samples?.max.push(times.at(-1) ?? 0);
      }
    }
    const byKind = Object.fromEntries(
      [...kindSamples].map(([kind, samples]) => [
        kind,
        {
          p50Ms: spread(samples.p50).median,
          maxMs: spread(samples.max).median,
          meanHits: samples.hits.reduce((sum, hits) => sum + hits, 0) / Math.max(1, samples.hits.length),
        },
      ]),
    ) as SearchBenchRow["byKind"];
    log(`search: inline queries through the bot, ${size} articles`);
    const inline = await inlineThroughTheBot(articles, index, people, options.seed, options.repetitions);
    rows.push({
      articles: size,
      entries: index.entryCount,
      buildMs,
      indexMiB,
      rssMiB,
      postings: footprint.postings,
      postingsMiB: footprint.postingBytes / 2 ** 20,
      plainPostingsMiB: footprint.plainPostingBytes / 2 ** 20,
      savedMiB,
      ...inline,
      p50Ms: spread(p50s),
      p99Ms: spread(p99s),
      cpuP99Ms: spread(cpuP99s),
      byKind,
      queriesPerRepetition: mix.length,
      repetitions: options.repetitions,
    });
  }
  return rows;
}

/**
 * Inline queries through Briefing as `npm start` builds it, over these articles and this index:
 * a warm-up with two other mixes (the engine compiles the paths; the answers measured are still
 * rendered for the first time), then `repetitions` mixes, each giving a p50 and a p99. Every
 * update must be answered (`handleAnswered` throws otherwise).
 */
async function inlineThroughTheBot(
  articles: readonly Article[],
  index: SearchIndex,
  people: ReadonlyMap<string, SyntheticPerson>,
  seed: number,
  repetitions: number,
): Promise<Pick<SearchBenchRow, "inlineP50Ms" | "inlineP99Ms" | "inlineCpuP99Ms">> {
  const library = createLibrary([...articles].sort(compareNewestFirst), index);
  const bot = createFullBot(() => library) as unknown as CountedBot<Bot<Context>>;
  const run = async (mixSeed: number): Promise<{ wall: number[]; cpu: number[] }> => {
    const updates = queryMix(articles, people, mixSeed).map(({ query }, n) => inlineUpdate(query, n));
    const wall: number[] = [];
    const cpu: number[] = [];
    let start = process.hrtime.bigint();
    let cpuStart = process.cpuUsage();
    await handleAnswered(bot, updates, () => {
      wall.push(elapsedMs(start));
      const used = process.cpuUsage(cpuStart);
      cpu.push((used.user + used.system) / 1000);
      start = process.hrtime.bigint();
      cpuStart = process.cpuUsage();
    });
    return { wall: wall.sort((a, b) => a - b), cpu: cpu.sort((a, b) => a - b) };
  };
  for (const mixSeed of [seed + 11, seed + 14]) await run(mixSeed);
  const p50s: number[] = [];
  const p99s: number[] = [];
  const cpuP99s: number[] = [];
  for (let repetition = 0; repetition < repetitions; repetition++) {
    const { wall, cpu } = await run(seed + 12 + repetition * 5);
    p50s.push(percentile(wall, 0.5));
    p99s.push(percentile(wall, 0.99));
    cpuP99s.push(percentile(cpu, 0.99));
  }
  return { inlineP50Ms: spread(p50s), inlineP99Ms: spread(p99s), inlineCpuP99Ms: spread(cpuP99s) };
}
