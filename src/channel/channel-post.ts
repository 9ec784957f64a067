import { createHash } from "node:crypto";
import type { InlineKeyboardButton } from "grammy/types";
import type { Article } from "../content/article-schema";
import { deepLinkUrl } from "../deep-link";
import { bold, html, htmlToText, italic, joinHtml, MESSAGE_LIMIT } from "../render/html";
import { formatDate, summaryBlocks, summaryParts, type SummaryPart } from "../render/render-article";
import { shorten } from "../render/render-target";

/** A channel post as it is sent: HTML text within Telegram's limit and the buttons under it. */
export interface ChannelPost {
  text: string;
  keyboard: InlineKeyboardButton[][];
}

/** Telegram's limit on the text an inline query starts with. */
const INLINE_QUERY_LIMIT = 256;

/**
 * Which parts go first when a post is too long: the extra happenings (last
 * first), then who did not attend, who attended, the first happening, the
 * quote, the key item, the hashtags. The heading and the source always stay.
 */
function dropOrder(parts: readonly SummaryPart[]): number[] {
  const indexesOf = (kind: SummaryPart["kind"]) => parts.flatMap((part, i) => (part.kind === kind ? [i] : []));
  const happenings = indexesOf("happening");
  return [
    ...happenings.slice(1).reverse(),
    ...indexesOf("absent"),
    ...indexesOf("attended"),
    ...happenings.slice(0, 1),
    ...indexesOf("quote"),
    ...indexesOf("key-item"),
    ...indexesOf("tags"),
  ];
}

function visibleLength(parts: readonly SummaryPart[]): number {
  return htmlToText(summaryBlocks(parts).map((block) => block.value).join("\n\n")).length;
}

/**
 * The post for the channel: the article's summary (headline, what happened
 * where, who attended and who did not, the key agenda item, the key quote
 * with its speaker, the source, hashtags) in one message of at most `limit`
 * visible characters, made to fit by dropping whole parts, so its HTML never
 * breaks. Under it, deep links into the bot for the article's attendees,
 * agenda and quotes, and a button to share it through inline mode.
 */
export function renderChannelPost(article: Article, botUsername: string, limit = MESSAGE_LIMIT): ChannelPost {
  let parts = summaryParts(article);
  for (const index of dropOrder(parts)) {
    if (visibleLength(parts) <= limit) break;
    parts = parts.map((part, i) => (i === index ? { ...part, html: html`` } : part));
  }
  parts = parts.filter((part) => part.html.value !== "");
  if (visibleLength(parts) > limit) {
    // Only an absurdly long headline gets here: shorten it, keep the place, date and source.
    const room = Math.max(1, limit - visibleLength(parts.filter((part) => part.kind !== "heading")) - 200);
    parts = parts.map((part) =>
      part.kind === "heading"
        ? { ...part, html: html`${bold(shorten(article.headline, room))}\n${italic(`${article.place}, ${formatDate(article.date)}`)}` }
        : part,
    );
  }
  return { text: joinHtml(summaryBlocks(parts), "\n\n").value, keyboard: channelPostKeyboard(article, botUsername) };
}

/** The buttons under a post: deep links to what the article has, and Share (inline mode, with the headline as the query). */
export function channelPostKeyboard(article: Article, botUsername: string): InlineKeyboardButton[][] {
  const links: InlineKeyboardButton[] = [];
  if (article.attendance.attended.length + article.attendance.absent.length > 0) {
    links.push({ text: "Who attended", url: deepLinkUrl(botUsername, "attendees", article.id) });
  }
  if (article.agenda.length > 0) links.push({ text: "Agenda", url: deepLinkUrl(botUsername, "agenda", article.id) });
  if (article.statements.length > 0) links.push({ text: "Quotes", url: deepLinkUrl(botUsername, "quotes", article.id) });
  const share: InlineKeyboardButton = { text: "Share", switch_inline_query: shorten(article.headline, INLINE_QUERY_LIMIT) };
  return links.length > 0 ? [links, [share]] : [[share]];
}

/** Sorts object keys, so the same content always hashes the same whatever order its fields came in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** A hash of the article's content: when it changes, a posted article's post is edited. */
export function contentHash(article: Article): string {
  return createHash("sha256").update(canonicalJson(article)).digest("hex").slice(0, 32);
}
