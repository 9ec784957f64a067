import { extname } from "node:path";
import { parseDocument } from "yaml";
import type { Article } from "../content/article-schema";
import { formatProblem } from "../content/content-problem";
import { parseArticle } from "../content/load-content";
import { languageOf, type Language } from "../i18n/translate";
import { htmlToText } from "../render/html";

const english = languageOf("en");
const say = (language: Language, key: string, values?: Record<string, string>) => htmlToText(language.t(key, values).value);

/** The largest document the bot reads: an article file is a few dozen kilobytes. */
export const DOCUMENT_LIMIT_BYTES = 1024 * 1024;

/** What an editor's document is, before it is downloaded: refused with one sentence, or worth reading. */
export function screenDocument(fileName: string | undefined, size: number | undefined, language: Language = english): { ok: true; extension: string } | { ok: false; sentence: string } {
  const extension = extname(fileName ?? "").toLowerCase();
  if (![".yaml", ".yml", ".json"].includes(extension)) {
    return { ok: false, sentence: say(language, "newsroom-not-yaml") };
  }
  if (size === undefined || size > DOCUMENT_LIMIT_BYTES) {
    return { ok: false, sentence: say(language, "newsroom-too-big") };
  }
  return { ok: true, extension };
}

/** A document read and checked: an article to store, a sentence, or its problems (one line each, with line:column). */
export type DocumentCheck =
  | { ok: true; article: Article; name: string; text: string }
  | { ok: false; sentence: string }
  | { ok: false; problems: string[] };

const articleKeys = ["id", "headline", "body", "people", "statements"];

/** Whether the data looks meant as an article: a mapping with at least one of its main fields. */
function looksLikeArticle(text: string, extension: string): boolean {
  let data: unknown;
  try {
    data = extension === ".json" ? JSON.parse(text) : parseDocument(text, { uniqueKeys: false }).toJS({ maxAliasCount: 100 });
  } catch {
    // Broken syntax: the problems, with their lines, say more than "not an article".
    return true;
  }
  return typeof data === "object" && data !== null && !Array.isArray(data) && articleKeys.some((key) => key in data);
}

/**
 * Checks an editor's document as the loader checks a file in CONTENT_DIR
 * (syntax, schema, provenance). Its problems come formatted as `npm run check`
 * writes them, under `fileName`; the article is stored as `<id><extension>`.
 */
export function checkDocument(fileName: string, bytes: Uint8Array, language: Language = english): DocumentCheck {
  const extension = extname(fileName).toLowerCase();
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, sentence: say(language, "newsroom-not-text") };
  }
  if (!looksLikeArticle(text, extension)) {
    return { ok: false, sentence: say(language, "newsroom-not-article", { file: fileName }) };
  }
  const parsed = parseArticle(text, extension === ".yml" ? ".yaml" : extension);
  if (parsed.problems.length > 0 || !parsed.article) {
    return { ok: false, problems: parsed.problems.map((problem) => formatProblem({ file: fileName, ...problem })) };
  }
  return { ok: true, article: parsed.article, name: `${parsed.article.id}${extension === ".json" ? ".json" : ".yaml"}`, text };
}
