import { describe, expect, it } from "vitest";
import { generateArticles } from "../../bench/generate-articles";
import { articleSchema } from "../../src/content/article-schema";
import { checkProvenance } from "../../src/content/check-provenance";
import { createSearchIndex, searchArticles } from "../../src/search/search-articles";

describe("generateArticles (the benchmark's corpus)", () => {
  const articles = generateArticles(40, 7);

  it("makes the same articles for the same seed, and others for another", () => {
    expect(generateArticles(40, 7)).toEqual(articles);
    expect(generateArticles(40, 8)).not.toEqual(articles);
  });

  it("makes articles the loader would accept: valid, unique ids, every excerpt from its body, newest first", () => {
    expect(new Set(articles.map((a) => a.id)).size).toBe(articles.length);
    for (const article of articles) {
      expect(articleSchema.safeParse(article).success).toBe(true);
      expect(checkProvenance(article)).toEqual([]);
    }
    const dates = articles.map((a) => a.date);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it("makes articles shaped like the real one", () => {
    for (const article of articles) {
      expect(article.people.length).toBeGreaterThanOrEqual(6);
      expect(article.statements.length).toBeGreaterThanOrEqual(5);
      expect(article.agenda.length).toBeGreaterThanOrEqual(3);
      expect(article.attendance.absent).toHaveLength(1);
    }
    expect(articles.some((a) => a.people.some((p) => p.aliases.length > 0))).toBe(true);
  });

  it("makes people the search finds by name", () => {
    const index = createSearchIndex(articles);
    const person = articles[3]?.people[0];
    const hit = searchArticles(index, person?.name ?? "", { kinds: ["person"] }).hits[0];
    expect(hit?.target).toEqual({ kind: "person", personId: person?.id });
  });
});
