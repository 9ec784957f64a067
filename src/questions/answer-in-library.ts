import type { Article } from "../content/article-schema";
import type { Library } from "../library/library";
import { localiseArticle } from "../content/localise-article";
import { formatDay } from "../content/relative-time";
import type { Language } from "../i18n/translate";
import type { Answer } from "../render/render-article";
import { createRenderCache } from "../render/render-cache";
import { answerQuestionText, type AnswerKind } from "./answer-question";
import { isQuestionLike, parseQuestion } from "./parse-question";
import { searchArticles } from "../search/search-articles";

/** How many other articles a question the current one cannot answer is tried on. */
const maxOtherArticles = 3;

/**
 * A plain question answered about the chat's current article, unless it names people,
 * places or an event that only another article holds: then that article answers, and the
 * answer says which.
 */

export interface LibraryAnswer {
  answer: Answer;
  kind: AnswerKind;
  /** The article that answered. */
  article: Article;
  /** Whether the text reads as a question (a kind's cue, a question word, yes/no), not just a name or a word. */
  asked: boolean;
}

/** Answers rendered: the same question asked again is the same frozen answer, sent without rendering. */
const cache = createRenderCache(5_000);

const uncovered = (kind: AnswerKind) => kind === "not-covered" || kind === "unknown";

function freeze(result: LibraryAnswer): LibraryAnswer {
  Object.freeze(result.answer.blocks);
  if (result.answer.keyboard) Object.freeze(result.answer.keyboard);
  Object.freeze(result.answer);
  return Object.freeze(result);
}

/**
 * Answers `text` from `library`, about `article` unless only another article covers what it
 * names; framed in `language`, the reader's (a Russian reader asking in English gets Russian).
 */
export function answerQuestion(library: Library, article: Article, text: string, language: Language): LibraryAnswer {
  const question = text.trim().slice(0, 500);
  return cache.get(article, `question:${language.locale}:${question.toLowerCase()}`, () => freeze(answerFresh(library, article, question, language)));
}

function answerFresh(library: Library, article: Article, text: string, language: Language): LibraryAnswer {
  const asked = isQuestionLike(parseQuestion(text));
  const here = answerQuestionText(article, text, language);
  if (!uncovered(here.kind) || library.articles.length < 2) return { ...here, article, asked };
  // Only another article's people, places or words: that article answers. The search index
  // names the few worth trying (a library can hold thousands), by the words this one lacks.
  const query = here.unmatched && here.unmatched.length > 0 ? here.unmatched.join(" ") : text;
  const candidates = new Set<string>();
  for (const hit of searchArticles(library.index, query, { limit: 20 }).hits) {
    if (hit.articleId !== article.id) candidates.add(hit.articleId);
    if (candidates.size >= maxOtherArticles) break;
  }
  for (const id of candidates) {
    const other = library.article(id);
    if (!other) continue;
    const there = answerQuestionText(other, text, language);
    if (uncovered(there.kind)) continue;
    const shown = localiseArticle(other, language.locale);
    const note = language.t("answer-from-another", { headline: shown.headline, outlet: other.outlet, date: formatDay(other.date, language.locale) });
    const [lead, ...rest] = there.answer.blocks;
    const blocks = lead ? [lead, note, ...rest] : [note];
    return { answer: { ...there.answer, blocks }, kind: there.kind, article: other, asked };
  }
  return { ...here, article, asked };
}
