/**
 * Plain questions, old answerer against new, in one run: `npx tsx bench/question-bench.ts`.
 * Times each over the same questions, alternating, and prints the median of the runs per
 * question and the ratio new / old (below 1: the new one is faster). Two mixes: the four
 * questions the per-update bench row cycles through (asked again and again, as a burst of
 * readers would), and the whole public question set (each asked once per round, so the new
 * answerer's cache of answers is bypassed with `answerQuestionText`). A script, not a test.
 */
import { languageOf } from "../src/i18n/translate";
import { loadContent } from "../src/content/load-content";
import { createLibrary } from "../src/library/library";
import { answerQuestion } from "../src/questions/answer-in-library";
import { answerQuestionText } from "../src/questions/answer-question";
import { loadQuestionSet } from "../test/support/question-set";
import { oldAnswerQuestion } from "./old-answer-question";
import { spread } from "./bench-stats";

const content = await loadContent("test/fixtures/baku");
if (!content.ok) throw new Error(content.problems.join("\n"));
const library = createLibrary(content.articles);
const [article] = content.articles;
if (!article) throw new Error("no article");

const rowQuestions = ["who attended?", "what did Lebedev say?", "what was discussed?", "shoigu"];
const setQuestions = (await loadQuestionSet("test/fixtures/questions")).map((entry) => entry.q);

/** Microseconds per question over `rounds` passes of `questions`. */
function time(answer: (question: string) => unknown, questions: readonly string[], rounds: number): number {
  const start = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) for (const question of questions) answer(question);
  return Number(process.hrtime.bigint() - start) / 1000 / (rounds * questions.length);
}

function compare(name: string, questions: readonly string[], rounds: number, fresh: boolean): void {
  const old = (q: string) => oldAnswerQuestion(library, article as never, q);
  const current = fresh ? (q: string) => answerQuestionText(article as never, q, languageOf("en")) : (q: string) => answerQuestion(library, article as never, q, languageOf("en"));
  time(old, questions, rounds);
  time(current, questions, rounds);
  const olds: number[] = [];
  const news: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < 9; i++) {
    const o = time(old, questions, rounds);
    const n = time(current, questions, rounds);
    olds.push(o);
    news.push(n);
    ratios.push(n / o);
  }
  const f = (x: number) => x.toFixed(1).padStart(7);
  console.log(`${name.padEnd(44)} old ${f(spread(olds).median)} µs   new ${f(spread(news).median)} µs   new/old ${spread(ratios).median.toFixed(2)}`);
}

console.log(`median of 9 alternating runs, µs per question (${new Date().toISOString()})`);
compare("bench row's 4 questions, asked again and again", rowQuestions, 2000, false);
compare(`public set, ${setQuestions.length} questions, new one uncached`, setQuestions, 20, true);
