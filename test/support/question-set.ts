import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { load } from "js-yaml";
import { z } from "zod";
import { htmlToText, packMessages } from "../../src/render/html";
import type { Answer } from "../../src/render/render-article";

/**
 * The question sets (`test/fixtures/questions/`, and the held-out `questions-unseen/`) and
 * how an answer is scored against an entry, as QUESTION-SET-FORMAT.md lays it down. One
 * place for `npm run eval` and the test that holds the public set.
 */

export const kinds = ["attendance", "absence", "person", "statements", "agenda", "place-time", "happenings", "source", "not-covered", "unknown"] as const;

const entrySchema = z
  .object({
    q: z.union([z.string(), z.number()]).transform(String),
    lang: z.enum(["en", "ru"]),
    kind: z.enum(kinds),
    yes: z.boolean().optional(),
    first: z.array(z.union([z.string(), z.number()]).transform(String)).nullish().transform((v) => v ?? []),
    not: z.array(z.union([z.string(), z.number()]).transform(String)).nullish().transform((v) => v ?? []),
    never: z.array(z.union([z.string(), z.number()]).transform(String)).nullish().transform((v) => v ?? []),
    note: z.string().optional(),
  })
  .strict();

export type QuestionEntry = z.infer<typeof entrySchema> & { file: string };

/** Every entry of every YAML file in `dir`, in file order; none when the folder does not exist. */
export async function loadQuestionSet(dir: string): Promise<QuestionEntry[]> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  } catch {
    return [];
  }
  const entries: QuestionEntry[] = [];
  for (const file of files) {
    const data = load(await readFile(join(dir, file), "utf8"));
    const list = z.array(entrySchema).parse(data ?? []);
    entries.push(...list.map((entry) => ({ ...entry, file })));
  }
  return entries;
}

/** What the reader sees: the messages as plain text, one blank line between. */
export function answerText(answer: Answer): string {
  return packMessages(answer.blocks).map(htmlToText).join("\n\n");
}

/** Case, curly quotes and runs of whitespace made the same. */
export function normaliseForScoring(text: string): string {
  return text
    .replace(/[‘’‚‛′]/g, "'")
    .replace(/[“”„‟″«»]/g, '"')
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/** Every way the answer fails the entry; empty when it passes. */
export function scoreAnswer(entry: QuestionEntry, text: string): string[] {
  const lead = text.split(/\n[ \t]*\n/)[0] ?? "";
  const normalLead = normaliseForScoring(lead);
  const normalAll = normaliseForScoring(text);
  const problems: string[] = [];
  if (entry.yes !== undefined) {
    const want = entry.yes ? "yes" : "no";
    if (!new RegExp(`^${want}\\b`).test(normalLead)) problems.push(`lead should start with "${entry.yes ? "Yes" : "No"}"`);
  }
  if (entry.kind === "not-covered" && !normalLead.startsWith("the article does not")) problems.push(`lead should start with "The article does not"`);
  if (entry.kind === "unknown" && !normalLead.includes("/help")) problems.push("lead should point to /help");
  for (const fact of entry.first) if (!normalLead.includes(normaliseForScoring(fact))) problems.push(`lead lacks "${fact}"`);
  for (const wrong of entry.not) if (normalLead.includes(normaliseForScoring(wrong))) problems.push(`lead has "${wrong}"`);
  for (const wrong of entry.never) if (normalAll.includes(normaliseForScoring(wrong))) problems.push(`answer has "${wrong}"`);
  return problems;
}
