import type { Locale } from "../i18n/locale";
import type { Article } from "./article-schema";

/**
 * The article as a reader of `locale` sees it: the editor's translations of
 * its short fields where the file has them, the original elsewhere; quotes
 * and excerpts always verbatim.
 *
 * Placeholder until the article file carries translations (issue 12): every
 * reader sees the original. Renderers call it already, so translations reach
 * them once they exist.
 */
export function localiseArticle(article: Article, _locale: Locale): Article {
  return article;
}
