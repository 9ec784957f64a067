import { describe, expect, it } from "vitest";
import type { Article } from "../../src/content/article-schema";
import { languageOf } from "../../src/i18n/translate";
import { createLibrary } from "../../src/library/library";
import { answerQuestion } from "../../src/questions/answer-in-library";
import { answerQuestionText } from "../../src/questions/answer-question";
import { MESSAGE_LIMIT, htmlToText, packMessages } from "../../src/render/html";
import { answerText, loadQuestionSet } from "../support/question-set";
import { loadRealArticles } from "../support/test-bot";

const [article] = (await loadRealArticles()) as [Article];
const russian = languageOf("ru");
const english = languageOf("en");

/** The first message of the answer, as the reader sees it. */
const lead = (question: string, language = russian) => answerText(answerQuestionText(article, question, language).answer).split("\n\n")[0] ?? "";

describe("answers framed in the reader's language", () => {
  it("a Russian reader asking in English gets Russian framing, the article's Russian names and countries", () => {
    expect(lead("who attended?")).toBe(
      "В статье названы участники заседания: Сергей Шойгу (Россия), Андрей Равков (Белоруссия), Нурлан Ермекбаев (Казахстан), Баходир Курбанов (Узбекистан), Мирзо Шерали (Таджикистан), Райымберди Дуйшенбиев (Киргизия) и Сергей Лебедев (Исполнительный комитет СНГ).",
    );
    expect(lead("who is shoigu")).toBe("Сергей Шойгу — министр обороны (Россия).");
  });

  it("an English reader asking in Russian gets English framing and the names as the article writes them", () => {
    expect(lead("кто присутствовал?", english)).toBe(
      "The article names people at the meeting: Sergei Shoigu (Russia), Andrei Ravkov (Belarus), Nurlan Yermekbayev (Kazakhstan), Bakhodir Kurbanov (Uzbekistan), Mirzo Sherali (Tajikistan), Rayimberdi Duishenbiev (Kyrgyzstan) and Sergey Lebedev (CIS Executive Committee).",
    );
    expect(lead("кто такой Шойгу?", english)).toBe("Sergei Shoigu is Russia's defense minister.");
  });

  it("yes and no in Russian, the article's own words verbatim after them", () => {
    expect(lead("was armenia there")).toBe("Нет: Armenia refused to attend the Baku summit.");
    expect(lead("did lebedev attend")).toBe("Да: Сергей Лебедев, председатель Исполнительного комитета — исполнительный секретарь СНГ, — среди участников.");
    expect(lead("was Armenia there?", english)).toBe("No: Armenia refused to attend the Baku summit.");
  });

  it("the evidence under a Russian answer is framed in Russian too: headings of attendees, agenda, people and source", () => {
    const whole = (question: string) => answerText(answerQuestionText(article, question, russian).answer);
    expect(whole("был ли там министр обороны Армении?")).toContain("Не присутствовали\n• Армения: “Armenia refused to attend the Baku summit.”");
    for (const question of ["был ли там министр обороны Армении?", "что случилось?", "что обсуждали?", "кто такой Лебедев?", "откуда эта статья?"]) {
      expect(whole(question), question).not.toMatch(/Did not attend|Who attended|What was discussed|Source:|Organisation:|Also spelt/);
    }
  });

  it("what the article does not cover, in Russian", () => {
    expect(lead("was putin there")).toBe("В статье нет слов «putin». /help покажет, на что я могу ответить.");
    expect(lead("how long did the meeting last")).toBe("В статье не сказано, сколько длилось заседание.");
    expect(lead("how long did the meeting last", english)).toBe("The article does not say how long the meeting lasted.");
  });

  it("counts with Russian plurals, dates as Russians write them", () => {
    expect(lead("how many statements are there")).toBe("В статье 8 заявлений: прямых цитат — 3, в пересказе — 5.");
    expect(lead("how many statements did shoigu make")).toBe("В статье 1 заявление (говорит Сергей Шойгу): прямых цитат — 1, в пересказе — 0.");
    expect(lead("how many countries attended")).toBe("6 стран прислали своих представителей: Россия, Белоруссия, Казахстан, Узбекистан, Таджикистан и Киргизия.");
    expect(lead("when was it")).toBe(
      "77-е заседание Совета министров обороны государств — участников СНГ — Баку, Азербайджан, 30 октября 2019 г. (дата статьи; в тексте сказано «was held in Baku today»).",
    );
    expect(lead("when was it", english)).toContain("on 30 October 2019");
  });

  it("agenda items in the editor's translation, quotes never translated", () => {
    expect(lead("what was the main topic")).toBe("Главный вопрос: Концепция военного сотрудничества государств — участников СНГ на период до 2025 года.");
    const said = lead("what did lebedev say");
    expect(said).toContain("Что сказал Сергей Лебедев:");
    expect(said).toContain("Сергей Лебедев: “It is deplorable that since our last meeting in Anapa city");
    expect(said).toContain("Сергей Лебедев, в пересказе: He said that certain countries");
  });

  it("the same question is cached per language: an English answer never reaches a Russian reader", () => {
    const library = createLibrary([article]);
    const en = answerQuestion(library, article, "who opened the meeting?", english);
    const ru = answerQuestion(library, article, "who opened the meeting?", russian);
    expect(htmlToText(en.answer.blocks[0]?.value ?? "")).toMatch(/^Sergei Shoigu opened the meeting: /);
    expect(htmlToText(ru.answer.blocks[0]?.value ?? "")).toMatch(/^Кто открыл заседание: Сергей Шойгу\. /);
    expect(answerQuestion(library, article, "who opened the meeting?", russian)).toBe(ru);
  });

  it("every answer of the public set, in both languages, fits Telegram's messages with balanced HTML", async () => {
    const entries = await loadQuestionSet("test/fixtures/questions");
    for (const language of [english, russian]) {
      for (const entry of entries) {
        for (const message of packMessages(answerQuestionText(article, entry.q, language).answer.blocks)) {
          expect(htmlToText(message).length).toBeLessThanOrEqual(MESSAGE_LIMIT);
          const open: string[] = [];
          for (const [, closing, name] of message.matchAll(/<(\/?)([a-z]+)[^>]*>/g)) {
            if (closing) expect(open.pop(), entry.q).toBe(name);
            else open.push(name ?? "");
          }
          expect(open, entry.q).toEqual([]);
        }
      }
    }
  });
});
