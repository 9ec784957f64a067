import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Article } from "../src/content/article-schema";
import { generatePeople, peoplePoolSize } from "./generate-articles";
import { queryMix } from "./search-bench";

/** The inline query mixes (seed + 1 to seed + 6) for `scaling-child.ts`, written beside the content (a dot file: not an article). */
export const BENCH_QUERIES_FILE = ".bench-queries.json";

/**
 * Writes the query mixes of `articles` into `dir`, drawn by the parent that holds the corpus:
 * drawn in the child, the whole corpus would stay in its resident memory, which the bot never holds.
 */
export function writeBenchQueries(dir: string, articles: readonly Article[], seed: number): void {
  const people = new Map(generatePeople(peoplePoolSize(articles.length), seed).map((person) => [person.id, person]));
  const mixes: Record<string, string[]> = {};
  for (let n = 1; n <= 6; n++) mixes[String(seed + n)] = queryMix(articles, people, seed + n).map(({ query }) => query);
  writeFileSync(join(dir, BENCH_QUERIES_FILE), JSON.stringify(mixes));
}
