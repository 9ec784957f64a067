import type { InlineKeyboardButton } from "grammy/types";
import type { Article, Person, Statement } from "../content/article-schema";
import { languageOf, type Language } from "../i18n/translate";
import { blockquote, bold, html, italic, joinHtml, link, type SafeHtml } from "./html";

/** What the bot answers: paragraphs of safe HTML and, optionally, buttons under the last message. */
export interface Answer {
  blocks: SafeHtml[];
  keyboard?: InlineKeyboardButton[][];
}

/** English: what every renderer speaks unless given the reader's language. */
const english = languageOf("en");

/**
 * `2019-10-30` as `30 October 2019` or `30 октября 2019 г.`, by the catalog's
 * `date` (Fluent's DATETIME). The date is made at local noon of that day, so
 * the machine's time zone never moves it to another day.
 */
export function formatDate(isoDate: string, language: Language = english): string {
  const [year = 1970, month = 1, day = 1] = isoDate.split("-").map(Number);
  return language.t("date", { date: new Date(year, month - 1, day, 12) }).value;
}

/** Upper-cases the first letter, for list items the article writes mid-sentence. */
function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function findPerson(article: Article, personId: string): Person | undefined {
  return article.people.find((person) => person.id === personId);
}

function speakerName(article: Article, statement: Statement): string {
  return findPerson(article, statement.speaker)?.name ?? statement.speaker;
}

/** "defense minister, Russia" or the organisation's name for people who represent one. */
export function describePerson(person: Person): string {
  const affiliation = person.country ?? person.organisation;
  return affiliation !== undefined && !person.role.includes(affiliation) ? `${person.role}, ${affiliation}` : person.role;
}

/** The heading every answer about an article starts with: its event, place and date. */
function articleHeading(article: Article, title: string | SafeHtml, language: Language): SafeHtml {
  return html`${bold(title)}\n${italic(`${article.event}, ${article.place}, ${formatDate(article.date, language)}`)}`;
}

export function renderAttendees(article: Article, language: Language = english): Answer {
  const { t } = language;
  const attended = article.attendance.attended.map((attendee) => {
    const person = findPerson(article, attendee.person);
    return person ? html`• ${bold(person.name)}: ${describePerson(person)}` : html`• ${attendee.person}`;
  });
  const blocks = [articleHeading(article, t("attendees-title"), language)];
  blocks.push(attended.length > 0 ? joinHtml(attended, "\n") : t("attendees-none"));
  if (article.attendance.absent.length > 0) {
    const absent = article.attendance.absent.map((absence) => html`• ${bold(absence.who)}: “${absence.text}”`);
    blocks.push(html`${bold(t("attendees-absent"))}\n${joinHtml(absent, "\n")}`);
  }
  return { blocks };
}

export function renderAgenda(article: Article, language: Language = english): Answer {
  const { t } = language;
  const key = article.agenda.find((item) => item.key);
  const rest = article.agenda.filter((item) => !item.key);
  const blocks = [articleHeading(article, t("agenda-title"), language)];
  if (key) blocks.push(html`${bold(t("agenda-key"))}\n${capitalise(key.text)}`);
  if (rest.length > 0) {
    const items = rest.map((item) => html`• ${capitalise(item.text)}`);
    blocks.push(html`${bold(t(key ? "agenda-also" : "agenda-discussed"))}\n${joinHtml(items, "\n")}`);
  }
  if (article.agenda.length === 0) blocks.push(t("agenda-none"));
  return { blocks };
}

/** One statement: a direct quote as a quote, reported speech marked as such, with the speaker. */
export function renderStatement(article: Article, statement: Statement, language: Language = english): SafeHtml {
  const speaker = bold(speakerName(article, statement));
  if (statement.kind === "quote") {
    const intro = statement.intro !== undefined ? html`\n${statement.intro}` : html``;
    return html`${language.t("statement-quote", { speaker })}${intro}\n${blockquote(`“${statement.text}”`)}`;
  }
  const intro = statement.intro !== undefined ? `${statement.intro} ` : "";
  return html`${language.t("statement-reported", { speaker })}\n${italic(`${intro}${statement.text}`)}`;
}

/** Who said what; with a person, that person's statements only. */
export function renderQuotes(article: Article, person?: Person, language: Language = english): Answer {
  const { t } = language;
  const statements = article.statements.filter((s) => person === undefined || s.speaker === person.id);
  const title = person ? t("quotes-person-title", { name: person.name }) : t("quotes-title");
  const blocks = [articleHeading(article, title, language)];
  if (statements.length === 0) {
    blocks.push(person ? t("quotes-none-person", { name: person.name }) : t("quotes-none"));
  }
  blocks.push(...statements.map((statement) => renderStatement(article, statement, language)));
  return { blocks };
}

/** A person's card: name, the other spellings, role, affiliation, attendance, what they said. */
export function renderPerson(article: Article, person: Person, language: Language = english): Answer {
  const { t } = language;
  const lines = [html`${bold(person.name)}`, html`${capitalise(person.role)}`];
  if (person.country !== undefined) lines.push(t("person-country", { country: person.country }));
  if (person.organisation !== undefined) lines.push(t("person-organisation", { organisation: person.organisation }));
  if (person.aliases.length > 0) lines.push(t("person-aliases", { aliases: person.aliases.join(", ") }));
  const attended = article.attendance.attended.some((a) => a.person === person.id);
  if (attended) lines.push(t("person-attended", { event: article.event }));
  const said = article.statements.filter((s) => s.speaker === person.id);
  const quotes = said.filter((s) => s.kind === "quote").length;
  if (said.length > 0) {
    lines.push(t("person-statements", { quotes, reported: said.length - quotes }));
  }
  return { blocks: [joinHtml(lines, "\n")] };
}

/** One piece of the summary, named so a channel post can drop the less important ones to fit. */
export interface SummaryPart {
  kind: "heading" | "happening" | "attended" | "absent" | "key-item" | "quote" | "source" | "tags";
  html: SafeHtml;
}

/**
 * The summary's pieces in reading order: headline with place and date, what
 * happened (one part per item), who attended and who did not, the key agenda
 * item, the key quote with its speaker, the source, the hashtags.
 */
export function summaryParts(article: Article, language: Language = english): SummaryPart[] {
  const { t } = language;
  const parts: SummaryPart[] = [
    { kind: "heading", html: html`${bold(article.headline)}\n${italic(`${article.place}, ${formatDate(article.date, language)}`)}` },
  ];
  for (const happening of article.happenings) parts.push({ kind: "happening", html: html`• ${capitalise(happening.text)}` });
  const names = article.attendance.attended.map((a) => findPerson(article, a.person)?.name ?? a.person);
  if (names.length > 0) parts.push({ kind: "attended", html: t("summary-attended", { names: names.join(", ") }) });
  if (article.attendance.absent.length > 0) {
    parts.push({ kind: "absent", html: t("summary-absent", { text: article.attendance.absent.map((a) => a.text).join(" ") }) });
  }
  const key = article.agenda.find((item) => item.key);
  if (key) parts.push({ kind: "key-item", html: t("summary-key-item", { text: capitalise(key.text) }) });
  const quote = article.statements.find((s) => s.key);
  if (quote) parts.push({ kind: "quote", html: html`${bold(speakerName(article, quote))}:\n${blockquote(`“${quote.text}”`)}` });
  parts.push({ kind: "source", html: t("source-line", { url: article.url, outlet: article.outlet }) });
  if (article.tags.length > 0) parts.push({ kind: "tags", html: html`${article.tags.map((tag) => `#${tag}`).join(" ")}` });
  return parts;
}

/** Summary parts as paragraphs: the happenings run together as one list, every other part is its own paragraph. */
export function summaryBlocks(parts: readonly SummaryPart[]): SafeHtml[] {
  const blocks: SafeHtml[] = [];
  parts.forEach((part, i) => {
    const previous = blocks.at(-1);
    if (previous !== undefined && part.kind === "happening" && parts[i - 1]?.kind === "happening") {
      blocks[blocks.length - 1] = html`${previous}\n${part.html}`;
    } else {
      blocks.push(part.html);
    }
  });
  return blocks;
}

/** The short account a channel would post: what happened where, who came, the key item and quote, the source. */
export function renderSummary(article: Article, language: Language = english): Answer {
  return { blocks: summaryBlocks(summaryParts(article, language)) };
}

export function renderSource(article: Article, language: Language = english): Answer {
  return {
    blocks: [
      html`${bold(article.headline)}\n${article.outlet}, ${formatDate(article.date, language)}\n${link(article.url, article.url)}`,
    ],
  };
}

/** A place mentioned in the article and what the article says happened there. */
export function renderPlace(article: Article, placeId: string, language: Language = english): Answer {
  const place = article.places.find((p) => p.id === placeId);
  if (!place) return { blocks: [language.t("place-unknown")] };
  const name = place.country !== undefined ? `${place.name}, ${place.country}` : place.name;
  return { blocks: [articleHeading(article, name, language), html`“${place.text}”`] };
}
