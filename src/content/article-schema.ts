import { z } from "zod";
import { locales } from "../i18n/locale";
import { relativeTimeWord } from "./relative-time";

/**
 * The schema of one article file in `content/`. The TypeScript types below are
 * derived from it, and `npm run schema` publishes it as JSON Schema for editors.
 *
 * Every excerpt (`text` fields that carry a `paragraph`) is checked against the
 * body by the loader: it must appear there verbatim.
 */

/** A lower-case identifier: letters, digits and dashes, usable in deep links. @example "lebedev" */
const slug = () =>
  z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lower-case letters, digits and single dashes")
    .max(40, "must be at most 40 characters");

const text = () => z.string().trim().min(1, "must not be empty");

/** A 1-based paragraph number in `body`. */
const paragraph = () => z.number().int().min(1, "paragraphs are numbered from 1");

/** A calendar date, `YYYY-MM-DD`. YAML writes it unquoted, so dates parsed as such are accepted too. */
const isoDate = () =>
  z.preprocess(
    (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value),
    z.iso.date("must be a date written YYYY-MM-DD"),
  );

/** A moment with a time zone, e.g. `2019-10-30T12:00:00Z`. */
const isoDateTime = () =>
  z.preprocess(
    (value) => (value instanceof Date ? value.toISOString() : value),
    z.iso.datetime({ offset: true, message: "must be a date and time with zone, e.g. 2019-10-30T12:00:00Z" }),
  );

export const personSchema = z
  .object({
    id: slug().describe("Stable id, used in links and in the rest of this file."),
    name: text().describe("The name as the article writes it (one of its spellings)."),
    aliases: z.array(text()).default([]).describe("Every other spelling the article uses, typos included."),
    role: text().describe("The role as the article states it, e.g. 'defense minister'."),
    country: text().optional().describe("The country the person represents."),
    countryAdjective: text().optional().describe("The adjective the article uses, e.g. 'Kazakh'."),
    organisation: text().optional().describe("The organisation, for people who represent one rather than a country."),
  })
  .strict()
  .refine((person) => person.country !== undefined || person.organisation !== undefined, {
    message: "needs a country or an organisation",
  });

export const attendeeSchema = z
  .object({
    person: slug().describe("Id of a person in `people`."),
    paragraph: paragraph().describe("Where the article establishes that the person was there."),
  })
  .strict();

export const absenceSchema = z
  .object({
    who: text().describe("The country, organisation or person that did not attend."),
    text: text().describe("What the article says about it, verbatim."),
    paragraph: paragraph(),
  })
  .strict();

export const agendaItemSchema = z
  .object({
    text: text().describe("The item, verbatim from the article."),
    key: z.boolean().default(false).describe("The item the article marks as the main one."),
    paragraph: paragraph(),
  })
  .strict();

export const happeningSchema = z
  .object({
    text: text().describe("What happened, verbatim from the article."),
    place: slug().optional().describe("Id of a place in `places`."),
    paragraph: paragraph(),
  })
  .strict();

export const placeSchema = z
  .object({
    id: slug(),
    name: text(),
    country: text().optional(),
    text: text().describe("What the article says happened there, verbatim."),
    paragraph: paragraph(),
  })
  .strict();

export const statementSchema = z
  .object({
    speaker: slug().describe("Id of a person in `people`."),
    kind: z.enum(["quote", "reported"]).describe("A direct quote, or reported speech."),
    intro: text().optional().describe("The article's own lead-in, verbatim, e.g. 'He said that'."),
    text: text().describe("The words, verbatim from the paragraph (quote marks left out)."),
    paragraph: paragraph(),
    key: z.boolean().default(false).describe("The one quote a summary should carry."),
  })
  .strict();

/** A position in a list as an editor counts it, from 1 (`agenda` item 2 is "2"). YAML keys may be written as numbers. */
const position = () => z.string().regex(/^[1-9]\d*$/, "must be an item's number, counted from 1");

/** Fields of the article that carry its own words verbatim: a translation may not touch them. */
export const verbatimFields = ["body", "statements", "happenings"] as const;

/** A field a translation may not carry: named, so the editor is told why rather than "not a field". */
const verbatim = (field: string) =>
  z.never({ error: `${field} cannot be translated: quotes and excerpts stay in the article's own words` }).optional().describe("Not translatable: quotes and excerpts stay verbatim.");

export const personTranslationSchema = z
  .object({
    name: text().optional().describe("The name as the language's media spell it, e.g. 'Сергей Шойгу'."),
    role: text().optional(),
    country: text().optional(),
    organisation: text().optional(),
  })
  .strict();

export const placeTranslationSchema = z.object({ name: text().optional(), country: text().optional() }).strict();

/**
 * One language's translations of the short fields, each under the name of the field it
 * translates; people and places by id, agenda items and absences by number (from 1).
 * Quotes and excerpts are not here: they stay in the article's words.
 */
export const translationSchema = z
  .object({
    headline: text().optional(),
    lead: text()
      .max(400, "must be at most 400 characters: one or two sentences")
      .refine((lead) => relativeTimeWord(lead) === undefined, { message: "must give the date rather than a word such as 'сегодня' or 'вчера': the post may go out on another day" })
      .optional()
      .describe("The lead of a post in this language, in the editor's words: the body is not in it, so without one the post's lead is made of the translated event and place."),
    place: text().optional(),
    event: text().optional(),
    people: z.record(z.string(), personTranslationSchema).optional().describe("By person id: name, role, country, organisation."),
    places: z.record(z.string(), placeTranslationSchema).optional().describe("By place id: name, country."),
    agenda: z.record(position(), text()).optional().describe("By item number (from 1): the item's text."),
    absent: z.record(position(), text()).optional().describe("By number (from 1) in attendance.absent: who did not attend."),
  })
  .extend(Object.fromEntries(verbatimFields.map((field) => [field, verbatim(field)])) as Record<(typeof verbatimFields)[number], ReturnType<typeof verbatim>>)
  .strict();

export const articleSchema = z
  .object({
    id: slug().describe("Stable id of the article; never reuse one."),
    language: z.enum(locales).default("en").describe("The language the article is written in: `en` or `ru`. The channel posts in it unless CHANNEL_LANGUAGE says otherwise."),
    headline: text(),
    lead: text()
      .max(400, "must be at most 400 characters: one or two sentences")
      .refine((lead) => relativeTimeWord(lead) === undefined, {
        message: "must give the date rather than a word such as 'today' or 'yesterday': the post may go out on another day",
      })
      .optional()
      .describe(
        "The channel post's lead: one or two sentences in the editor's own words (plain text; not checked against the body). Unset: the article's first sentence that is not the headline. Give dates, not 'today'.",
      ),
    outlet: text(),
    url: z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }),
    date: isoDate().describe("The day the article reports on."),
    place: text().describe("Where it happened, e.g. 'Baku, Azerbaijan'."),
    event: text().describe("The event the article is about."),
    status: z
      .enum(["draft", "live"])
      .default("live")
      .describe("`draft`: loaded and checked, but never answered from, posted or offered inline until an editor makes it `live` (or removes the line)."),
    publishAt: isoDateTime().optional().describe("When the channel post may go out; unset means at once."),
    tags: z.array(z.string().regex(/^[A-Za-z0-9_]+$/, "must be letters, digits or _")).default([]),
    body: z.array(text()).min(1, "must have at least one paragraph").describe("The article, paragraph by paragraph, verbatim."),
    people: z.array(personSchema).default([]),
    attendance: z
      .object({
        attended: z.array(attendeeSchema).default([]),
        absent: z.array(absenceSchema).default([]),
      })
      .strict()
      .default({ attended: [], absent: [] }),
    agenda: z.array(agendaItemSchema).default([]),
    happenings: z.array(happeningSchema).default([]).describe("What happened, in the article's order."),
    places: z.array(placeSchema).default([]),
    statements: z.array(statementSchema).default([]),
    translations: z
      .partialRecord(z.enum(locales), translationSchema)
      .optional()
      .describe("Editor-written translations of the short fields, by language (`ru`): headline, lead, place, event, people, places, agenda items, absences. Never quotes or excerpts."),
  })
  .strict();

export type Article = z.infer<typeof articleSchema>;
export type Person = Article["people"][number];
export type Statement = Article["statements"][number];
export type AgendaItem = Article["agenda"][number];
export type Place = Article["places"][number];
export type Translation = z.infer<typeof translationSchema>;

/** An article the bot serves: not a draft. */
export function isLive(article: Pick<Article, "status">): boolean {
  return article.status !== "draft";
}
