import { createHash } from "node:crypto";
import { readFile, rename, writeFile } from "node:fs/promises";
import MiniSearch from "minisearch";
import type { Article, Person } from "../content/article-schema";
import { compareNewestFirst } from "../content/load-content";
import { normaliseTerm } from "./normalise-term";
import { createTermIndex, termIndexFromParts, termIndexParts, topDocuments, type QueryWord, type TermIndex } from "./term-index";
import { packArrays, unpackArrays } from "./typed-array-pack";

/**
 * Search over everything the articles hold, for inline mode and plain questions alike.
 * Plain data in, plain data out: no grammY here.
 *
 * Each person, statement, agenda item, happening, place and absence of an article, and the
 * article itself, is one searchable thing with weighted fields (see `searchablesOf`). Words
 * are normalised the same way on both sides (`normaliseTerm`: case, diacritics, Cyrillic,
 * y/i), and matched exactly, as a prefix and with typos by `term-index.ts`.
 */

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

/** The fields of a searchable thing, in order of weight. */
interface SearchableFields {
  /** What the thing is called: a person's every spelling, a place, an absent country. */
  name: string;
  /** An article's headline. */
  headline: string;
  /** What describes it: role, country and its adjective, organisation, where it happened. */
  facet: string;
  /** Who said it (statements): every spelling of the speaker. */
  speaker: string;
  /** The words: a quote with its lead-in, an agenda item, what happened. */
  text: string;
  /** Words for what kind of thing it is, so that "absent", "agenda" or "quote" find those. */
  kindWords: string;
}

/** Field weights: a name outranks a headline or a speaker, which outrank a description or a kind, which outrank running text. */
const fieldBoosts: Readonly<Record<keyof SearchableFields, number>> = { name: 6, headline: 3, speaker: 3, facet: 2, text: 1, kindWords: 2 };
const fieldOrder = Object.keys(fieldBoosts) as (keyof SearchableFields)[];

/** The agenda item and the quote the article marks as key come first among equals. */
const keyBoost = 1.25;

const kinds: readonly SearchTarget["kind"][] = ["article", "person", "statement", "agenda", "happening", "place", "absence"];

interface IndexState {
  terms: TermIndex;
  /**
   * Per document (position in the term index): what it points at, as its kind (`kindOfDoc`)
   * and a number: the index of a statement, agenda item, happening or absence, or for a
   * person or place the position of its id in `refNames`. A target object is made only for a
   * hit: at 100,000 articles there are millions of documents.
   */
  refOfDoc: Int32Array;
  refNames: string[];
  /** Per article, newest first: its id, and the short key its hit ids start with. */
  articleIds: string[];
  articleKeys: string[];
  /** Per document: the position of its article among the articles, newest first. */
  articleOfDoc: Int32Array;
  /** Per document: the position of its kind in `kinds`. */
  kindOfDoc: Uint8Array;
  articlePosition: Map<string, number>;
}

const states = new WeakMap<SearchIndex, IndexState>();

/** What document `doc` points at, rebuilt from its kind and number. */
function targetOf(state: IndexState, doc: number): SearchTarget {
  const ref = state.refOfDoc[doc] as number;
  const kind = kinds[state.kindOfDoc[doc] as number] as SearchTarget["kind"];
  switch (kind) {
    case "article":
      return { kind };
    case "person":
      return { kind, personId: state.refNames[ref] as string };
    case "place":
      return { kind, placeId: state.refNames[ref] as string };
    default:
      return { kind, index: ref };
  }
}

/** A target as `targetOf` stores it: the number kept for it, a person's or place's id numbered in `names`. */
function refOf(target: SearchTarget, names: Map<string, number>): number {
  if (target.kind === "article") return 0;
  if (target.kind === "person" || target.kind === "place") {
    const name = target.kind === "person" ? target.personId : target.placeId;
    let ref = names.get(name);
    if (ref === undefined) {
      ref = names.size;
      names.set(name, ref);
    }
    return ref;
  }
  return target.index;
}

/** Telegram allows 256 characters; past a dozen words a query is not a search any more. */
const maxQueryWords = 12;
/** Longer than any word: a 256-character run of one letter is cut before matching. */
const maxWordLength = 40;

const tokenize = MiniSearch.getDefault("tokenize") as (text: string) => string[];

/** Typos allowed in a word: none in short words and numbers ("2025" is not "2015"), then one, then two. */
function typoBudget(key: string): number {
  if (key.length < 4 || /\d/.test(key)) return 0;
  return key.length < 8 ? 1 : 2;
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
function searchablesOf(article: Article): { target: SearchTarget; fields: SearchableFields; key?: boolean }[] {
  const people = new Map(article.people.map((person) => [person.id, person]));
  const places = new Map(article.places.map((place) => [place.id, place]));
  const empty: SearchableFields = { name: "", headline: "", facet: "", speaker: "", text: "", kindWords: "" };
  return [
    {
      target: { kind: "article" },
      fields: {
        ...empty,
        headline: article.headline,
        facet: joined(article.place, article.outlet, ...article.tags),
        text: article.event,
        kindWords: "article source",
      },
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
      fields: {
        ...empty,
        speaker: spellings(people.get(statement.speaker)),
        text: joined(statement.intro, statement.text),
        kindWords: joined(statement.kind === "quote" ? "quote" : "said", statement.key ? "key" : undefined),
      },
      key: statement.key,
    })),
    ...article.agenda.map((item, index) => ({
      target: { kind: "agenda", index } as const,
      fields: { ...empty, text: item.text, kindWords: joined("agenda", item.key ? "key" : undefined) },
      key: item.key,
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
      fields: { ...empty, name: place.name, facet: place.country ?? "", text: place.text, kindWords: "place" },
    })),
    ...article.attendance.absent.map((absence, index) => ({
      target: { kind: "absence", index } as const,
      fields: { ...empty, name: absence.who, text: absence.text, kindWords: "absent absence" },
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
  const refOfDoc: number[] = [];
  const refNames = new Map<string, number>();
  const articleIds: string[] = [];
  const articleKeys: string[] = [];
  const articleOfDoc: number[] = [];
  const kindOfDoc: number[] = [];
  const keyDocs = new Set<number>();
  const documents: string[][] = [];
  const articlePosition = new Map<string, number>();
  const keys = new Map<string, string>();
  // Newest first, so that a lower document number is a newer article: ties go to it.
  [...articles].sort(compareNewestFirst).forEach((article, position) => {
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
    articlePosition.set(article.id, position);
    articleIds.push(article.id);
    articleKeys.push(key);
    for (const { target, fields, key: isKey } of searchablesOf(article)) {
      if (isKey) keyDocs.add(documents.length);
      documents.push(fieldOrder.map((field) => fields[field]));
      refOfDoc.push(refOf(target, refNames));
      articleOfDoc.push(position);
      kindOfDoc.push(kinds.indexOf(target.kind));
    }
  });
  const terms = createTermIndex(
    documents,
    fieldOrder.map((field) => fieldBoosts[field]),
    { tokenize, normalise: normaliseTerm },
    { documentBoost: (doc) => (keyDocs.has(doc) ? keyBoost : 1) },
  );

  const index: SearchIndex = Object.freeze({ articleCount: articles.length, entryCount: refOfDoc.length });
  states.set(index, {
    terms,
    refOfDoc: Int32Array.from(refOfDoc),
    refNames: [...refNames.keys()],
    articleIds,
    articleKeys,
    articleOfDoc: Int32Array.from(articleOfDoc),
    kindOfDoc: Uint8Array.from(kindOfDoc),
    articlePosition,
  });
  return index;
}

/**
 * The words of a query, each with its keys. The last one also matches as a prefix, since
 * it is being typed, once it has three letters: fewer match too much to mean anything.
 */
function queryWords(query: string): QueryWord[] {
  const words = tokenize(query)
    .slice(0, maxQueryWords)
    .map((token) => normaliseTerm(token.slice(0, maxWordLength)))
    .filter((keys): keys is string[] => keys !== null);
  return words.map((keys, i) => ({
    keys,
    prefix: i === words.length - 1 && keys.every((key) => key.length >= 3),
    fuzzy: Math.min(...keys.map(typoBudget)),
  }));
}

/** The first document of the article at `position` (newest first), or the count of documents past the last. */
function firstDocOf(state: IndexState, position: number): number {
  const articleOfDoc = state.articleOfDoc;
  let low = 0;
  let high = articleOfDoc.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((articleOfDoc[middle] as number) < position) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Finds what `query` is about, best first, and one page of it. Case, diacritics and
 * Cyrillic spelling do not matter; small typos are forgiven; the last word also matches
 * as a prefix (results while typing).
 *
 * Ranking: a hit that matches more of the query's words comes first ("sergey lebedev"
 * puts Lebedev before Shoigu, who is a Sergey too); then the higher BM25 score, where a
 * name weighs more than a speaker, a description or running text, so a name query puts
 * the person first and then what they said; then the newer article.
 *
 * `total` counts every hit (after `articleId`/`kinds`), not just the page. Never throws on
 * what a user types; a query with nothing searchable in it has no hits.
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

  // An article's documents are numbered one after another: one article is a range of them.
  let range: { from?: number; to?: number } = {};
  if (options.articleId !== undefined) {
    const article = state.articlePosition.get(options.articleId);
    range = article === undefined ? { from: 0, to: 0 } : { from: firstDocOf(state, article), to: firstDocOf(state, article + 1) };
  }
  let accept: ((doc: number) => boolean) | undefined;
  if (options.kinds !== undefined) {
    const wantedKinds = options.kinds.map((kind) => kinds.indexOf(kind));
    accept = (doc) => wantedKinds.includes(state.kindOfDoc[doc] as number);
  }

  const { top, total } = topDocuments(state.terms, queryWords(query), offset + limit, { accept, ...range });
  const hits = top.slice(offset).map(({ doc, score }) => {
    const article = state.articleOfDoc[doc] as number;
    const target = targetOf(state, doc);
    return { articleId: state.articleIds[article] as string, target, score, id: hitId(state.articleKeys[article] as string, target) };
  });
  return { hits, total };
}

/** What an index's postings take: how many, and their bytes as kept, against 8 a posting as plain arrays (for the bench). */
export function searchIndexFootprint(index: SearchIndex): { postings: number; postingBytes: number; plainPostingBytes: number } {
  const state = states.get(index);
  if (!state) throw new TypeError("searchIndexFootprint needs an index made by createSearchIndex or loadSearchIndex");
  const terms = state.terms;
  const postings = terms.postingScores.length;
  const arrays = [terms.termList, terms.postingStart, terms.blockStart, terms.blockLastDoc, terms.blockOffset, terms.blockMax, terms.listBest, terms.termScale, terms.postingScores, terms.docBytes];
  return {
    postings,
    postingBytes: arrays.reduce((sum, array) => sum + array.byteLength, 0),
    // A document (Int32) and a score (Float32) per posting, and where each term's begin.
    plainPostingBytes: postings * 8 + (terms.termCount + 1) * 4,
  };
}

/** Bumped whenever what an index holds, or how it is saved, changes: an older file is rebuilt. */
const savedIndexVersion = 3;

interface SavedIndexMeta {
  version: number;
  /** What the caller says the index was built from (a content fingerprint); a load with another key is refused. */
  key: string;
  articleCount: number;
  terms: Parameters<typeof termIndexFromParts>[0];
  refNames: string[];
  articleIds: string[];
}

/**
 * The index as one Buffer of its typed arrays, for `loadSearchIndex` to take back without
 * rebuilding. `key` names what it was built from (say, a fingerprint of the content): a load
 * with another key is refused.
 */
export function saveSearchIndex(index: SearchIndex, key = ""): Buffer {
  const state = states.get(index);
  if (!state) throw new TypeError("saveSearchIndex needs an index made by createSearchIndex or loadSearchIndex");
  const terms = termIndexParts(state.terms);
  const meta: SavedIndexMeta = {
    version: savedIndexVersion,
    key,
    articleCount: index.articleCount,
    terms: terms.meta,
    refNames: state.refNames,
    articleIds: state.articleIds,
  };
  return packArrays(meta, { ...terms.arrays, refOfDoc: state.refOfDoc, articleOfDoc: state.articleOfDoc, kindOfDoc: state.kindOfDoc });
}

/**
 * The index `saveSearchIndex` saved, searching exactly as the one saved did; its arrays are
 * views on `buffer` (keep it alive). `undefined` when `buffer` is not such an index, was saved
 * by another version of this code, or with another `key`: then build it anew.
 */
export function loadSearchIndex(buffer: Buffer, key = ""): SearchIndex | undefined {
  const unpacked = unpackArrays(buffer);
  if (unpacked === undefined) return undefined;
  const meta = unpacked.meta as Partial<SavedIndexMeta> | null;
  if (meta?.version !== savedIndexVersion || meta.key !== key || meta.terms === undefined) return undefined;
  const { arrays } = unpacked;
  const refOfDoc = arrays.get("refOfDoc");
  const articleOfDoc = arrays.get("articleOfDoc");
  const kindOfDoc = arrays.get("kindOfDoc");
  if (!(refOfDoc instanceof Int32Array && articleOfDoc instanceof Int32Array && kindOfDoc instanceof Uint8Array)) return undefined;
  const articleIds = meta.articleIds ?? [];
  let terms: TermIndex;
  try {
    terms = termIndexFromParts(meta.terms, arrays);
  } catch {
    return undefined;
  }
  const index: SearchIndex = Object.freeze({ articleCount: meta.articleCount ?? articleIds.length, entryCount: refOfDoc.length });
  states.set(index, {
    terms,
    refOfDoc,
    refNames: meta.refNames ?? [],
    articleIds,
    articleKeys: articleIds.map(articleKey),
    articleOfDoc,
    kindOfDoc,
    articlePosition: new Map(articleIds.map((id, position) => [id, position])),
  });
  return index;
}

/** Saves the index to `path` (written aside, then renamed, so a crash never leaves half a file). */
export async function writeSearchIndexFile(path: string, index: SearchIndex, key = ""): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, saveSearchIndex(index, key));
  await rename(temporary, path);
}

/** The index saved at `path` with `key`, or `undefined` if there is none (or not one to use). */
export async function readSearchIndexFile(path: string, key = ""): Promise<SearchIndex | undefined> {
  let buffer: Buffer;
  try {
    buffer = await readFile(path);
  } catch {
    return undefined;
  }
  return loadSearchIndex(buffer, key);
}
