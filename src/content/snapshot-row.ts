import { readFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { runModuleWorker } from "../base/module-worker";
import { summariseArticle } from "./article-summary";
import { parseArticle } from "./load-content";

/** One file's row in the content snapshot, as kept in memory (without its article). */
export interface SnapshotRow {
  file: string;
  size: number;
  mtime_ms: number;
  ctime_ms: number;
  id: string | null;
  date: string | null;
  headline: string | null;
  status: string | null;
  publish_at: string | null;
  content_hash: string | null;
  problems: string;
}

/** A row as written: with the article's JSON when the file holds a good one. */
export type WrittenRow = SnapshotRow & { article: string | null };

/** A file to read into a row: its name in the folder and the stat taken before the read. */
export interface FileToRead {
  name: string;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

/** The row of `file`, whose text is `text`: what `parseArticle` made of it, and its summary's fields. */
export function snapshotRowOf({ name, size, mtimeMs, ctimeMs }: FileToRead, text: string): WrittenRow {
  const parsed = parseArticle(text, extname(name));
  const summary = parsed.article ? summariseArticle(parsed.article) : undefined;
  return {
    file: name,
    size,
    mtime_ms: mtimeMs,
    ctime_ms: ctimeMs,
    id: parsed.id ?? null,
    date: parsed.article?.date ?? null,
    headline: parsed.article?.headline ?? null,
    status: parsed.article?.status ?? null,
    publish_at: summary?.publishAt ?? null,
    content_hash: summary?.contentHash ?? null,
    problems: JSON.stringify(parsed.problems),
    article: parsed.article ? JSON.stringify(parsed.article) : null,
  };
}

/** Rows read, and the files that could not be read with why (as the content snapshot words it). */
export interface ReadRows {
  rows: WrittenRow[];
  unreadable: [name: string, message: string][];
}

/** Files read at once. */
const readBatch = 256;

/** Reads, parses and checks `files` of `dir` into rows, a batch at a time. */
export async function readSnapshotRows(dir: string, files: readonly FileToRead[]): Promise<ReadRows> {
  const read: ReadRows = { rows: [], unreadable: [] };
  for (let from = 0; from < files.length; from += readBatch) {
    const batch = files.slice(from, from + readBatch);
    const texts = await Promise.all(batch.map(({ name }) => readFile(join(dir, name), "utf8").catch((error: NodeJS.ErrnoException) => error)));
    batch.forEach((file, i) => {
      const text = texts[i];
      if (typeof text === "string") read.rows.push(snapshotRowOf(file, text));
      else read.unreadable.push([file.name, `${file.name}: cannot be read: ${text?.code ?? String(text)}`]);
    });
  }
  return read;
}

/** What `parse-worker.ts` is given. */
export interface ParseJob {
  dir: string;
  files: readonly FileToRead[];
}

/** `readSnapshotRows` in a worker thread, so that a second core parses while this one does. */
export function readSnapshotRowsInWorker(job: ParseJob): Promise<ReadRows> {
  return runModuleWorker<ReadRows>(new URL("./parse-worker.ts", import.meta.url), job);
}
