import { readdir, readFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { parse as parseYaml } from "yaml";
import { articleSchema, type Article } from "./article-schema";
import { checkProvenance } from "./check-provenance";

/** How each kind of article file is parsed, keyed by extension. */
const parsers: Record<string, (text: string) => unknown> = {
  ".yaml": (text) => parseYaml(text, { prettyErrors: true }),
  ".yml": (text) => parseYaml(text, { prettyErrors: true }),
  ".json": (text) => JSON.parse(text),
};

/** The articles of a content folder, newest first, or every problem found in it. */
export type ContentResult =
  | { ok: true; articles: Article[] }
  | { ok: false; problems: string[] };

/** Orders articles newest first; the same day goes by id so the order is stable. */
export function compareNewestFirst(a: Article, b: Article): number {
  return b.date.localeCompare(a.date) || a.id.localeCompare(b.id);
}

/** Parses and validates one article file's text. Problems are `field.path: message`. */
export function parseArticle(text: string, extension: string): { article?: Article; problems: string[] } {
  const parse = parsers[extension];
  if (!parse) return { problems: [`unsupported file type "${extension}"`] };
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return { problems: [`cannot be parsed: ${message}`] };
  }
  const result = articleSchema.safeParse(data);
  if (!result.success) {
    return {
      problems: result.error.issues.map((issue) => `${issue.path.join(".") || "(file)"}: ${issue.message}`),
    };
  }
  const problems = checkProvenance(result.data).map((p) => `${p.path}: ${p.message}`);
  return problems.length > 0 ? { problems } : { article: result.data, problems };
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
  for (const name of names) {
    const parsed = parseArticle(await readFile(join(dir, name), "utf8"), extname(name));
    problems.push(...parsed.problems.map((problem) => `${name}: ${problem}`));
    if (!parsed.article) continue;
    const other = fileOfId.get(parsed.article.id);
    if (other !== undefined) {
      problems.push(`${name}: id: "${parsed.article.id}" is already the id of ${other}`);
      continue;
    }
    fileOfId.set(parsed.article.id, name);
    articles.push(parsed.article);
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, articles: articles.sort(compareNewestFirst) };
}
