import type { Article, Person } from "../content/article-schema";
import type { Library } from "../library/library";
import { bold, html } from "../render/html";
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

const topicRenderers: Record<Topic, (article: Article) => Answer> = {
  summary: renderSummary,
  attendees: renderAttendees,
  agenda: renderAgenda,
  quotes: (article) => renderQuotes(article),
  source: renderSource,
};

/** Answers rendered from an article: 5,000 is every answer of a few hundred articles, a few KB each at most. */
const answerCache = createRenderCache(5_000);

/**
 * An answer that depends on the article alone, rendered once and shared (see `createRenderCache`):
 * frozen, so that no caller can change what the next reader gets.
 */
function cachedAnswer(article: Article, key: RenderKey, render: () => Answer): Answer {
  return answerCache.get(article, key, () => {
    const answer = render();
    Object.freeze(answer.blocks);
    if (answer.keyboard) Object.freeze(answer.keyboard);
    return Object.freeze(answer);
  });
}

export function answerTopic(topic: Topic, article: Article): Answer {
  return cachedAnswer(article, `topic:${topic}`, () => topicRenderers[topic](article));
}

/** A person's card. */
export function answerPerson(article: Article, person: Person): Answer {
  return cachedAnswer(article, `person:${person.id}`, () => renderPerson(article, person));
}

/** What one person said. */
function answerPersonQuotes(article: Article, person: Person): Answer {
  return cachedAnswer(article, `quotes:${person.id}`, () => renderQuotes(article, person));
}

/** The full answer for a thing search found (keyed by what `target` says: the index makes a new object for every hit). */
export function answerTarget(article: Article, target: SearchTarget): Answer {
  return cachedAnswer(article, `target:${JSON.stringify(target)}`, () => renderTarget(article, target));
}

/** Finds a person of `article` by any spelling, a part of it, or a small typo. */
export function findPersonByName(library: Library, article: Article, name: string): Person | undefined {
  const target = searchArticles(library.index, name, { articleId: article.id, kinds: ["person"], limit: 1 }).hits[0]?.target;
  return target?.kind === "person" ? article.people.find((p) => p.id === target.personId) : undefined;
}

function notFound(article: Article, name: string, command: string): Answer {
  const names = article.people.map((person) => person.name).join(", ");
  return {
    blocks: [
      html`No one called “${name}” is in this article.`,
      names === "" ? html`The article names no people.` : html`${bold("People in it:")} ${names}\nTry ${command} ${article.people[0]?.name.split(" ").at(-1) ?? ""}`,
    ],
  };
}

/** `/who <name>`: the person's card, or what to ask instead. */
export function answerWho(library: Library, article: Article, name: string): Answer {
  if (name.trim() === "") {
    return {
      blocks: [html`Whom do you mean? Add a name, e.g. /who ${article.people[0]?.name ?? "Lebedev"}`],
      keyboard: article.people.map((person) => [{ text: person.name, callback_data: `who:${person.id}` }]),
    };
  }
  const person = findPersonByName(library, article, name);
  return person ? answerPerson(article, person) : notFound(article, name, "/who");
}

/** `/quotes [name]`: every statement, or one person's. */
export function answerQuotes(library: Library, article: Article, name: string): Answer {
  if (name.trim() === "") return answerTopic("quotes", article);
  const person = findPersonByName(library, article, name);
  return person ? answerPersonQuotes(article, person) : notFound(article, name, "/quotes");
}

/**
 * A plain question in a private chat ("who attended?", "was Armenia there?", "кто
 * присутствовал?"): the answer first, then the evidence, from the chat's current article
 * unless only another article covers what it names; a pointer to /help when it cannot be
 * placed at all. See `src/questions/`.
 */
export function answerQuestion(library: Library, article: Article, question: string): Answer {
  return answerInLibrary(library, article, question).answer;
}
