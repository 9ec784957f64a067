import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { contentHash } from "../../src/content/article-summary";
import type { Article } from "../../src/content/article-schema";
import { parseArticle } from "../../src/content/load-content";

const baku = parseArticle(readFileSync("test/fixtures/baku/cis-defense-ministers-baku.yaml", "utf8"), ".yaml").article as Article;

/** The same object with its keys in reverse order, all the way down. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).reverse().map(([key, field]) => [key, reversedKeys(field)]));
  return value;
}

describe("an article's content hash", () => {
  it("stays the hash the channel's ledger already holds for the Baku article (a new one would edit every post)", () => {
    // Computed by the code before the hash was made faster: the text hashed must not change.
    expect(contentHash(baku)).toBe("917cde6d3602975effd36d4576bc2a49");
  });

  it("does not depend on the order of fields, nor on fields left undefined, and changes with the content", () => {
    expect(contentHash(reversedKeys(baku) as Article)).toBe(contentHash(baku));
    expect(contentHash({ ...baku, publishAt: undefined } as Article)).toBe(contentHash({ ...baku }));
    expect(contentHash({ ...baku, headline: `${baku.headline}.` })).not.toBe(contentHash(baku));
    expect(contentHash({ ...baku, tags: [...baku.tags, "more"] })).not.toBe(contentHash(baku));
  });
});
