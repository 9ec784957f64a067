/**
 * The fault matrix (README, "Robustness"): for commands, inline answers and
 * channel posts, what the bot does when the Bot API answers 429, 500 or 502,
 * drops the connection, answers after the client gave up, refuses with 403,
 * or says a post can no longer be edited. Each row runs the bot as npm start
 * builds it, in this process, against the Bot API stand-in over real HTTP,
 * and checks: what the bot did, that nothing that must arrive was lost, that
 * nothing arrived twice, and that the bot still answers afterwards.
 */
import type { Update } from "grammy/types";
import { beforeAll, describe, expect, it } from "vitest";
import type { Article } from "../../src/content/article-schema";
import { BotApiStandIn, chats, users, type RecordedCall } from "../support/bot-api-stand-in";
import { e2eToken, expectNoToken } from "../support/bot-process";
import { admin, manyArticles } from "../support/channel-fixtures";
import { captureLogs, createRuntimeTestBot } from "../support/runtime-bot";
import { loadRealArticles } from "../support/test-bot";

let articles: Article[];
beforeAll(async () => {
  const [real] = (await loadRealArticles()) as [Article];
  articles = [real, ...manyArticles(real, 1).map((copy) => ({ ...copy, url: `${copy.url}?copy=1` }))];
});

const channelId = `@${chats.channel.username}`;
const [first, second] = ["cis-defense-ministers-baku-2019", "story-001"] as const;
const toChannel = (payload: Record<string, unknown>) => payload.chat_id === channelId;
/** Telegram acted on it: not refused, not cut off. */
const processed = (call: RecordedCall) => call.errorCode === undefined && call.dropped !== true;

/**
 * The bot (the channel's backoff and blocked-chat retry shortened) against a fresh stand-in. The
 * client gives up after `timeoutSeconds`: 3 s in the rows about slow answers (which answer after
 * 4.5 s), else 10 s, so that a busy machine's slow answer is not taken for Telegram's.
 */
async function startRow(timeoutSeconds: number) {
  const standIn = await BotApiStandIn.start({ token: e2eToken });
  standIn.startedBy(admin);
  const logs = captureLogs([e2eToken]);
  const client = { apiRoot: standIn.apiRoot, timeoutSeconds };
  const t = createRuntimeTestBot({
    articles,
    client,
    logger: logs.logger,
    token: e2eToken,
    botInfo: standIn.botInfo,
    channelId,
    adminIds: [admin.id],
    publisher: { limit: { count: 20, windowMs: 60_000, minIntervalMs: 0 }, backoffMs: 100, blockedRetryMs: 300, tickMs: 60_000 },
  });
  const channel = t.channel;
  if (!channel) throw new Error("no channel");
  await channel.publisher.start();
  return {
    standIn,
    t,
    channel,
    /** How the update failed, as logged (`error.kind` and code), if it did. */
    failure: (update: Update) => logs.parsed().find((line) => line.msg === "update failed" && line.update_id === update.update_id)?.error as Record<string, unknown> | undefined,
    noticesToAdmin: () => standIn.sentTo(admin.id).map((m) => m.text ?? ""),
    /** A reader's command, handled; resolves with the messages the reader got for it. */
    async command(text: string) {
      const before = standIn.sentTo(users.reader.id).length;
      const update = standIn.userSends(text);
      await t.bot.handleUpdate(update);
      return { update, answers: () => standIn.sentTo(users.reader.id).slice(before) };
    },
    async inline(query: string) {
      const update = standIn.inlineQuery(query);
      await t.bot.handleUpdate(update);
      return { update, answers: () => standIn.callsTo("answerInlineQuery").filter((c) => c.payload.inline_query_id === update.inline_query?.id) };
    },
    /** An admin's Post now (what /publish calls), then the queue left to finish. */
    async post(articleId: string) {
      await channel.publisher.postNow(articleId, admin.id);
      channel.publisher.dispatch(articleId);
      await channel.publisher.whenIdle();
    },
    channelPosts: () => standIn.sentTo(chats.channel.id),
    /** The bot still works: a reader is answered, and another article goes to the channel, once. */
    async stillWorks() {
      const { answers } = await this.command("/source");
      expect(answers().map((m) => m.text)).toEqual([expect.stringContaining("Vestnik Kavkaza")]);
      const before = this.channelPosts().length;
      if ((await channel.ledger.get(second))?.state !== "posted") {
        await this.post(second);
        expect(this.channelPosts()).toHaveLength(before + 1);
      }
      expect(standIn.violations).toEqual([]);
      // Whatever failed, nothing the bot sent (answers, notices, posts) carries the token.
      expectNoToken(JSON.stringify(standIn.calls.map((c) => c.payload)));
    },
    async close() {
      await channel.close();
      await standIn.close();
    },
  };
}

type Row = Awaited<ReturnType<typeof startRow>>;
/** The rows about an answer slower than the client waits. */
const slow = { timeoutSeconds: 3 };
async function inRow(test: (row: Row) => Promise<void>, { timeoutSeconds = 10 } = {}): Promise<void> {
  const row = await startRow(timeoutSeconds);
  try {
    await test(row);
  } finally {
    await row.close();
  }
}

// Every row at once (vitest.config.ts allows 20 concurrent tests): most of them wait on a retry_after or auto-retry's 3 s.
describe.concurrent("the fault matrix", () => {
  describe("a command's answer", () => {
    it("429 with retry_after 1: waited out and sent again; the reader gets one answer", () =>
      inRow(async (row) => {
        row.standIn.fault("sendMessage", { error: 429, retryAfter: 1 }, 1);
        const { update, answers } = await row.command("/summary");
        const sends = row.standIn.callsTo("sendMessage");
        expect(sends.map((c) => c.errorCode ?? "ok")).toEqual([429, "ok"]);
        expect((sends[1]?.at ?? 0) - (sends[0]?.at ?? 0)).toBeGreaterThanOrEqual(1000);
        expect(answers()).toHaveLength(1);
        expect(row.failure(update)).toBeUndefined();
        await row.stillWorks();
      }));

    it("429 with retry_after past the 10 s cap: not waited for; the failure is logged, the reader can ask again", () =>
      inRow(async (row) => {
        row.standIn.fault("sendMessage", { error: 429, retryAfter: 30 }, 1);
        const { update, answers } = await row.command("/summary");
        expect(row.standIn.callsTo("sendMessage")).toHaveLength(1);
        expect(answers()).toEqual([]);
        expect(row.failure(update)).toMatchObject({ kind: "bot_api", error_code: 429, retry_after: 30 });
        await row.stillWorks();
      }));

    for (const code of [500, 502]) {
      it(`${code}: sent again after 3 s; the reader gets one answer`, () =>
        inRow(async (row) => {
          row.standIn.fault("sendMessage", { error: code }, 1);
          const { update, answers } = await row.command("/summary");
          expect(row.standIn.callsTo("sendMessage").map((c) => c.errorCode ?? "ok")).toEqual([code, "ok"]);
          expect(answers()).toHaveLength(1);
          expect(row.failure(update)).toBeUndefined();
          await row.stillWorks();
        }));
    }

    it("connection reset: not sent again (it may have arrived); logged as a network failure", () =>
      inRow(async (row) => {
        row.standIn.fault("sendMessage", { disconnect: true }, 1);
        const { update, answers } = await row.command("/summary");
        expect(row.standIn.callsTo("sendMessage")).toHaveLength(1);
        expect(answers()).toEqual([]);
        expect(row.failure(update)).toMatchObject({ kind: "network" });
        await row.stillWorks();
      }));

    it("a slow answer past the client's timeout: given up on, not sent again, so the reader gets it once, late", () =>
      inRow(async (row) => {
        row.standIn.fault("sendMessage", { delayMs: 4500 }, 1);
        const { update, answers } = await row.command("/summary");
        expect(row.failure(update)).toMatchObject({ kind: "network", cause: expect.stringContaining("timed out after 3 seconds") });
        await row.standIn.waitUntil(() => answers().length > 0, "the late answer");
        expect(row.standIn.callsTo("sendMessage")).toHaveLength(1);
        expect(answers()).toHaveLength(1);
        await row.stillWorks();
      }, slow));

    it("403, the reader blocked the bot: not sent again; logged", () =>
      inRow(async (row) => {
        row.standIn.fault("sendMessage", { error: 403, description: "Forbidden: bot was blocked by the user" }, 1);
        const { update, answers } = await row.command("/summary");
        expect(row.standIn.callsTo("sendMessage")).toHaveLength(1);
        expect(answers()).toEqual([]);
        expect(row.failure(update)).toMatchObject({ kind: "bot_api", error_code: 403 });
        await row.stillWorks();
      }));
  });

  describe("an inline answer", () => {
    it("429 with retry_after 1: waited out and answered", () =>
      inRow(async (row) => {
        row.standIn.fault("answerInlineQuery", { error: 429, retryAfter: 1 }, 1);
        const { update, answers } = await row.inline("shoigu");
        expect(answers().map((c) => c.errorCode ?? "ok")).toEqual([429, "ok"]);
        expect(row.failure(update)).toBeUndefined();
        await row.stillWorks();
      }));

    it("429 past the cap: not waited for; logged (the reader's app asks again as they type)", () =>
      inRow(async (row) => {
        row.standIn.fault("answerInlineQuery", { error: 429, retryAfter: 30 }, 1);
        const { update, answers } = await row.inline("shoigu");
        expect(answers().map((c) => c.errorCode)).toEqual([429]);
        expect(row.failure(update)).toMatchObject({ kind: "bot_api", error_code: 429 });
        await row.stillWorks();
      }));

    for (const code of [500, 502]) {
      it(`${code}: answered again after 3 s`, () =>
        inRow(async (row) => {
          row.standIn.fault("answerInlineQuery", { error: code }, 1);
          const { update, answers } = await row.inline("shoigu");
          expect(answers().map((c) => c.errorCode ?? "ok")).toEqual([code, "ok"]);
          expect(row.failure(update)).toBeUndefined();
          await row.stillWorks();
        }));
    }

    it("connection reset: not answered again; logged", () =>
      inRow(async (row) => {
        row.standIn.fault("answerInlineQuery", { disconnect: true }, 1);
        const { update, answers } = await row.inline("shoigu");
        expect(answers().filter(processed)).toEqual([]);
        expect(row.failure(update)).toMatchObject({ kind: "network" });
        await row.stillWorks();
      }));

    it("a slow answer past the timeout: given up on, not sent again; Telegram shows the late one", () =>
      inRow(async (row) => {
        row.standIn.fault("answerInlineQuery", { delayMs: 4500 }, 1);
        const { update, answers } = await row.inline("shoigu");
        expect(row.failure(update)).toMatchObject({ kind: "network" });
        expect(answers()).toHaveLength(1);
        await row.stillWorks();
      }, slow));
  });

  describe("a channel post", () => {
    it("429 with retry_after: the channel is paused until it passes, then the post goes out once", () =>
      inRow(async (row) => {
        row.standIn.fault("sendMessage", { error: 429, retryAfter: 2 }, 1, toChannel);
        await row.post(first);
        const sends = row.standIn.callsTo("sendMessage").filter((c) => toChannel(c.payload));
        expect(sends.map((c) => c.errorCode ?? "ok")).toEqual([429, "ok"]);
        expect((sends[1]?.at ?? 0) - (sends[0]?.at ?? 0)).toBeGreaterThanOrEqual(2000);
        expect(row.channelPosts()).toHaveLength(1);
        expect(await row.channel.ledger.get(first)).toMatchObject({ state: "posted" });
        await row.stillWorks();
      }));

    for (const fault of [{ error: 500 }, { error: 502 }, { disconnect: true as const }]) {
      const name = "error" in fault ? String(fault.error) : "connection reset";
      it(`${name}: tried again after a backoff; posted once`, () =>
        inRow(async (row) => {
          row.standIn.fault("sendMessage", fault, 2, toChannel);
          await row.post(first);
          const sends = row.standIn.callsTo("sendMessage").filter((c) => toChannel(c.payload));
          expect(sends.map(processed)).toEqual([false, false, true]);
          expect(row.channelPosts()).toHaveLength(1);
          expect(await row.channel.ledger.get(first)).toMatchObject({ state: "posted", messageId: row.channelPosts()[0]?.message_id });
          await row.stillWorks();
        }));
    }

    it("a slow answer past the timeout: not sent again; marked uncertain and the admins asked (the late post stays the only one)", () =>
      inRow(async (row) => {
        row.standIn.fault("sendMessage", { delayMs: 4500 }, 1, toChannel);
        await row.post(first);
        expect(await row.channel.ledger.get(first)).toMatchObject({ state: "uncertain", error: "Telegram did not answer in time" });
        await row.standIn.waitUntil(() => row.noticesToAdmin().some((text) => text.includes("I may or may not have posted")), "the admins asked");
        await row.standIn.waitUntil(() => row.channelPosts().length === 1, "the late post");
        await row.channel.publisher.sync();
        await row.channel.publisher.whenIdle();
        expect(row.standIn.callsTo("sendMessage").filter((c) => toChannel(c.payload))).toHaveLength(1);
        expect(row.noticesToAdmin().find((text) => text.includes("I may or may not have posted"))).toContain("Telegram did not answer in time");
        await row.stillWorks();
      }, slow));

    it("403, the bot removed from the channel: the admins told once, tried again later, posted once it is back", () =>
      inRow(async (row) => {
        const removed = row.standIn.fault("sendMessage", { error: 403, description: "Forbidden: bot was kicked from the channel chat" }, Number.POSITIVE_INFINITY, toChannel);
        const posting = row.post(first);
        await row.standIn.waitUntil(() => row.standIn.callsTo("sendMessage").filter((c) => toChannel(c.payload)).length >= 3, "two retries");
        expect(row.noticesToAdmin().filter((text) => text.startsWith("⚠️ I cannot post to @briefing_news: 403: Forbidden: bot was kicked"))).toHaveLength(1);
        expect(row.channelPosts()).toEqual([]);
        expect((await row.channel.ledger.get(first))?.state).not.toBe("posted");
        removed();
        await posting;
        expect(row.channelPosts()).toHaveLength(1);
        expect(await row.channel.ledger.get(first)).toMatchObject({ state: "posted" });
        await row.stillWorks();
      }));

    it("400 message can't be edited (a correction): recorded, the admins told, not tried again; the post stays", () =>
      inRow(async (row) => {
        await row.post(first);
        const [post] = row.channelPosts();
        row.standIn.fault("editMessageText", { error: 400, description: "Bad Request: message can't be edited" }, 1);
        const corrected = articles.map((a) => (a.id === first ? { ...a, headline: `${a.headline} (corrected)` } : a));
        await row.t.setArticles(corrected);
        await row.channel.publisher.whenIdle();
        await row.channel.publisher.sync();
        await row.channel.publisher.whenIdle();
        expect(row.standIn.callsTo("editMessageText")).toHaveLength(1);
        expect(await row.channel.ledger.get(first)).toMatchObject({ state: "posted", editError: "400: Bad Request: message can't be edited" });
        expect(row.noticesToAdmin().some((text) => text.includes("could not be corrected: 400: Bad Request: message can't be edited"))).toBe(true);
        expect(row.channelPosts()).toEqual([post]);
        await row.stillWorks();
      }));
  });
});

/** The bot with a newsroom over a fresh folder, downloading documents from the stand-in as main.ts does. */
async function startNewsroomRow() {
  const { mkdtemp, readdir } = await import("node:fs/promises");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const { loadContent } = await import("../../src/content/load-content");
  const { createFileArticleStore } = await import("../../src/newsroom/article-store");
  const { createNewsroom } = await import("../../src/newsroom/newsroom");
  const { downloadFile } = await import("../../src/newsroom/download-file");
  const standIn = await BotApiStandIn.start({ token: e2eToken });
  standIn.startedBy(admin);
  const logs = captureLogs([e2eToken]);
  const dir = await mkdtemp(join(tmpdir(), "briefing-fault-newsroom-"));
  let last: Awaited<ReturnType<typeof loadContent>> = { ok: true, articles: [] };
  const newsroom = createNewsroom({
    store: createFileArticleStore(dir),
    reload: async () => (last = await loadContent(dir)),
    loaded: () => (last.ok ? last.articles : []),
    problems: () => (last.ok ? [] : last.problems),
    logger: logs.logger,
  });
  const t = createRuntimeTestBot({
    articles,
    client: { apiRoot: standIn.apiRoot, timeoutSeconds: 10 },
    logger: logs.logger,
    token: e2eToken,
    botInfo: standIn.botInfo,
    adminIds: [admin.id],
    newsroom: {
      adminIds: new Set([admin.id]),
      newsroom,
      download: (fileId, api) => downloadFile(api, standIn.apiRoot, e2eToken, fileId),
    },
  });
  const article = await (await import("node:fs/promises")).readFile("test/fixtures/baku/cis-defense-ministers-baku.yaml", "utf8");
  return {
    standIn,
    files: () => readdir(dir),
    /** The admin sends the Baku article as a document; resolves with what the admin was told. */
    async upload() {
      const before = standIn.sentTo(admin.id).length;
      const update = standIn.userSendsDocument("baku.yaml", article.replace(/^headline: .*$/m, "headline: Uploaded"), { from: admin });
      await t.bot.handleUpdate(update);
      return standIn.sentTo(admin.id).slice(before).map((m) => m.text ?? "");
    },
    async close() {
      await standIn.close();
    },
  };
}

describe.concurrent("the fault matrix: an admin's document", () => {
  it("getFile answers 500 once: asked again; the article is added, once", async () => {
    const row = await startNewsroomRow();
    try {
      row.standIn.fault("getFile", { error: 500 }, 1);
      expect(await row.upload()).toEqual([expect.stringContaining("Added: “Uploaded”")]);
      expect(row.standIn.callsTo("getFile").map((c) => c.errorCode ?? "ok")).toEqual([500, "ok"]);
      expect(await row.files()).toEqual(["cis-defense-ministers-baku-2019.yaml"]);
      expect(row.standIn.violations).toEqual([]);
    } finally {
      await row.close();
    }
  });

  it("getFile's connection reset: the admin is told to send it again, nothing changes, and the next upload works", async () => {
    const row = await startNewsroomRow();
    try {
      row.standIn.fault("getFile", { disconnect: true }, 1);
      expect(await row.upload()).toEqual(["I could not fetch that file from Telegram; nothing was changed. Please send it again."]);
      expect(await row.files()).toEqual([]);
      expect(await row.upload()).toEqual([expect.stringContaining("Added: “Uploaded”")]);
      expect(row.standIn.violations).toEqual([]);
    } finally {
      await row.close();
    }
  });
});
