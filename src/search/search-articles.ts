import { createHash } from "node:crypto";
import MiniSearch from "minisearch";
import type { Article, Person } from "../content/article-schema";
import { compareNewestFirst } from "../content/load-content";
import { normaliseTerm } from "./normalise-term";

/** What a hit points at inside its article; indexes are into the article's arrays. */
export type SearchTarget =
  | { kind: "article" }
  | { kind: "person"; personId: string }
  | { kind: "statement"; index: number }
  | { kind: "agenda"; index: number }
  | { kind: "happening"; index: number }
  | { kind: "place"; placeId: string }
  | { kind: "absence"; index: number };

/** One result. `id` is stable across restarts and content reloads, unique, ASCII, at most 64 bytes. */
export interface SearchHit {
  articleId: string;
  target: SearchTarget;
  score: number;
  id: string;
}

/** An index over a set of articles, made by `createSearchIndex`. Opaque apart from its counts. */
export interface SearchIndex {
  readonly articleCount: number;
  /** How many searchable things (people, statements, agenda items, ...) it holds. */
  readonly entryCount: number;
}

export interface SearchOptions {
  /** Only hits in this article. @default all articles */
  articleId?: string;
  /** Only hits of these kinds, e.g. `["person"]`. @default every kind */
  kinds?: readonly SearchTarget["kind"][];
  /** How many hits to return. @default 50 */
  limit?: number;
  /** How many of the best hits to skip, for paging. @default 0 */
  offset?: number;
}

/** A searchable thing of an article, as MiniSearch sees it. */
interface IndexedDocument {
  id: number;
  /** What the thing is called: a person's every spelling, a place, an absent country, a headline. */
  name: string;
  /** What describes it: role, country and its adjective, organisation, where it happened. */
  facet: string;
  /** Who said it (statements): every spelling of the speaker. */
  speaker: string;
  /** The words: a quote with its lead-in, an agenda item, what happened. */
  text: string;
}

interface Entry {
  articleId: string;
  target: SearchTarget;
  id: string;
  /** The article's place in newest-first order: 0 is the newest. */
  recency: number;
}

interface IndexState {
  miniSearch: MiniSearch<IndexedDocument>;
  entries: Entry[];
}

const states = new WeakMap<SearchIndex, IndexState>();

/** Field weights: a name outranks a description, which outranks a mention in running text. */
const boost = { name: 4, facet: 2, speaker: 3, text: 1 };

/** Telegram allows 256 characters; past a dozen words a query is not a search any more. */
const maxQueryTerms = 12;
/** Longer than any word: a 256-character run of one letter is cut before matching. */
const maxTermLength = 40;

const defaultTokenize = MiniSearch.getDefault("tokenize") as (text: string) => string[];

/** Typos allowed per word: none in short words and numbers ("2025" is not "2015"), one, then two. */
function typoBudget(term: string): number | false {
  if (term.length < 4 || /\d/.test(term)) return false;
  return term.length < 8 ? 1 : 2;
}

/** A short, stable, URL-safe stand-in for an article id, so hit ids stay within 64 bytes. */
function articleKey(articleId: string): string {
  return createHash("sha256").update(articleId).digest("base64url").slice(0, 12);
}

function hitId(key: string, target: SearchTarget): string {
  switch (target.kind) {
    case "article":
      return `${key}:a`;
    case "person":
      return `${key}:p:${target.personId}`;
    case "place":
      return `${key}:l:${target.placeId}`;
    case "statement":
      return `${key}:s:${target.index}`;
    case "agenda":
      return `${key}:g:${target.index}`;
    case "happening":
      return `${key}:h:${target.index}`;
    case "absence":
      return `${key}:x:${target.index}`;
  }
}

const spellings = (person: Person | undefined): string =>
  person ? [person.name, ...person.aliases].join(" ") : "";

const joined = (...parts: (string | undefined)[]): string => parts.filter((part) => part !== undefined).join(" ");

/** Every searchable thing of one article, with the text of each field. */
function documentsOf(article: Article): { target: SearchTarget; fields: Omit<IndexedDocument, "id"> }[] {
  const people = new Map(article.people.map((person) => [person.id, person]));
  const places = new Map(article.places.map((place) => [place.id, place]));
  const empty = { name: "", facet: "", speaker: "", text: "" };
  return [
    {
      target: { kind: "article" },
      fields: { ...empty, name: article.headline, facet: joined(article.place, article.outlet, ...article.tags), text: article.event },
    },
    ...article.people.map((person) => ({
      target: { kind: "person", personId: person.id } as const,
      fields: {
        ...empty,
        name: spellings(person),
        facet: joined(person.role, person.country, person.countryAdjective, person.organisation),
      },
    })),
    ...article.statements.map((statement, index) => ({
      target: { kind: "statement", index } as const,
      fields: { ...empty, speaker: spellings(people.get(statement.speaker)), text: joined(statement.intro, statement.text) },
    })),
    ...article.agenda.map((item, index) => ({
      target: { kind: "agenda", index } as const,
      fields: { ...empty, text: item.text },
    })),
    ...article.happenings.map((happening, index) => {
      const place = happening.place === undefined ? undefined : places.get(happening.place);
      return {
        target: { kind: "happening", index } as const,
        fields: { ...empty, facet: joined(place?.name, place?.country), text: happening.text },
      };
    }),
    ...article.places.map((place) => ({
      target: { kind: "place", placeId: place.id } as const,
      fields: { ...empty, name: place.name, facet: place.country ?? "", text: place.text },
    })),
    ...article.attendance.absent.map((absence, index) => ({
      target: { kind: "absence", index } as const,
      fields: { ...empty, name: absence.who, text: absence.text },
    })),
  ];
}

/**
 * Indexes everything the articles hold: the article itself (headline, event, place),
 * people (every spelling, role, country and its adjective, organisation), statements
 * (words, lead-in, speaker), agenda items, what happened, places and absences.
 * Build it once per content load; it does not change.
 *
 * Throws if two articles share an id (the loader never lets that through).
 */
export function createSearchIndex(articles: readonly Article[]): SearchIndex {
  const miniSearch = new MiniSearch<IndexedDocument>({
    fields: ["name", "facet", "speaker", "text"],
    processTerm: normaliseTerm,
    searchOptions: {
      boost,
      tokenize: (query) => defaultTokenize(query).slice(0, maxQueryTerms).map((term) => term.slice(0, maxTermLength)),
      // Prefix matching only for the word being typed, and not on one letter (it matches everything).
      prefix: (term, i, terms) => i === terms.length - 1 && term.length >= 2,
      fuzzy: typoBudget,
      maxFuzzy: 2,
    },
  });

  const entries: Entry[] = [];
  const documents: IndexedDocument[] = [];
  const keys = new Map<string, string>();
  [...articles].sort(compareNewestFirst).forEach((article, recency) => {
    const key = articleKey(article.id);
    const other = keys.get(key);
    if (other !== undefined) {
      throw new Error(
        other === article.id
          ? `two articles have the id "${article.id}"`
          : `articles "${other}" and "${article.id}" hash to the same key`,
      );
    }
    keys.set(key, article.id);
    for (const { target, fields } of documentsOf(article)) {
      documents.push({ id: entries.length, ...fields });
      entries.push({ articleId: article.id, target: Object.freeze(target), id: hitId(key, target), recency });
    }
  });
  miniSearch.addAll(documents);

  const index: SearchIndex = Object.freeze({ articleCount: articles.length, entryCount: entries.length });
  states.set(index, { miniSearch, entries });
  return index;
}

interface Ranked {
  entry: Entry;
  /** The entry's position in the index: articles newest first, each in its own order. */
  order: number;
  score: number;
  matchedTerms: number;
}

/**
 * Better first: the hit that matches more of the query's words ("sergey lebedev" puts
 * Lebedev before Shoigu, who is a Sergey too), then the higher score, then the newer
 * article, then the article's own order.
 */
function compareRanked(a: Ranked, b: Ranked): number {
  return (
    b.matchedTerms - a.matchedTerms ||
    b.score - a.score ||
    a.entry.recency - b.entry.recency ||
    a.order - b.order
  );
}

/**
 * Finds what `query` is about, best first, and one page of it. Case, diacritics and
 * Cyrillic spelling do not matter; small typos are forgiven; the last word matches as a
 * prefix (results while typing). `total` counts every hit, not just the page.
 *
 * Never throws on what a user types; an empty query has no hits.
 */
export function searchArticles(
  index: SearchIndex,
  query: string,
  options: SearchOptions = {},
): { hits: SearchHit[]; total: number } {
  const state = states.get(index);
  if (!state) throw new TypeError("searchArticles needs an index made by createSearchIndex");
  const limit = Math.max(0, Math.floor(options.limit ?? 50));
  const offset = Math.max(0, Math.floor(options.offset ?? 0));

  const { articleId, kinds } = options;
  const wanted =
    articleId === undefined && kinds === undefined
      ? undefined
      : (entry: Entry | undefined) =>
          entry !== undefined &&
          (articleId === undefined || entry.articleId === articleId) &&
          (kinds === undefined || kinds.includes(entry.target.kind));

  const ranked: Ranked[] = [];
  const results = state.miniSearch.search(
    query,
    wanted && { filter: (result) => wanted(state.entries[result.id as number]) },
  );
  for (const result of results) {
    const order = result.id as number;
    const entry = state.entries[order];
    if (entry === undefined) continue;
    ranked.push({ entry, order, score: result.score, matchedTerms: new Set(result.queryTerms).size });
  }
  ranked.sort(compareRanked);

  const hits = ranked.slice(offset, offset + limit).map(({ entry, score }) => ({
    articleId: entry.articleId,
    target: entry.target,
    score,
    id: entry.id,
  }));
  return { hits, total: ranked.length };
}
