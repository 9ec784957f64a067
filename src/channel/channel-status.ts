import type { Article } from "../content/article-schema";
import type { ArticleSummary } from "../content/article-summary";
import type { Library } from "../library/library";
import type { PostRecord } from "./post-ledger";

/**
 * What /status and /publish show for an article:
 * - `posted`: in the channel;
 * - `scheduled`: to go out at `dueAt` (an admin's time, or the article's `publishAt`);
 * - `queued`: due, going out as fast as the limits allow;
 * - `sending`: being sent now;
 * - `waiting`: AUTOPOST is off, so it waits for an admin;
 * - `held`: AUTOPOST is on, but the article is older than AUTOPOST_MAX_AGE: it waits for an admin;
 * - `failed`: Telegram refused it;
 * - `uncertain`: the bot stopped while sending it; an admin decides.
 */
export type ChannelState = "posted" | "scheduled" | "queued" | "sending" | "waiting" | "held" | "failed" | "uncertain";

export interface ArticleChannelStatus {
  articleId: string;
  /** Absent for a ledger line whose article is no longer in the content. */
  article?: ArticleSummary;
  state: ChannelState;
  record?: PostRecord;
  /** When a `scheduled` one goes out. */
  dueAt?: number;
  /** Who set the time: an admin, or the article's `publishAt`. */
  scheduledBy?: "admin" | "publishAt";
}

/** When AUTOPOST may post an article with no ledger line: its `publishAt`, or at once. */
export function autopostTime(article: Pick<Article, "publishAt">): number {
  return article.publishAt !== undefined ? Date.parse(article.publishAt) : 0;
}

/** The moment an article's age is counted from: its `publishAt`, else the start of its date (UTC). */
export function articleTime(article: Pick<Article, "publishAt" | "date">): number {
  return article.publishAt !== undefined ? Date.parse(article.publishAt) : Date.parse(`${article.date}T00:00:00Z`);
}

/**
 * AUTOPOST's safety window: whether an article is too old to go out by
 * itself (`maxAgeMs` past its date or `publishAt`), so that a lost ledger
 * cannot post the archive again. `maxAgeMs` 0 or unset: no limit.
 */
export function isTooOldToAutopost(article: Pick<Article, "publishAt" | "date">, now: number, maxAgeMs: number | undefined): boolean {
  return maxAgeMs !== undefined && maxAgeMs > 0 && now - articleTime(article) > maxAgeMs;
}

/** Every article's channel state (the content's, then ledger lines of articles no longer there). */
export function channelStatus(
  library: Library,
  records: readonly PostRecord[],
  options: { autopost: boolean; now: number; autopostMaxAgeMs?: number },
): ArticleChannelStatus[] {
  const byArticle = new Map(records.map((record) => [record.articleId, record]));
  const statuses: ArticleChannelStatus[] = library.articles.map((article) => {
    const record = byArticle.get(article.id);
    if (record) return { ...statusOfRecord(record), article };
    if (!options.autopost) return { articleId: article.id, article, state: "waiting" };
    const at = autopostTime(article);
    if (at > options.now) return { articleId: article.id, article, state: "scheduled", dueAt: at, scheduledBy: "publishAt" };
    if (isTooOldToAutopost(article, options.now, options.autopostMaxAgeMs)) return { articleId: article.id, article, state: "held" };
    return { articleId: article.id, article, state: "queued" };
  });
  for (const record of records) {
    if (!library.has(record.articleId)) statuses.push(statusOfRecord(record));
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
