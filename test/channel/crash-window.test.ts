import { describe, expect, it } from "vitest";
import type { Chat } from "grammy/types";
import { openChannelDatabase } from "../../src/channel/channel-database";
import { createSqlitePostLedger } from "../../src/channel/sqlite-post-ledger";
import { BotApiStandIn } from "../support/bot-api-stand-in";
import { e2eToken, startBot, type BotProcess } from "../support/bot-process";
import { admin, channelId, tempDataDir } from "../support/channel-fixtures";

const articleId = "cis-defense-ministers-baku-2019";
const newsroom: Chat.ChannelChat = { id: -1003000000001, type: "channel", title: "Newsroom", username: channelId.slice(1) };

/** A stand-in that knows the channel (the bot its admin) and the admin (who started the bot). */
async function startStandIn(): Promise<BotApiStandIn> {
  const standIn = await BotApiStandIn.start({ token: e2eToken });
  standIn.setChannel(newsroom, true);
  standIn.startedBy(admin);
  return standIn;
}

function startChannelBot(standIn: BotApiStandIn, dataDir: string): BotProcess {
  return startBot({
    BOT_TOKEN: e2eToken,
    BOT_API_ROOT: standIn.apiRoot,
    CONTENT_DIR: "test/fixtures/baku",
    DATA_DIR: dataDir,
    CHANNEL_ID: channelId,
    AUTOPOST: "on",
    // The Baku article is from 2019: no safety window, so AUTOPOST posts it.
    AUTOPOST_MAX_AGE: "0",
    ADMIN_IDS: String(admin.id),
    LOG_LEVEL: "warn",
  });
}

const isChannelSend = (payload: Record<string, unknown>) => payload.chat_id === channelId;
const channelSends = (standIn: BotApiStandIn) => standIn.callsTo("sendMessage").filter((c) => isChannelSend(c.payload));

describe("npm start with CHANNEL_ID set", () => {
  it("posts the article's summary once; stopped and started again, it does not post again", async () => {
    const standIn = await startStandIn();
    const dataDir = tempDataDir();
    const bots: BotProcess[] = [];
    try {
      const first = startChannelBot(standIn, dataDir);
      bots.push(first);
      await standIn.waitUntil(() => channelSends(standIn).length === 1, "the post");
      expect(String(channelSends(standIn)[0]?.payload.text)).toContain("<b>Council of CIS Defense Ministers meets in hospitable land of Azerbaijan</b>");
      first.signal("SIGTERM");
      expect(await first.exited).toEqual({ code: 0, signal: null });

      const before = standIn.calls.length;
      const second = startChannelBot(standIn, dataDir);
      bots.push(second);
      await standIn.waitForCall("getUpdates", () => true, before);
      expect(channelSends(standIn)).toHaveLength(1);
      second.signal("SIGTERM");
      expect(await second.exited).toEqual({ code: 0, signal: null });
      expect(standIn.violations).toEqual([]);
    } finally {
      for (const bot of bots) await bot.kill();
      await standIn.close();
    }
  });
});

describe("a kill -9 inside the window between sending a post and recording it", () => {
  it("does not post again after a restart: the post becomes uncertain and the admins are asked", async () => {
    const standIn = await startStandIn();
    const dataDir = tempDataDir();
    const bots: BotProcess[] = [];
    try {
      // Telegram receives the post but the answer never comes back: the process is inside the window.
      const stopHolding = standIn.fault("sendMessage", { hold: new Promise(() => {}) }, Number.POSITIVE_INFINITY, isChannelSend);
      const first = startChannelBot(standIn, dataDir);
      bots.push(first);
      await standIn.waitUntil(() => channelSends(standIn).length === 1, "the post sent");
      const ledger = createSqlitePostLedger(openChannelDatabase(dataDir));
      expect(await ledger.get(articleId)).toMatchObject({ state: "sending", chatId: channelId, messageId: null });

      first.signal("SIGKILL");
      expect(await first.exited).toEqual({ code: null, signal: "SIGKILL" });

      stopHolding();
      const before = standIn.calls.length;
      const second = startChannelBot(standIn, dataDir);
      bots.push(second);
      const notice = await standIn.waitForCall("sendMessage", (payload) => payload.chat_id === admin.id, before);
      expect(String(notice.payload.text)).toContain("I may or may not have posted <b>Council of CIS Defense Ministers meets in hospitable land of Azerbaijan</b> to @newsroom.");
      // Polling has begun, so start-up (and the channel's first pass over the content) is over: still one send, ever.
      await standIn.waitForCall("getUpdates", () => true, before);
      expect(channelSends(standIn)).toHaveLength(1);
      expect(await ledger.get(articleId)).toMatchObject({ state: "uncertain" });
      expect((await ledger.events(articleId)).map((e) => e.event)).toEqual(["attempt", "uncertain"]);

      second.signal("SIGTERM");
      expect(await second.exited).toEqual({ code: 0, signal: null });
      expect(channelSends(standIn)).toHaveLength(1);
      expect(standIn.violations).toEqual([]);
    } finally {
      for (const bot of bots) await bot.kill();
      await standIn.close();
    }
  });
});
