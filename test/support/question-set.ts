import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { load } from "js-yaml";
import { z } from "zod";
import type { Article } from "../../src/content/article-schema";
import { translatedPairs } from "../../src/content/localise-article";
import { formatDay } from "../../src/content/relative-time";
import type { Locale } from "../../src/i18n/locale";
import { countryNameIn, countryOf } from "../../src/questions/countries";
import { htmlToText, packMessages } from "../../src/render/html";
import type { Answer } from "../../src/render/render-article";

/**
 * The question sets (`test/fixtures/questions/`, and the held-out `questions-unseen/`) and
 * how an answer is scored against an entry, as QUESTION-SET-FORMAT.md lays it down. One
 * place for `npm run eval` and the test that holds the public set.
 */

export const kinds = ["attendance", "absence", "person", "statements", "agenda", "place-time", "happenings", "source", "not-covered", "unknown"] as const;

const entrySchema = z
  .object({
    q: z.union([z.string(), z.number()]).transform(String),
    lang: z.enum(["en", "ru"]),
    kind: z.enum(kinds),
    yes: z.boolean().optional(),
    first: z.array(z.union([z.string(), z.number()]).transform(String)).nullish().transform((v) => v ?? []),
    not: z.array(z.union([z.string(), z.number()]).transform(String)).nullish().transform((v) => v ?? []),
    never: z.array(z.union([z.string(), z.number()]).transform(String)).nullish().transform((v) => v ?? []),
    note: z.string().optional(),
  })
  .strict();

export type QuestionEntry = z.infer<typeof entrySchema> & { file: string };

/** Every entry of every YAML file in `dir`, in file order; none when the folder does not exist. */
export async function loadQuestionSet(dir: string): Promise<QuestionEntry[]> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  } catch {
    return [];
  }
  const entries: QuestionEntry[] = [];
  for (const file of files) {
    const data = load(await readFile(join(dir, file), "utf8"));
    const list = z.array(entrySchema).parse(data ?? []);
    entries.push(...list.map((entry) => ({ ...entry, file })));
  }
  return entries;
}

/** What the reader sees: the messages as plain text, one blank line between. */
export function answerText(answer: Answer): string {
  return packMessages(answer.blocks).map(htmlToText).join("\n\n");
}

/** Case, curly quotes and runs of whitespace made the same. */
export function normaliseForScoring(text: string): string {
  return text
    .replace(/[‘’‚‛′]/g, "'")
    .replace(/[“”„‟″«»]/g, '"')
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/**
 * The language an answer is framed in, and the other spellings a fact may take in it: a
 * fact of the set is written as the article writes it ("Shoigu", "Kazakh", "30 October
 * 2019"); an answer framed in Russian gives the article's Russian translation of it
 * ("Шойгу", "Казахстан", "30 октября 2019 г."). The framing words are those of the catalog.
 */
export interface Framing {
  locale: Locale;
  /** The same fact in the answer's language: exact renderings (names, countries, the date). */
  exact(fact: string): string[];
  /** Also the translations of the fields the fact is part of ("Concept of Military Cooperation" → the item's Russian). */
  loose(fact: string): string[];
}

const plainFraming: Framing = { locale: "en", exact: () => [], loose: () => [] };

/** English framing: facts only as written. */
export const englishFraming = plainFraming;

const words = (text: string) => text.split(/\s+/).filter((w) => w !== "");

/** The framing of answers given to a reader of `locale` about `article`. */
export function framingFor(article: Article, locale: Locale): Framing {
  if (locale === "en" && article.language === "en") return plainFraming;
  const pairs = translatedPairs(article, locale).map(([a, b]) => [normaliseForScoring(a), b] as const);
  const names = pairs.filter(([original]) => article.people.some((p) => [p.name, ...p.aliases].some((s) => normaliseForScoring(s) === original)));
  const englishDay = normaliseForScoring(formatDay(article.date, "en"));
  return {
    locale,
    exact(fact) {
      const key = normaliseForScoring(fact);
      const out = pairs.filter(([original]) => original === key).map(([, translated]) => translated);
      // A part of a name: the same part of its translation ("Shoigu" of "Sergei Shoigu" is "Шойгу" of "Сергей Шойгу").
      for (const [original, translated] of names) {
        const from = words(original);
        const to = words(translated);
        const at = from.indexOf(key);
        if (from.length === to.length && at >= 0 && to[at] !== undefined) out.push(to[at]);
      }
      const country = countryOf(fact);
      if (country) out.push(countryNameIn(country, locale));
      if (key === englishDay) out.push(formatDay(article.date, locale));
      return out;
    },
    loose(fact) {
      const key = normaliseForScoring(fact);
      const within = pairs.filter(([original]) => new RegExp(`(?<![\\p{L}\\p{N}])${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "u").test(original));
      return [...this.exact(fact), ...within.map(([, translated]) => translated)];
    },
  };
}

/** Words that open a yes, a no, and an answer about what the article does not cover, by framing. */
const leadWords: Record<Locale, { yes: string; no: string; notCovered: RegExp; notCoveredText: string }> = {
  en: { yes: "yes", no: "no", notCovered: /^the article does not/, notCoveredText: "The article does not" },
  ru: { yes: "да", no: "нет", notCovered: /^в статье не/, notCoveredText: "В статье не" },
};

/** Every way the answer fails the entry; empty when it passes. Names, places and items may be in the framing's translation. */
export function scoreAnswer(entry: QuestionEntry, text: string, framing: Framing = plainFraming): string[] {
  const lead = text.split(/\n[ \t]*\n/)[0] ?? "";
  const normalLead = normaliseForScoring(lead);
  const normalAll = normaliseForScoring(text);
  const problems: string[] = [];
  const opening = leadWords[framing.locale];
  const has = (haystack: string, fact: string, spellings: (fact: string) => string[]) =>
    [fact, ...spellings(fact)].some((spelling) => haystack.includes(normaliseForScoring(spelling)));
  if (entry.yes !== undefined) {
    const want = entry.yes ? opening.yes : opening.no;
    if (!new RegExp(`^${want}(?![\\p{L}])`, "u").test(normalLead)) problems.push(`lead should start with "${want.charAt(0).toUpperCase()}${want.slice(1)}"`);
  }
  if (entry.kind === "not-covered" && !opening.notCovered.test(normalLead)) problems.push(`lead should start with "${opening.notCoveredText}"`);
  if (entry.kind === "unknown" && !normalLead.includes("/help")) problems.push("lead should point to /help");
  for (const fact of entry.first) if (!has(normalLead, fact, (f) => framing.loose(f))) problems.push(`lead lacks "${fact}"`);
  for (const wrong of entry.not) if (has(normalLead, wrong, (f) => framing.exact(f))) problems.push(`lead has "${wrong}"`);
  for (const wrong of entry.never) if (has(normalAll, wrong, (f) => framing.exact(f))) problems.push(`answer has "${wrong}"`);
  return problems;
}
