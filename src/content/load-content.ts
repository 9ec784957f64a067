import { readdir, readFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { CORE_SCHEMA, load as loadYaml } from "js-yaml";
import { articleSchema, type Article } from "./article-schema";
import { checkProvenance } from "./check-provenance";
import { formatProblem, type ContentProblem, type FileProblem } from "./content-problem";
import { describeSchemaIssues, jsonSyntaxProblem, placeFieldProblems, readYamlStrictly } from "./locate-problems";

/** An anchor (`&name`): the fast path leaves files with aliases to the strict parser, which caps them. */
const yamlAnchor = /(^|[\s[{,:-])&\S/m;

/** A file's data, or its syntax problems (placed). */
type Parsed = { data?: unknown; problems: FileProblem[] };

/**
 * Reads YAML with js-yaml and YAML 1.2's core schema (what `yaml` reads by default: dates
 * stay strings), about eight times faster than `yaml`, which counts at thousands of files.
 * A file with anchors, or one js-yaml refuses (an unknown tag, say), is read again by
 * `readYamlStrictly`, whose verdict stands and whose errors say where and why.
 */
function parseYaml(text: string): Parsed {
  if (yamlAnchor.test(text)) return readYamlStrictly(text);
  let data: unknown;
  try {
    data = loadYaml(text, { schema: CORE_SCHEMA });
  } catch {
    return readYamlStrictly(text);
  }
  // An empty file is null to `yaml`, undefined to js-yaml.
  return { data: data === undefined ? null : data, problems: [] };
}

function parseJson(text: string): Parsed {
  try {
    return { data: JSON.parse(text), problems: [] };
  } catch (error) {
    return { problems: [jsonSyntaxProblem(text, error)] };
  }
}

/** How each kind of article file is parsed, keyed by extension. */
const parsers: Record<string, (text: string) => Parsed> = {
  ".yaml": parseYaml,
  ".yml": parseYaml,
  ".json": parseJson,
};

/** How many files are read ahead of the one being parsed. */
const readAhead = 16;

/**
 * The articles of a content folder, newest first, drafts included (the library
 * leaves them out); or every problem found in it, as `formatProblem` writes them.
 */
export type ContentResult<A = Article> =
  | { ok: true; articles: A[] }
  | { ok: false; problems: string[] };

/** Orders articles newest first; the same day goes by id so the order is stable. */
export function compareNewestFirst(a: Pick<Article, "id" | "date">, b: Pick<Article, "id" | "date">): number {
  return b.date.localeCompare(a.date) || a.id.localeCompare(b.id);
}

/**
 * Parses and validates one article file's text. Each problem is placed in the
 * file (line, column, field) only when there are problems: a good file takes
 * the fast path alone. `article` is set only when there are no problems; `id`
 * whenever the schema accepted the file, so a duplicate id is caught alongside
 * other problems.
 */
export function parseArticle(text: string, extension: string): { article?: Article; id?: string; problems: FileProblem[] } {
  const parse = parsers[extension];
  if (!parse) return { problems: [{ message: `unsupported file type "${extension}"` }] };
  const { data, problems: syntax } = parse(text);
  if (syntax.length > 0) return { problems: syntax };
  const result = articleSchema.safeParse(data);
  if (!result.success) {
    // Again with reportInput, which keeps each issue's input so a missing field can be told
    // from a wrong one; only for files with problems, since it makes parsing slower.
    const described = articleSchema.safeParse(data, { reportInput: true });
    return { problems: describeSchemaIssues(described.error?.issues ?? result.error.issues, data, text, extension !== ".json") };
  }
  const found = checkProvenance(result.data);
  if (found.length === 0) return { article: result.data, id: result.data.id, problems: [] };
  return { id: result.data.id, problems: placeFieldProblems(found, data, text) };
}

/** One file of a content folder, as checked: its article when good, else its problems. */
export interface CheckedFile {
  /** The file's path: the folder joined with its name. */
  file: string;
  article?: Article;
  problems: ContentProblem[];
}

/** Every article file of a folder, checked; or the folder's own problem (missing, unreadable). */
export type ContentCheck = { ok: true; files: CheckedFile[] } | { ok: false; problem: ContentProblem };

/**
 * Checks every article file (`.yaml`, `.yml`, `.json`) in `dir`: each file on
 * its own (syntax, schema, provenance), then the ids across files. Files that
 * start with a dot and files of other types (a README, say) are left alone.
 * What `npm run check` reports, and what `loadContent` builds on.
 */
export async function checkContent(dir: string): Promise<ContentCheck> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => !name.startsWith(".") && extname(name) in parsers).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "the folder does not exist" : code === "ENOTDIR" ? "is not a folder" : String(error);
    return { ok: false, problem: { file: dir, message: reason } };
  }

  const files: CheckedFile[] = [];
  const fileOfId = new Map<string, string>();
  // Files are read a few at a time ahead of the one being parsed, so parsing seldom waits on the disk.
  const reads = new Map<number, Promise<string | NodeJS.ErrnoException>>();
  const read = (i: number) => {
    const name = names[i];
    if (name !== undefined && !reads.has(i)) reads.set(i, readFile(join(dir, name), "utf8").catch((error: NodeJS.ErrnoException) => error));
  };
  for (const [i, name] of names.entries()) {
    for (let ahead = i; ahead < i + readAhead; ahead++) read(ahead);
    const text = await reads.get(i);
    reads.delete(i);
    const file = join(dir, name);
    if (typeof text !== "string") {
      files.push({ file, problems: [{ file, message: `cannot be read: ${text?.code ?? String(text)}` }] });
      continue;
    }
    const parsed = parseArticle(text, extname(name));
    const checked: CheckedFile = { file, problems: parsed.problems.map((problem) => ({ file, ...problem })) };
    if (parsed.id !== undefined) {
      const other = fileOfId.get(parsed.id);
      if (other === undefined) fileOfId.set(parsed.id, name);
      else {
        const duplicate = placeFieldProblems([{ path: ["id"], message: `"${parsed.id}" is already the id of ${other}` }], {}, text);
        checked.problems.push(...duplicate.map((problem) => ({ file, ...problem })));
      }
    }
    if (parsed.article && checked.problems.length === 0) checked.article = parsed.article;
    // In the order of the file, as an editor fixes them; a problem of the whole file first.
    checked.problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    files.push(checked);
  }
  return { ok: true, files };
}

/**
 * Loads every article file (`.yaml`, `.yml`, `.json`) in `dir`, drafts included
 * (the library serves live articles only). Every problem in every file is
 * gathered, one line each (`file:line:column: field: message`, a hint on the
 * next line), as `npm run check` prints them. A folder with no article file,
 * or with drafts only, is a valid start (a new outlet whose feed brings the
 * articles): the bot serves it and tells readers there is no article yet.
 */
export async function loadContent(dir: string): Promise<ContentResult> {
  return contentResultOf(dir, await checkContent(dir));
}

/** What `loadContent` makes of a checked folder (the content snapshot checks only the files that changed). */
export function contentResultOf(dir: string, checked: ContentCheck): ContentResult {
  if (!checked.ok) return { ok: false, problems: [formatProblem(checked.problem)] };
  const problems = checked.files.flatMap((file) => file.problems.map(formatProblem));
  if (problems.length > 0) return { ok: false, problems };
  const articles = checked.files.flatMap((file) => (file.article ? [file.article] : []));
  return { ok: true, articles: articles.sort(compareNewestFirst) };
}
