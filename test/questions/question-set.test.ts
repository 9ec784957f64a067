import { describe, expect, it } from "vitest";
import { answerQuestionText } from "../../src/questions/answer-question";
import { answerText, loadQuestionSet, scoreAnswer } from "../support/question-set";
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

  it.each(entries.map((entry) => [`${entry.file}: ${entry.q}`, entry] as const))("%s", (_name, entry) => {
    if (!article) throw new Error("no article in test/fixtures/baku");
    const answer = answerText(answerQuestionText(article, entry.q).answer);
    expect({ question: entry.q, problems: scoreAnswer(entry, answer), answer }).toEqual({ question: entry.q, problems: [], answer });
  });
});
