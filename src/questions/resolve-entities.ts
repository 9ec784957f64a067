import type { Person, Place } from "../content/article-schema";
import { type ArticleModel, nameKeysOf, stemsOf } from "./article-model";
import { findCountries, nearestCountry, type CountryMention } from "./countries";
import type { ParsedQuestion } from "./parse-question";
import { answerFormWords, wordsOf, editDistance, englishFunctionWords, englishStem, genericPersonWords, isCyrillic, russianFunctionWords, russianToEnglish, structureStems } from "./words";

export { editDistance };

/**
 * The entities a question names, found in one article: people by any spelling (typos,
 * Cyrillic, Russian case endings), countries by any form, roles, places, topics (words
 * the article uses), and the words the article does not know at all.
 */

export interface RoleMention {
  /** Stems a person's role must contain: ["defens", "minist"]. */
  stems: string[];
  /** How to write it: "defense minister". */
  label: string;
  /** Asked of a group ("the ministers"), not of one person. */
  plural?: boolean;
}

export interface Entities {
  people: Person[];
  countries: CountryMention[];
  roles: RoleMention[];
  places: Place[];
  /** English stems of the words that name something the article holds. */
  topics: string[];
  /** Stems of the countries named, when the article uses them: topics of what was said, not constraints. */
  countryTopics: string[];
  /** Words of the question the article has nothing for, as typed. */
  unmatched: string[];
  /** Words taken for a person's name that is not in the article ("Putin"): a subset of `unmatched`. */
  unknownNames: string[];
  /** Asks who chaired or presided over the meeting itself ("the chair of the Baku meeting"), not who holds a chair elsewhere. */
  chairOfEvent: boolean;
}

/** Nouns of a meeting: a role word inside its name ("the meeting of defense ministers") constrains no one. */
const englishMeetingNoun = /\b(meeting|meetings|council|summit|session|conference|gathering)( of( the)?)? $/;
const englishMeetingAfter = /^ ?(meeting|meetings|council|summit|session|conference|gathering)\b/;
const russianMeetingNoun = /(совещани|заседани|встреч|саммит|совет|собрани)[а-я]* $/;

const chairOfEventPattern: Readonly<Record<"en" | "ru", RegExp>> = {
  en: /\b(chair|chairman|chairperson|chairwoman|president|head|moderator) (of|over) (the )?(\w+ )?(meeting|summit|session|sitting|talks|council meeting)\b|\b(chaired|presided|moderated|chairing|presiding)\b|\bwho (chairs|presides)\b|\b(chair|chairs|preside|presides|moderate|moderates) (over )?(the|this|that) (\w+ )?(meeting|summit|session|sitting|talks)\b/,
  ru: /председательствова|председател[а-я]* (на )?(заседани|встреч|совещани|саммит)|вел[аи]? (заседани|встреч|совещани)/,
};

/** Words for whoever heads a body: "who heads the CIS Executive Committee", "the exec committee boss". */
const headWord = /^(head|heads|headed|heading|boss|bosses|chief|leader|leads|led|runs|ran|director|chair|chairs|руководит\w*|руководител\w*|глава|главу|главой|главы|возглавля\w*)$/;

const englishRoles: ReadonlyArray<readonly [RegExp, RoleMention]> = [
  [/\b(defen[cs]e ministers?|ministers? of defen[cs]e|defen[cs]e chiefs?|defen[cs]e heads?)\b/, { stems: ["defens", "minist"], label: "defense minister" }],
  [/\bchiefs? of (the )?(\w+ )?(general )?staff\b/, { stems: ["chief", "staff"], label: "chief of the General Staff" }],
  [/\bexecutive secretar(y|ies)\b/, { stems: ["secretari"], label: "executive secretary" }],
  [/\b(chairman|chairmen|chairperson|chair of|head of the (cis )?executive committee)\b/, { stems: ["chairman"], label: "chairman" }],
  [/\bforeign ministers?\b/, { stems: ["foreign", "minist"], label: "foreign minister" }],
  [/\bprime ministers?\b/, { stems: ["prime", "minist"], label: "prime minister" }],
  [/\bpresidents?\b/, { stems: ["presid"], label: "president" }],
  [/\b(commanders?|commander in chief)\b/, { stems: ["command"], label: "commander" }],
  [/\bministers?\b/, { stems: ["minist"], label: "minister" }],
];

const russianRoles: ReadonlyArray<readonly [RegExp, RoleMention]> = [
  [/министр[а-я]* оборон/, { stems: ["defens", "minist"], label: "defense minister" }],
  [/начальник[а-я]* (генштаб|генерального штаба|штаба)/, { stems: ["chief", "staff"], label: "chief of the General Staff" }],
  [/секретар/, { stems: ["secretari"], label: "executive secretary" }],
  [/председател(?!ьств)/, { stems: ["chairman"], label: "chairman" }],
  [/министр[а-я]* иностранн|глав[а-я]* мид/, { stems: ["foreign", "minist"], label: "foreign minister" }],
  [/премьер/, { stems: ["prime", "minist"], label: "prime minister" }],
  [/президент/, { stems: ["presid"], label: "president" }],
  [/министр/, { stems: ["minist"], label: "minister" }],
];

/** Words a reader adds that constrain nothing: the meeting itself, asking words, filler. */
const softWords = new Set(
  `meeting meetings talks council summit event cis commonwealth baku today yesterday exactly actually basically please pls plz
  list name names person people guy guys man men role job question questions answer info information details detail
  day days time happen happened happening prepare preparing preparation prepared run runs called call named
  same different whole full original anyway again bot briefing besides except apart other else either both
  really also maybe perhaps think kind sort type somewhere anywhere everywhere why reason reasons
  take took taken place cover covered covers include included includes involve involved feature featured contain contained
  get got make made describe stay stayed home leave left go went going true correct right false sure confirm
  happen happened occur content contents detail message expire expires end ends valid last lasts run runs point points
  first second third organisation organization body side sides party parties`.split(/\s+/),
);

const russianSoftWords = new Set(`дня день это статье статья новости новость бот вообще именно точно тогда правда верно делали делать делал сделали шла шел шло отдали отдать человек человека людей люди кто-то кто-нибудь перечисли перечислите назови назовите покажи покажите уделили уделено уделил`.split(/\s+/));

function typoBudget(key: string): number {
  return key.length < 5 ? 0 : key.length < 8 ? 1 : 2;
}

/** A Russian surname's case endings, after transliteration: "lebedeva", "shoigu" stay findable. */
const russianCaseEnding = /(?:ogo|omu|oi|om|im|a|u|e|i)$/;

/** The people a word names in the article, or none. `strict` allows no typos (for words the language also uses). */
function peopleNamedBy(model: ArticleModel, word: string, strict: boolean): readonly Person[] {
  // "shoigus" (a possessive without its apostrophe) is "shoigu" once stemmed.
  const keys = isCyrillic(word) || word.length < 5 ? nameKeysOf(word) : [...nameKeysOf(word), ...nameKeysOf(englishStem(word))];
  for (const key of keys) {
    const exact = model.nameKeys.get(key);
    if (exact) return exact;
    if (isCyrillic(word)) {
      const bare = key.replace(russianCaseEnding, "");
      const found = model.nameKeys.get(bare);
      if (found && bare.length >= 4) return found;
    }
    if (strict) continue;
    // A possessive typed without its apostrophe ("shoigus role") or a typo ("yermekbaev").
    const budget = typoBudget(key);
    if (budget === 0) continue;
    for (const [name, people] of model.nameKeys) {
      if (name.length >= 5 && editDistance(key, name, budget) <= budget) return people;
    }
  }
  return [];
}

/** The place a word names, by name in any spelling or case ("Баку", "Анапе", "ashgabad"). */
function placeNamedBy(model: ArticleModel, word: string, strict: boolean): Place | undefined {
  for (const key of nameKeysOf(word)) {
    for (const place of model.article.places) {
      const name = model.placeKeys.get(place.id) ?? "";
      if (key === name) return place;
      if (isCyrillic(word) && key.replace(russianCaseEnding, "") === name.replace(russianCaseEnding, "")) return place;
      const budget = strict ? 0 : typoBudget(name);
      if (budget > 0 && editDistance(key, name, budget) <= budget) return place;
    }
  }
  return undefined;
}

function findRoles(question: ParsedQuestion, used: Set<number>): RoleMention[] {
  const padded = ` ${question.words.join(" ")} `;
  const roles: RoleMention[] = [];
  let rest = padded;
  for (const [pattern, role] of question.lang === "ru" ? russianRoles : englishRoles) {
    const match = pattern.exec(rest);
    if (!match) continue;
    const head = rest.slice(0, match.index);
    const tail = rest.slice(match.index + match[0].length);
    const inName = question.lang === "ru" ? russianMeetingNoun.test(head) : englishMeetingNoun.test(head) || englishMeetingAfter.test(tail);
    // "heads of state" is a meeting, not a role.
    if (!inName) roles.push({ ...role, plural: /(s|ы|ов)$/.test(match[0].trim()) });
    const before = rest.slice(0, match.index).trim();
    const first = before === "" ? 0 : before.split(" ").length;
    const length = match[0].trim().split(" ").length;
    for (let i = 0; i < length; i++) used.add(first + i);
    rest = rest.slice(0, match.index) + " " + "_ ".repeat(length) + rest.slice(match.index + match[0].length);
    rest = rest.replace(/\s+/g, " ");
  }
  return roles;
}

/** The English stem a question word stands for: itself stemmed, or a Russian word's glossary entry. */
export function stemOfWord(word: string): string | undefined {
  if (!isCyrillic(word)) return englishStem(word);
  const english = russianToEnglish(word);
  return english === undefined ? undefined : englishStem(english.split(" ")[0] ?? english);
}

/** Finds what a question names in one article. */
export function resolveEntities(question: ParsedQuestion, model: ArticleModel): Entities {
  const { words } = question;
  const used = new Set<number>();
  const countries = findCountries(words.map((w) => (/^[a-z]{5,}s$/.test(w) && findCountries([w]).length === 0 ? w.slice(0, -1) : w)));
  for (const mention of countries) mention.words.forEach((i) => used.add(i));
  const roles = findRoles(question, used);
  // "The host country": the country the event was held in.
  if (/\bhost(ing|s|ed)? (country|nation|state)\b|\bhosts?\b.*\bminister/.test(words.join(" "))) {
    const host = findCountries(model.article.place.split(/[\s,]+/)).at(-1);
    if (host && !countries.some((m) => m.country.code === host.country.code)) countries.push({ ...host, words: [] });
  }
  const functionWords = question.lang === "ru" ? russianFunctionWords : englishFunctionWords;

  const people: Person[] = [];
  const nameHits = new Map<Person, number>();
  const places: Place[] = [];
  const topics: string[] = [];
  const unmatched: string[] = [];
  const unknownNames: string[] = [];
  const headsOf = question.cues.has("headsOf");
  const aside = asideWords(question);
  words.forEach((word, i) => {
    if (used.has(i)) return;
    if (functionWords.has(word) && !model.nameKeys.has(word)) return;
    if ((answerFormWords.has(word) || genericPersonWords.has(word) || isMannerAdverb(question.text, word)) && !model.nameKeys.has(word)) return;
    const isCue = question.cueWords.has(i);
    const asks = question.askWords.has(i);
    const stem = stemOfWord(word);
    const known = stem !== undefined && model.vocabulary.has(stem);
    // Names first, exactly; with a typo only for words that are neither cues nor the article's own words.
    const named = peopleNamedBy(model, word, isCue || known);
    if (named.length > 0 && !(headsOf && /^heads?$/.test(word))) {
      for (const person of named) {
        if (!people.includes(person)) people.push(person);
        nameHits.set(person, (nameHits.get(person) ?? 0) + 1);
      }
      return;
    }
    const place = placeNamedBy(model, word, isCue || known);
    if (place) {
      if (!places.includes(place)) places.push(place);
      topics.push(...stemsOf(place.name));
      return;
    }
    if (asks) return;
    // A country misspelt or typed the Russian way in Latin letters: "azerbajan", "kirgizia".
    const near = isCue || known ? undefined : nearestCountry(word);
    if (near) {
      if (!countries.some((m) => m.country.code === near.code)) countries.push({ country: near, words: [i], text: word });
      return;
    }
    if (known && stem !== undefined) {
      topics.push(stem);
      return;
    }
    if (isCyrillic(word)) {
      // A name or place the glossary does not know, written in Cyrillic: "Баку", "Анапа".
      const latin = nameKeysOf(word).map(englishStem).find((key) => model.vocabulary.has(key));
      if (latin !== undefined) {
        topics.push(latin);
        return;
      }
    }
    if (isCue || softWords.has(word) || russianSoftWords.has(word)) return;
    if (stem !== undefined && structureStems.has(stem)) return;
    if (question.lang === "ru" && stem !== undefined) {
      // A Russian word the glossary knows but the article does not use: a topic it does not cover.
      unmatched.push(word);
      return;
    }
    if (/^\d+$/.test(word)) {
      unmatched.push(word);
      return;
    }
    if (word.length < 2) return;
    if (aside.has(i) && !looksLikeSurname(word) && !isNameLike(question.text, word)) return;
    unmatched.push(word);
    if (looksLikeSurname(word) || isNameLike(question.text, word)) {
      unknownNames.push(word);
    }
  });
  // "Сергей Лебедев": both words name Lebedev, only one Shoigu (also a Sergey): Lebedev it is.
  // A country the article names can be a topic too: "what did Lebedev say about Azerbaijan".
  const countryTopics = countries.map((m) => englishStem(m.country.name.toLowerCase())).filter((stem) => model.vocabulary.has(stem));
  const most = Math.max(0, ...nameHits.values());
  const named = people.filter((person) => nameHits.get(person) === most);
  const chairOfEvent = chairOfEventPattern[question.lang].test(` ${words.join(" ")} `);
  // "Who heads the CIS Executive Committee": the person of that organisation, by its words.
  if (named.length === 0 && !chairOfEvent && words.some((w) => headWord.test(w))) {
    const asked = new Set(words.flatMap((w) => (isCyrillic(w) ? (russianToEnglish(w)?.split(" ") ?? []).map(englishStem) : [englishStem(w)])));
    for (const person of model.article.people) {
      if (person.organisation === undefined) continue;
      const own = [...stemsOf(person.organisation)].filter((stem) => !/^(ci|cis|снг)$/.test(stem));
      if (own.length > 0 && own.every((stem) => asked.has(stem))) named.push(person);
    }
    if (named.length > 0) {
      const covered = new Set(named.flatMap((p) => [...stemsOf(p.organisation ?? "")]));
      const rest = unmatched.filter((w) => !headWord.test(w) && !covered.has(englishStem(w)));
      unmatched.splice(0, unmatched.length, ...rest);
      // "The head of the committee" singles out its head, not the statements that say "heads of state".
      const heads = new Set(words.filter((w) => headWord.test(w)).flatMap((w) => (isCyrillic(w) ? [englishStem(russianToEnglish(w) ?? w)] : [englishStem(w)])));
      topics.splice(0, topics.length, ...topics.filter((t) => !heads.has(t)));
      roles.splice(0, roles.length, ...roles.filter((role) => named.every((p) => role.stems.every((stem) => stemsOf(p.role).has(stem)))));
    }
  }
  if (chairOfEvent) roles.splice(0, roles.length, ...roles.filter((role) => role.label !== "chairman" && role.label !== "president"));
  return { people: named, countries, roles, places, topics, countryTopics, unmatched, unknownNames, chairOfEvent };
}

const askingWord = /^(who|whom|whose|what|whats|which|where|when|why|how|is|are|was|were|did|does|do|has|have|had|can|could|will|кто|что|где|когда|почему|зачем|какой|какая|какое|какие|сколько|чей|чья|куда|откуда|ли)$/;

/**
 * Words of a short aside set off by a comma or a dash at either end of a question, when the
 * question itself is asked in another clause: "I forgot, who was there", "what did Shoigu
 * say, in a nutshell". An aside names nothing the question hinges on, so a word of it that
 * the article lacks is not what the article fails to cover (a name in it still is). An aside
 * that adds to the question ("..., and the budget?") is not one.
 */
function asideWords(question: ParsedQuestion): Set<number> {
  const clauses = question.text.slice(0, 500).split(/[,;:!?…()]+|\s[-–—]+\s|\.\s/);
  if (clauses.length < 2) return new Set();
  const spans: (readonly [number, number])[] = [];
  let at = 0;
  for (const clause of clauses) {
    const length = wordsOf(clause).length;
    if (length > 0) spans.push([at, at + length]);
    at += length;
  }
  // Words cut at the question's length limit: no guessing.
  if (at !== question.words.length || spans.length < 2) return new Set();
  const asks = (start: number, end: number) => question.words.slice(start, end).some((w) => askingWord.test(w)) || [...question.cueWords].some((i) => i >= start && i < end);
  const aside = new Set<number>();
  spans.forEach(([start, end], index) => {
    if (index !== 0 && index !== spans.length - 1) return;
    if (end - start > 4 || asks(start, end)) return;
    // "..., the weather?" names what is asked about: an object, not an aside.
    if (/^(and|or|but|also|plus|what|the|a|an|any|some|и|или|а|также)$/.test(question.words[start] ?? "")) return;
    const elsewhere = spans.some(([s, e], other) => other !== index && asks(s, e));
    if (!elsewhere) return;
    for (let i = start; i < end; i++) aside.add(i);
  });
  return aside;
}

/**
 * An adverb of manner ("honestly", "roughly", "basically"): how the reader asks, never what
 * about. Not nouns in -ly ("assembly", "monopoly", "anomaly", "supply", "family"), nor a word
 * written with a capital (a name).
 */
function isMannerAdverb(text: string, word: string): boolean {
  return /^[a-z]{5,}ly$/.test(word) && !/(mb|p|[aeiou])ly$/.test(word) && !isNameLike(text, word);
}

/** Surnames of the region and beyond end like these: "Aliyev", "Putin", "Гасанов", "Pashinyan". */
function looksLikeSurname(word: string): boolean {
  return word.length >= 5 && /(ov|ev|yev|in|sky|skiy|enko|yan|ian|adze|shvili|uly|ovich|evich|ova|eva|ina|ов|ев|ёв|ин|ий|ова|ева|ина|ян|енко|швили)$/.test(word);
}

/** Whether the reader wrote a word with a capital, mid-sentence: a name. */
function isNameLike(text: string, word: string): boolean {
  const at = text.toLowerCase().indexOf(word);
  if (at <= 0) return false;
  const first = text.charAt(at);
  return first !== first.toLowerCase() && /[\s"“(]/.test(text.charAt(at - 1));
}
