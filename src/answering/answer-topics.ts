import type { Article, Person } from "../content/article-schema";
import { localiseArticle } from "../content/localise-article";
import type { Locale } from "../i18n/locale";
import { languageOf, type Language } from "../i18n/translate";
import type { Library } from "../library/library";
import { whoButton } from "../render/callback-data";
import {
  renderAgenda,
  renderAttendees,
  renderPerson,
  renderQuotes,
  renderSource,
  renderSummary,
  type Answer,
} from "../render/render-article";
import { createRenderCache, type RenderKey } from "../render/render-cache";
import { renderTarget } from "../render/render-target";
import { answerQuestion as answerInLibrary } from "../questions/answer-in-library";
import { searchArticles, type SearchTarget } from "../search/search-articles";

/** The answers a command or a deep link can ask for by name. */
export const topics = ["summary", "attendees", "agenda", "quotes", "source"] as const;
export type Topic = (typeof topics)[number];

export function isTopic(value: string): value is Topic {
  return (topics as readonly string[]).includes(value);
}

const topicRenderers: Record<Topic, (article: Article, language: Language) => Answer> = {
  summary: renderSummary,
  attendees: renderAttendees,
  agenda: renderAgenda,
  quotes: (article, language) => renderQuotes(article, undefined, language),
  source: renderSource,
};

const english = languageOf("en");

/** Answers rendered from an article: 5,000 is every answer of a few hundred articles, a few KB each at most. */
const answerCache = createRenderCache(5_000);

/**
 * An answer that depends on the article and the reader's language alone, rendered once per
 * language and shared (see `createRenderCache`): frozen, so that no caller can change what the
 * next reader gets. `render` is given the article as this language's readers see it
 * (`localiseArticle`); the cache is keyed by the article as held, so a reload renders afresh.
 */
function cachedAnswer(article: Article, key: RenderKey, language: Language, render: (article: Article) => Answer): Answer {
  const byLocale = answerCache.get(article, key, () => new Map<Locale, Answer>());
  let answer = byLocale.get(language.locale);
  if (answer === undefined) {
    answer = render(localiseArticle(article, language.locale));
    Object.freeze(answer.blocks);
    if (answer.keyboard) Object.freeze(answer.keyboard);
    answer = Object.freeze(answer);
    byLocale.set(language.locale, answer);
  }
  return answer;
}

export function answerTopic(topic: Topic, article: Article, language: Language = english): Answer {
  return cachedAnswer(article, `topic:${topic}`, language, (shown) => topicRenderers[topic](shown, language));
}

/** A person's card. */
export function answerPerson(article: Article, person: Person, language: Language = english): Answer {
  return cachedAnswer(article, `person:${person.id}`, language, (shown) => renderPerson(shown, findPerson(shown, person), language));
}

/** What one person said. */
function answerPersonQuotes(article: Article, person: Person, language: Language): Answer {
  return cachedAnswer(article, `quotes:${person.id}`, language, (shown) => renderQuotes(shown, findPerson(shown, person), language));
}

/** The full answer for a thing search found (keyed by what `target` says: the index makes a new object for every hit). */
export function answerTarget(article: Article, target: SearchTarget, language: Language = english): Answer {
  return cachedAnswer(article, `target:${JSON.stringify(target)}`, language, (shown) => renderTarget(shown, target, language));
}

/** The person as the localised article holds them (their translated name and role), by id. */
function findPerson(shown: Article, person: Person): Person {
  return shown.people.find((p) => p.id === person.id) ?? person;
}

/** Finds a person of `article` by any spelling, a part of it, or a small typo. */
export function findPersonByName(library: Library, article: Article, name: string): Person | undefined {
  const target = searchArticles(library.index, name, { articleId: article.id, kinds: ["person"], limit: 1 }).hits[0]?.target;
  return target?.kind === "person" ? article.people.find((p) => p.id === target.personId) : undefined;
}

function notFound(article: Article, name: string, command: string, language: Language): Answer {
  const { t } = language;
  const shown = localiseArticle(article, language.locale);
  const names = shown.people.map((person) => person.name).join(", ");
  const example = shown.people[0]?.name.split(" ").at(-1) ?? "";
  return {
    blocks: [t("who-not-found", { name }), names === "" ? t("who-no-people") : t("who-people", { names, command, example })],
  };
}

/** `/who <name>`: the person's card, or what to ask instead. */
export function answerWho(library: Library, article: Article, name: string, language: Language = english): Answer {
  if (name.trim() === "") {
    const shown = localiseArticle(article, language.locale);
    const example = shown.people[0]?.name ?? language.t("who-example-name");
    return {
      blocks: [language.t("who-ask-name", { example })],
      keyboard: shown.people.map((person) => [{ text: person.name, callback_data: whoButton.format(person.id) }]),
    };
  }
  const person = findPersonByName(library, article, name);
  return person ? answerPerson(article, person, language) : notFound(article, name, "/who", language);
}

/** `/quotes [name]`: every statement, or one person's. */
export function answerQuotes(library: Library, article: Article, name: string, language: Language = english): Answer {
  if (name.trim() === "") return answerTopic("quotes", article, language);
  const person = findPersonByName(library, article, name);
  return person ? answerPersonQuotes(article, person, language) : notFound(article, name, "/quotes", language);
}

/**
 * A plain question in a private chat ("who attended?", "was Armenia there?", "кто
 * присутствовал?"): the answer first, then the evidence, from the chat's current article
 * unless only another article covers what it names; a pointer to /help when it cannot be
 * placed at all. See `src/questions/`.
 */
export function answerQuestion(library: Library, article: Article, question: string, language: Language): Answer {
  return answerInLibrary(library, article, question, language).answer;
}
