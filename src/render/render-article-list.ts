import type { Article } from "../content/article-schema";
import { bold, html, joinHtml } from "./html";
import { formatDate, type Answer } from "./render-article";
import { shortenText } from "./shorten-text";

/** A button's label: clients cut longer ones themselves, mid-word. */
export const BUTTON_LABEL_MAX = 64;

/** Telegram allows up to 100 buttons; a long archive shows its newest articles. */
const MAX_LISTED = 20;

/** /articles: the articles held, newest first, each a button that makes it the chat's current one. */
export function renderArticleList(articles: readonly Pick<Article, "id" | "headline" | "date">[], currentId: string): Answer {
  const listed = articles.slice(0, MAX_LISTED);
  const lines = listed.map(
    (article) => html`${article.id === currentId ? "▶ " : "• "}${bold(article.headline)} (${formatDate(article.date)})`,
  );
  const more = articles.length > listed.length ? [html`…and ${articles.length - listed.length} older articles.`] : [];
  return {
    blocks: [html`${bold("Articles")} (${articles.length}). Choose one to ask about it:`, joinHtml(lines, "\n"), ...more],
    keyboard: listed.map((article) => [
      { text: shortenText(`${article.id === currentId ? "✓ " : ""}${article.headline}`, BUTTON_LABEL_MAX), callback_data: `article:${article.id}` },
    ]),
  };
}
