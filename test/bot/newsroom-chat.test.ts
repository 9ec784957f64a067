import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/create-bot";
import { createMemoryChatArticleStore } from "../../src/bot/chat-articles";
import { createLiveContent } from "../../src/library/live-content";
import { localBotInfo } from "../../src/demo/local-bot-api";
import { createFileArticleStore } from "../../src/newsroom/article-store";
import { createNewsroom } from "../../src/newsroom/newsroom";
import { htmlToText } from "../../src/render/html";
import { createRecordedBotApi, testToken, userChat } from "../support/test-bot";

const logger = pino({ level: "silent" });
const editor = { id: 43, is_bot: false, first_name: "Editor" } as const;
const stranger = { id: 44, is_bot: false, first_name: "Stranger" } as const;
const russianEditor = { id: 45, is_bot: false, first_name: "Редактор", language_code: "ru" } as const;
const lavrov = await readFile("test/fixtures/articles/lavrov-motegi-eight-hours.txt", "utf8");

/** The bot with a newsroom over an empty folder, no channel; `editor` is its one admin. */
async function newsroomBot() {
  const dir = await mkdtemp(join(tmpdir(), "briefing-newsroom-chat-"));
  const { calls, fetch } = createRecordedBotApi();
  const notifier = { notifyAdmins: async () => {}, notifyAdmin: async () => {} };
  const live = createLiveContent({ dir, logger, notifier, intervalMs: 60_000 });
  await live.load();
  const newsroom = createNewsroom({ store: createFileArticleStore(dir), reload: live.reload, loaded: live.loaded, problems: live.problems, logger, today: () => "2019-12-19" });
  const fetched: string[] = [];
  const bot = createBot(
    testToken,
    {
      library: live.library,
      chatArticles: createMemoryChatArticleStore(),
      logger,
      newsroom: { adminIds: new Set([editor.id, russianEditor.id]), newsroom, download: async (id) => (fetched.push(id), Buffer.from("")) },
    },
    { botConfig: { botInfo: localBotInfo, client: { fetch } } },
  );
  /** What `user` saw for one update: the messages' text, and the buttons' labels. */
  const send = async (update: Parameters<typeof bot.handleUpdate>[0]) => {
    const before = calls.length;
    await bot.handleUpdate(update);
    const sent = calls.slice(before).filter((call) => call.method === "sendMessage");
    return {
      text: sent.map((call) => htmlToText(String(call.payload.text))).join("\n\n"),
      buttons: sent.flatMap((call) => ((call.payload.reply_markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined)?.inline_keyboard ?? []).flat()),
    };
  };
  return { dir, send, fetched };
}

describe("the newsroom in an admin's private chat (no channel)", () => {
  it("drafts a pasted article: its preview without Approve and post; Approve makes it the article readers get", async () => {
    const { dir, send } = await newsroomBot();
    const preview = await send(userChat(editor).message(lavrov));
    expect(preview.text).toContain("New draft: your text");
    expect(preview.text).toContain("• Toshimitsu Motegi: counterpart, Japan");
    expect(preview.text).toContain("• Atsushi Kaifu: “An informal dinner was held yesterday evening");
    expect(preview.buttons.map((b) => b.text)).toEqual(["Approve", "Edit", "Discard"]);
    expect(await readdir(dir)).toEqual(["russian-japanese-foreign-ministers-spent.yaml"]);
    expect((await send(userChat(stranger).message("/attendees"))).text).toContain("There is no article here yet");
    const approve = preview.buttons.find((b) => b.text === "Approve")?.callback_data ?? "";
    expect((await send(userChat(editor).press(approve))).text).toBe(
      "Live: “Russian, Japanese Foreign Ministers Spent Over 8 Hours Together Over Past Two Days - Tokyo” is answered from and offered inline now.",
    );
    expect((await send(userChat(stranger).message("/quotes"))).text).toContain("An informal dinner was held yesterday evening");
    expect((await send(userChat(editor).press(approve))).text).toContain("was already live");
  });

  it("speaks Russian to an editor whose Telegram is Russian: the preview, its buttons, approval, the drafts", async () => {
    const { send } = await newsroomBot();
    const preview = await send(userChat(russianEditor).message(lavrov));
    expect(preview.text).toContain("Новый черновик: ваш текст");
    expect(preview.text).toMatch(/\d+ (абзац|абзаца|абзацев) · id russian-japanese-foreign-ministers-spent/);
    expect(preview.text).toContain("Люди\n• Sergey Lavrov: Foreign Minister, Russia");
    expect(preview.text).toContain("Присутствовали: не найдено\n\nЦитаты\n");
    expect(preview.text).toContain("Toshimitsu Motegi (в пересказе): today's talks");
    expect(preview.text).toMatch(/Проверить \(\d+\)/);
    expect(preview.text).toContain("19 декабря 2019 г.");
    expect(preview.buttons.map((b) => b.text)).toEqual(["Одобрить", "Править", "Удалить"]);
    const approve = preview.buttons.find((b) => b.text === "Одобрить")?.callback_data ?? "";
    expect((await send(userChat(russianEditor).press(approve))).text).toBe(
      "Опубликовано: по статье «Russian, Japanese Foreign Ministers Spent Over 8 Hours Together Over Past Two Days - Tokyo» я отвечаю и предлагаю её во встроенном режиме.",
    );
    const drafts = await send(userChat(russianEditor).message("/articles"));
    expect(drafts.text).toContain("Черновики: нет. Пришлите ссылку, текст статьи или файл статьи, чтобы добавить.");
  });

  it("leaves an admin's short question to the question answering, and a stranger's link and buttons do nothing", async () => {
    const { dir, send, fetched } = await newsroomBot();
    expect((await send(userChat(editor).message("who attended?"))).text).toContain("There is no article here yet");
    expect(await readdir(dir)).toEqual([]);
    expect((await send(userChat(stranger).message("http://127.0.0.1:9/article.html"))).text).toContain("There is no article here yet");
    const forged = await send(userChat(stranger).press("news:approve:anything"));
    expect(forged.text).toBe("");
    expect(fetched).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
  });

  it("answers an admin's link that cannot be fetched with a sentence, and keeps nothing", async () => {
    const { dir, send } = await newsroomBot();
    const answer = await send(userChat(editor).message("http://127.0.0.1:9/article.html"));
    expect(answer.text).toMatch(/^I could not fetch http:\/\/127\.0\.0\.1:9\/article\.html: .+\.$/);
    expect(await readdir(dir)).toEqual([]);
  });
});
