import { isLive, type Article } from "../content/article-schema";
import { summariseArticle, type ArticleSummary } from "../content/article-summary";
import type { ReadOptions } from "../content/content-snapshot";
import { createSearchIndex, type SearchIndex } from "../search/search-articles";

export type { ArticleSummary } from "../content/article-summary";

/**
 * The content the bot serves: its live articles (newest first) as summaries, each article read
 * on demand by id, and their search index. Only the summaries are held for every article: from
 * the content snapshot an article is parsed from its row when asked for, and a bounded cache
 * keeps the hot ones (at 100,000 articles, holding all of them took 1.5 GB).
 */
export interface Library {
  /** The live articles, newest first: what lists and the channel need of each. */
  articles: readonly ArticleSummary[];
  /** Whether `id` is a live article of this library. */
  has(id: string): boolean;
  /** The live article's summary by id: the same object for as long as this library serves (what caches key by). */
  summary(id: string): ArticleSummary | undefined;
  /**
   * The live article with `id`, or undefined (not one, or a draft). `keep: false` for a read
   * whose result the caller keeps rendered (an inline result): from the snapshot, the article is
   * then not kept in its cache of hot articles (see `ContentSnapshot.article`).
   */
  article(id: string, options?: ReadOptions): Article | undefined;
  index: SearchIndex;
}

/**
 * Builds the library once per content load from the articles loaded, newest
 * first, all held in memory (no content snapshot: tests, a small folder). Drafts
 * are left out here, the one place every surface reads from: commands,
 * questions, inline mode and the channel never see one.
 * It may be empty (a new outlet's first start): readers are then told there is no article yet.
 * `index`, when given, must be the index of exactly these live articles (one saved for them).
 */
export function createLibrary(loaded: readonly Article[], index?: SearchIndex): Library {
  const articles = loaded.filter(isLive);
  const byId = new Map(articles.map((article) => [article.id, article]));
  const summaries = articles.map(summariseArticle);
  const summaryById = new Map(summaries.map((summary) => [summary.id, summary]));
  return {
    articles: summaries,
    has: (id) => byId.has(id),
    summary: (id) => summaryById.get(id),
    article: (id) => byId.get(id),
    // A saved index of these very articles (the content snapshot's), else built now.
    index: index ?? createSearchIndex(articles),
  };
}

/**
 * A library over articles held elsewhere (the content snapshot): `summaries` of the articles
 * loaded, drafts included, newest first; `read` gives an article by id. Only the live ones are
 * served, as `createLibrary` serves them.
 */
export function createLibraryOf(summaries: readonly ArticleSummary[], read: (id: string, options?: ReadOptions) => Article | undefined, index: SearchIndex): Library {
  const articles = summaries.filter(isLive);
  const live = new Map(articles.map((article) => [article.id, article]));
  return {
    articles,
    has: (id) => live.has(id),
    summary: (id) => live.get(id),
    article: (id, options) => (live.has(id) ? read(id, options) : undefined),
    index,
  };
}

/** Whether there is nothing to answer from yet (an empty CONTENT_DIR, or drafts only). */
export function isLibraryEmpty(library: Library): boolean {
  return library.articles.length === 0;
}

/** The newest article: the one commands answer about unless a chat chose another. Callers check `isLibraryEmpty` first. */
export function newestArticle(library: Library): Article {
  const newest = library.articles[0];
  const article = newest && library.article(newest.id);
  if (!article) throw new Error("the library holds no article");
  return article;
}
