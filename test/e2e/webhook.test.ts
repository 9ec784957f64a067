import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BotApiStandIn, chats, privateChat, users } from "../support/bot-api-stand-in";
import { e2eToken, freePort, httpGet, metric, startBot, type BotProcess } from "../support/bot-process";

const secret = "e2e-webhook-secret-0123456789abcdef";
let standIn: BotApiStandIn;
let bot: BotProcess;
let port: number;

beforeAll(async () => {
  standIn = await BotApiStandIn.start({ token: e2eToken });
  port = await freePort();
  bot = startBot({
    BOT_TOKEN: e2eToken,
    BOT_API_ROOT: standIn.apiRoot,
    BOT_MODE: "webhook",
    PORT: String(port),
    WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/hook`,
    WEBHOOK_SECRET: secret,
  });
  await bot.waitForLog((l) => l.msg === "taking updates", "start-up");
});

afterEach(() => {
  expect(standIn.violations).toEqual([]);
});

afterAll(async () => {
  await bot.kill();
  await standIn.close();
});

const metrics = async () => (await httpGet(port, "/metrics")).body;

describe("webhook mode against the Bot API stand-in", () => {
  it("sets the webhook with its secret and the updates it handles, and never polls", async () => {
    const call = await standIn.waitForCall("setWebhook");
    expect(call.payload).toMatchObject({
      url: `http://127.0.0.1:${port}/telegram/hook`,
      secret_token: secret,
      allowed_updates: ["message", "callback_query", "inline_query", "my_chat_member"],
      drop_pending_updates: false,
    });
    expect(standIn.callsTo("getUpdates")).toEqual([]);
    expect(JSON.parse((await httpGet(port, "/healthz")).body)).toEqual({ status: "ready", mode: "webhook", username: "briefingbot" });
  });

  it("answers what Telegram delivers: commands, group replies, buttons, inline queries", async () => {
    expect((await standIn.ask("/summary")).text).toContain("Baku");
    const inGroup = await standIn.ask("/quotes@briefingbot lebedev", { chat: chats.newsroom });
    expect(inGroup.reply_to_message?.text).toBe("/quotes@briefingbot lebedev");
    const welcome = await standIn.ask("/start");
    standIn.pressButton(welcome, "Agenda");
    await standIn.waitForCall("answerCallbackQuery");
    const query = standIn.inlineQuery("");
    const answer = await standIn.waitForCall("answerInlineQuery", (p) => p.inline_query_id === query.inline_query?.id);
    expect((answer.payload.results as unknown[]).length).toBe(4);
    expect(standIn.webhookAttempts.every((a) => a.status === 200)).toBe(true);
  });

  it("refuses requests without the right secret (401) and handles nothing of them", async () => {
    const forged = { update_id: 1, message: { message_id: 1, date: 1, chat: privateChat(users.editor), from: users.editor, text: "/attendees" } };
    const attempts: Array<Record<string, string>> = [{}, { "x-telegram-bot-api-secret-token": "wrong" }, { "x-telegram-bot-api-secret-token": secret.replace(/.$/, "X") }];
    for (const headers of attempts) expect(await standIn.postToWebhook(forged as never, headers)).toBe(401);
    // A genuine update from the same user afterwards is answered; the forged one never was.
    await standIn.ask("/source", { chat: privateChat(users.editor) });
    expect(standIn.sentTo(users.editor.id)).toHaveLength(1);
    expect(metric(await metrics(), 'briefing_webhook_rejected_total{reason="unauthorized"}')).toBe(3);
  });

  it("handles a redelivered update once", async () => {
    const chat = privateChat(users.reader);
    const before = standIn.sentTo(chat.id).length;
    const update = standIn.userSends("/agenda");
    await standIn.waitUntil(() => standIn.sentTo(chat.id).length > before, "the answer to /agenda");
    // Telegram missed the 200 and sends the same update again.
    expect(await standIn.postToWebhook(update)).toBe(200);
    const next = await standIn.ask("/source");
    const answers = standIn.sentTo(chat.id).slice(before);
    expect(answers).toHaveLength(2);
    expect(answers[0]?.text).toContain("Key item");
    expect(answers[1]).toEqual(next);
    expect(metric(await metrics(), 'briefing_webhook_rejected_total{reason="duplicate"}')).toBe(1);
  });

  it("serves nothing else: GET on the webhook is 405, other paths 404", async () => {
    expect((await httpGet(port, "/telegram/hook")).status).toBe(405);
    expect((await httpGet(port, "/")).status).toBe(404);
  });

  it("on SIGTERM finishes the update in flight, refuses new ones (Telegram keeps them), exits 0", async () => {
    let release = () => {};
    standIn.fault("sendMessage", { hold: new Promise<void>((resolve) => (release = resolve)) }, 1);
    const from = standIn.calls.length;
    const inFlight = standIn.userSends("/attendees");
    await standIn.waitForCall("sendMessage", (p) => p.chat_id === users.reader.id, from);
    bot.signal("SIGTERM");
    await bot.waitForLog((l) => l.msg?.startsWith("stopping") === true, "stopping");
    expect(JSON.parse((await httpGet(port, "/healthz")).body)).toMatchObject({ status: "stopping" });
    const late = standIn.userSends("/summary");
    await standIn.waitUntil(() => standIn.webhookAttempts.some((a) => a.update_id === late.update_id && a.status === 503), "the late update refused");
    release();
    expect(await bot.exited).toEqual({ code: 0, signal: null });
    expect(standIn.pending.map((u) => u.update_id)).toEqual([late.update_id]);
    expect(standIn.confirmedOffset).toBeGreaterThan(inFlight.update_id);
    expect(standIn.sentTo(users.reader.id).at(-1)?.text).toContain("Shoigu");
  });
});
