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

/** What the due rule needs to know besides the article and its ledger line. */
export interface DueOptions {
  autopost: boolean;
  now: number;
  /** AUTOPOST_MAX_AGE in ms; 0 or unset: no limit. */
  autopostMaxAgeMs?: number;
}

/**
 * Whether an article not yet posted is due, by the one rule the publisher
 * sends by and /status shows:
 * - `settled`: posted, being sent, refused or uncertain: nothing to send;
 * - `waiting`: no time to go out at: it waits for an admin (AUTOPOST off);
 * - `held`: AUTOPOST would post it, but it is older than AUTOPOST_MAX_AGE;
 * - `due`: due since `at` (0: an admin's "Post now"), sent oldest first;
 * - `later`: due at `at`, set by an admin or by the article's `publishAt`.
 */
export type Due =
  | { kind: "settled" | "waiting" | "held" }
  | { kind: "due"; at: number }
  | { kind: "later"; at: number; by: "admin" | "publishAt" };

/** The due rule (see `Due`): an admin's request or time first, else AUTOPOST's with its safety window. */
export function dueOf(article: Pick<ArticleSummary, "publishAt" | "date">, record: PostRecord | undefined, options: DueOptions): Due {
  if (record !== undefined) {
    if (record.state === "requested") return { kind: "due", at: 0 };
    if (record.state !== "scheduled") return { kind: "settled" };
    if (record.scheduledAt === null) return { kind: "waiting" };
    return record.scheduledAt <= options.now ? { kind: "due", at: record.scheduledAt } : { kind: "later", at: record.scheduledAt, by: "admin" };
  }
  if (!options.autopost) return { kind: "waiting" };
  const at = autopostTime(article);
  if (at > options.now) return { kind: "later", at, by: "publishAt" };
  if (isTooOldToAutopost(article, options.now, options.autopostMaxAgeMs)) return { kind: "held" };
  return { kind: "due", at };
}

/** What a pass of the publisher does: corrections to make, posts to send (oldest due first), what AUTOPOST held back, and when to look again. */
export interface ChannelPlan {
  edit: string[];
  post: string[];
  held: ArticleSummary[];
  /** The next time something falls due; undefined when nothing is waiting for a time. */
  nextDueAt?: number;
}

/**
 * The publisher's pass as plain data, by the due rule: a posted article whose
 * content changed (and whose correction did not already fail for this very
 * content) is corrected; the rest are sent, held back, or waited for.
 */
export function planChannel(articles: readonly ArticleSummary[], records: ReadonlyMap<string, PostRecord>, options: DueOptions): ChannelPlan {
  const edit: string[] = [];
  const due: { article: ArticleSummary; at: number }[] = [];
  const held: ArticleSummary[] = [];
  let next = Infinity;
  for (const article of articles) {
    const record = records.get(article.id);
    if (record?.state === "posted") {
      const hash = article.contentHash;
      if (record.messageId !== null && record.contentHash !== hash && record.editFailedHash !== hash) edit.push(article.id);
      continue;
    }
    const when = dueOf(article, record, options);
    if (when.kind === "held") held.push(article);
    else if (when.kind === "due") due.push({ article, at: when.at });
    else if (when.kind === "later") next = Math.min(next, when.at);
  }
  due.sort((a, b) => a.at - b.at || a.article.date.localeCompare(b.article.date) || a.article.id.localeCompare(b.article.id));
  return { edit, post: due.map(({ article }) => article.id), held, ...(next !== Infinity ? { nextDueAt: next } : {}) };
}

/** Every article's channel state (the content's, then ledger lines of articles no longer there). */
export function channelStatus(library: Library, records: readonly PostRecord[], options: DueOptions): ArticleChannelStatus[] {
  const byArticle = new Map(records.map((record) => [record.articleId, record]));
  const statuses: ArticleChannelStatus[] = library.articles.map((article) => {
    const record = byArticle.get(article.id);
    if (record) return { ...statusOfRecord(record), article };
    const due = dueOf(article, undefined, options);
    if (due.kind === "later") return { articleId: article.id, article, state: "scheduled", dueAt: due.at, scheduledBy: due.by };
    return { articleId: article.id, article, state: due.kind === "due" ? "queued" : due.kind === "held" ? "held" : "waiting" };
  });
  for (const record of records) {
    if (!library.has(record.articleId)) statuses.push(statusOfRecord(record));
  }
  return statuses;
}

/** A ledger line's state: an admin's time stays "scheduled" once due (it is then on its way), a request is queued. */
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
