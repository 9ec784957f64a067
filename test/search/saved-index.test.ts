import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generateArticles } from "../../bench/generate-articles";
import type { Article } from "../../src/content/article-schema";
import { loadContent } from "../../src/content/load-content";
import {
  createSearchIndex,
  loadSearchIndex,
  readSearchIndexFile,
  saveSearchIndex,
  searchArticles,
  writeSearchIndexFile,
  type SearchIndex,
} from "../../src/search/search-articles";

let articles: Article[];
let built: SearchIndex;

beforeAll(async () => {
  const content = await loadContent("test/fixtures/baku");
  if (!content.ok) throw new Error(content.problems.join("\n"));
  // The real article among generated ones, so that many terms are common (heads and tails are saved too).
  articles = [...content.articles, ...generateArticles(300, 7)];
  built = createSearchIndex(articles);
}, 60_000); // the build takes seconds on a busy machine

const queries = [
  "shoigu",
  "Лебедев",
  "defense cooperation",
  "baku",
  "sergey lebedev",
  "minister of defence",
  "securiti",
  "coop",
  "what did lebedev say",
  "azerbaijan",
  "",
  "zzzz nothing",
];

describe("a saved search index", () => {
  it("finds, once loaded, exactly what the index it was saved from finds, page by page and filtered", () => {
    const loaded = loadSearchIndex(saveSearchIndex(built, "v1"), "v1");
    expect(loaded).toBeDefined();
    if (!loaded) return;
    expect(loaded).toEqual(built);
    for (const query of queries) {
      const options = [{}, { limit: 5, offset: 3 }, { kinds: ["person" as const] }, { articleId: "cis-defense-ministers-baku-2019" }];
      for (const option of options) expect(searchArticles(loaded, query, option)).toEqual(searchArticles(built, query, option));
    }
    // Not vacuous: the queries find things.
    expect(searchArticles(loaded, "lebedev").hits[0]?.target).toEqual({ kind: "person", personId: expect.any(String) });
    expect(searchArticles(loaded, "defense cooperation").total).toBeGreaterThan(50);
  });

  it("is refused, to be rebuilt, when saved for other content, cut short, or not an index at all", () => {
    const saved = saveSearchIndex(built, "content-a");
    expect(loadSearchIndex(saved, "content-b")).toBeUndefined();
    expect(loadSearchIndex(saved.subarray(0, saved.length - 100), "content-a")).toBeUndefined();
    expect(loadSearchIndex(Buffer.from("not an index"), "content-a")).toBeUndefined();
  });

  it("goes through a file, and a missing file is no index", async () => {
    const dir = mkdtempSync(join(tmpdir(), "briefing-index-"));
    try {
      const path = join(dir, "search-index.bin");
      expect(await readSearchIndexFile(path, "k")).toBeUndefined();
      await writeSearchIndexFile(path, built, "k");
      const loaded = await readSearchIndexFile(path, "k");
      expect(loaded && searchArticles(loaded, "shoigu")).toEqual(searchArticles(built, "shoigu"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
