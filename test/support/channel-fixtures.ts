import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Api } from "grammy";
import type { Update } from "grammy/types";
import pino from "pino";
import { afterEach, beforeEach, vi } from "vitest";
import { createAdminNotifier } from "../../src/notices/admin-notifier";
import { createMemoryChatArticleStore } from "../../src/bot/chat-articles";
import { createBot } from "../../src/bot/create-bot";
import { openChannelDatabase, type ChannelDatabase } from "../../src/channel/channel-database";
import { createChannelPublisher, type ChannelPublisherOptions } from "../../src/channel/channel-publisher";
import { createChannel } from "../../src/channel/create-channel";
import type { PostLedger } from "../../src/channel/post-ledger";
import type { PosterLease } from "../../src/channel/poster-lease";
import { createSqlitePostLedger, type PostLedgerOptions } from "../../src/channel/sqlite-post-ledger";
import type { Article } from "../../src/content/article-schema";
import { createLibrary, type Library } from "../../src/library/library";
import { openEmbeddedState } from "../../src/app/create-shared-state";
import type { ChannelStorage } from "../../src/channel/channel-storage";
import { ApiFailure, localBotInfo, type ApiCall } from "../../src/demo/local-bot-api";
import { htmlToText, type SafeHtml } from "../../src/render/html";
import { createRecordedBotApi, testToken } from "./test-bot";

export { userChat } from "./test-bot";

export const channelId = "@newsroom";
export const admin = { id: 7001, is_bot: false, first_name: "Editor" } as const;
export const otherAdmin = { id: 7002, is_bot: false, first_name: "Night editor" } as const;

/** A fresh temporary DATA_DIR. */
export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), "briefing-data-"));
}

/** `count` distinct articles made from the real one: ids `story-001`…, headlines "Story 1: …". */
export function manyArticles(base: Article, count: number): Article[] {
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(3, "0");
    return { ...base, id: `story-${n}`, headline: `Story ${i + 1}: ${base.headline}` };
  });
}

/**
 * A Bot API stand-in that enforces Telegram's channel limit: more than
 * `perMinute` messages (sends and edits) to one chat in any 60 s answer 429
 * with `retry_after`. It counts in the clock the test controls.
 */
export function createFloodLimitedApi(perMinute = 20) {
  const accepted: { at: number; call: ApiCall }[] = [];
  let tooMany = 0;
  return {
    accepted,
    get tooMany() {
      return tooMany;
    },
    respond(call: ApiCall): unknown {
      if (call.method !== "sendMessage" && call.method !== "editMessageText") return undefined;
      const now = Date.now();
      const recent = accepted.filter((a) => a.call.payload.chat_id === call.payload.chat_id && a.at > now - 60_000);
      if (recent.length >= perMinute) {
        tooMany += 1;
        const retryAfter = Math.ceil(((recent[0]?.at ?? now) + 60_000 - now) / 1000);
        return new ApiFailure(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
      }
      accepted.push({ at: now, call });
      return undefined;
    },
  };
}

export interface ChannelHarnessOptions {
  articles: Article[];
  respond?: (call: ApiCall) => unknown;
  autopost?: boolean;
  db?: ChannelDatabase;
  ledger?: PostLedgerOptions;
  /** Another ledger than SQLite (`db` is then unused), and its lease. */
  storage?: { ledger: PostLedger; lease?: PosterLease };
  publisher?: Partial<ChannelPublisherOptions>;
}

/**
 * A channel publisher over an in-process Bot API that records every call, a
 * ledger in SQLite (in memory unless `db` is given), and admins' notices
 * collected as text.
 */
export function createChannelHarness(options: ChannelHarnessOptions) {
  const { calls, fetch } = createRecordedBotApi(options.respond);
  const api = new Api(testToken, { fetch });
  const db = options.db ?? openChannelDatabase(":memory:");
  const ledger = options.storage?.ledger ?? createSqlitePostLedger(db, options.ledger);
  let library: Library = createLibrary(options.articles);
  const notices: { to: number | "admins"; text: string }[] = [];
  const toText = (blocks: SafeHtml[]) => htmlToText(blocks.map((b) => b.value).join("\n\n"));
  const publisher = createChannelPublisher({
    api,
    ledger,
    ...(options.storage?.lease ? { lease: options.storage.lease } : {}),
    channelId,
    botUsername: () => localBotInfo.username,
    library: () => library,
    autopost: options.autopost ?? true,
    notifyAdmins: async (blocks) => {
      notices.push({ to: "admins", text: toText(blocks) });
    },
    notifyAdmin: async (userId, blocks) => {
      notices.push({ to: userId, text: toText(blocks) });
    },
    logger: pino({ level: "silent" }),
    ...options.publisher,
  });
  return {
    api,
    calls,
    db,
    ledger,
    publisher,
    notices,
    /** Swaps the content, as a reload does, and lets the publisher see it. */
    async setArticles(articles: Article[]) {
      library = createLibrary(articles);
      await publisher.sync();
    },
    /** The sends to the channel, in order. */
    channelSends: () => calls.filter((c) => c.method === "sendMessage" && c.payload.chat_id === channelId),
    channelEdits: () => calls.filter((c) => c.method === "editMessageText" && c.payload.chat_id === channelId),
  };
}

/** Fake timers for the channel's clock (Date and timers; promises and I/O stay real). */
export const channelFakeTimers: { toFake: ("setTimeout" | "clearTimeout" | "setInterval" | "clearInterval" | "Date")[] } = {
  toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"],
};

/** Runs each test of the file on the channel's fake clock, starting at `start` (an ISO time); real timers again after. */
export function useChannelClock(start: string): void {
  beforeEach(() => {
    vi.useFakeTimers(channelFakeTimers);
    vi.setSystemTime(new Date(start));
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

/** Advances the fake clock `stepMs` at a time until `done()` holds or `limitMs` has passed. */
export async function advanceUntil(
  vi: { advanceTimersByTimeAsync(ms: number): Promise<unknown> },
  done: () => boolean | Promise<boolean>,
  limitMs: number,
  stepMs = 1000,
): Promise<void> {
  for (let waited = 0; !(await done()) && waited < limitMs; waited += stepMs) await vi.advanceTimersByTimeAsync(stepMs);
}

/**
 * The real bot with a channel: admins `admin` and `otherAdmin`, the ledger
 * and conversations in SQLite (`dataDir`, or in memory), one recorded local
 * Bot API for the bot, the publisher and the notices.
 */
export async function createChannelTestBot(options: {
  articles: Article[];
  autopost?: boolean;
  dataDir?: string;
  respond?: (call: ApiCall) => unknown;
  /** ADMIN_IDS. @default [admin.id, otherAdmin.id] */
  adminIds?: number[];
  /** Another storage than SQLite in `dataDir` (Redis). */
  storage?: ChannelStorage;
  /** AUTOPOST_MAX_AGE in ms. @default no limit */
  autopostMaxAgeMs?: number;
  /** CHANNEL_CARD. @default off */
  card?: boolean;
}) {
  const adminIds = options.adminIds ?? [admin.id, otherAdmin.id];
  const { calls, fetch } = createRecordedBotApi(options.respond);
  const token = testToken;
  const logger = pino({ level: "silent" });
  let library = createLibrary(options.articles);
  const channel = createChannel({
    channelId,
    autopost: options.autopost ?? false,
    autopostMaxAgeMs: options.autopostMaxAgeMs,
    card: options.card ?? false,
    adminIds,
    storage: options.storage ?? openEmbeddedState(options.dataDir ?? ":memory:").channel(),
    channelApi: new Api(token, { fetch }),
    notifier: createAdminNotifier(new Api(token, { fetch }), adminIds, logger),
    botUsername: () => localBotInfo.username,
    library: () => library,
    logger,
  });
  const bot = createBot(
    token,
    { library: () => library, chatArticles: createMemoryChatArticleStore(), logger, channel: channel.deps },
    { botConfig: { botInfo: localBotInfo, client: { fetch } } },
  );
  return {
    bot,
    calls,
    channel,
    async setArticles(articles: Article[]) {
      library = createLibrary(articles);
      await channel.publisher.sync();
    },
    /**
     * Sends one update; returns the calls it caused. Under fake timers it runs
     * the clock's due timers until the update is handled: the conversations
     * plugin yields with `setTimeout(0)` between replays.
     */
    async send(update: Update): Promise<ApiCall[]> {
      const before = calls.length;
      let handled = false;
      const handling = bot.handleUpdate(update).finally(() => {
        handled = true;
      });
      while (vi.isFakeTimers() && !handled) await vi.advanceTimersByTimeAsync(0);
      await handling;
      return calls.slice(before);
    },
    /** What a chat was sent: the texts, tags dropped. */
    textsTo: (chatId: number | string, from = 0) =>
      calls.slice(from).filter((c) => c.method === "sendMessage" && c.payload.chat_id === chatId).map((c) => htmlToText(String(c.payload.text))),
  };
}
