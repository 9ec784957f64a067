import worldCountries from "world-countries";
import { normaliseTerm, transliterateRussian } from "../search/normalise-term";
import { editDistance } from "./words";

/**
 * Countries by any form a reader types, in English or Russian: the name ("Azerbaijan",
 * "Азербайджан"), the official name ("Republic of Azerbaijan"), other spellings
 * ("Belorussia", "Белоруссия"), the demonym or adjective ("Azerbaijani", "азербайджанский")
 * and any Russian case form ("Азербайджана", "Армении").
 *
 * The data is world-countries' (English names, English demonyms, Russian names). No
 * well-kept library has Russian adjectives, so they are derived: the Russian name's stem
 * plus an adjective ending ("азербайджан-ский", "украин-ский"), the stem of a "-стан" name
 * without it ("казах-ский" from "Казахстан"), and a short table of the irregular ones
 * ("армянский", "турецкий", "белорусский"). English adjectives of "-stan" names are derived
 * the same way ("Kazakh", "Uzbek"), since world-countries gives "Kazakhstani".
 */

export interface Country {
  /** ISO 3166-1 alpha-2, e.g. "AZ". */
  code: string;
  /** The English name a news reader knows. */
  name: string;
}

/** English names the press uses where world-countries has another common name. */
const displayNames: Readonly<Record<string, string>> = { TR: "Turkey", CZ: "Czech Republic", MK: "North Macedonia" };

/** Names readers use that world-countries does not list: "America", "Britain", "Holland". */
const commonNames: ReadonlyArray<readonly [name: string, code: string]> = [
  ["America", "US"],
  ["Americans", "US"],
  ["Britain", "GB"],
  ["Great Britain", "GB"],
  ["England", "GB"],
  ["Holland", "NL"],
];

/** Russian adjective stems that are not the name's stem. */
const irregularRussianStems: ReadonlyArray<readonly [stem: string, code: string]> = [
  ["армян", "AM"],
  ["турец", "TR"],
  ["турк", "TR"],
  ["белорус", "BY"],
  ["белорусс", "BY"],
  ["киргиз", "KG"],
  ["кыргыз", "KG"],
  ["американ", "US"],
  ["британ", "GB"],
  ["англий", "GB"],
  ["француз", "FR"],
  ["немец", "DE"],
  ["немецк", "DE"],
  ["германск", "DE"],
  ["грузин", "GE"],
  ["туркмен", "TM"],
  ["китай", "CN"],
  ["японск", "JP"],
  ["индий", "IN"],
  ["израиль", "IL"],
  ["сирий", "SY"],
  ["иранск", "IR"],
  ["афган", "AF"],
  ["сша", "US"],
  ["оаэ", "AE"],
  ["кнр", "CN"],
  ["фрг", "DE"],
];

/** Words of more than one country's official name that name none by themselves. */
const genericWords = new Set(["republic", "of", "the", "and", "kingdom", "state", "states", "federation", "people", "peoples", "democratic", "islamic", "united", "federal", "union"]);

/** Russian noun endings a country name takes in its cases. */
const russianNounEnding = /(?:ом|ой|ей|ию|ии|ией|ью|а|у|е|ы|и|ю|я|ь)?$/;
/** Russian adjective endings. */
const russianAdjectiveEnding = /(?:ск|цк|к)?(?:ий|ая|ое|ие|ого|ому|им|ом|ой|ую|их|ими|ым|ые|ых|ыми)$/;

interface CountryTables {
  /** Latin phrases (normalised words joined by spaces) → country. */
  latin: Map<string, Country>;
  /** Longest Latin phrase in words. */
  longest: number;
  /** First words of the phrases of more than one word. */
  firstWords: Set<string>;
  /** Russian stems → country. */
  russianStems: Map<string, Country>;
  /** Single-word keys a misspelling is measured against: names, demonyms and the Latin spelling of the Russian names ("armeniia", "kirgiziia"). */
  fuzzy: Map<string, Country>;
}

let tables: CountryTables | undefined;

function latinKey(phrase: string): string | undefined {
  const words = phrase
    .replace(/['’]s\b/g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .flatMap((word) => (word === "" ? [] : (normaliseTerm(word) ?? [])));
  return words.length > 0 ? words.join(" ") : undefined;
}

/** Stem of a Russian name: without the case ending it has in the nominative ("Армения" → "армен"). */
function russianStem(name: string): string {
  return name.toLowerCase().replace(/(?:ия|ья|ь|а|я|й)$/, "");
}

function buildTables(): CountryTables {
  const latin = new Map<string, Country>();
  const russianStems = new Map<string, Country>();
  let longest = 1;
  const addLatin = (phrase: string, country: Country) => {
    const key = latinKey(phrase);
    if (key === undefined || genericWords.has(key) || key.length < 3) return;
    if (!latin.has(key)) latin.set(key, country);
    longest = Math.max(longest, key.split(" ").length);
  };
  const addRussian = (name: string, country: Country) => {
    const stem = russianStem(name);
    if (stem.length >= 3 && !russianStems.has(stem)) russianStems.set(stem, country);
    // "Казахстан" → "казах", for "казахский"; "Туркменистан" → "туркмен".
    const stan = stem.replace(/и?стан$/, "");
    if (stan !== stem && stan.length >= 4 && !russianStems.has(stan)) russianStems.set(stan, country);
  };
  for (const entry of worldCountries) {
    const country: Country = { code: entry.cca2, name: displayNames[entry.cca2] ?? entry.name.common };
    const english = [country.name, entry.name.common, entry.name.official, ...entry.altSpellings.filter((s) => s.length >= 3)];
    for (const name of english) {
      if (/[\u0400-\u04FF]/.test(name)) {
        if (!name.includes(" ")) addRussian(name, country);
        continue;
      }
      addLatin(name, country);
      const bare = name.replace(/^(?:the )?(?:\w+ )*?(?:Republic|Kingdom|State|Federation) of (?:the )?/i, "");
      if (bare !== name) addLatin(bare, country);
    }
    for (const demonym of Object.values(entry.demonyms.eng ?? {})) addLatin(demonym, country);
    // "Kazakhstan" → "Kazakh", "Uzbekistan" → "Uzbek": the adjective the press uses.
    const stan = /^(\p{L}{4,}?)i?stan$/u.exec(entry.name.common);
    if (stan?.[1]) addLatin(stan[1], country);
    const russian = entry.translations.rus;
    if (russian) {
      if (!russian.common.includes(" ")) addRussian(russian.common, country);
      if (!russian.official.includes(" ")) addRussian(russian.official, country);
      const adjective = /^(\p{L}+?)(?:ская|ское|ский) /u.exec(russian.official.toLowerCase());
      if (adjective?.[1] && !russianStems.has(adjective[1])) russianStems.set(adjective[1], country);
    }
  }
  const byCode = new Map(worldCountries.map((entry) => [entry.cca2, { code: entry.cca2, name: displayNames[entry.cca2] ?? entry.name.common }]));
  for (const [name, code] of commonNames) {
    const country = byCode.get(code);
    const key = latinKey(name);
    if (country && key !== undefined) {
      latin.set(key, country);
      longest = Math.max(longest, key.split(" ").length);
    }
  }
  for (const [stem, code] of irregularRussianStems) {
    const country = byCode.get(code);
    if (country) russianStems.set(stem, country);
  }
  const firstWords = new Set([...latin.keys()].filter((key) => key.includes(" ")).map((key) => key.split(" ")[0] ?? ""));
  // Misspellings are measured against names only: a demonym or a native spelling near an
  // English word ("Finnish"/"finish", "Ísland"/"islands") would turn words into countries.
  const fuzzy = new Map<string, Country>();
  for (const entry of worldCountries) {
    const country = byCode.get(entry.cca2);
    for (const name of [entry.name.common, displayNames[entry.cca2] ?? ""]) {
      const key = latinKey(name);
      if (country && key !== undefined && !key.includes(" ") && key.length >= 5 && !fuzzy.has(key)) fuzzy.set(key, country);
    }
  }
  // Russian names as a reader types them in Latin letters: "armeniya", "belorussiya", "kirgiziya".
  for (const entry of worldCountries) {
    const country = byCode.get(entry.cca2);
    const russian = [entry.translations.rus?.common ?? "", ...entry.altSpellings.filter((s) => /^[\u0400-\u04FF]+$/.test(s))];
    for (const name of russian) {
      if (name === "" || name.includes(" ") || !country) continue;
      const key = transliterateRussian(name.toLowerCase()).replaceAll("y", "i");
      if (key.length >= 5 && !fuzzy.has(key)) fuzzy.set(key, country);
    }
  }
  return { latin, longest, firstWords, russianStems, fuzzy };
}

function countryTables(): CountryTables {
  tables ??= buildTables();
  return tables;
}

/** The country a Russian word names in any case or as an adjective ("Азербайджана", "армянский"), if any. */
function russianCountry(word: string): Country | undefined {
  const { russianStems } = countryTables();
  const lower = word.toLowerCase().replace(/ё/g, "е");
  const candidates = [lower.replace(russianNounEnding, ""), lower.replace(russianAdjectiveEnding, ""), lower];
  for (const candidate of candidates) {
    for (let end = candidate.length; end >= 3; end--) {
      const country = russianStems.get(candidate.slice(0, end));
      // A stem must cover the word but for a short ending: "армен" in "армении", not "ар" in "армия".
      if (country && lower.length - end <= 6 && end >= Math.min(candidate.length, 4)) return country;
    }
  }
  return undefined;
}

/** A country found in a question: which words (by position) name it. */
export interface CountryMention {
  country: Country;
  /** Positions of the question's words that name it. */
  words: number[];
  /** The words as the reader typed them. */
  text: string;
}

/**
 * Every country named in `words` (a question's words in order, as typed), longest
 * phrase first: "United States", "Republic of Azerbaijan", "Azerbaijani", "Азербайджана".
 */
export function findCountries(words: readonly string[]): CountryMention[] {
  const { latin, longest, firstWords } = countryTables();
  const found: CountryMention[] = [];
  const used = new Set<number>();
  // Each word's keys once: a phrase's key is its words' keys joined.
  const keys = words.map((word) => (isCyrillicWord(word) ? undefined : (latinKey(word) ?? "")));
  for (let start = 0; start < words.length; start++) {
    if (used.has(start)) continue;
    const word = words[start] ?? "";
    if (isCyrillicWord(word)) {
      const country = russianCountry(word);
      if (country) {
        used.add(start);
        found.push({ country, words: [start], text: word });
      }
      continue;
    }
    const first = keys[start];
    // A phrase starts with a word that names something: not "the" of "is the Azerbaijani".
    if (!first) continue;
    let match: { country: Country; length: number } | undefined;
    if (firstWords.has(first)) {
      for (let length = Math.min(longest, words.length - start); length >= 2; length--) {
        const last = keys[start + length - 1];
        if (!last) continue;
        const parts = keys.slice(start, start + length);
        if (parts.some((part) => part === undefined)) continue;
        const country = latin.get(parts.filter((part) => part !== "").join(" "));
        if (country) {
          match = { country, length };
          break;
        }
      }
    }
    if (!match) {
      const country = latin.get(first);
      if (country) match = { country, length: 1 };
    }
    if (match) {
      const positions = Array.from({ length: match.length }, (_, i) => start + i);
      positions.forEach((p) => used.add(p));
      found.push({ country: match.country, words: positions, text: words.slice(start, start + match.length).join(" ") });
      start += match.length - 1;
    }
  }
  return found;
}

function isCyrillicWord(word: string): boolean {
  return /[\u0400-\u04FF]/.test(word);
}

/**
 * The country a misspelt Latin word stands for ("azerbajan", "tadjikistan", "kirgizia",
 * "belorussia"): the one country whose name, demonym or Latin-typed Russian name is within
 * one edit (two for words of eight letters or more), with the first letter as typed. None when two countries are as near, or the word is short.
 */
export function nearestCountry(word: string): Country | undefined {
  if (word.length < 6 || isCyrillicWord(word)) return undefined;
  // "dzh" and "dj" are how readers write the "дж" that English spells "j": "tadzhikistan".
  const key = latinKey(word)?.replace(/dzh|dj/g, "j");
  if (key === undefined || key.includes(" ")) return undefined;
  const budget = key.length >= 8 ? 2 : 1;
  let best: { country: Country; distance: number } | undefined;
  let tie = false;
  for (const [name, country] of countryTables().fuzzy) {
    // Typos rarely hit the first letter, and words of the language do: "banana" is not Panama.
    if (name.charAt(0) !== key.charAt(0)) continue;
    const distance = editDistance(key, name, budget);
    if (distance > budget) continue;
    if (!best || distance < best.distance) {
      best = { country, distance };
      tie = false;
    } else if (distance === best.distance && best.country.code !== country.code) tie = true;
  }
  return best && !tie ? best.country : undefined;
}

/** The country a name or adjective stands for ("Kazakh", "Belarus", "Kyrgyzstan"), for the article's own words. */
export function countryOf(name: string): Country | undefined {
  const words = name.split(/\s+/);
  const [mention] = findCountries(words);
  return mention && mention.words.length === words.length ? mention.country : undefined;
}

/** A country's name as a sentence uses it: "the United States", "the United Kingdom", "Azerbaijan". */
export function countryInText(name: string): string {
  return /^(United|Czech Republic|Netherlands|Philippines|Bahamas|Maldives|Comoros|Seychelles|Gambia|Central African|Dominican Republic)/.test(name) ? `the ${name}` : name;
}

/** "Azerbaijan's", "Belarus's", "the United States'". */
export function possessive(name: string): string {
  if (/(States|Islands|Emirates|Netherlands|Philippines|Bahamas|Maldives|Comoros|Seychelles)$/.test(name)) return `the ${name}'`;
  return `${name}'s`;
}

let russianNames: Map<string, string> | undefined;

/** A country's name for a reader of `locale`: the English one, or the Russian press's ("Белоруссия", "Киргизия"). */
export function countryNameIn(country: Country, locale: "en" | "ru"): string {
  if (locale === "en") return country.name;
  russianNames ??= new Map(worldCountries.flatMap((entry) => (entry.translations.rus ? [[entry.cca2, entry.translations.rus.common] as const] : [])));
  return russianNames.get(country.code) ?? country.name;
}
