import type { InlineKeyboardButton } from "grammy/types";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Article } from "../../src/content/article-schema";
import type { ApiCall } from "../../src/demo/local-bot-api";
import { htmlToText } from "../../src/render/html";
import { admin, channelFakeTimers, channelId, createChannelTestBot, manyArticles, userChat } from "../support/channel-fixtures";
import { loadRealArticles } from "../support/test-bot";

let real: Article;
beforeAll(async () => {
  [real] = (await loadRealArticles()) as [Article];
});
afterEach(() => {
  vi.useRealTimers();
});

const keyboardOf = (call: ApiCall | undefined) => ((call?.payload.reply_markup as { inline_keyboard?: InlineKeyboardButton[][] } | undefined)?.inline_keyboard ?? []);
const buttons = (call: ApiCall | undefined) => keyboardOf(call).flat().map((b) => [b.text, "callback_data" in b ? b.callback_data : ""]);
const sent = (calls: ApiCall[]) => calls.filter((c) => c.method === "sendMessage");
const text = (call: ApiCall | undefined) => htmlToText(String(call?.payload.text ?? ""));
const toast = (calls: ApiCall[]) => calls.find((c) => c.method === "answerCallbackQuery")?.payload.text;

/** The same /publish, Post now and Schedule, walked in each language: the words are the admin's, the button data the same. */
const languages = [
  {
    languageCode: "ru",
    list: "Публикация в канал. Выберите статью:",
    waiting: "ждёт админа (AUTOPOST выключен)",
    cancel: "Отмена",
    choice: "Выше — пост в том виде, в каком он выйдет в канале. Сейчас: ждёт админа (AUTOPOST выключен).",
    postNow: "Опубликовать",
    schedule: "Запланировать",
    earlier: "Эта кнопка от одного из прошлых сообщений.",
    onItsWay: (headline: string) => `Отправляю в @newsroom: «${headline}». Пришлю ссылку, как только пост выйдет.`,
    question: /^Когда опубликовать\? Время — по UTC\. Пришлите 2025-01-31 18:00/,
    unreadable: /^Не понял «когда-нибудь» как время\. Попробуйте /,
    never: "когда-нибудь",
    when: "завтра 09:30",
    scheduled: (headline: string) => `Запланировано: «${headline}» выйдет 1 февраля 2025 г. в 09:30 UTC.`,
    status: /^Канал @newsroom · AUTOPOST выключен\nнеясно: 0, не удалось: 0, отправляется: 0, на выходе: 0, запланировано: 1, придержано: 0, ждёт: 0, опубликовано: 1\n\n/,
    statusScheduled: "Запланировано\n• Story 2:",
    ended: "Этот /publish уже закончился. Отправьте /publish, чтобы начать заново.",
  },
  {
    languageCode: "en",
    list: "Publish to the channel. Choose an article:",
    waiting: "waiting for an admin (AUTOPOST is off)",
    cancel: "Cancel",
    choice: "Above: the post as it will appear in the channel. Now: waiting for an admin (AUTOPOST is off).",
    postNow: "Post now",
    schedule: "Schedule",
    earlier: "That button belongs to an earlier message.",
    onItsWay: (headline: string) => `On its way to @newsroom: “${headline}”. I will send you the link once it is posted.`,
    question: /^When should it go out\? Times are UTC\. Send 2025-01-31 18:00/,
    unreadable: /^I could not read “whenever” as a time\. Try /,
    never: "whenever",
    when: "tomorrow 09:30",
    scheduled: (headline: string) => `Scheduled: “${headline}” goes out at 1 February 2025 at 09:30 UTC.`,
    status: /^Channel @newsroom · AUTOPOST off\n0 uncertain, 0 failed, 0 sending, 0 going out, 1 scheduled, 0 held back, 0 waiting, 1 posted\n\n/,
    statusScheduled: "Scheduled\n• Story 2:",
    ended: "This /publish has ended. Send /publish to start again.",
  },
] as const;

describe.each(languages)("/publish for an admin whose Telegram is in $languageCode", (words) => {
  it("speaks the admin's language at every step of the conversation, and in /status", async () => {
    vi.useFakeTimers(channelFakeTimers);
    vi.setSystemTime(new Date("2025-01-31T15:20:00Z"));
    // Without the model's translations: two stories told apart by their headlines, as written.
    const [a, b] = manyArticles(real, 2).map(({ translations: _, ...article }) => article) as [Article, Article];
    const t = await createChannelTestBot({ articles: [a, b] });
    const chat = userChat({ ...admin, language_code: words.languageCode });

    // The list.
    const [list] = sent(await t.send(chat.message("/publish")));
    expect(text(list)).toContain(words.list);
    expect(text(list)).toContain(`• ${a.headline}: ${words.waiting}`);
    expect(buttons(list).at(-1)).toEqual([words.cancel, "pub:cancel"]);

    // The preview and the choice under it.
    const [preview, choice] = sent(await t.send(chat.press("pub:pick:story-001")));
    expect(preview?.payload.chat_id).toBe(admin.id);
    expect(text(choice)).toBe(words.choice);
    expect(buttons(choice)).toEqual([
      [words.postNow, "pub:now:story-001"],
      [words.schedule, "pub:schedule:story-001"],
      [words.cancel, "pub:cancel:story-001"],
    ]);
    // A button of the list, pressed again: told so in a toast.
    expect(toast(await t.send(chat.press("pub:pick:story-002")))).toBe(words.earlier);

    // Post now.
    const [done] = sent(await t.send(chat.press("pub:now:story-001"))).filter((c) => c.payload.chat_id === admin.id);
    expect(text(done)).toBe(words.onItsWay(a.headline));
    await t.channel.publisher.whenIdle();

    // A second /publish: Schedule, a time it cannot read, then one it can.
    await t.send(chat.message("/publish"));
    await t.send(chat.press("pub:pick:story-002"));
    const [question] = sent(await t.send(chat.press("pub:schedule:story-002")));
    expect(text(question)).toMatch(words.question);
    expect(buttons(question)).toEqual([[words.cancel, "pub:cancel:story-002"]]);
    expect(text(sent(await t.send(chat.message(words.never)))[0])).toMatch(words.unreadable);
    expect(sent(await t.send(chat.message(words.when))).map(text)).toEqual([words.scheduled(b.headline)]);
    expect(await t.channel.ledger.get("story-002")).toMatchObject({ state: "scheduled", scheduledAt: Date.parse("2025-02-01T09:30:00Z") });
    // The conversation is over: its buttons now say so, in the admin's language.
    expect(toast(await t.send(chat.press("pub:now:story-002")))).toBe(words.ended);

    // /status.
    const [status] = sent(await t.send(chat.message("/status")));
    expect(text(status)).toMatch(words.status);
    expect(text(status)).toContain(words.statusScheduled);
    expect(t.textsTo(channelId)).toHaveLength(1);
    await t.channel.close();
  });
});
