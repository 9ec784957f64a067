import { createServer } from "node:http";
import { Api, GrammyError, HttpError, InputFile } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BotApiStandIn, chats, users } from "./bot-api-stand-in";
import { e2eToken } from "./bot-process";

/** The stand-in speaks the protocol the bot's client speaks: checked here with grammY's own Api client. */
let standIn: BotApiStandIn;
let api: Api;

beforeEach(async () => {
  standIn = await BotApiStandIn.start({ token: e2eToken });
  api = new Api(e2eToken, { apiRoot: standIn.apiRoot });
});

afterEach(async () => {
  await standIn.close();
});

/** A 1×1 PNG: what the stand-in takes for a photo. */
const png = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000" + "1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4f60000000049454e44ae426082", "hex");

describe("the Bot API stand-in", () => {
  it("takes a photo uploaded as multipart (grammY's InputFile) with an HTML caption, and edits its caption and its media", async () => {
    standIn.setChannel(chats.channel, true);
    const markup = { inline_keyboard: [[{ text: "Share", switch_inline_query: "x" }]] };
    const sent = await api.sendPhoto("@briefing_news", new InputFile(png, "card.png"), { caption: "<b>Headline</b>\nlead", parse_mode: "HTML", reply_markup: markup });
    expect(sent).toMatchObject({ chat: { id: chats.channel.id }, caption: "Headline\nlead", caption_entities: [{ type: "bold", offset: 0, length: 8 }] });
    expect(sent.photo?.length).toBeGreaterThan(0);
    const [call] = standIn.callsTo("sendPhoto");
    expect((call?.payload.photo as { filename: string; data: Buffer }).data.equals(png)).toBe(true);
    expect(call?.payload.reply_markup).toEqual(markup);

    const caption = await api.editMessageCaption("@briefing_news", sent.message_id, { caption: "<b>Headline</b>\ncorrected", parse_mode: "HTML", reply_markup: markup });
    expect(caption).toMatchObject({ caption: "Headline\ncorrected" });
    await expect(api.editMessageCaption("@briefing_news", sent.message_id, { caption: "<b>Headline</b>\ncorrected", parse_mode: "HTML", reply_markup: markup })).rejects.toMatchObject({
      description: expect.stringContaining("message is not modified"),
    });
    const media = await api.editMessageMedia("@briefing_news", sent.message_id, { type: "photo", media: new InputFile(png, "card.png"), caption: "New <i>card</i>", parse_mode: "HTML" }, { reply_markup: markup });
    expect(media).toMatchObject({ caption: "New card", caption_entities: [{ type: "italic", offset: 4, length: 4 }] });
    const [mediaCall] = standIn.callsTo("editMessageMedia");
    expect(((mediaCall?.payload.media as { media: { data: Buffer } }).media.data).equals(png)).toBe(true);
    // A photo has no text to edit; a text message has no caption or media.
    await expect(api.editMessageText("@briefing_news", sent.message_id, "x")).rejects.toMatchObject({ description: "Bad Request: there is no text in the message to edit" });
    const text = await api.sendMessage("@briefing_news", "text");
    await expect(api.editMessageCaption("@briefing_news", text.message_id, { caption: "x" })).rejects.toMatchObject({ description: "Bad Request: there is no caption in the message to edit" });
    await expect(api.editMessageMedia("@briefing_news", text.message_id, { type: "photo", media: new InputFile(png, "card.png") })).rejects.toMatchObject({
      description: "Bad Request: there is no media in the message to edit",
    });
    expect(standIn.violations).toEqual([]);
  });

  it("refuses a caption over 1024 characters after entity parsing, and an upload that is not a picture", async () => {
    standIn.setChannel(chats.channel, true);
    // 1024 visible characters pass however much markup they carry; 1025 do not.
    await api.sendPhoto("@briefing_news", new InputFile(png, "card.png"), { caption: `<b>${"a".repeat(1000)}</b>${"b".repeat(24)}`, parse_mode: "HTML" });
    await expect(api.sendPhoto("@briefing_news", new InputFile(png, "card.png"), { caption: "c".repeat(1025) })).rejects.toMatchObject({
      description: expect.stringContaining("message caption is too long (1025 characters after entity parsing, limit 1024)"),
    });
    await expect(api.sendPhoto("@briefing_news", new InputFile(Buffer.from("not a picture"), "card.png"))).rejects.toMatchObject({ error_code: 400 });
    expect(standIn.violations).toHaveLength(2);
  });

  it("answers a wrong token with 401 and an unknown method with 404", async () => {
    await expect(new Api("1:wrong", { apiRoot: standIn.apiRoot }).getMe()).rejects.toMatchObject({ error_code: 401 });
    await expect(api.raw.getChatMenuButton({})).rejects.toMatchObject({ error_code: 404 });
    expect(standIn.violations).toEqual(["getChatMenuButton: the stand-in does not know this method (add it with handle())"]);
  });

  it("long-polls: waits for an update, confirms by offset, ends an overtaken poll with 409", async () => {
    const waiting = api.getUpdates({ timeout: 10 });
    await standIn.waitForCall("getUpdates");
    const pushed = standIn.userSends("/start");
    expect(await waiting).toEqual([pushed]);
    const overtaken = api.getUpdates({ offset: pushed.update_id + 1, timeout: 10 });
    await standIn.waitUntil(() => standIn.callsTo("getUpdates").length === 2, "the second poll");
    const newer = api.getUpdates({ offset: pushed.update_id + 1, timeout: 0 });
    await expect(overtaken).rejects.toMatchObject({ error_code: 409 });
    expect(await newer).toEqual([]);
    expect(standIn.confirmedOffset).toBe(pushed.update_id + 1);
    expect(standIn.pending).toEqual([]);
  });

  it("posts to a channel by @username as the channel, and refuses a channel where the bot is no admin", async () => {
    const post = await api.sendMessage("@briefing_news", "<b>Baku</b>: the ministers met", { parse_mode: "HTML" });
    expect(post).toMatchObject({ chat: chats.channel, sender_chat: chats.channel, text: "Baku: the ministers met", entities: [{ type: "bold", offset: 0, length: 4 }] });
    expect(post.from).toBeUndefined();
    standIn.channelPost("A post by the channel's editors");
    expect(standIn.sentTo(chats.channel.id)).toEqual([post]);
    standIn.setChannel(chats.channel, false);
    await expect(api.sendMessage(chats.channel.id, "x")).rejects.toMatchObject({ error_code: 400, description: "Bad Request: need administrator rights in the channel chat" });
  });

  it("refuses what Telegram refuses, with 400, and records it", async () => {
    standIn.userSends("hi");
    await expect(api.sendMessage(users.reader.id, "<b>unclosed", { parse_mode: "HTML" })).rejects.toBeInstanceOf(GrammyError);
    await expect(api.sendMessage(users.reader.id, "x", { reply_markup: { inline_keyboard: [[{ text: "B", callback_data: "x".repeat(65) }]] } })).rejects.toMatchObject({ error_code: 400 });
    expect(standIn.violations).toHaveLength(2);
  });

  it("takes form-encoded bodies as well as JSON", async () => {
    standIn.userSends("hi");
    const body = new URLSearchParams({ chat_id: String(users.reader.id), text: "plain", reply_markup: JSON.stringify({ inline_keyboard: [[{ text: "A", callback_data: "a" }]] }) });
    const response = await fetch(`${standIn.apiRoot}/bot${e2eToken}/sendMessage`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
    expect(await response.json()).toMatchObject({ ok: true, result: { text: "plain", reply_markup: { inline_keyboard: [[{ callback_data: "a" }]] } } });
  });

  it("injects faults per method: 429 with retry_after, a dropped connection", async () => {
    standIn.userSends("hi");
    standIn.fault("sendMessage", { error: 429, retryAfter: 7 }, 1);
    standIn.fault("getMe", { disconnect: true }, 1);
    await expect(api.sendMessage(users.reader.id, "x")).rejects.toMatchObject({ error_code: 429, parameters: { retry_after: 7 } });
    await expect(api.getMe()).rejects.toBeInstanceOf(HttpError);
    await expect(api.sendMessage(users.reader.id, "x")).resolves.toMatchObject({ text: "x" });
  });

  it("delivers to a webhook with the secret header, again after a failure, until it gets a 2xx", async () => {
    const received: Array<{ secret: string | undefined; updateId: number }> = [];
    let answer = 500;
    const receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        received.push({ secret: req.headers["x-telegram-bot-api-secret-token"] as string | undefined, updateId: (JSON.parse(body) as { update_id: number }).update_id });
        res.writeHead(answer).end();
        answer = 200;
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const port = (receiver.address() as { port: number }).port;
    await api.setWebhook(`http://127.0.0.1:${port}/hook`, { secret_token: "s3cret" });
    const update = standIn.userSends("/start");
    await standIn.waitUntil(() => standIn.confirmedOffset > update.update_id, "the update confirmed");
    expect(received).toEqual([
      { secret: "s3cret", updateId: update.update_id },
      { secret: "s3cret", updateId: update.update_id },
    ]);
    expect(standIn.webhookAttempts.map((a) => a.status)).toEqual([500, 200]);
    await expect(api.getUpdates()).rejects.toMatchObject({ error_code: 409 });
    receiver.close();
  });
});
