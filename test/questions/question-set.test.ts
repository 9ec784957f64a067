import { describe, expect, it } from "vitest";
import { languageOf } from "../../src/i18n/translate";
import { answerQuestionText } from "../../src/questions/answer-question";
import { answerText, framingFor, loadQuestionSet, scoreAnswer } from "../support/question-set";
import { loadRealArticles } from "../support/test-bot";

/** The public question set, one case per question: a miss names the question and shows the answer given. */
const entries = await loadQuestionSet("test/fixtures/questions");
const [article] = await loadRealArticles();

describe("the public question set", () => {
  it("has at least 200 questions, 150 English and 50 Russian, 40 about what the article does not cover", () => {
    expect(entries.length).toBeGreaterThanOrEqual(200);
    expect(entries.filter((e) => e.lang === "en").length).toBeGreaterThanOrEqual(150);
    expect(entries.filter((e) => e.lang === "ru").length).toBeGreaterThanOrEqual(50);
    expect(entries.filter((e) => e.kind === "not-covered").length).toBeGreaterThanOrEqual(40);
  });

  // Every question twice: for an English reader, and for a Russian one (Russian framing, the article's Russian names).
  const cases = (["en", "ru"] as const).flatMap((locale) => entries.map((entry) => [`${locale} framing, ${entry.file}: ${entry.q}`, locale, entry] as const));
  it.each(cases)("%s", (_name, locale, entry) => {
    if (!article) throw new Error("no article in test/fixtures/baku");
    const answer = answerText(answerQuestionText(article, entry.q, languageOf(locale)).answer);
    const problems = scoreAnswer(entry, answer, framingFor(article, locale));
    expect({ question: entry.q, problems, answer }).toEqual({ question: entry.q, problems: [], answer });
  });
});
