import { isLive, type Article } from "../content/article-schema";
import { createSearchIndex, type SearchIndex } from "../search/search-articles";

/** The content the bot serves: its live articles (newest first), looked up by id, and their search index. */
export interface Library {
  articles: readonly Article[];
  byId: ReadonlyMap<string, Article>;
  index: SearchIndex;
}

/**
 * Builds the library once per content load from the articles loaded, newest
 * first. Drafts are left out here, the one place every surface reads from:
 * commands, questions, inline mode and the channel never see one.
 * It may be empty (a new outlet's first start): readers are then told there is no article yet.
 * `index`, when given, must be the index of exactly these live articles (one saved for them).
 */
export function createLibrary(loaded: readonly Article[], index?: SearchIndex): Library {
  const articles = loaded.filter(isLive);
  return {
    articles,
    byId: new Map(articles.map((article) => [article.id, article])),
    // A saved index of these very articles (the content snapshot's), else built now.
    index: index ?? createSearchIndex(articles),
  };
}

/** Whether there is nothing to answer from yet (an empty CONTENT_DIR, or drafts only). */
export function isLibraryEmpty(library: Library): boolean {
  return library.articles.length === 0;
}

/** The newest article: the one commands answer about unless a chat chose another. Callers check `isLibraryEmpty` first. */
export function newestArticle(library: Library): Article {
  const article = library.articles[0];
  if (!article) throw new Error("the library holds no article");
  return article;
}
