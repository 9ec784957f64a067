import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answerQuestionText } from "../../src/questions/answer-question";
import { languageOf } from "../../src/i18n/translate";

const english = languageOf("en");
import { htmlToText, packMessages } from "../../src/render/html";
import { answerText, normaliseForScoring, scoreAnswer, type QuestionEntry } from "../support/question-set";
import { loadRealArticles } from "../support/test-bot";

const [article] = await loadRealArticles();

describe("any text is a question", () => {
  it("gets an answer with a lead, never an exception or broken HTML", () => {
    if (!article) throw new Error("no article");
    const words = fc.constantFrom("who", "was", "armenia", "there", "кто", "Лебедев", "<b>", "&amp;", "said", "not", "the", "2019", "NATO", "?", "Азербайджана", "shoigus", "'s", "😀", "\u202e");
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.array(words, { maxLength: 30 }).map((w) => w.join(" "))), (text) => {
        const { answer } = answerQuestionText(article, text, english);
        const [lead] = answer.blocks;
        expect(htmlToText(lead?.value ?? "").trim()).not.toBe("");
        for (const message of packMessages(answer.blocks)) expect(message).not.toMatch(/<(?!\/?(b|i|blockquote|a)\b)/);
      }),
      { numRuns: 300 },
    );
  });

  it("echoes a reader's words escaped", () => {
    if (!article) throw new Error("no article");
    const { answer } = answerQuestionText(article, "was <script>alert(1)</script> discussed", english);
    expect(answer.blocks.map((b) => b.value).join("")).not.toContain("<script>");
  });
});

describe("the scoring of the question set", () => {
  const entry = (over: Partial<QuestionEntry>): QuestionEntry => ({ q: "q", lang: "en", kind: "attendance", first: [], not: [], never: [], file: "t.yaml", ...over });

  it("reads only the lead for first and not, the whole answer for never", () => {
    const text = "No: Armenia refused to attend the Baku summit.\n\nSergei Shoigu attended.";
    expect(scoreAnswer(entry({ yes: false, first: ["Armenia refused"], not: ["Shoigu"] }), text)).toEqual([]);
    expect(scoreAnswer(entry({ first: ["Shoigu"] }), text)).toEqual(['lead lacks "Shoigu"']);
    expect(scoreAnswer(entry({ never: ["Shoigu"] }), text)).toEqual(['answer has "Shoigu"']);
    expect(scoreAnswer(entry({ yes: true }), text)).toEqual(['lead should start with "Yes"']);
  });

  it("holds not-covered and unknown answers to their openings", () => {
    expect(scoreAnswer(entry({ kind: "not-covered" }), "Andrei Ravkov is Belarus's defense minister.")).toEqual(['lead should start with "The article does not"']);
    expect(scoreAnswer(entry({ kind: "unknown" }), "Hello.\n\nSee /help")).toEqual(["lead should point to /help"]);
  });

  it("treats curly and straight quotes, case and runs of spaces alike", () => {
    expect(normaliseForScoring("Hasn’t  CHANGED\n“x”")).toBe(`hasn't changed "x"`);
    expect(answerText({ blocks: [] })).toBe("");
  });
});
