/**
 * CHANNEL_CARD: each post is the summary card (a PNG) with the post as its
 * caption, sent to the Bot API stand-in as grammY uploads it (multipart), and
 * checked as Telegram checks it (caption within 1024 characters after
 * entities). A correction replaces the card and the caption.
 */
import { Api } from "grammy";
import type { Chat } from "grammy/types";
import pino from "pino";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { openChannelDatabase } from "../../src/channel/channel-database";
import { renderChannelPost } from "../../src/channel/channel-post";
import { createChannelPublisher } from "../../src/channel/channel-publisher";
import { createSqlitePostLedger } from "../../src/channel/sqlite-post-ledger";
import type { Article } from "../../src/content/article-schema";
import { createLibrary, type Library } from "../../src/library/library";
import { htmlToText } from "../../src/render/html";
import { cardContent, renderCardPng } from "../../src/render/render-card";
import { BotApiStandIn } from "../support/bot-api-stand-in";
import { admin, createChannelTestBot, userChat } from "../support/channel-fixtures";
import { e2eToken } from "../support/bot-process";
import { loadRealArticles } from "../support/test-bot";

let real: Article;
beforeAll(async () => {
  [real] = (await loadRealArticles()) as [Article];
});

const newsroom: Chat.ChannelChat = { id: -1003000000001, type: "channel", title: "Newsroom", username: "newsroom" };
let standIn: BotApiStandIn | undefined;
afterEach(async () => {
  await standIn?.close();
});

const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

async function startPublisher(articles: Article[], card: ((article: Article) => Promise<Uint8Array>) | undefined) {
  standIn = await BotApiStandIn.start({ token: e2eToken });
  standIn.setChannel(newsroom, true);
  let library: Library = createLibrary(articles);
  const ledger = createSqlitePostLedger(openChannelDatabase(":memory:"));
  const logger = pino({ level: "silent" });
  const options = {
    api: new Api(e2eToken, { apiRoot: standIn.apiRoot }),
    ledger,
    channelId: "@newsroom",
    botUsername: () => "briefingbot",
    library: () => library,
    autopost: true,
    notifyAdmins: async () => {},
    notifyAdmin: async () => {},
    logger,
    limit: { count: 100, windowMs: 60_000, minIntervalMs: 0 },
    ...(card ? { card } : {}),
  };
  let publisher = createChannelPublisher(options);
  await publisher.start();
  await publisher.whenIdle();
  return {
    ledger,
    standIn,
    publisher: () => publisher,
    async correct(next: Article[]) {
      library = createLibrary(next);
      await publisher.sync();
      await publisher.whenIdle();
    },
    /** Restarts the publisher on the same ledger, with or without the card (CHANNEL_CARD changed). */
    async restart(withCard: typeof card) {
      await publisher.stop();
      publisher = createChannelPublisher({ ...options, ...(withCard ? { card: withCard } : { card: undefined }) });
      await publisher.start();
      await publisher.whenIdle();
    },
  };
}

const drawCard = (article: Article) => renderCardPng(cardContent(article));

describe("CHANNEL_CARD", () => {
  it("posts the card as a photo with the post as its caption and the buttons under it", { timeout: 30_000 }, async () => {
    const t = await startPublisher([real], drawCard);
    const [send] = t.standIn.callsTo("sendPhoto");
    expect(t.standIn.callsTo("sendMessage").filter((c) => c.payload.chat_id === "@newsroom")).toEqual([]);
    const photo = send?.payload.photo as { filename: string; data: Buffer };
    expect(photo.filename).toBe("card.png");
    expect(pngSize(photo.data)).toEqual({ width: 1200, height: 630 });
    const post = renderChannelPost(real, "briefingbot");
    expect(send?.payload).toMatchObject({ chat_id: "@newsroom", caption: post.text, parse_mode: "HTML", reply_markup: { inline_keyboard: post.keyboard } });
    expect(send?.errorCode).toBeUndefined();
    const caption = htmlToText(String(send?.payload.caption));
    expect(caption.length).toBeLessThanOrEqual(1024);
    expect(caption).toContain("• Sergey Lebedev: “It is deplorable");
    expect(await t.ledger.get(real.id)).toMatchObject({ state: "posted", revision: 1 });
    expect(t.standIn.violations).toEqual([]);
    await t.publisher().stop();
  });

  it("a correction replaces the card and the caption (a new headline on both)", { timeout: 30_000 }, async () => {
    const t = await startPublisher([real], drawCard);
    const first = (t.standIn.callsTo("sendPhoto")[0]?.payload.photo as { data: Buffer }).data;
    const corrected = { ...real, headline: "CIS defense ministers meet in Baku" };
    await t.correct([corrected]);
    const [edit] = t.standIn.callsTo("editMessageMedia");
    const media = edit?.payload.media as { type: string; media: { data: Buffer }; caption: string };
    expect(edit?.errorCode).toBeUndefined();
    expect(media.type).toBe("photo");
    expect(media.media.data.equals(first)).toBe(false);
    expect(htmlToText(media.caption).startsWith("CIS defense ministers meet in Baku\nBaku, Azerbaijan, 30 October 2019")).toBe(true);
    expect(await t.ledger.get(real.id)).toMatchObject({ state: "posted", revision: 2 });
    expect(t.standIn.violations).toEqual([]);
    await t.publisher().stop();
  });

  it("when CHANNEL_CARD changed since the post went out, corrects a text post as text and a photo's caption alone", { timeout: 30_000 }, async () => {
    const t = await startPublisher([real], undefined);
    expect(t.standIn.callsTo("sendMessage").filter((c) => c.payload.chat_id === "@newsroom")).toHaveLength(1);
    await t.restart(drawCard);
    await t.correct([{ ...real, headline: "Corrected once" }]);
    expect(t.standIn.callsTo("editMessageMedia")[0]?.description).toBe("Bad Request: there is no media in the message to edit");
    expect(htmlToText(String(t.standIn.callsTo("editMessageText")[0]?.payload.text))).toContain("Corrected once");
    expect(await t.ledger.get(real.id)).toMatchObject({ revision: 2 });

    const other = { ...real, id: "second", headline: "Second story" };
    await t.correct([{ ...real, headline: "Corrected once" }, other]);
    expect(t.standIn.callsTo("sendPhoto")).toHaveLength(1);
    await t.restart(undefined);
    await t.correct([{ ...real, headline: "Corrected once" }, { ...other, headline: "Second story, corrected" }]);
    const caption = t.standIn.callsTo("editMessageCaption").at(-1);
    expect(caption?.errorCode).toBeUndefined();
    expect(htmlToText(String(caption?.payload.caption))).toContain("Second story, corrected");
    expect(await t.ledger.get("second")).toMatchObject({ revision: 2 });
    await t.publisher().stop();
  });

  it("a card that cannot be drawn leaves a text post, not no post", async () => {
    const t = await startPublisher([real], async () => {
      throw new Error("no fonts");
    });
    expect(t.standIn.callsTo("sendPhoto")).toEqual([]);
    expect(t.standIn.callsTo("sendMessage").filter((c) => c.payload.chat_id === "@newsroom")).toHaveLength(1);
    expect(await t.ledger.get(real.id)).toMatchObject({ state: "posted" });
    await t.publisher().stop();
  });

  it("/publish previews the post as the channel will show it: the card, with the post as its caption", { timeout: 30_000 }, async () => {
    const t = await createChannelTestBot({ articles: [real], card: true });
    await t.channel.publisher.start();
    const adminChat = userChat(admin);
    await t.send(adminChat.message("/publish"));
    const picked = await t.send(adminChat.press(`pub:pick:${real.id}`));
    const preview = picked.find((c) => c.method === "sendPhoto");
    const post = renderChannelPost(real, "briefingbot");
    // A multipart upload carries every field as text.
    expect(preview?.payload).toMatchObject({ chat_id: String(admin.id), caption: post.text, parse_mode: "HTML", reply_markup: { inline_keyboard: post.keyboard } });
    expect(pngSize((preview?.payload.photo as { data: Buffer }).data)).toEqual({ width: 1200, height: 630 });
    // Not the text as well: the photo is the preview.
    expect(picked.filter((c) => c.method === "sendMessage").map((c) => htmlToText(String(c.payload.text)))).toEqual([
      expect.stringContaining("Above: the post as it will appear in the channel."),
    ]);
    await t.channel.close();
  });
});
