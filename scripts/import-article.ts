/**
 * `npm run import -- <file.txt | file.html | https://… | -> [--out DIR] [--json] [--force]`:
 * drafts an article file from its text. Writes `DIR/<id>.yaml` (DIR is `content/` unless
 * --out), or prints the draft as JSON with --json; prints what the editor must check.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, extname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { formatFieldPath } from "../src/content/content-problem";
import { draftArticle, ImportError } from "../src/import/draft-article";
import { looksLikeHtml } from "../src/import/extract-html";
import { fetchArticlePage } from "../src/newsroom/fetch-limited";
import { writeDraftYaml } from "../src/import/write-draft-yaml";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const usage = "usage: npm run import -- <file.txt | file.html | https://… | -> [--out DIR] [--json] [--force]";

/** A failure the user can fix: one line on stderr, exit code 1. */
class UsageError extends Error {}

function parseArgs(argv: string[]): { input: string; out: string; json: boolean; force: boolean } {
  let input: string | undefined;
  let out = join(root, "content");
  let json = false;
  let force = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--json") json = true;
    else if (arg === "--force") force = true;
    else if (arg === "--out") {
      const dir = argv[++i];
      if (!dir) throw new UsageError("--out needs a folder");
      out = dir;
    } else if (arg.startsWith("--out=")) out = arg.slice("--out=".length);
    else if (arg.startsWith("--") ) throw new UsageError(`unknown option ${arg}; ${usage}`);
    else if (input === undefined) input = arg;
    else throw new UsageError(`one input at a time; ${usage}`);
  }
  if (input === undefined) throw new UsageError(usage);
  return { input, out, json, force };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}


/** Reads the input: a file, stdin, or an http(s) URL (at most 2 MB, as the newsroom fetches a link). */
async function readInput(input: string): Promise<{ text: string; format: "html" | "text"; url?: string; source: string }> {
  if (/^https?:\/\//i.test(input)) {
    const page = await fetchArticlePage(input, { timeoutMs: 15_000 });
    if (!page.ok) throw new UsageError(`cannot fetch ${input}: ${page.reason}`);
    return { text: page.text, format: page.format, url: page.url || input, source: input };
  }
  if (input === "-") {
    const text = await readStdin();
    return { text, format: looksLikeHtml(text) ? "html" : "text", source: "standard input" };
  }
  let text: string;
  try {
    text = await readFile(input, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${input}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : String(code)}`);
  }
  const html = /\.html?$/i.test(extname(input)) || looksLikeHtml(text);
  return { text, format: html ? "html" : "text", source: input };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const input = await readInput(args.input);
  const started = performance.now();
  const draft = draftArticle({ text: input.text, format: input.format, ...(input.url ? { url: input.url } : {}) });
  const took = performance.now() - started;
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ article: draft.article, checks: draft.checks }, null, 2)}\n`);
    return;
  }
  const file = join(args.out, `${draft.article.id}.yaml`);
  if (existsSync(file) && !args.force) throw new UsageError(`${file} already exists; use --force to overwrite it`);
  const schemaPath = relative(resolve(args.out), join(root, "schema", "article.schema.json")).split("\\").join("/");
  const yaml = writeDraftYaml(draft.article, draft.checks, { schemaPath, source: input.source });
  await mkdir(args.out, { recursive: true });
  await writeFile(file, yaml);
  const a = draft.article;
  const unattributed = draft.statements.filter((s) => !s.speaker).length;
  console.log(`Wrote ${file} (status: draft) in ${took.toFixed(0)} ms:`);
  console.log(`  ${a.body.length} paragraphs, ${a.people.length} people, ${a.attendance.attended.length} attended, ${a.attendance.absent.length} absent, ${a.places.length} places`);
  console.log(`  ${a.statements.filter((s) => s.kind === "quote").length} quotes, ${a.statements.filter((s) => s.kind === "reported").length} reported statements${unattributed ? `, ${unattributed} quotes with no speaker left out` : ""}`);
  console.log(`${draft.checks.length} things to check (each is a "# CHECK:" line in the file):`);
  // Named as `npm run check` names fields: a person by id, a statement counted from 1.
  const fieldName = (path: string) => formatFieldPath(path.split(".").map((key) => (/^\d+$/.test(key) ? Number(key) : key)), a);
  for (const check of draft.checks) console.log(`  ${fieldName(check.path)}: ${check.note}`);
}

// Output piped into `head` that closes early is not an error of the import.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

main().catch((error: unknown) => {
  console.error(`import: ${error instanceof UsageError || error instanceof ImportError || error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
