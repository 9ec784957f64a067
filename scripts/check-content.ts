/**
 * `npm run check [DIR]`: the loader's checks on every article file of DIR
 * (default CONTENT_DIR, else `content`), without starting the bot. Prints
 * every problem as `file:line:column: field: message` (a hint below it when
 * one helps), then one summary line. Exit code 0 when every file is good
 * (drafts included), 1 when any has a problem, 2 when DIR cannot be read.
 */
import { config as loadDotenv } from "dotenv";
import { checkContent, type CheckedFile } from "../src/content/load-content";
import { formatProblem } from "../src/content/content-problem";

/** `3 files checked: 2 good (1 draft), 1 with 4 problems`. */
function summarise(files: readonly CheckedFile[]): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const good = files.filter((file) => file.problems.length === 0);
  const drafts = good.filter((file) => file.article?.status === "draft").length;
  const bad = files.filter((file) => file.problems.length > 0);
  const problems = bad.reduce((sum, file) => sum + file.problems.length, 0);
  const parts = [`${good.length} good${drafts > 0 ? ` (${plural(drafts, "draft")})` : ""}`];
  if (bad.length > 0) parts.push(`${bad.length} with ${plural(problems, "problem")}`);
  return `${plural(files.length, "file")} checked: ${parts.join(", ")}`;
}

loadDotenv({ quiet: true });
// A reader piping into `head` has seen enough: stop quietly.
process.stdout.on("error", (error: NodeJS.ErrnoException) => process.exit(error.code === "EPIPE" ? 0 : 1));
const dir = process.argv[2] || process.env.CONTENT_DIR || "content";
const checked = await checkContent(dir);
if (!checked.ok) {
  console.error(formatProblem(checked.problem));
  process.exit(2);
}
for (const file of checked.files) {
  for (const problem of file.problems) console.log(formatProblem(problem));
  if (file.problems.length === 0 && file.article?.status === "draft") console.log(`${file.file}: a draft (status: draft): good, but not served until it is made live`);
}
if (checked.files.length === 0) console.log(`${dir}: no article files (.yaml, .yml or .json): nothing to check (the bot starts on it, and tells readers there is no article yet)`);
console.log(summarise(checked.files));
process.exitCode = checked.files.every((file) => file.problems.length === 0) ? 0 : 1;
