import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BotApiStandIn, chats, users } from "../support/bot-api-stand-in";
import { e2eToken, httpGet, metric, metricsWhen, startBot, type BotProcess } from "../support/bot-process";

/** Six copies of the real article under other ids: enough search hits for inline mode to page. */
async function contentWithSixArticles(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "briefing-e2e-content-"));
  const real = await readFile("test/fixtures/baku/cis-defense-ministers-baku.yaml", "utf8");
  for (let n = 1; n <= 6; n++) {
    await writeFile(join(dir, `copy-${n}.yaml`), real.replace("id: cis-defense-ministers-baku-2019", `id: cis-defense-ministers-baku-copy-${n}`));
  }
  return dir;
}

let standIn: BotApiStandIn;
let bot: BotProcess;
let port: number;

beforeAll(async () => {
  standIn = await BotApiStandIn.start({ token: e2eToken });
  // A webhook left over from a webhook deployment: polling must remove it first.
  standIn.webhook = { url: "https://old.example/telegram", maxConnections: 40 };
  bot = startBot({ BOT_TOKEN: e2eToken, BOT_API_ROOT: standIn.apiRoot, PORT: "0", CONTENT_DIR: await contentWithSixArticles() });
  port = Number((await bot.waitForLog((l) => l.msg?.startsWith("listening") === true, "the server's port")).port);
  await bot.waitForLog((l) => l.msg === "taking updates", "start-up");
});

afterEach(() => {
  expect(standIn.violations).toEqual([]);
});

afterAll(async () => {
  await bot.kill();
  await standIn.close();
});

describe("long polling against the Bot API stand-in", () => {
  it("removes the webhook, registers the commands, then polls for the updates it handles only", async () => {
    const methods = standIn.calls.map((c) => c.method);
    // The menus in each language (English, the default, and Russian), sent together, then the webhook removed.
    const menus = ["setMyCommands", "setMyDescription", "setMyShortDescription"];
    expect(methods[0]).toBe("getMe");
    expect(methods.slice(1, 7).sort()).toEqual([...menus, ...menus].sort());
    expect(methods[7]).toBe("deleteWebhook");
    expect(standIn.commands.map((c) => c.command)).toContain("attendees");
    const poll = await standIn.waitForCall("getUpdates");
    expect(poll.payload.allowed_updates).toEqual(["message", "callback_query", "inline_query", "my_chat_member"]);
    expect(poll.payload.timeout).toBe(30);
  });

  it("is healthy once ready, and says who it is", async () => {
    const health = await httpGet(port, "/healthz");
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ status: "ready", mode: "polling", username: "briefingbot" });
  });

  it("answers commands in a private chat", async () => {
    const welcome = await standIn.ask("/start");
    expect(welcome.text).toContain("Welcome to Briefing.");
    const attendees = await standIn.ask("/attendees");
    expect(attendees.text).toContain("• Sergei Shoigu: defense minister, Russia");
    expect(attendees.entities).toContainEqual(expect.objectContaining({ type: "bold" }));
  });

  it("opens a deep link onto its answer", async () => {
    const answer = await standIn.ask("/start attendees");
    expect(answer.text).toContain("Did not attend");
  });

  it("replies in a group to the message that asked, and leaves other bots' commands alone", async () => {
    const group = chats.newsroom;
    standIn.userSends("/attendees@other_bot", { chat: group });
    const answer = await standIn.ask("/source@briefingbot", { chat: group });
    // One chat's updates are handled in order: the first command was done with before this answer.
    expect(standIn.sentTo(group.id)).toHaveLength(1);
    expect(answer.reply_to_message?.text).toBe("/source@briefingbot");
  });

  it("handles a button press: the callback answered, the chosen article's summary sent", async () => {
    const list = await standIn.ask("/articles");
    const label = (list.reply_markup?.inline_keyboard[2]?.[0] as { text: string }).text;
    const before = standIn.sentTo(users.reader.id).length;
    const press = standIn.pressButton(list, label);
    const callbackAnswer = await standIn.waitForCall("answerCallbackQuery", (p) => p.callback_query_id === press.callback_query?.id);
    expect(String(callbackAnswer.payload.text)).toMatch(/^Now asking about: /);
    const summary = await standIn.waitUntil(() => standIn.sentTo(users.reader.id)[before], "the summary");
    expect(summary.text?.length).toBeGreaterThan(100);
  });

  it("pages inline results 20 at a time, with unique ids", async () => {
    const first = standIn.inlineQuery("minister");
    const page1 = await standIn.waitForCall("answerInlineQuery", (p) => p.inline_query_id === first.inline_query?.id);
    expect(page1.payload.results).toHaveLength(20);
    expect(page1.payload.next_offset).toBe("20");
    const second = standIn.inlineQuery("minister", { offset: "20" });
    const page2 = await standIn.waitForCall("answerInlineQuery", (p) => p.inline_query_id === second.inline_query?.id);
    const results = page2.payload.results as Array<{ id: string }>;
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThanOrEqual(20);
    // The last page says so; any other points at the next.
    expect(page2.payload.next_offset).toBe(results.length < 20 ? "" : "40");
    const ids = [...(page1.payload.results as Array<{ id: string }>), ...results].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("gets its membership changes, and no channel posts", async () => {
    const membership = standIn.membershipChange(chats.channel, "administrator");
    const post = standIn.channelPost("/summary");
    await standIn.waitUntil(() => standIn.wasTaken(membership.update_id), "the membership update taken");
    expect(standIn.filtered).toContainEqual(post);
  });

  it("logs a refused call with its update, counts it, and goes on", async () => {
    standIn.fault("sendMessage", { error: 400, description: "Bad Request: chat not found" }, 1);
    const failing = standIn.userSends("/agenda");
    const logged = await bot.waitForLog((l) => l.msg === "update failed" && l.update_id === failing.update_id, "the failed update");
    expect(logged).toMatchObject({ update_type: "message", error: { kind: "bot_api", method: "sendMessage", error_code: 400 } });
    const next = await standIn.ask("/agenda");
    expect(next.text).toContain("Key item");
  });

  it("serves Prometheus metrics: updates by type, latency, errors, Bot API errors by code", async () => {
    // Sent so far: /start, /attendees, /start attendees, /attendees@other_bot, /source@briefingbot, /articles, /agenda twice.
    const handled = { message: 8, callback_query: 1, inline_query: 2, my_chat_member: 1 };
    const body = await metricsWhen(
      port,
      (text) => Object.entries(handled).every(([type, count]) => metric(text, `briefing_updates_total{type="${type}"}`) === count),
      "every update handled",
    );
    expect(metric(body, 'briefing_update_errors_total{type="message"}')).toBe(1);
    expect(metric(body, 'briefing_update_duration_seconds_count{type="message"}')).toBe(8);
    expect(metric(body, 'briefing_bot_api_errors_total{method="sendMessage",error_code="400"}')).toBe(1);
    expect(body).toContain('briefing_channel_posts_total{outcome="posted"} 0');
    expect(body).toContain("process_cpu_seconds_total");
  });

  it("stops on SIGTERM with exit code 0, confirming what it handled", async () => {
    bot.signal("SIGTERM");
    expect(await bot.exited).toEqual({ code: 0, signal: null });
    expect(bot.logs().at(-1)?.msg).toBe("stopped");
    expect(standIn.pending).toEqual([]);
  });
});
