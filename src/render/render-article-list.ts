import type { ArticleSummary } from "../content/article-summary";
import { languageOf, type Language } from "../i18n/translate";
import { articleButton } from "./callback-data";
import { bold, html, joinHtml } from "./html";
import { formatDate, type Answer } from "./render-article";
import { shortenText } from "./shorten-text";

/** A button's label: clients cut longer ones themselves, mid-word. */
export const BUTTON_LABEL_MAX = 64;

/** Telegram allows up to 100 buttons; a long archive shows its newest articles. */
const MAX_LISTED = 20;

/** /articles: the articles held, newest first, each a button that makes it the chat's current one. */
export function renderArticleList(articles: readonly Pick<ArticleSummary, "id" | "headline" | "headlines" | "date">[], currentId: string, language: Language = languageOf("en")): Answer {
  const { t } = language;
  const listed = articles.slice(0, MAX_LISTED).map((article) => ({ ...article, headline: article.headlines?.[language.locale] ?? article.headline }));
  const lines = listed.map(
    (article) => html`${article.id === currentId ? "▶ " : "• "}${bold(article.headline)} (${formatDate(article.date, language)})`,
  );
  const more = articles.length > listed.length ? [t("articles-older", { count: articles.length - listed.length })] : [];
  return {
    blocks: [t("articles-title", { count: articles.length }), joinHtml(lines, "\n"), ...more],
    keyboard: listed.map((article) => [
      { text: shortenText(`${article.id === currentId ? "✓ " : ""}${article.headline}`, BUTTON_LABEL_MAX), callback_data: articleButton.format(article.id) },
    ]),
  };
}
