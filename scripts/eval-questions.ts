/**
 * The question sets: every question of `test/fixtures/questions/`, of the second set
 * `questions-second/` (written apart from the code, to learn from) and of the held-out
 * `questions-unseen/`, when it is there, answered through the question module over the
 * Baku fixture article, scored as QUESTION-SET-FORMAT.md says, twice: framed for an English
 * reader and for a Russian one (a fact may then be in the article's Russian translation).
 * Prints accuracy by kind and by language and every miss with the answer given; true when
 * the public set is all right in both framings. `npm run eval -- questions en` runs one framing.
 */
import { loadContent } from "../src/content/load-content";
import { isLocale, locales, type Locale } from "../src/i18n/locale";
import { languageOf } from "../src/i18n/translate";
import { answerQuestionText } from "../src/questions/answer-question";
import { answerText, framingFor, kinds, loadQuestionSet, scoreAnswer, type QuestionEntry } from "../test/support/question-set";

interface Miss {
  entry: QuestionEntry;
  problems: string[];
  answer: string;
}

function table(title: string, rows: [string, number, number][]): void {
  console.log(`\n${title}`);
  for (const [name, right, total] of rows) {
    if (total === 0) continue;
    console.log(`  ${name.padEnd(12)} ${String(right).padStart(4)} / ${String(total).padEnd(4)} ${((100 * right) / total).toFixed(1).padStart(5)}%`);
  }
}

async function evaluate(name: string, dir: string, locale: Locale): Promise<boolean | undefined> {
  const entries = await loadQuestionSet(dir);
  if (entries.length === 0) return undefined;
  const content = await loadContent("test/fixtures/baku");
  if (!content.ok) throw new Error(content.problems.join("\n"));
  const [article] = content.articles;
  if (!article) throw new Error("no article in test/fixtures/baku");
  const language = languageOf(locale);
  const framing = framingFor(article, locale);
  const misses: Miss[] = [];
  const byKind = new Map<string, [number, number]>();
  const byLang = new Map<string, [number, number]>();
  for (const entry of entries) {
    const answer = answerText(answerQuestionText(article, entry.q, language).answer);
    const problems = scoreAnswer(entry, answer, framing);
    for (const [map, key] of [[byKind, entry.kind], [byLang, entry.lang]] as const) {
      const [right, total] = map.get(key) ?? [0, 0];
      map.set(key, [right + (problems.length === 0 ? 1 : 0), total + 1]);
    }
    if (problems.length > 0) misses.push({ entry, problems, answer });
  }
  const right = entries.length - misses.length;
  console.log(`\n${name}, ${locale} framing: ${right} / ${entries.length} right (${((100 * right) / entries.length).toFixed(1)}%)`);
  table("by kind", kinds.map((kind) => [kind, ...(byKind.get(kind) ?? [0, 0])]));
  table("by language", ["en", "ru"].map((lang) => [lang, ...(byLang.get(lang) ?? [0, 0])]));
  for (const { entry, problems, answer } of misses) {
    console.log(`\nMISS [${entry.kind}/${entry.lang}] ${entry.file}: ${entry.q}\n  ${problems.join("; ")}\n  answer: ${answer.replace(/\n/g, "\n          ")}`);
  }
  return misses.length === 0;
}

export async function runEval(): Promise<boolean> {
  const only = process.argv[3];
  let ok = true;
  for (const locale of locales.filter((l) => !isLocale(only) || l === only)) {
    const publicSet = await evaluate("public set (test/fixtures/questions)", "test/fixtures/questions", locale);
    await evaluate("second set (test/fixtures/questions-second)", "test/fixtures/questions-second", locale);
    await evaluate("held-out set (test/fixtures/questions-unseen)", "test/fixtures/questions-unseen", locale);
    ok = (publicSet ?? false) && ok;
  }
  return ok;
}
