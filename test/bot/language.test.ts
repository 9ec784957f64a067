import type { InlineQueryResultArticle, Update, User } from "grammy/types";
import { beforeAll, describe, expect, it } from "vitest";
import type { Article } from "../../src/content/article-schema";
import { htmlToText } from "../../src/render/html";
import type { ApiCall } from "../../src/demo/local-bot-api";
import { checkBotApiCall } from "../support/telegram-checks";
import { createTestBot, group, loadRealArticles, userChat } from "../support/test-bot";

let articles: Article[];
beforeAll(async () => {
  articles = await loadRealArticles();
});

const russian: User = { id: 501, is_bot: false, first_name: "Ирина", language_code: "ru" };
const ukrainian: User = { id: 502, is_bot: false, first_name: "Олена", language_code: "uk" };
const english: User = { id: 503, is_bot: false, first_name: "Emma", language_code: "en" };
const unknown: User = { id: 504, is_bot: false, first_name: "Anon" };

let inlineId = 0;
function inlineFrom(user: User, query: string): Update {
  inlineId += 1;
  return { update_id: 900_000 + inlineId, inline_query: { id: `q${inlineId}`, from: user, query, offset: "", chat_type: "sender" } };
}

/** The texts a reader sees in the calls: messages (tags dropped), callback notifications, inline titles and messages, buttons. */
function seen(calls: readonly ApiCall[]): string {
  return calls
    .flatMap((call) => {
      const p = call.payload;
      const markup = p.reply_markup as { inline_keyboard?: Array<Array<{ text: string }>> } | undefined;
      const buttons = (markup?.inline_keyboard ?? []).flat().map((b) => `[${b.text}]`);
      if (call.method === "answerInlineQuery") {
        const results = p.results as InlineQueryResultArticle[];
        const button = p.button as { text: string } | undefined;
        return [
          ...results.flatMap((r) => [r.title, r.description ?? "", htmlToText((r.input_message_content as { message_text: string }).message_text), ...(r.reply_markup?.inline_keyboard.flat().map((b) => `[${b.text}]`) ?? [])]),
          button ? `[${button.text}]` : "",
        ];
      }
      return [typeof p.text === "string" ? htmlToText(p.text) : "", ...buttons];
    })
    .join("\n");
}

/** Every kind of answer, as `user` asks for it: commands, buttons, inline, errors. */
async function everyAnswer(user: User, library: Article[] = articles): Promise<{ kind: string; calls: ApiCall[] }[]> {
  const t = await createTestBot(library);
  const chat = userChat(user);
  const asked: Array<[string, Update]> = [
    ["/start", chat.message("/start")],
    ["/start with a bad link", chat.message("/start nonsense")],
    ["/start attendees", chat.message("/start attendees")],
    ["/help", chat.message("/help")],
    ["/summary", chat.message("/summary")],
    ["/attendees", chat.message("/attendees")],
    ["/agenda", chat.message("/agenda")],
    ["/quotes", chat.message("/quotes")],
    ["/quotes lebedev", chat.message("/quotes lebedev")],
    ["/quotes nobody", chat.message("/quotes nobodyatall")],
    ["/who", chat.message("/who")],
    ["/who lebedev", chat.message("/who lebedev")],
    ["/who nobody", chat.message("/who nobodyatall")],
    ["/source", chat.message("/source")],
    ["/articles", chat.message("/articles")],
    ["/language", chat.message("/language")],
    ["an unknown command", chat.message("/frobnicate")],
    ["a question", chat.message("who attended?")],
    ["the Attendees button", chat.press("topic:attendees")],
    ["a person's button", chat.press("who:sergey-lebedev")],
    ["a person gone", chat.press("who:nobody")],
    ["an article gone", chat.press("article:gone-article")],
    ["a stale button", chat.press("topic:nonsense")],
    ["a forged button", chat.press("whatever")],
    ["a button in someone else's chat", { update_id: 1, callback_query: { id: "x1", from: user, chat_instance: "c", data: "topic:summary", inline_message_id: "im1" } }],
    ["inline, empty", inlineFrom(user, "")],
    ["inline, a name", inlineFrom(user, "shoigu")],
    ["inline, a word", inlineFrom(user, "armenia")],
    ["inline, nothing found", inlineFrom(user, "zzzqqqxxx")],
    ["inline, a question", inlineFrom(user, "who attended")],
  ];
  const out: { kind: string; calls: ApiCall[] }[] = [];
  for (const [kind, update] of asked) out.push({ kind, calls: await t.send(update) });
  return out;
}

describe("the reader's language", () => {
  it("is Russian for language_code ru: /start, /help, /attendees, /quotes, /who, buttons and errors", async () => {
    const answers = await everyAnswer(russian);
    const text = (kind: string) => seen(answers.find((a) => a.kind === kind)?.calls ?? []);
    expect(text("/start")).toContain("Добро пожаловать в Briefing. Я отвечаю на вопросы о новости");
    expect(text("/start")).toContain("Сейчас в работе: Совет министров обороны СНГ собрался на гостеприимной земле Азербайджана");
    expect(text("/start")).toContain("[Кратко]\n[Участники]\n[Повестка]\n[Цитаты]");
    expect(text("/start with a bad link")).toContain("Эта ссылка не ведёт ни к одному из моих ответов");
    expect(text("/help")).toContain("/attendees — Кто присутствовал, а кто нет");
    expect(text("/help")).toContain("/language — Язык: русский или английский");
    expect(text("/help")).toContain("В любом другом чате наберите @briefingbot");
    expect(text("/attendees")).toContain("Кто присутствовал\n77-е заседание Совета министров обороны государств — участников СНГ, Баку, Азербайджан, 30 октября 2019 г.");
    expect(text("/attendees")).toContain("• Сергей Шойгу: министр обороны, Россия");
    expect(text("/attendees")).toContain("Не присутствовали\n• Армения: “Armenia refused to attend the Baku summit.”");
    expect(text("/quotes")).toContain("Кто что сказал");
    expect(text("/quotes")).toContain("Сергей Лебедев, прямая речь:\n“It is deplorable");
    expect(text("/quotes lebedev")).toContain("Высказывания: Сергей Лебедев");
    expect(text("/quotes nobody")).toContain("В этой статье нет человека по имени «nobodyatall».");
    expect(text("/who lebedev")).toMatch(/В статье: \d+ (прямая цитата|прямые цитаты|прямых цитат), \d+ (заявление|заявления|заявлений) в пересказе/);
    expect(text("/who")).toContain("Кого вы имеете в виду? Добавьте имя, например: /who Сергей Шойгу");
    expect(text("/summary")).toContain("Присутствовали: Сергей Шойгу");
    expect(text("/summary")).toContain("Источник: ");
    expect(text("/agenda")).toContain("Что обсуждали");
    expect(text("/articles")).toContain("Статьи (1). Выберите, о какой спрашивать:");
    expect(text("/articles")).toContain("(30 октября 2019 г.)");
    expect(text("/language")).toContain("Я говорю с вами по-русски. Выберите язык ответов:\n[English]\n[✓ Русский]");
    expect(text("an unknown command")).toBe("Такой команды я не знаю. Что я умею: /help.");
    expect(text("a person gone")).toBe("Этого человека нет в текущей статье. Отправьте /who с именем.");
    expect(text("an article gone")).toBe("Этой статьи больше нет. Актуальный список: /articles.");
    expect(text("a stale button")).toBe("Эта кнопка больше не работает. Отправьте /help.");
    expect(text("a button in someone else's chat")).toBe("Чтобы увидеть это, откройте чат со мной: отправьте мне /help.");
    expect(text("inline, empty")).toContain("Кратко: Совет министров обороны СНГ");
    expect(text("inline, empty")).toContain("Кто присутствовал\n2019-10-30, Совет министров обороны СНГ");
    expect(text("inline, empty")).toContain("[Спросить Briefing]");
    expect(text("inline, empty")).toContain("[Открыть Briefing]");
    expect(text("inline, a name")).toMatch(/Прямая речь · 2019-10-30|В пересказе · 2019-10-30/);
    expect(text("inline, nothing found")).toContain("[В статьях ничего не нашлось. Спросите Briefing]");
    // No English of the bot's own left in the Russian answers (the article's own words excepted). Plain
    // questions get their framing from src/questions/, which learns Russian on its own branch.
    for (const { kind, calls } of answers.filter((a) => !a.kind.endsWith("a question"))) {
      const own = seen(calls).replace(/[“"][^”"]*[”"]/g, "");
      for (const english of ["Who attended", "Did not attend", "Welcome", "direct quote", "reported speech", "Send /help", "Try /summary", "Source:", "Open Briefing", "Ask Briefing"]) {
        expect(own, `${kind}: ${english}`).not.toContain(english);
      }
    }
  });

  it("is Russian for the CIS languages that read it (uk), English for en and for no language_code, as before", async () => {
    const [uk, en, none] = await Promise.all([ukrainian, english, unknown].map(async (user) => {
      const t = await createTestBot(articles);
      return seen(await t.send(userChat(user).message("/attendees")));
    }));
    expect(uk).toContain("Кто присутствовал");
    for (const text of [en, none]) {
      expect(text).toContain("Who attended\n77th meeting of the Council of Defense Ministers of the CIS, Baku, Azerbaijan, 30 October 2019");
      expect(text).toContain("Did not attend\n• Armenia");
    }
  });

  it("keeps every answer of every kind within Telegram's limits, in both languages", async () => {
    let checked = 0;
    for (const user of [russian, english]) {
      for (const { kind, calls } of await everyAnswer(user)) {
        expect(calls.length, `${user.language_code}: ${kind} got no answer`).toBeGreaterThan(0);
        for (const call of calls) {
          expect(checkBotApiCall(call.method, call.payload, "briefingbot"), `${user.language_code}: ${kind}: ${call.method}`).toEqual([]);
          checked += 1;
        }
      }
      // With no article yet: the polite word, in the reader's language.
      for (const { kind, calls } of await everyAnswer(user, [])) {
        for (const call of calls) expect(checkBotApiCall(call.method, call.payload, "briefingbot"), `empty, ${user.language_code}: ${kind}`).toEqual([]);
      }
    }
    expect(checked).toBeGreaterThan(60);
  });

  it("says there is no article yet in the reader's language", async () => {
    const t = await createTestBot([]);
    expect(seen(await t.send(userChat(russian).message("/attendees")))).toContain("Статей здесь пока нет: редакция ещё ничего не опубликовала.");
    expect(seen(await t.send(userChat(english).message("/attendees")))).toContain("There is no article here yet");
  });

  it("answers each person in a group in their own language", async () => {
    const t = await createTestBot(articles);
    expect(seen(await t.send(userChat(russian).message("/attendees@briefingbot", group)))).toContain("Кто присутствовал");
    expect(seen(await t.send(userChat(english).message("/attendees@briefingbot", group)))).toContain("Who attended");
  });
});

describe("/language", () => {
  it("switches a Russian reader to English, for every answer after, and back", async () => {
    const t = await createTestBot(articles);
    const chat = userChat(russian);
    const pressed = await t.send(chat.press("lang:en"));
    expect(pressed.map((c) => c.method)).toEqual(["answerCallbackQuery", "sendMessage"]);
    expect(pressed[0]?.payload.text).toBe("I will answer you in English.");
    expect(seen(pressed.slice(1))).toContain("From now on I answer you in English, in every chat; /language changes it.");
    expect(seen(await t.send(chat.message("/attendees")))).toContain("Who attended");
    expect(seen(await t.send(inlineFrom(russian, "")))).toContain("Summary: Council of CIS Defense Ministers");
    expect(seen(await t.send(chat.message("/language")))).toContain("I speak English to you. Choose the language I answer you in:\n[✓ English]\n[Русский]");
    const back = await t.send(chat.press("lang:ru"));
    expect(back[0]?.payload.text).toBe("Буду отвечать вам по-русски.");
    expect(seen(await t.send(chat.message("/attendees")))).toContain("Кто присутствовал");
  });

  it("lets an English reader choose Russian, and refuses a language it does not speak", async () => {
    const t = await createTestBot(articles);
    const chat = userChat(english);
    await t.send(chat.press("lang:ru"));
    expect(seen(await t.send(chat.message("/help")))).toContain("Что я умею");
    const refused = await t.send(chat.press("lang:de"));
    expect(refused.map((c) => [c.method, c.payload.text])).toEqual([["answerCallbackQuery", "Эта кнопка больше не работает. Отправьте /help."]]);
  });
});
