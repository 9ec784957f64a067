/**
 * Writes `schema/article.schema.json` from the article schema (`npm run schema`).
 * Run it after changing `src/content/article-schema.ts` and commit the result;
 * a test fails while the committed file and the schema disagree.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { articleJsonSchemaPath, formatArticleJsonSchema } from "../src/content/article-json-schema";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const target = join(root, articleJsonSchemaPath);
await mkdir(dirname(target), { recursive: true });
await writeFile(target, formatArticleJsonSchema());
console.log(`Wrote ${articleJsonSchemaPath}`);
