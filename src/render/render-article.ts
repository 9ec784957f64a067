import type { InlineKeyboardButton } from "grammy/types";
import type { Article, Person, Statement } from "../content/article-schema";
import { blockquote, bold, html, italic, joinHtml, link, type SafeHtml } from "./html";

/** What the bot answers: paragraphs of safe HTML and, optionally, buttons under the last message. */
export interface Answer {
  blocks: SafeHtml[];
  keyboard?: InlineKeyboardButton[][];
}

const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** `2019-10-30` as `30 October 2019`. */
export function formatDate(isoDate: string): string {
  return dateFormat.format(new Date(`${isoDate}T00:00:00Z`));
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
function articleHeading(article: Article, title: string): SafeHtml {
  return html`${bold(title)}\n${italic(`${article.event}, ${article.place}, ${formatDate(article.date)}`)}`;
}

export function renderAttendees(article: Article): Answer {
  const attended = article.attendance.attended.map((attendee) => {
    const person = findPerson(article, attendee.person);
    return person ? html`• ${bold(person.name)}: ${describePerson(person)}` : html`• ${attendee.person}`;
  });
  const blocks = [articleHeading(article, "Who attended")];
  blocks.push(attended.length > 0 ? joinHtml(attended, "\n") : html`The article names no attendees.`);
  if (article.attendance.absent.length > 0) {
    const absent = article.attendance.absent.map((absence) => html`• ${bold(absence.who)}: “${absence.text}”`);
    blocks.push(html`${bold("Did not attend")}\n${joinHtml(absent, "\n")}`);
  }
  return { blocks };
}

export function renderAgenda(article: Article): Answer {
  const key = article.agenda.find((item) => item.key);
  const rest = article.agenda.filter((item) => !item.key);
  const blocks = [articleHeading(article, "What was discussed")];
  if (key) blocks.push(html`${bold("Key item")}\n${capitalise(key.text)}`);
  if (rest.length > 0) {
    const items = rest.map((item) => html`• ${capitalise(item.text)}`);
    blocks.push(html`${bold(key ? "Also discussed" : "Discussed")}\n${joinHtml(items, "\n")}`);
  }
  if (article.agenda.length === 0) blocks.push(html`The article lists no agenda.`);
  return { blocks };
}

/** One statement: a direct quote as a quote, reported speech marked as such, with the speaker. */
export function renderStatement(article: Article, statement: Statement): SafeHtml {
  const speaker = bold(speakerName(article, statement));
  if (statement.kind === "quote") {
    const intro = statement.intro !== undefined ? html`\n${statement.intro}` : html``;
    return html`${speaker}, direct quote:${intro}\n${blockquote(`“${statement.text}”`)}`;
  }
  const intro = statement.intro !== undefined ? `${statement.intro} ` : "";
  return html`${speaker}, reported speech:\n${italic(`${intro}${statement.text}`)}`;
}

/** Who said what; with a person, that person's statements only. */
export function renderQuotes(article: Article, person?: Person): Answer {
  const statements = article.statements.filter((s) => person === undefined || s.speaker === person.id);
  const title = person ? `What ${person.name} said` : "Who said what";
  const blocks = [articleHeading(article, title)];
  if (statements.length === 0) {
    blocks.push(person ? html`The article quotes nothing from ${person.name}.` : html`The article quotes no one.`);
  }
  blocks.push(...statements.map((statement) => renderStatement(article, statement)));
  return { blocks };
}

/** A person's card: name, the other spellings, role, affiliation, attendance, what they said. */
export function renderPerson(article: Article, person: Person): Answer {
  const lines = [html`${bold(person.name)}`, html`${capitalise(person.role)}`];
  if (person.country !== undefined) lines.push(html`Country: ${person.country}`);
  if (person.organisation !== undefined) lines.push(html`Organisation: ${person.organisation}`);
  if (person.aliases.length > 0) lines.push(html`Also written: ${person.aliases.join(", ")}`);
  const attended = article.attendance.attended.some((a) => a.person === person.id);
  if (attended) lines.push(html`Attended the ${article.event}`);
  const said = article.statements.filter((s) => s.speaker === person.id);
  const quotes = said.filter((s) => s.kind === "quote").length;
  if (said.length > 0) {
    lines.push(html`In the article: ${quotes} direct ${plural(quotes, "quote")}, ${said.length - quotes} reported ${plural(said.length - quotes, "statement")}`);
  }
  return { blocks: [joinHtml(lines, "\n")] };
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
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
export function summaryParts(article: Article): SummaryPart[] {
  const parts: SummaryPart[] = [
    { kind: "heading", html: html`${bold(article.headline)}\n${italic(`${article.place}, ${formatDate(article.date)}`)}` },
  ];
  for (const happening of article.happenings) parts.push({ kind: "happening", html: html`• ${capitalise(happening.text)}` });
  const names = article.attendance.attended.map((a) => findPerson(article, a.person)?.name ?? a.person);
  if (names.length > 0) parts.push({ kind: "attended", html: html`${bold("Attended:")} ${names.join(", ")}` });
  if (article.attendance.absent.length > 0) {
    parts.push({ kind: "absent", html: html`${bold("Did not attend:")} ${article.attendance.absent.map((a) => a.text).join(" ")}` });
  }
  const key = article.agenda.find((item) => item.key);
  if (key) parts.push({ kind: "key-item", html: html`${bold("Key item:")} ${capitalise(key.text)}` });
  const quote = article.statements.find((s) => s.key);
  if (quote) parts.push({ kind: "quote", html: html`${bold(speakerName(article, quote))}:\n${blockquote(`“${quote.text}”`)}` });
  parts.push({ kind: "source", html: renderSourceLine(article) });
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
export function renderSummary(article: Article): Answer {
  return { blocks: summaryBlocks(summaryParts(article)) };
}

function renderSourceLine(article: Article): SafeHtml {
  return html`Source: ${link(article.outlet, article.url)}`;
}

export function renderSource(article: Article): Answer {
  return {
    blocks: [
      html`${bold(article.headline)}\n${article.outlet}, ${formatDate(article.date)}\n${link(article.url, article.url)}`,
    ],
  };
}

/** A place mentioned in the article and what the article says happened there. */
export function renderPlace(article: Article, placeId: string): Answer {
  const place = article.places.find((p) => p.id === placeId);
  if (!place) return { blocks: [html`This place is not in the article.`] };
  const name = place.country !== undefined ? `${place.name}, ${place.country}` : place.name;
  return { blocks: [articleHeading(article, name), html`“${place.text}”`] };
}
