import type { Logger } from "pino";
import type { AdminNotifier } from "../notices/admin-notifier";
import type { ContentResult } from "../content/load-content";
import { languageOf } from "../i18n/translate";
import { htmlToText } from "../render/html";
import { renderDraftPreview } from "../render/render-draft";
import type { ArticleStore } from "./article-store";
import type { FeedLedger } from "./feed-ledger";
import { createFeedPoller, type FeedPoller } from "./feed-poller";
import { createNewsroom, type NewsroomArticle, type NewsroomResult, type HeldArticle } from "./newsroom";
import type { FeedItem } from "./parse-feed";
import { describeError } from "../base/describe-error";

export interface NewsroomServiceOptions {
  store: ArticleStore;
  /** The feeds' ledger, opened only when there are feeds (no `newsroom.sqlite` in DATA_DIR otherwise). */
  ledger: () => FeedLedger;
  content: { reload: () => Promise<ContentResult<unknown>>; loaded: () => readonly NewsroomArticle[]; problems: () => readonly string[] };
  notifier: AdminNotifier;
  logger: Logger;
  /** FEED_URLS; none: no polling. */
  feedUrls: readonly string[];
  /** FEED_INTERVAL in ms. */
  feedIntervalMs: number;
  /** Whether previews offer "Approve and post". */
  withChannel: boolean;
  /** How often CONTENT_DIR is brought in step with the store (Redis); 0: never (embedded, the files are the store). */
  syncIntervalMs: number;
  fetch?: typeof globalThis.fetch;
  today?: () => string;
}

/**
 * The newsroom as the bot runs it: the drafting and approving (`newsroom`),
 * the feeds polled, each new item drafted and sent to the admins with its
 * preview, and, with Redis, CONTENT_DIR kept in step with the articles other
 * instances stored.
 */
export function createNewsroomService(options: NewsroomServiceOptions) {
  const { logger } = options;
  const newsroom = createNewsroom({
    store: options.store,
    reload: options.content.reload,
    loaded: options.content.loaded,
    problems: options.content.problems,
    logger,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.today ? { today: options.today } : {}),
  });

  async function draftItem(item: FeedItem, feedUrl: string): Promise<void> {
    let drafted: NewsroomResult<{ draft: HeldArticle }> | undefined;
    // A link to a local file is followed only from a local feed: a feed on the web must not make the bot read this machine's files.
    if (item.link) drafted = await newsroom.draftLink(item.link, feedUrl.startsWith("file:"));
    if ((!drafted || !drafted.ok) && item.content) {
      // The page could not be fetched or drafted: the feed's own text of it, if it has one.
      drafted = await newsroom.draft({ text: item.content, format: "html", ...(item.link ? { url: item.link } : {}) }, item.link ?? feedUrl);
    }
    if (!drafted?.ok) throw new Error(drafted?.sentence ?? "the item has neither a link nor a text");
    const preview = renderDraftPreview(drafted.draft.article, drafted.draft.checks, { withChannel: options.withChannel, title: htmlToText(languageOf("en").t("draft-from-feed").value), source: item.link ?? feedUrl });
    await options.notifier.notifyAdmins(preview.blocks, preview.keyboard);
  }

  const poller: FeedPoller | undefined =
    options.feedUrls.length === 0
      ? undefined
      : createFeedPoller({
          urls: options.feedUrls,
          intervalMs: options.feedIntervalMs,
          ledger: options.ledger(),
          onItem: draftItem,
          notifyAdmins: (blocks) => options.notifier.notifyAdmins(blocks),
          logger: logger.child({ newsroom: "feeds" }),
          ...(options.fetch ? { fetch: options.fetch } : {}),
        });

  let syncTimer: NodeJS.Timeout | undefined;
  let syncing: Promise<void> | undefined;
  /** Brings CONTENT_DIR in step with the store, and loads it if anything came. */
  async function sync(): Promise<void> {
    try {
      if (await options.store.sync()) await options.content.reload();
    } catch (error) {
      logger.warn({ error: describeError(error) }, "newsroom: could not bring CONTENT_DIR in step with the shared articles; trying again");
    }
  }

  return {
    newsroom,
    poller,
    sync,
    start(): void {
      poller?.start();
      if (options.syncIntervalMs > 0) {
        syncTimer = setInterval(() => {
          syncing ??= sync().finally(() => (syncing = undefined));
        }, options.syncIntervalMs);
        syncTimer.unref();
      }
    },
    async stop(): Promise<void> {
      clearInterval(syncTimer);
      await poller?.stop();
      await syncing;
    },
  };
}

export type NewsroomService = ReturnType<typeof createNewsroomService>;
