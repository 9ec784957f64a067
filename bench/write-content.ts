import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Article } from "../src/content/article-schema";

/**
 * Writes articles into a new temporary content folder, one YAML file each, in the block
 * style editors write (a key or an item a line, strings in double quotes), for the loader
 * to read as it reads `content/`. Written by hand rather than with the yaml library, whose
 * `stringify` takes 17 s for 10,000 articles.
 */
export function writeContentFolder(articles: readonly Article[]): string {
  const dir = mkdtempSync(join(tmpdir(), "briefing-bench-content-"));
  for (const article of articles) writeFileSync(join(dir, `${article.id}.yaml`), toBlockYaml(article));
  return dir;
}

const isScalar = (value: unknown): boolean => value === null || typeof value !== "object";
const isEmpty = (value: unknown): boolean => typeof value === "object" && value !== null && Object.keys(value).length === 0;

/** A scalar or an empty collection on one line; JSON's string escapes are valid in YAML's double quotes. */
function inline(value: unknown): string {
  if (Array.isArray(value)) return "[]";
  if (typeof value === "object" && value !== null) return "{}";
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

function lines(value: unknown, indent: string): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      if (isScalar(item) || isEmpty(item)) return [`${indent}- ${inline(item)}`];
      const [first = "", ...rest] = lines(item, `${indent}  `);
      return [`${indent}- ${first.slice(indent.length + 2)}`, ...rest];
    });
  }
  return Object.entries(value as Record<string, unknown>)
    .filter(([, field]) => field !== undefined)
    .flatMap(([key, field]) => (isScalar(field) || isEmpty(field) ? [`${indent}${key}: ${inline(field)}`] : [`${indent}${key}:`, ...lines(field, `${indent}  `)]));
}

/** `value` (plain objects, arrays, strings, numbers, booleans) as a block-style YAML document. */
export function toBlockYaml(value: unknown): string {
  return `${lines(value, "").join("\n")}\n`;
}
