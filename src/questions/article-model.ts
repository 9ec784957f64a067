import type { Article, Person } from "../content/article-schema";
import { normaliseTerm } from "../search/normalise-term";
import { countryOf, type Country } from "./countries";
import { englishStem, wordsOf } from "./words";

/**
 * What the question module needs to know of an article, worked out once per article
 * object (a content reload makes new objects, so an edit is seen): its words as stems,
 * its sentences with who acts in each, its people's name keys and countries.
 */

/** One sentence of the body. */
export interface Sentence {
  /** 1-based, as in the article file. */
  paragraph: number;
  text: string;
  stems: ReadonlySet<string>;
  /** Ids of the people the sentence names, or who speaks in its paragraph ("He said that ..."). */
  people: readonly string[];
}

/** Something the article holds that a question can be about. */
export type Item =
  | { kind: "statement"; index: number; stems: ReadonlySet<string> }
  | { kind: "agenda"; index: number; stems: ReadonlySet<string> }
  | { kind: "happening"; index: number; stems: ReadonlySet<string> }
  | { kind: "place"; index: number; stems: ReadonlySet<string> };

export interface ArticleModel {
  article: Article;
  /** Every stem the article uses anywhere: body, headline, metadata, people, places. */
  vocabulary: ReadonlySet<string>;
  /** Its words as written (lower case, four letters or more), to correct a reader's typo against. */
  words: ReadonlySet<string>;
  sentences: readonly Sentence[];
  items: readonly Item[];
  /** A normalised part of a name ("shoigu", "sergei") → the people it names. */
  nameKeys: ReadonlyMap<string, readonly Person[]>;
  /** Each person's country, resolved through the country data ("Kazakhstan" → KZ). */
  personCountry: ReadonlyMap<string, Country>;
  /** Each place's id → the place's normalised name. */
  placeKeys: ReadonlyMap<string, string>;
}

/** Stem sets already made, for the article texts answers match against again and again. */
const stemSets = new Map<string, ReadonlySet<string>>();

/** The stems of every word of a text (shared and read-only: do not change it). */
export function stemsOf(text: string): ReadonlySet<string> {
  let set = stemSets.get(text);
  if (set === undefined) {
    set = new Set(wordsOf(text).map(englishStem));
    if (stemSets.size >= 10_000) stemSets.clear();
    stemSets.set(text, set);
  }
  return set;
}

const models = new WeakMap<Article, ArticleModel>();

/** The model of an article, made once per article object. */
export function articleModel(article: Article): ArticleModel {
  let model = models.get(article);
  if (model === undefined) {
    model = buildModel(article);
    models.set(article, model);
  }
  return model;
}

/** Keys of a name part as the search normalises it ("Shoygu" → "shoigu"). */
export function nameKeysOf(word: string): string[] {
  return normaliseTerm(word) ?? [];
}

function splitSentences(paragraph: string): string[] {
  // A full stop followed by a space and a capital or a quote ends a sentence; "Mr. X" does not occur in news of this kind often enough to matter.
  return paragraph.split(/(?<=[.!?]["”]?)\s+(?=["“]?\p{Lu})/u).filter((s) => s.trim() !== "");
}

function buildModel(article: Article): ArticleModel {
  const vocabulary = new Set<string>();
  const words = new Set<string>();
  const addWords = (text: string) => {
    for (const stem of stemsOf(text)) vocabulary.add(stem);
    for (const word of wordsOf(text)) if (word.length >= 4 && !/\d/.test(word)) words.add(word);
  };
  [article.headline, article.event, article.place, article.outlet, ...article.body, ...article.tags].forEach(addWords);
  // The date too: "was it in 2019", "october 30".
  addWords(`${article.date.replaceAll("-", " ")} ${new Date(`${article.date}T00:00:00Z`).toLocaleString("en", { month: "long", timeZone: "UTC" })}`);
  for (const person of article.people) {
    [person.name, ...person.aliases, person.role, person.country ?? "", person.countryAdjective ?? "", person.organisation ?? ""].forEach(addWords);
  }
  for (const place of article.places) addWords(`${place.name} ${place.country ?? ""}`);

  const nameKeys = new Map<string, Person[]>();
  for (const person of article.people) {
    for (const spelling of [person.name, ...person.aliases]) {
      for (const part of spelling.split(/\s+/)) {
        for (const key of nameKeysOf(part)) {
          if (key.length < 3) continue;
          const people = nameKeys.get(key) ?? [];
          if (!people.includes(person)) people.push(person);
          nameKeys.set(key, people);
        }
      }
    }
  }

  const speakersByParagraph = new Map<number, string[]>();
  for (const statement of article.statements) {
    const list = speakersByParagraph.get(statement.paragraph) ?? [];
    if (!list.includes(statement.speaker)) list.push(statement.speaker);
    speakersByParagraph.set(statement.paragraph, list);
  }
  const sentences: Sentence[] = [];
  article.body.forEach((paragraph, i) => {
    for (const text of splitSentences(paragraph)) {
      const words = new Set(wordsOf(text).flatMap(nameKeysOf));
      const named = article.people.filter((person) =>
        [person.name, ...person.aliases].some((spelling) => {
          const parts = spelling.split(/\s+/).flatMap(nameKeysOf);
          return parts.length > 0 && parts.at(-1) !== undefined && words.has(parts.at(-1) as string);
        }),
      );
      const people = named.length > 0 ? named.map((p) => p.id) : (speakersByParagraph.get(i + 1) ?? []);
      sentences.push({ paragraph: i + 1, text, stems: stemsOf(text), people });
    }
  });

  const items: Item[] = [
    ...article.statements.map((s, index) => ({ kind: "statement" as const, index, stems: stemsOf(`${s.intro ?? ""} ${s.text}`) })),
    ...article.agenda.map((a, index) => ({ kind: "agenda" as const, index, stems: stemsOf(a.text) })),
    ...article.happenings.map((h, index) => ({ kind: "happening" as const, index, stems: stemsOf(h.text) })),
    ...article.places.map((p, index) => ({ kind: "place" as const, index, stems: stemsOf(`${p.name} ${p.text}`) })),
  ];

  const personCountry = new Map<string, Country>();
  for (const person of article.people) {
    const country = (person.country !== undefined ? countryOf(person.country) : undefined) ?? (person.countryAdjective !== undefined ? countryOf(person.countryAdjective) : undefined);
    if (country) personCountry.set(person.id, country);
  }
  const placeKeys = new Map(article.places.map((place) => [place.id, nameKeysOf(place.name)[0] ?? place.name.toLowerCase()]));
  return { article, vocabulary, words, sentences, items, nameKeys, personCountry, placeKeys };
}
