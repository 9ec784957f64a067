/**
 * The bot as `npm start` runs it, against the Bot API stand-in: a reader whose
 * Telegram is Russian meets a Russian bot (menu, descriptions, answers),
 * switches to English with /language, and is still answered in English after
 * the bot restarts on the same DATA_DIR.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { User } from "grammy/types";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BotApiStandIn } from "../support/bot-api-stand-in";
import { e2eToken, startBot, type BotProcess } from "../support/bot-process";

const irina: User = { id: 4201, is_bot: false, first_name: "Ирина", language_code: "ru" };

let standIn: BotApiStandIn;
let bot: BotProcess | undefined;
const dataDir = mkdtempSync(join(tmpdir(), "briefing-e2e-language-"));

async function start(): Promise<void> {
  bot = startBot({ BOT_TOKEN: e2eToken, BOT_API_ROOT: standIn.apiRoot, PORT: "0", DATA_DIR: dataDir });
  await bot.waitForLog((l) => l.msg === "taking updates", "start-up");
}

beforeAll(async () => {
  standIn = await BotApiStandIn.start({ token: e2eToken });
  await start();
}, 30_000);

afterEach(() => {
  expect(standIn.violations).toEqual([]);
});

afterAll(async () => {
  await bot?.kill();
  await standIn.close();
});

describe("a Russian reader", () => {
  it("has a Russian menu, description and short description; everyone else the English ones", () => {
    const ru = standIn.menus.get("ru");
    const en = standIn.menus.get("");
    expect(ru?.commands).toContainEqual({ command: "attendees", description: "Кто присутствовал, а кто нет" });
    expect(ru?.commands).toContainEqual({ command: "language", description: "Язык: русский или английский" });
    expect(en?.commands).toContainEqual({ command: "attendees", description: "Who attended, and who did not" });
    expect(ru?.commands?.map((c) => c.command)).toEqual(en?.commands?.map((c) => c.command));
    expect(ru?.description).toMatch(/^Briefing отвечает на вопросы о новости/);
    expect(ru?.shortDescription).toMatch(/^Кто присутствовал, что обсуждали/);
    expect(en?.description).toMatch(/^Briefing answers questions about a news story/);
    expect(en?.shortDescription).toMatch(/^Who attended, what was discussed/);
  });

  it("gets /start, /help, /attendees and /quotes in Russian", async () => {
    const welcome = await standIn.ask("/start", { from: irina });
    expect(welcome.text).toContain("Добро пожаловать в Briefing.");
    expect(welcome.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(["Кратко", "Участники", "Повестка", "Цитаты"]);
    const help = await standIn.ask("/help", { from: irina });
    expect(help.text).toContain("/quotes — Кто что сказал (добавьте имя, чтобы выбрать одного)");
    const attendees = await standIn.ask("/attendees", { from: irina });
    expect(attendees.text).toContain("Кто присутствовал");
    expect(attendees.text).toContain("30 октября 2019 г.");
    expect(attendees.text).toContain("Не присутствовали\n• Армения");
    const quotes = await standIn.ask("/quotes", { from: irina });
    expect(quotes.text).toContain("Кто что сказал");
    expect(quotes.text).toContain("Сергей Лебедев, прямая речь:");
  });

  it("switches to English with /language, and is remembered after a restart", { timeout: 30_000 }, async () => {
    const choice = await standIn.ask("/language", { from: irina });
    expect(choice.text).toBe("Я говорю с вами по-русски. Выберите язык ответов:");
    const before = standIn.sentTo(irina.id).length;
    standIn.pressButton(choice, "English", irina);
    const confirmed = await standIn.waitUntil(() => standIn.sentTo(irina.id)[before], "the confirmation");
    expect(confirmed.text).toContain("From now on I answer you in English, in every chat");
    expect((await standIn.ask("/attendees", { from: irina })).text).toContain("Who attended");

    // A stop as systemd makes one (SIGTERM): the updates handled are confirmed, so the new process gets none of them again.
    bot?.signal("SIGTERM");
    await bot?.exited;
    await start();
    expect((await standIn.ask("/attendees", { from: irina })).text).toContain("Who attended");
    expect((await standIn.ask("/help", { from: irina })).text).toContain("/quotes: Who said what");
  });
});
