import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { User } from "grammy/types";
import pino from "pino";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createMemoryChatArticleStore } from "../../src/bot/chat-articles";
import { createBot } from "../../src/bot/create-bot";
import { createSqliteReaderLanguageStore, READERS_DATABASE_FILE, type ReaderLanguageStore } from "../../src/bot/reader-languages";
import { createRedisReaderLanguageStore } from "../../src/bot/redis-reader-languages";
import type { Article } from "../../src/content/article-schema";
import { localBotInfo } from "../../src/demo/local-bot-api";
import { createLibrary } from "../../src/library/library";
import { htmlToText } from "../../src/render/html";
import { openEmbeddedState } from "../../src/app/create-shared-state";
import { describeWithRedis, testConnection } from "../support/redis-server";
import { createRecordedBotApi, loadRealArticles, testToken, userChat } from "../support/test-bot";

let articles: Article[];
beforeAll(async () => {
  articles = await loadRealArticles();
});

const irina: User = { id: 601, is_bot: false, first_name: "Ирина", language_code: "ru" };
const oleg: User = { id: 602, is_bot: false, first_name: "Олег", language_code: "ru" };

/** A bot over `store`; `ask` returns what the reader sees of the first message it sends back. */
function botWith(store: ReaderLanguageStore) {
  const { calls, fetch } = createRecordedBotApi();
  const library = createLibrary(articles);
  const bot = createBot(testToken, { library: () => library, chatArticles: createMemoryChatArticleStore(), readerLanguages: store, logger: pino({ level: "silent" }) }, { botConfig: { botInfo: localBotInfo, client: { fetch } } });
  return {
    async ask(user: User, text: string): Promise<string> {
      const before = calls.length;
      await bot.handleUpdate(userChat(user).message(text));
      return htmlToText(String(calls.slice(before).find((c) => c.method === "sendMessage")?.payload.text ?? ""));
    },
    async choose(user: User, locale: string): Promise<void> {
      await bot.handleUpdate(userChat(user).press(`lang:${locale}`));
    },
  };
}

describe("readers' languages in SQLite (DATA_DIR)", () => {
  it("are remembered across a restart, each reader's own", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "briefing-readers-"));
    const first = openEmbeddedState(dataDir);
    const before = botWith(first.readerLanguages);
    expect(await before.ask(irina, "/attendees")).toContain("Кто присутствовал");
    await before.choose(irina, "en");
    expect(await before.ask(irina, "/attendees")).toContain("Who attended");
    await first.close();
    expect(existsSync(join(dataDir, READERS_DATABASE_FILE))).toBe(true);

    const second = openEmbeddedState(dataDir);
    const after = botWith(second.readerLanguages);
    expect(await after.ask(irina, "/attendees")).toContain("Who attended");
    expect(await after.ask(oleg, "/attendees")).toContain("Кто присутствовал");
    await second.close();
  });

  it("keep a choice made by a reader whose Telegram is English", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "briefing-readers-"));
    const state = openEmbeddedState(dataDir);
    const bot = botWith(state.readerLanguages);
    const emma: User = { id: 603, is_bot: false, first_name: "Emma", language_code: "en" };
    await bot.choose(emma, "ru");
    await state.close();
    const again = openEmbeddedState(dataDir);
    expect(await again.readerLanguages.get(emma.id)).toBe("ru");
    expect(await again.readerLanguages.get(irina.id)).toBeUndefined();
    await again.close();
  });
});

describe("readers' languages where DATA_DIR cannot hold them", () => {
  it("are kept in memory, the reader still answered, the problem told once", async () => {
    const notADirectory = join(mkdtempSync(join(tmpdir(), "briefing-readers-")), "a-file");
    writeFileSync(notADirectory, "");
    const problems: unknown[] = [];
    const bot = botWith(createSqliteReaderLanguageStore(notADirectory, (error) => problems.push(error)));
    expect(await bot.ask(irina, "/attendees")).toContain("Кто присутствовал");
    await bot.choose(irina, "en");
    expect(await bot.ask(irina, "/attendees")).toContain("Who attended");
    expect(await bot.ask(oleg, "/attendees")).toContain("Кто присутствовал");
    expect(problems).toHaveLength(1);
  });
});

describeWithRedis("readers' languages in Redis", (url) => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });
  const instance = async (prefix: string) => {
    const connection = testConnection(url(), prefix);
    await connection.whenUp(5000);
    const store = createRedisReaderLanguageStore(connection, pino({ level: "silent" }));
    closers.push(async () => {
      await store.close();
      await connection.close();
    });
    return { store, bot: botWith(store) };
  };

  it("follow a reader to whichever instance answers, even one that had already looked them up, and to one started later", async () => {
    const prefix = `languages-${Math.random().toString(36).slice(2)}:`;
    const a = await instance(prefix);
    const b = await instance(prefix);
    // b answers Irina first: it learns she made no choice, and keeps that in its cache.
    expect(await b.bot.ask(irina, "/attendees")).toContain("Кто присутствовал");
    await new Promise((resolve) => setTimeout(resolve, 100)); // b's SUBSCRIBE is in
    await a.bot.choose(irina, "en");
    expect(await a.bot.ask(irina, "/attendees")).toContain("Who attended");
    await vi.waitFor(() => expect(b.store.get(irina.id)).toBe("en"), { timeout: 2000, interval: 10 });
    expect(await b.bot.ask(irina, "/attendees")).toContain("Who attended");
    expect(await b.bot.ask(oleg, "/attendees")).toContain("Кто присутствовал");

    const c = await instance(prefix);
    expect(await c.bot.ask(irina, "/help")).toContain("What I can do");
    expect(await c.bot.ask(oleg, "/help")).toContain("Что я умею");
  });
});
