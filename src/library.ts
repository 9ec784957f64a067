import type { Article } from "./content/article-schema";
import { createSearchIndex, type SearchIndex } from "./search/search-articles";

/** The content the bot serves: its articles (newest first), looked up by id, and their search index. */
export interface Library {
  articles: readonly Article[];
  byId: ReadonlyMap<string, Article>;
  index: SearchIndex;
}

/** Builds the library once per content load; `articles` must not be empty and come newest first. */
export function createLibrary(articles: readonly Article[]): Library {
  return {
    articles,
    byId: new Map(articles.map((article) => [article.id, article])),
    index: createSearchIndex(articles),
  };
}

/** The newest article: the one commands answer about unless a chat chose another. */
export function newestArticle(library: Library): Article {
  const article = library.articles[0];
  if (!article) throw new Error("the library holds no article");
  return article;
}
