import type { Article } from "../content/article-schema";
import type { Library } from "../library";
import type { PostRecord } from "./post-ledger";

/**
 * What /status and /publish show for an article:
 * - `posted`: in the channel;
 * - `scheduled`: to go out at `dueAt` (an admin's time, or the article's `publishAt`);
 * - `queued`: due, going out as fast as the limits allow;
 * - `sending`: being sent now;
 * - `waiting`: AUTOPOST is off, so it waits for an admin;
 * - `failed`: Telegram refused it;
 * - `uncertain`: the bot stopped while sending it; an admin decides.
 */
export type ChannelState = "posted" | "scheduled" | "queued" | "sending" | "waiting" | "failed" | "uncertain";

export interface ArticleChannelStatus {
  articleId: string;
  /** Absent for a ledger line whose article is no longer in the content. */
  article?: Article;
  state: ChannelState;
  record?: PostRecord;
  /** When a `scheduled` one goes out. */
  dueAt?: number;
  /** Who set the time: an admin, or the article's `publishAt`. */
  scheduledBy?: "admin" | "publishAt";
}

/** When AUTOPOST may post an article with no ledger line: its `publishAt`, or at once. */
export function autopostTime(article: Article): number {
  return article.publishAt !== undefined ? Date.parse(article.publishAt) : 0;
}

/** Every article's channel state (the content's, then ledger lines of articles no longer there). */
export function channelStatus(library: Library, records: readonly PostRecord[], options: { autopost: boolean; now: number }): ArticleChannelStatus[] {
  const byArticle = new Map(records.map((record) => [record.articleId, record]));
  const statuses: ArticleChannelStatus[] = library.articles.map((article) => {
    const record = byArticle.get(article.id);
    if (record) return { ...statusOfRecord(record), article };
    if (!options.autopost) return { articleId: article.id, article, state: "waiting" };
    const at = autopostTime(article);
    return at > options.now
      ? { articleId: article.id, article, state: "scheduled", dueAt: at, scheduledBy: "publishAt" }
      : { articleId: article.id, article, state: "queued" };
  });
  for (const record of records) {
    if (!library.byId.has(record.articleId)) statuses.push(statusOfRecord(record));
  }
  return statuses;
}

function statusOfRecord(record: PostRecord): ArticleChannelStatus {
  const base = { articleId: record.articleId, record };
  switch (record.state) {
    case "scheduled":
      return { ...base, state: "scheduled", dueAt: record.scheduledAt ?? 0, scheduledBy: "admin" };
    case "requested":
      return { ...base, state: "queued" };
    default:
      return { ...base, state: record.state };
  }
}
