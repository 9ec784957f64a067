import { languageOf, type Language } from "../i18n/translate";
import { html, joinHtml, type SafeHtml } from "../render/html";

/** Notices sent without a reader's context are in English unless the caller knows the admins' language. */
const english = languageOf("en");

/** How many problems a notice lists; the rest are counted. */
const MAX_LISTED = 30;

/** Tells the admins a content change was not taken, and why; the bot keeps the last good content. */
export function renderContentProblemsNotice(dir: string, problems: readonly string[], articleCount: number, { t }: Language = english): SafeHtml[] {
  const shown = problems.slice(0, MAX_LISTED);
  const more = problems.length > shown.length ? [t("notice-content-problems-more", { count: problems.length - shown.length })] : [];
  return [t("notice-content-problems", { count: articleCount, dir }), joinHtml(shown.map((problem) => html`• ${problem}`), "\n"), ...more];
}

/** Tells the admins the content is good again, and how much of it is served. */
export function renderContentFixedNotice(articleCount: number, { t }: Language = english): SafeHtml[] {
  return [t("notice-content-fixed", { count: articleCount })];
}
