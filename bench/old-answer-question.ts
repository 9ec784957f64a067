import { answerPerson, answerTarget, answerTopic, findPersonByName, type Topic } from "../src/answering/answer-topics";
import type { Article, Person } from "../src/content/article-schema";
import type { Library } from "../src/library/library";
import { renderQuotes, type Answer } from "../src/render/render-article";
import { createRenderCache } from "../src/render/render-cache";
import { searchArticles } from "../src/search/search-articles";

/**
 * The plain-question answerer as it was before the question module (issue 11), kept only
 * so that `bench/question-bench.ts` can time the new one against it in the same run:
 * the first matching pattern picks a topic, else the nearest search hit.
 */

const cache = createRenderCache(5_000);

function answerPersonQuotes(article: Article, person: Person): Answer {
  return cache.get(article, `quotes:${person.id}`, () => renderQuotes(article, person));
}

const questionPatterns: [RegExp, Topic | "who"][] = [
  [/\b(said|say|says|saying|quote[sd]?|statements?|stress(ed)?|emphasi[sz]ed|told|words)\b/i, "quotes"],
  [/\b(attend\w*|present|participa\w*|absent|refus\w*|came|come|there)\b/i, "attendees"],
  [/\b(agenda|discuss\w*|topics?|issues?|talk\w*|considered)\b/i, "agenda"],
  [/\b(source|link|url|original|outlet|published)\b/i, "source"],
  [/\b(who is|who's|who was)\b/i, "who"],
  [/\b(summary|summari[sz]e|happened|overview|news|story|about)\b/i, "summary"],
];

const questionWords =
  /\b(what|who|whom|whose|did|does|do|is|was|were|the|a|an|of|at|in|on|about|tell|me|please|and|say|said|says|quote[sd]?|statements?|who's|by|from|to)\b/gi;

function answerFromSearch(library: Library, query: string): Answer | undefined {
  const hit = searchArticles(library.index, query, { limit: 1 }).hits[0];
  const article = hit ? library.article(hit.articleId) : undefined;
  return hit && article ? answerTarget(article, hit.target) : undefined;
}

export function oldAnswerQuestion(library: Library, article: Article, question: string): Answer | undefined {
  const match = questionPatterns.find(([pattern]) => pattern.test(question));
  const rest = question.replace(/[^\p{L}\p{N}' -]/gu, " ").replace(questionWords, " ").replace(/\s+/g, " ").trim();
  if (match?.[1] === "quotes" || match?.[1] === "who") {
    const person = rest === "" ? undefined : findPersonByName(library, article, rest);
    if (person) return match[1] === "who" ? answerPerson(article, person) : answerPersonQuotes(article, person);
    if (rest !== "") return answerFromSearch(library, rest);
    return match[1] === "quotes" ? answerTopic("quotes", article) : undefined;
  }
  if (match) return answerTopic(match[1], article);
  return answerFromSearch(library, question);
}
