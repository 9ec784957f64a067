import { createHash } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { dirname, extname, join, resolve } from "node:path";
import Database from "better-sqlite3";
import { setNewest } from "../base/caches";
import type { Article } from "./article-schema";
import type { ArticleSummary } from "./article-summary";
import type { ContentProblem, FileProblem } from "./content-problem";
import { compareNewestFirst, contentResultOf, type CheckedFile } from "./load-content";
import { placeFieldProblems } from "./locate-problems";
import { readSnapshotRows, readSnapshotRowsInWorker, type FileToRead, type ReadRows, type SnapshotRow, type WrittenRow } from "./snapshot-row";

/**
 * The content folder's articles, parsed and checked, kept in SQLite in `DATA_DIR`: one row per
 * file, keyed by its name, size and times, so that a start (or a change) reads, parses and
 * checks only the files that changed since, and an article is read from its row when asked
 * for. At 10,000 files, parsing and checking them all took 10–20 s of a start.
 *
 * A row holds what `parseArticle` made of its file: the article (as JSON) or the file's
 * problems. `sync` gives the same verdict `loadContent` gives for the folder (the same
 * problems, in the same order), with only what lists need of each article in memory.
 */

/** The file in `DATA_DIR` that holds the snapshot. Each instance keeps its own (with REDIS_URL too). */
export const CONTENT_SNAPSHOT_FILE = "content-snapshot.sqlite";

/** What lists, the channel and the index's order need of an article, kept in memory, with the file it came from (in the content folder). */
export type SnapshotSummary = ArticleSummary & { file: string };

/** The folder's verdict, as `loadContent` gives it, with how much of it had to be read. */
export type SnapshotSync = (
  | {
      ok: true;
      /** Newest first, as `loadContent` orders articles. */
      articles: SnapshotSummary[];
      /** Names the content as synced (every file's name, size and times, and the code that read them): a saved search index is keyed by it. */
      fingerprint: string;
    }
  | { ok: false; problems: string[] }
) & {
  /** Files read, parsed and checked this time (new or changed). */
  reread: number;
  /** Of those, the files parsed in a worker thread (many at once: a cold start). */
  inWorker?: number;
  /** Files answered from their rows. */
  kept: number;
  /** Rows of files no longer in the folder, dropped. */
  removed: number;
};

export interface SyncOptions {
  /**
   * Only these files (names in `dir`) may have changed since the last sync, as the content
   * watcher saw: the others are taken from their rows without a look. The files of a sync that
   * had problems are looked at again too. @default every file is looked at
   */
  only?: Iterable<string>;
  /**
   * A start: the rows as they are, the folder not looked at, so a start costs no stat per file;
   * the content watcher's first look then finds what changed meanwhile. An empty snapshot is
   * synced in full.
   */
  trust?: boolean;
}

export interface ContentSnapshot {
  /** Brings the snapshot in step with `dir` and returns its verdict. */
  sync(dir: string, options?: SyncOptions): Promise<SnapshotSync>;
  /** Each file's signature (`size:mtimeMs`, as the content watcher takes them) as of the last sync. */
  signatures(): Map<string, string>;
  /**
   * The article with `id` as of the last clean `sync` (from a bounded cache of recent ones, else
   * its row). `keep: false` reads it without keeping it: for a caller that keeps what it makes of
   * it (an inline result, rendered once), keeping it would push a hot article out of the cache
   * and, as it outlives the engine's young generation, make work for its old one.
   */
  article(id: string, options?: ReadOptions): Article | undefined;
  /** Every article as of the last clean `sync`, newest first, read from their rows. */
  articles(): Article[];
  /** Where the snapshot is, for `readSnapshotArticles` in another thread. */
  readonly path: string;
  close(): void;
}

/** How an article is read from the snapshot. */
export interface ReadOptions {
  /** Kept parsed in the cache of recent articles once read. @default true */
  keep?: boolean;
}

const articleExtensions = new Set([".yaml", ".yml", ".json"]);

/** Files stat'ed at once. */
const statBatch = 256;

/**
 * What the rows depend on besides the files: the code that parses and checks them. A row made
 * by other code (the schema gained a field, a check changed) is not to be trusted, so the
 * snapshot starts over when any of these files changes.
 */
function parserFingerprint(): string {
  const hash = createHash("sha256").update("content-snapshot 2");
  for (const name of ["article-schema.ts", "article-summary.ts", "load-content.ts", "check-provenance.ts", "locate-problems.ts", "content-problem.ts", "content-snapshot.ts", "snapshot-row.ts"]) {
    try {
      hash.update(name).update(readFileSync(new URL(`./${name}`, import.meta.url)));
    } catch {
      hash.update(`${name}: none`);
    }
  }
  return hash.digest("hex");
}

/** The verdict of the last clean sync, stored beside its rows for a start to take whole. */
interface StoredVerdict {
  fingerprint: string;
  articles: SnapshotSummary[];
  /** Each file's signature, as `signatures()` gives them. */
  signatures: [string, string][];
}

type Row = SnapshotRow;

/** A small least-recently-used map: a `Map` keeps insertion order, so the first key is the oldest. */
class RecentArticles {
  private readonly entries = new Map<string, Article>();
  constructor(private readonly capacity: number) {}
  get(id: string): Article | undefined {
    const article = this.entries.get(id);
    if (article !== undefined) {
      this.entries.delete(id);
      this.entries.set(id, article);
    }
    return article;
  }
  set(id: string, article: Article): void {
    setNewest(this.entries, id, article, this.capacity);
  }
  clear(): void {
    this.entries.clear();
  }
}

/** Changed files from which a sync parses half of them in a worker thread (a cold start's every file). */
const parallelFrom = 2_000;

/**
 * Opens (or makes) the snapshot at `path`, usually `join(DATA_DIR, CONTENT_SNAPSHOT_FILE)`.
 * `cacheSize` articles read by `article` are kept parsed. @default 500
 * `parallelFrom`: as many changed files as this, or more, are parsed half here, half in a
 * worker thread (a second core). @default 2000 (never on a single core)
 */
export function openContentSnapshot(path: string, options: { cacheSize?: number; parallelFrom?: number } = {}): ContentSnapshot {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  const fingerprint = parserFingerprint();
  const stored = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'parser'").get();
  // Rows made by other code (or of another shape) are dropped: the snapshot is a cache, remade from the files.
  if (stored?.value !== fingerprint) db.exec("DROP TABLE IF EXISTS files; DELETE FROM meta WHERE key = 'verdict'");
  db.exec(`
    CREATE TABLE IF NOT EXISTS files (
      file     TEXT PRIMARY KEY,
      size     INTEGER NOT NULL,
      mtime_ms REAL NOT NULL,
      ctime_ms REAL NOT NULL,
      id       TEXT,
      date     TEXT,
      headline TEXT,
      status   TEXT,
      publish_at TEXT,
      content_hash TEXT,
      problems TEXT NOT NULL,
      article  TEXT
    );
    CREATE INDEX IF NOT EXISTS files_by_id ON files (id);
  `);
  if (stored?.value !== fingerprint) db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('parser', ?)").run(fingerprint);

  const allRows = db.prepare<[], Row>("SELECT file, size, mtime_ms, ctime_ms, id, date, headline, status, publish_at, content_hash, problems FROM files");
  const upsert = db.prepare(
    `INSERT OR REPLACE INTO files (file, size, mtime_ms, ctime_ms, id, date, headline, status, publish_at, content_hash, problems, article)
     VALUES (@file, @size, @mtime_ms, @ctime_ms, @id, @date, @headline, @status, @publish_at, @content_hash, @problems, @article)`,
  );
  const remove = db.prepare<[string]>("DELETE FROM files WHERE file = ?");
  const byFile = db.prepare<[string], { article: string | null }>("SELECT article FROM files WHERE file = ?");
  const everyArticle = db.prepare<[], { article: string }>("SELECT article FROM files WHERE article IS NOT NULL");
  const cache = new RecentArticles(options.cacheSize ?? 500);
  // With one core a second thread only adds its start and its copies.
  const parallelAt = options.parallelFrom ?? (availableParallelism() > 1 ? parallelFrom : Number.POSITIVE_INFINITY);
  /** Id → file, for the articles of the last clean sync. */
  let fileOfArticle = new Map<string, string>();
  /** Files of a sync that had problems (not committed): looked at again by the next, whatever it is told. */
  const pending = new Set<string>();
  let signatures = new Map<string, string>();
  /** The rows as of the last clean sync (without their articles), so a change does not read them all again. */
  let known: Map<string, Row> | undefined;
  const storedVerdict = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'verdict'");
  const storeVerdict = db.prepare<[string]>("INSERT OR REPLACE INTO meta (key, value) VALUES ('verdict', ?)");
  const storedFolder = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'folder'");
  const storeFolder = db.prepare<[string]>("INSERT OR REPLACE INTO meta (key, value) VALUES ('folder', ?)");
  /** Rows and a verdict made from another folder (CONTENT_DIR changed, DATA_DIR kept) say nothing of this one: dropped. */
  const forgetOtherFolder = (dir: string) => {
    const folder = resolve(dir);
    if (storedFolder.get()?.value === folder) return;
    db.exec("DELETE FROM files; DELETE FROM meta WHERE key = 'verdict'");
    storeFolder.run(folder);
    known = undefined;
    pending.clear();
    cache.clear();
    fileOfArticle = new Map();
    signatures = new Map();
  };

  return {
    async sync(dir, options = {}) {
      forgetOtherFolder(dir);
      if (options.trust && known === undefined && pending.size === 0) {
        // The last clean sync's verdict, stored with its rows (rows are only ever committed with a
        // clean verdict): a start reads one value rather than every row and checks nothing again.
        const stored = storedVerdict.get();
        const verdict = stored === undefined ? undefined : (JSON.parse(stored.value) as StoredVerdict);
        if (verdict !== undefined) {
          fileOfArticle = new Map(verdict.articles.map((article) => [article.id, article.file]));
          signatures = new Map(verdict.signatures);
          return { ok: true, articles: verdict.articles, fingerprint: verdict.fingerprint, reread: 0, kept: verdict.signatures.length, removed: 0 };
        }
      }
      const rows = new Map(known ?? allRows.all().map((row) => [row.file, row]));
      let names: string[];
      /** The files looked at (a stat each); a partial sync's names that are gone are dropped. */
      let look: string[];
      const partial = !!options.trust || options.only !== undefined;
      /** The folder's own problem (gone, not a folder), as checkContent words it. */
      const folderProblem = (error: unknown): SnapshotSync => {
        const code = (error as NodeJS.ErrnoException).code;
        const reason = code === "ENOENT" ? "the folder does not exist" : code === "ENOTDIR" ? "is not a folder" : String(error);
        const verdict = contentResultOf(dir, { ok: false, problem: { file: dir, message: reason } });
        return { ...(verdict.ok ? { ok: false, problems: [] } : verdict), reread: 0, kept: 0, removed: 0 };
      };
      if (options.trust && rows.size > 0) {
        names = [...rows.keys()].sort();
        look = [...pending];
      } else if (options.only !== undefined) {
        // The folder itself first: its files are not all gone because it is.
        const notFolder = await stat(dir).then(
          (info) => (info.isDirectory() ? undefined : Object.assign(new Error("not a folder"), { code: "ENOTDIR" })),
          (error: unknown) => error,
        );
        if (notFolder !== undefined) return folderProblem(notFolder);
        look = [...new Set([...options.only, ...pending])].filter((name) => !name.startsWith(".") && articleExtensions.has(extname(name)));
        names = [...new Set([...rows.keys(), ...look])].sort();
      } else {
        try {
          names = (await readdir(dir)).filter((name) => !name.startsWith(".") && articleExtensions.has(extname(name))).sort();
        } catch (error) {
          return folderProblem(error);
        }
        look = names;
      }

      const present = new Set(names);
      const gone = [...rows.keys()].filter((file) => !present.has(file));
      for (const file of gone) rows.delete(file);

      // Which files changed: a stat each, a batch at a time.
      const changed: FileToRead[] = [];
      const unreadable = new Map<string, string>();
      for (let from = 0; from < look.length; from += statBatch) {
        const batch = look.slice(from, from + statBatch);
        const stats = await Promise.all(batch.map((name) => stat(join(dir, name)).catch((error: NodeJS.ErrnoException) => error)));
        stats.forEach((info, i) => {
          const name = batch[i] as string;
          if (info instanceof Error && partial && info.code === "ENOENT") {
            // A file the watcher named that is no longer there: removed.
            if (rows.delete(name)) gone.push(name);
            names = names.filter((other) => other !== name);
            return;
          }
          if (info instanceof Error) {
            unreadable.set(name, `cannot be read: ${info.code ?? String(info)}`);
            return;
          }
          const row = rows.get(name);
          if (row && row.size === info.size && row.mtime_ms === info.mtimeMs && row.ctime_ms === info.ctimeMs) return;
          changed.push({ name, size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs });
        });
      }

      // Read, parse and check the changed files, the stat taken before the read (a file written
      // meanwhile looks changed next time). Written in one transaction, committed only if the
      // folder is clean: a content change with problems leaves the last good rows (the bot keeps
      // serving the last good content, and reads its articles from them) and is read again.
      // Many files (a cold start): half of them parsed in a worker thread meanwhile, on the
      // other core; here if a worker cannot run. The rows are the same whichever thread made them.
      const parallel = changed.length >= parallelAt;
      const half = parallel ? Math.ceil(changed.length / 2) : changed.length;
      const theirs = parallel ? readSnapshotRowsInWorker({ dir, files: changed.slice(half) }).catch(() => undefined) : undefined;
      const reads: ReadRows[] = [await readSnapshotRows(dir, changed.slice(0, half))];
      const fromWorker = theirs ? await theirs : undefined;
      if (parallel) reads.push(fromWorker ?? (await readSnapshotRows(dir, changed.slice(half))));
      const written: WrittenRow[] = [];
      for (const read of reads) {
        for (const [name, message] of read.unreadable) unreadable.set(name, message);
        for (const row of read.rows) {
          // The article's JSON goes to its row, not to the rows kept in memory.
          const { file, size, mtime_ms, ctime_ms, id, date, headline, status, publish_at, content_hash, problems } = row;
          rows.set(file, { file, size, mtime_ms, ctime_ms, id, date, headline, status, publish_at, content_hash, problems });
          written.push(row);
        }
      }
      const removed = gone.length;
      // The verdict: the files checked as checkContent checks them (each file's own problems
      // from its row, the ids across files here), then loadContent's rules, with a stand-in
      // of each good article holding what those rules read (id, date, status).
      const files: CheckedFile[] = [];
      const fileOfId = new Map<string, string>();
      const summaryOf = new Map<string, SnapshotSummary>();
      for (const name of names) {
        const file = join(dir, name);
        const cannotRead = unreadable.get(name);
        const row = rows.get(name);
        if (cannotRead !== undefined || row === undefined) {
          files.push({ file, problems: [{ file, message: cannotRead ?? "cannot be read" }] });
          continue;
        }
        const problems: ContentProblem[] = row.problems === "[]" ? [] : (JSON.parse(row.problems) as FileProblem[]).map((problem) => ({ file, ...problem }));
        if (row.id !== null) {
          const other = fileOfId.get(row.id);
          if (other === undefined) fileOfId.set(row.id, name);
          else {
            // Rare: the file's text is needed to place the problem, so it is read again.
            const text = await readFile(file, "utf8").catch(() => "");
            const duplicate = placeFieldProblems([{ path: ["id"], message: `"${row.id}" is already the id of ${other}` }], {}, text);
            problems.push(...duplicate.map((problem) => ({ file, ...problem })));
          }
        }
        const checked: CheckedFile = { file, problems };
        if (problems.length === 0 && row.id !== null && row.date !== null && row.headline !== null && row.content_hash !== null) {
          const summary: SnapshotSummary = {
            id: row.id,
            date: row.date,
            headline: row.headline,
            status: (row.status ?? "live") as Article["status"],
            ...(row.publish_at !== null ? { publishAt: row.publish_at } : {}),
            contentHash: row.content_hash,
            file: name,
          };
          summaryOf.set(row.id, summary);
          checked.article = summary as unknown as Article;
        }
        problems.sort((x, y) => (x.line ?? 0) - (y.line ?? 0) || (x.column ?? 0) - (y.column ?? 0));
        files.push(checked);
      }
      const verdict = contentResultOf(dir, { ok: true, files });
      const counts = { reread: changed.length, kept: names.length - changed.length - unreadable.size, removed, ...(fromWorker ? { inWorker: changed.length - half } : {}) };
      if (!verdict.ok) {
        for (const name of [...changed.map((file) => file.name), ...unreadable.keys(), ...gone]) pending.add(name);
        return { ...verdict, ...counts };
      }
      pending.clear();
      const articles = verdict.articles.map((article) => summaryOf.get(article.id) as SnapshotSummary);
      const hash = createHash("sha256").update(fingerprint);
      signatures = new Map();
      for (const name of names) {
        const row = rows.get(name);
        hash.update(`\n${name}:${row?.size}:${row?.mtime_ms}:${row?.ctime_ms}`);
        if (row) signatures.set(name, `${row.size}:${row.mtime_ms}`);
      }
      const contentFingerprint = hash.digest("base64url");
      if (written.length > 0 || removed > 0 || storedVerdict.get() === undefined) {
        const stored: StoredVerdict = { fingerprint: contentFingerprint, articles, signatures: [...signatures] };
        db.transaction(() => {
          for (const file of gone) remove.run(file);
          for (const row of written) upsert.run(row);
          storeVerdict.run(JSON.stringify(stored));
        })();
      }
      if (written.length > 0 || removed > 0) cache.clear();
      fileOfArticle = new Map(articles.map((article) => [article.id, article.file]));
      known = rows;
      return { ok: true, articles, fingerprint: contentFingerprint, ...counts };
    },

    article(id, options) {
      const cached = cache.get(id);
      if (cached !== undefined) return cached;
      const file = fileOfArticle.get(id);
      const json = file === undefined ? undefined : byFile.get(file)?.article;
      if (json === undefined || json === null) return undefined;
      const article = JSON.parse(json) as Article;
      if (options?.keep !== false) cache.set(id, article);
      return article;
    },

    path,

    signatures: () => signatures,

    articles() {
      const articles: Article[] = [];
      for (const { article } of everyArticle.iterate()) articles.push(JSON.parse(article) as Article);
      return articles.sort(compareNewestFirst);
    },

    close() {
      db.close();
    },
  };
}

/**
 * The articles of these files, in this order, read from the snapshot at `path` without changing
 * it (a worker thread building the search index while the bot serves), in one read transaction;
 * a file with no article row is left out.
 */
export function readSnapshotArticles(path: string, files: readonly string[]): Article[] {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const byFile = db.prepare<[string], { article: string | null }>("SELECT article FROM files WHERE file = ?");
    return db.transaction(() => {
      const articles: Article[] = [];
      for (const file of files) {
        const json = byFile.get(file)?.article;
        if (typeof json === "string") articles.push(JSON.parse(json) as Article);
      }
      return articles;
    })();
  } finally {
    db.close();
  }
}
