import { readdir, readFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { CORE_SCHEMA, load as loadYaml } from "js-yaml";
import { parseDocument } from "yaml";
import type { z } from "zod";
import { articleSchema, type Article } from "./article-schema";
import { checkProvenance } from "./check-provenance";

/**
 * YAML as plain data: the yaml library never runs code, but it reads a tag it
 * does not know (`!!js/function`, `!!python/object`) as a plain string and
 * only warns; such a file is refused instead, since an article holds data only.
 * Aliases are capped (the library's default of 100), so a "billion laughs"
 * file is refused too.
 */
function parseYamlData(text: string): unknown {
  const doc = parseDocument(text, { prettyErrors: true });
  const [error] = doc.errors;
  if (error) throw error;
  const [warning] = doc.warnings;
  if (warning) throw new Error(`${(warning.message.split("\n")[0] ?? "").replace(/:$/, "")}: an article file holds plain data only`);
  return doc.toJS();
}

/** An anchor (`&name`): the fast path leaves files with aliases to the strict parser, which caps them. */
const yamlAnchor = /(^|[\s[{,:-])&\S/m;

/**
 * Reads YAML with js-yaml and YAML 1.2's core schema (what `yaml` reads by default: dates
 * stay strings), about eight times faster than `yaml`, which counts at thousands of files.
 * A file with anchors, or one js-yaml refuses (an unknown tag, say), is read again by
 * `parseYamlData`, whose verdict stands and whose errors say where the problem is.
 */
function parseYaml(text: string): unknown {
  if (yamlAnchor.test(text)) return parseYamlData(text);
  let data: unknown;
  try {
    data = loadYaml(text, { schema: CORE_SCHEMA });
  } catch {
    return parseYamlData(text);
  }
  // An empty file is null to `yaml`, undefined to js-yaml.
  return data === undefined ? null : data;
}

/** How each kind of article file is parsed, keyed by extension. */
const parsers: Record<string, (text: string) => unknown> = {
  ".yaml": parseYaml,
  ".yml": parseYaml,
  ".json": (text) => JSON.parse(text),
};

/** How many files are read ahead of the one being parsed. */
const readAhead = 16;

/** The articles of a content folder, newest first, or every problem found in it. */
export type ContentResult =
  | { ok: true; articles: Article[] }
  | { ok: false; problems: string[] };

/** Orders articles newest first; the same day goes by id so the order is stable. */
export function compareNewestFirst(a: Article, b: Article): number {
  return b.date.localeCompare(a.date) || a.id.localeCompare(b.id);
}

/**
 * A schema issue as an editor reads it. A field left out is "required", whatever
 * the schema says about the values it accepts ("must be an http(s) URL").
 */
function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.join(".") || "(file)";
  const message = issue.code === "invalid_type" && issue.input === undefined ? "is required" : issue.message;
  return `${path}: ${message}`;
}

/**
 * Parses and validates one article file's text. Problems are `field.path: message`.
 * `article` is set only when there are no problems; `id` is set whenever the
 * schema accepted the file, so a duplicate id is caught alongside other problems.
 */
export function parseArticle(
  text: string,
  extension: string,
): { article?: Article; id?: string; problems: string[] } {
  const parse = parsers[extension];
  if (!parse) return { problems: [`unsupported file type "${extension}"`] };
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    // The yaml library's message ends "at line 2, column 11:" before a code excerpt; keep the position only.
    const message = error instanceof Error ? (error.message.split("\n")[0] ?? "").replace(/:$/, "") : String(error);
    return { problems: [`cannot be parsed: ${message}`] };
  }
  const result = articleSchema.safeParse(data);
  if (!result.success) {
    // Again with reportInput, which keeps each issue's input so describeIssue can tell a missing
    // field from a wrong one; only for files with problems, since it makes parsing slower.
    const described = articleSchema.safeParse(data, { reportInput: true });
    return { problems: (described.error?.issues ?? result.error.issues).map(describeIssue) };
  }
  const problems = checkProvenance(result.data).map((p) => `${p.path}: ${p.message}`);
  return problems.length > 0 ? { id: result.data.id, problems } : { article: result.data, id: result.data.id, problems };
}

/**
 * Loads every article file (`.yaml`, `.yml`, `.json`) in `dir`. Every problem in
 * every file is gathered as `file: field.path: message`; files that start with
 * a dot and files of other types (a README, say) are left alone.
 */
export async function loadContent(dir: string): Promise<ContentResult> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => !name.startsWith(".") && extname(name) in parsers).sort();
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "the folder does not exist" : String(error);
    return { ok: false, problems: [`${dir}: ${reason}`] };
  }
  if (names.length === 0) {
    return { ok: false, problems: [`${dir}: no article files (.yaml, .yml or .json) found`] };
  }

  const problems: string[] = [];
  const articles: Article[] = [];
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
    if (typeof text !== "string") {
      problems.push(`${name}: cannot be read: ${text?.code ?? String(text)}`);
      continue;
    }
    const parsed = parseArticle(text, extname(name));
    problems.push(...parsed.problems.map((problem) => `${name}: ${problem}`));
    if (parsed.id !== undefined) {
      const other = fileOfId.get(parsed.id);
      if (other !== undefined) problems.push(`${name}: id: "${parsed.id}" is already the id of ${other}`);
      else fileOfId.set(parsed.id, name);
    }
    if (parsed.article) articles.push(parsed.article);
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, articles: articles.sort(compareNewestFirst) };
}
