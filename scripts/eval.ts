/**
 * `npm run eval`: every evaluation set, each printed as its own table. Each `scripts/eval-*.ts`
 * exports `runEval(): Promise<boolean>` (true when it meets its own bar). A script, not a test:
 * it reports every miss rather than stopping at the first; the tests hold the public sets.
 */
import { readdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const files = (await readdir(here)).filter((name) => /^eval-[a-z-]+\.ts$/.test(name) && (!only || name.includes(only))).sort();
let ok = true;
for (const file of files) {
  const module = (await import(pathToFileURL(join(here, file)).href)) as { runEval: () => Promise<boolean> };
  console.log(`\n== ${file.replace(/^eval-|\.ts$/g, "")} ==`);
  ok = (await module.runEval()) && ok;
}
if (files.length === 0) console.log("no evaluation sets");
process.exitCode = ok ? 0 : 1;
