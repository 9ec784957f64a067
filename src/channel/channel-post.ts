import type { InlineKeyboardButton } from "grammy/types";
import type { Article, Statement } from "../content/article-schema";
import { localiseArticle } from "../content/localise-article";
import { formatDay, relativeTimeWord, utcDay } from "../content/relative-time";
import { deepLinkUrl } from "../answering/deep-link";
import type { Locale } from "../i18n/locale";
import { languageOf, type Translate } from "../i18n/translate";
import { bold, html, htmlToText, italic, joinHtml, link, type SafeHtml } from "../render/html";
import { findPerson } from "../render/render-article";
import { shortenText } from "../render/shorten-text";

/** A channel post as it is sent: HTML text within `POST_LIMIT` and the buttons under it. */
export interface ChannelPost {
  text: string;
  keyboard: InlineKeyboardButton[][];
}

/**
 * The most a post shows, in visible characters: about what a phone shows of
 * a channel post before "show more", and well within a photo's caption (1024).
 */
export const POST_LIMIT = 600;

/** Telegram's limit on the text an inline query starts with. */
const INLINE_QUERY_LIMIT = 256;
/** A lead is one or two sentences; a longer first sentence is shortened at a clause. */
const LEAD_MAX = 280;
/** The quote: a sentence or two, not the paragraph. */
const QUOTE_MAX = 170;
/** Shorter than this, a shortened quote says too little to be worth its line. */
const QUOTE_MIN = 60;
/** The attendance line: one line on a phone, give or take. */
const ATTENDANCE_MAX = 150;

export interface ChannelPostOptions {
  /** When the post goes out (ms): relative time words are used only on the article's own day (UTC). @default now */
  at?: number;
  /** Visible characters. @default POST_LIMIT */
  limit?: number;
  /** The channel's language (CHANNEL_LANGUAGE): the post's words, and the article's translations into it. @default the article's own `language` */
  language?: Locale;
}

/** The catalog's words as plain text, for pieces whose length is counted before they are escaped. */
const plain = (t: Translate, key: string, values?: Parameters<Translate>[1]) => htmlToText(t(key, values).value);

/** Splits a paragraph into sentences (at `.`, `!`, `?` before a capital, a digit or a quote), not after an initial or a title. */
export function sentencesOf(text: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (const match of text.matchAll(/[.!?]["”’)]?\s+(?=["“‘(]?[A-Z0-9А-ЯЁ])/g)) {
    const before = text.slice(start, match.index);
    if (/(?:^|\s)(?:[A-Z]|Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Maj|Capt|Sgt|Prof|No|Nos|Jr|Sr|vs|etc|U\.S|U\.K)$/.test(before)) continue;
    const end = match.index + match[0].trimEnd().length;
    sentences.push(text.slice(start, end).trim());
    start = match.index + match[0].length;
  }
  const rest = text.slice(start).trim();
  if (rest !== "") sentences.push(rest);
  return sentences;
}

const normalise = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();

/** Upper-cases the first letter. */
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The lead: the editor's `lead`, else the article's first sentence that is
 * not the headline. Posted on another day than the article's, a sentence
 * with "today" or the like is not chosen: the next sentence of the first
 * paragraph is, or else one made of the article's own fields (event, place).
 */
export function postLead(article: Article, late: boolean, locale: Locale = article.language): string {
  const t = languageOf(locale).t;
  const view = localiseArticle(article, locale);
  const made = () => {
    // "The 77th meeting … was held in Baku": a lower-case event takes "The" in English.
    const lower = /^[\p{Ll}\p{N}]/u.test(view.event);
    const text = plain(t, lower ? "post-lead-made-the" : "post-lead-made", { event: lower ? view.event : capitalise(view.event), place: view.place });
    return shortenText(capitalise(text), LEAD_MAX, "clause");
  };
  if (locale !== article.language) {
    // The body is in another language: the editor's translated lead, else one made of translated fields.
    const translated = article.translations?.[locale]?.lead;
    return translated !== undefined ? shortenText(translated, LEAD_MAX, "clause") : made();
  }
  if (article.lead !== undefined) return shortenText(article.lead, LEAD_MAX, "clause");
  const headline = normalise(article.headline);
  const [first = ""] = article.body;
  for (const sentence of sentencesOf(first)) {
    if (normalise(sentence) === headline) continue;
    if (late && relativeTimeWord(sentence) !== undefined) continue;
    return shortenText(sentence, LEAD_MAX, "clause");
  }
  return made();
}

/** "Russia, Belarus and Kyrgyzstan" with "and N more" once `max` would be passed. */
function listWithin(t: Translate, names: readonly string[], max: number): string {
  for (let shown = names.length; shown > 0; shown -= 1) {
    const head = names.slice(0, shown);
    const rest = names.length - shown;
    const text =
      rest > 0
        ? plain(t, "post-and-more", { list: head.join(", "), count: rest })
        : head.length > 1
          ? `${head.slice(0, -1).join(", ")} ${plain(t, "post-and")} ${head.at(-1)}`
          : (head[0] ?? "");
    if (text.length <= max || shown === 1) return text;
  }
  return "";
}

/** Who attended, by country (or organisation), and who did not, in one line; `undefined` when the article names no one. */
function attendanceFact(article: Article, t: Translate): SafeHtml | undefined {
  const by = article.attendance.attended.map((a) => {
    const person = findPerson(article, a.person);
    return person?.country ?? person?.organisation ?? person?.name ?? a.person;
  });
  const attended = [...new Set(by)];
  const absent = [...new Set(article.attendance.absent.map((a) => a.who))];
  const parts: SafeHtml[] = [];
  if (attended.length > 0) parts.push(t("post-attended", { list: listWithin(t, attended, ATTENDANCE_MAX - 30) }));
  if (absent.length > 0) parts.push(t("post-absent", { list: listWithin(t, absent, 40) }));
  return parts.length > 0 ? joinHtml(parts, " ") : undefined;
}

/**
 * The words of a direct quote the post may carry: posted late, only the
 * sentences before the first one with a relative time word ("today's
 * meeting"); `undefined` when none is left.
 */
function quotableText(statement: Statement, late: boolean): string | undefined {
  if (!late) return statement.text;
  const sentences = sentencesOf(statement.text);
  const cut = sentences.findIndex((sentence) => relativeTimeWord(sentence) !== undefined);
  if (cut < 0) return statement.text;
  if (cut === 0) return undefined;
  return `${sentences.slice(0, cut).join(" ").replace(/[\s,;:.!?]+$/u, "")}…`;
}

/** The key quote (else the first direct quote that can be used), with its speaker, shortened to `room` visible characters. */
function quoteFact(article: Article, late: boolean, room: number): SafeHtml | undefined {
  const quotes = article.statements.filter((s) => s.kind === "quote");
  const ordered = [...quotes.filter((s) => s.key), ...quotes.filter((s) => !s.key)];
  for (const statement of ordered) {
    const words = quotableText(statement, late);
    if (words === undefined) continue;
    const speaker = findPerson(article, statement.speaker)?.name ?? statement.speaker;
    // "• " + speaker + ": “" + words + "”"
    const max = Math.min(QUOTE_MAX, room - speaker.length - 6);
    if (max < Math.min(QUOTE_MIN, words.length)) return undefined;
    const shortened = words.length > max ? shortenText(words, max, "clause") : words;
    return html`${bold(speaker)}: “${shortened}”`;
  }
  return undefined;
}

/** The key agenda item, when it can be said without a relative time word. */
function keyItemFact(article: Article, late: boolean, room: number, t: Translate): SafeHtml | undefined {
  const key = article.agenda.find((item) => item.key);
  if (!key || (late && relativeTimeWord(key.text) !== undefined)) return undefined;
  const label = plain(t, "post-agenda-label");
  // "• " + label + " " + item
  const max = room - 3 - label.length;
  if (max < Math.min(QUOTE_MIN, key.text.length)) return undefined;
  return html`${bold(label)} ${shortenText(capitalise(key.text), max, "clause")}`;
}

const visible = (blocks: readonly SafeHtml[]) => htmlToText(joinHtml(blocks, "\n\n").value).length;

/**
 * The post for the channel, shaped as news: the headline in bold with place
 * and date; the lead; two or three key facts from the structure (who
 * attended, by country; the key quote, shortened at a sentence or clause;
 * the key agenda item), as many as fit; the source linked under the outlet's
 * name; the hashtags. At most `limit` visible characters (600: it reads
 * without "show more"). Posted on another day than the article's, it never
 * says "today": the date is in the dateline, and excerpts with such words
 * are left out. Under it, deep links into the bot for the article's
 * attendees, agenda and quotes, and a button to share it through inline mode.
 */
export function renderChannelPost(original: Article, botUsername: string, options: ChannelPostOptions = {}): ChannelPost {
  const limit = options.limit ?? POST_LIMIT;
  const locale = options.language ?? original.language;
  const { t } = languageOf(locale);
  // What the channel's readers see: the editor's translations into its language, quotes verbatim.
  const article = localiseArticle(original, locale);
  const late = utcDay(options.at ?? Date.now()) !== article.date;
  const dateline = `${article.place}, ${formatDay(article.date, locale)}`;
  let headline = article.headline;
  const heading = () => html`${bold(headline)}\n${italic(dateline)}`;
  let lead: string | undefined = postLead(original, late, locale);
  let tags = article.tags.map((tag) => `#${tag}`);
  const source = () => t("post-source", { outlet: link(article.outlet, article.url) });
  const footer = () => (tags.length > 0 ? html`${source()}\n${tags.join(" ")}` : source());
  const frame = (facts: SafeHtml[] = []) => [heading(), ...(lead !== undefined ? [html`${lead}`] : []), ...(facts.length > 0 ? [joinHtml(facts.map((fact) => html`• ${fact}`), "\n")] : []), footer()];

  // The frame first: a long lead is shortened, then hashtags dropped, then the headline shortened; the source always stays.
  if (visible(frame()) > limit && lead !== undefined) {
    const room = limit - visible(frame()) + lead.length;
    lead = room >= QUOTE_MIN ? shortenText(lead, room, "clause") : undefined;
  }
  while (visible(frame()) > limit && tags.length > 0) tags = tags.slice(0, -1);
  if (visible(frame()) > limit) headline = shortenText(article.headline, Math.max(1, limit - visible(frame()) + headline.length), "word");

  const facts: SafeHtml[] = [];
  const roomFor = () => limit - visible(frame(facts)) - (facts.length === 0 ? 2 : 1);
  const candidates: Array<(room: number) => SafeHtml | undefined> = [
    () => attendanceFact(article, t),
    (room) => quoteFact(article, late, room),
    (room) => keyItemFact(article, late, room, t),
  ];
  for (const candidate of candidates) {
    const room = roomFor();
    const fact = candidate(room);
    if (fact !== undefined && htmlToText(fact.value).length + 2 <= room) facts.push(fact);
  }
  return { text: joinHtml(frame(facts), "\n\n").value, keyboard: channelPostKeyboard(original, botUsername, locale) };
}

/**
 * The buttons under a post, labelled in `locale`: deep links to what the article has, and
 * Share (inline mode; the query is the original headline, the words the search index holds).
 */
export function channelPostKeyboard(article: Article, botUsername: string, locale: Locale = article.language): InlineKeyboardButton[][] {
  const { t } = languageOf(locale);
  const links: InlineKeyboardButton[] = [];
  if (article.attendance.attended.length + article.attendance.absent.length > 0) {
    links.push({ text: plain(t, "post-button-attendees"), url: deepLinkUrl(botUsername, "attendees", article.id) });
  }
  if (article.agenda.length > 0) links.push({ text: plain(t, "post-button-agenda"), url: deepLinkUrl(botUsername, "agenda", article.id) });
  if (article.statements.length > 0) links.push({ text: plain(t, "post-button-quotes"), url: deepLinkUrl(botUsername, "quotes", article.id) });
  const share: InlineKeyboardButton = { text: plain(t, "post-button-share"), switch_inline_query: shortenText(article.headline, INLINE_QUERY_LIMIT) };
  return links.length > 0 ? [links, [share]] : [[share]];
}

export { contentHash } from "../content/article-summary";
