import type { InlineKeyboardButton } from "grammy/types";
import type { Article } from "../content/article-schema";
import { newsroomButton } from "./callback-data";
import { bold, html, italic, joinHtml, type SafeHtml } from "./html";
import { describePerson, findPerson, formatDate, type Answer } from "./render-article";

/** Quotes and checks shown in a preview: enough to judge the draft, within one message or two. */
const MAX_QUOTES = 8;
const MAX_CHECKS = 12;

/** The buttons under a preview; "Approve and post" only when there is a channel. */
export function draftKeyboard(articleId: string, withChannel: boolean): InlineKeyboardButton[][] {
  return [
    [{ text: "Approve", callback_data: newsroomButton.format("approve", articleId) }, ...(withChannel ? [{ text: "Approve and post", callback_data: newsroomButton.format("post", articleId) }] : [])],
    [{ text: "Edit", callback_data: newsroomButton.format("edit", articleId) }, { text: "Discard", callback_data: newsroomButton.format("discard", articleId) }],
  ];
}

/**
 * A draft as an editor checks it: headline, people with roles, attendance,
 * quotes with their speakers, and what the importer was unsure of (its
 * `# CHECK:` notes); with Approve / Approve and post / Edit / Discard.
 */
export function renderDraftPreview(article: Article, checks: readonly string[], options: { source?: string; withChannel: boolean; title?: string }): Answer {
  const blocks: SafeHtml[] = [
    html`${bold(options.title ?? "New draft")}${options.source ? html`: ${options.source}` : ""}\n${bold(article.headline)}\n${italic(`${article.event}, ${article.place}, ${formatDate(article.date)}`)} · ${article.body.length} paragraphs · id ${article.id}`,
  ];
  const people = article.people.map((person) => html`• ${bold(person.name)}: ${describePerson(person)}`);
  blocks.push(html`${bold("People")}\n${people.length > 0 ? joinHtml(people, "\n") : "none found"}`);
  const attended = article.attendance.attended.map((a) => findPerson(article, a.person)?.name ?? a.person);
  const absent = article.attendance.absent.map((a) => a.who);
  blocks.push(html`${bold("Attended")}: ${attended.length > 0 ? attended.join(", ") : "none found"}${absent.length > 0 ? html`\n${bold("Did not attend")}: ${absent.join(", ")}` : ""}`);
  const quotes = article.statements.slice(0, MAX_QUOTES).map((s) => {
    const speaker = findPerson(article, s.speaker)?.name ?? s.speaker;
    return s.kind === "quote" ? html`• ${bold(speaker)}: “${s.text}”` : html`• ${bold(speaker)} (reported): ${s.text}`;
  });
  const moreQuotes = article.statements.length > MAX_QUOTES ? html`\n…and ${article.statements.length - MAX_QUOTES} more` : "";
  blocks.push(html`${bold("Quotes")}\n${quotes.length > 0 ? joinHtml(quotes, "\n") : "none found"}${moreQuotes}`);
  if (checks.length > 0) {
    const listed = checks.slice(0, MAX_CHECKS).map((check) => html`• ${check}`);
    const more = checks.length > MAX_CHECKS ? html`\n…and ${checks.length - MAX_CHECKS} more (see Edit)` : "";
    blocks.push(html`${bold(`To check (${checks.length})`)}\n${joinHtml(listed, "\n")}${more}`);
  }
  return { blocks, keyboard: draftKeyboard(article.id, options.withChannel) };
}

/** An editor's document refused for its problems, each with its line and column, as `npm run check` lists them. */
export function renderDocumentProblems(fileName: string, problems: readonly string[]): SafeHtml[] {
  const listed = problems.slice(0, 30).map((problem) => html`• ${problem}`);
  const more = problems.length > 30 ? html`\n…and ${problems.length - 30} more` : "";
  return [html`${bold(`${fileName} was not taken`)}: ${problems.length === 1 ? "one problem" : `${problems.length} problems`}. Nothing was changed; fix ${problems.length === 1 ? "it" : "them"} and send the file again.`, html`${joinHtml(listed, "\n")}${more}`];
}

/** /articles for admins: the drafts and the articles editors added, with their state. */
export function renderNewsroomList(entries: ReadonlyArray<{ id: string; headline: string; state: string }>): SafeHtml[] {
  if (entries.length === 0) return [html`${bold("Drafts")}: none. Send me a link, an article's text, or an article file to add one.`];
  const lines = entries.slice(0, 40).map((entry) => html`• ${bold(entry.headline)} (${entry.id}): ${entry.state}`);
  return [html`${bold("Drafts")} (${entries.length}):\n${joinHtml(lines, "\n")}`];
}
