import type { InlineKeyboardButton } from "grammy/types";
import type { Article } from "../content/article-schema";
import { languageOf, type Language } from "../i18n/translate";
import { newsroomButton } from "./callback-data";
import { bold, html, htmlToText, italic, joinHtml, type SafeHtml } from "./html";
import { describePerson, findPerson, formatDate, type Answer } from "./render-article";

/** Quotes and checks shown in a preview: enough to judge the draft, within one message or two. */
const MAX_QUOTES = 8;
const MAX_CHECKS = 12;

const english = languageOf("en");

/** The buttons under a preview; "Approve and post" only when there is a channel. */
export function draftKeyboard(articleId: string, withChannel: boolean, language: Language = english): InlineKeyboardButton[][] {
  const label = (key: string) => htmlToText(language.t(key).value);
  return [
    [
      { text: label("draft-approve"), callback_data: newsroomButton.format("approve", articleId) },
      ...(withChannel ? [{ text: label("draft-approve-post"), callback_data: newsroomButton.format("post", articleId) }] : []),
    ],
    [
      { text: label("draft-edit"), callback_data: newsroomButton.format("edit", articleId) },
      { text: label("draft-discard"), callback_data: newsroomButton.format("discard", articleId) },
    ],
  ];
}

/**
 * A draft as an editor checks it: headline, people with roles, attendance,
 * quotes with their speakers, and what the importer was unsure of (its
 * `# CHECK:` notes); with Approve / Approve and post / Edit / Discard.
 * `title` and `source` are the caller's, already in the editor's language.
 */
export function renderDraftPreview(
  article: Article,
  checks: readonly string[],
  options: { source?: string; withChannel: boolean; title?: string },
  language: Language = english,
): Answer {
  const { t } = language;
  const none = t("draft-none-found");
  const title = options.title ?? htmlToText(t("draft-new").value);
  const facts = t("draft-facts", { paragraphs: article.body.length, id: article.id });
  const blocks: SafeHtml[] = [
    html`${bold(title)}${options.source ? html`: ${options.source}` : ""}\n${bold(article.headline)}\n${italic(`${article.event}, ${article.place}, ${formatDate(article.date, language)}`)} · ${facts}`,
  ];
  const people = article.people.map((person) => html`• ${bold(person.name)}: ${describePerson(person)}`);
  blocks.push(html`${bold(t("draft-people"))}\n${people.length > 0 ? joinHtml(people, "\n") : none}`);
  const attended = article.attendance.attended.map((a) => findPerson(article, a.person)?.name ?? a.person);
  const absent = article.attendance.absent.map((a) => a.who);
  const absentLine = absent.length > 0 ? html`\n${bold(t("attendees-absent"))}: ${absent.join(", ")}` : "";
  blocks.push(html`${bold(t("draft-attended"))}: ${attended.length > 0 ? attended.join(", ") : none}${absentLine}`);
  const quotes = article.statements.slice(0, MAX_QUOTES).map((s) => {
    const speaker = findPerson(article, s.speaker)?.name ?? s.speaker;
    return s.kind === "quote" ? html`• ${bold(speaker)}: “${s.text}”` : html`• ${t("draft-reported", { speaker: bold(speaker) })} ${s.text}`;
  });
  const moreQuotes = article.statements.length > MAX_QUOTES ? html`\n${t("draft-more", { count: article.statements.length - MAX_QUOTES })}` : "";
  blocks.push(html`${bold(t("draft-quotes"))}\n${quotes.length > 0 ? joinHtml(quotes, "\n") : none}${moreQuotes}`);
  if (checks.length > 0) {
    const listed = checks.slice(0, MAX_CHECKS).map((check) => html`• ${check}`);
    const more = checks.length > MAX_CHECKS ? html`\n${t("draft-more-checks", { count: checks.length - MAX_CHECKS })}` : "";
    blocks.push(html`${bold(t("draft-to-check", { count: checks.length }))}\n${joinHtml(listed, "\n")}${more}`);
  }
  return { blocks, keyboard: draftKeyboard(article.id, options.withChannel, language) };
}

/** An editor's document refused for its problems, each with its line and column, as `npm run check` lists them. */
export function renderDocumentProblems(fileName: string, problems: readonly string[], language: Language = english): SafeHtml[] {
  const { t } = language;
  const listed = problems.slice(0, 30).map((problem) => html`• ${problem}`);
  const more = problems.length > 30 ? html`\n${t("draft-more", { count: problems.length - 30 })}` : "";
  return [t("document-refused", { file: fileName, count: problems.length }), html`${joinHtml(listed, "\n")}${more}`];
}

/** /articles for admins: the drafts and the articles editors added, with their state. */
export function renderNewsroomList(entries: ReadonlyArray<{ id: string; headline: string; state: string }>, language: Language = english): SafeHtml[] {
  const { t } = language;
  if (entries.length === 0) return [t("drafts-none")];
  const lines = entries.slice(0, 40).map((entry) => html`• ${bold(entry.headline)} (${entry.id}): ${entry.state}`);
  return [html`${t("drafts-title", { count: entries.length })}\n${joinHtml(lines, "\n")}`];
}
