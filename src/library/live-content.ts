import { existsSync } from "node:fs";
import { rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "pino";
import type { AdminNotifier } from "../notices/admin-notifier";
import { isLive, type Article } from "../content/article-schema";
import { summariseArticle, type ArticleSummary } from "../content/article-summary";
import { CONTENT_SNAPSHOT_FILE, openContentSnapshot, readSnapshotArticles, type ContentSnapshot, type ReadOptions, type SnapshotSummary } from "../content/content-snapshot";
import { createContentWatcher } from "../content/content-watcher";
import { loadContent, type ContentResult } from "../content/load-content";
import { buildIndexInWorker, startIndexWorker, type IndexWorker } from "./build-index-in-worker";
import { createLibrary, createLibraryOf, type Library } from "./library";
import { describeError } from "../base/describe-error";
import { createSearchIndex, loadSearchIndex, readSearchIndexFile, saveSearchIndex, type SearchIndex } from "../search/search-articles";
import { renderContentFixedNotice, renderContentProblemsNotice } from "../notices/content-notices";

export interface LiveContentOptions {
  dir: string;
  logger: Logger;
  notifier: AdminNotifier;
  /** @default 2000 */
  intervalMs?: number;
  /**
   * Where the content snapshot and the saved search index live (`DATA_DIR`): a start, and a
   * change, then re-read only the files that changed, articles are read from the snapshot on
   * demand (only their summaries held), a start reloads the index rather than building it, and
   * a change's index is built in a worker thread while the old one serves. Unset: every file is
   * read each time, every article held, the index built each time.
   */
  snapshotDir?: string;
}

/** The file beside the content snapshot that holds the search index of its live articles. */
export const SEARCH_INDEX_FILE = "search-index.bin";

/**
 * The content the bot serves, kept in step with CONTENT_DIR while it runs: a
 * clean change swaps the library (commands and inline mode read it through
 * `library()` on every update) and tells the listeners (the channel); a
 * change with problems keeps the last good library and tells the admins
 * what is wrong, and again when it is fixed.
 */
export function createLiveContent(options: LiveContentOptions) {
  let library: Library | undefined;
  /** Every article loaded, drafts included: the newsroom lists them. */
  let loaded: readonly ArticleSummary[] = [];
  /** Without a snapshot: the articles of the last clean load, held whole. */
  let held: Article[] = [];
  /** The problems of the last load, if it had any (the last good content is served meanwhile). */
  let problems: readonly string[] = [];
  let broken = false;
  const listeners: (() => unknown)[] = [];
  const { logger } = options;
  let snapshot: ContentSnapshot | undefined;
  if (options.snapshotDir !== undefined) {
    try {
      snapshot = openContentSnapshot(join(options.snapshotDir, CONTENT_SNAPSHOT_FILE));
    } catch (error) {
      // A cache, not state: without it every file is read, as before.
      logger.warn({ error: describeError(error) }, "cannot open the content snapshot; reading every file instead");
    }
  }
  const indexFile = options.snapshotDir === undefined ? undefined : join(options.snapshotDir, SEARCH_INDEX_FILE);
  /** The fingerprint of the content as last synced, which keys its saved index. */
  let fingerprint: string | undefined;
  /** At a start with no saved index: the index worker, started so that it boots while the files are parsed. */
  let indexWorker: IndexWorker | undefined;

  /** The folder read through the snapshot (only the changed files parsed and checked), as summaries. */
  const read = async (dir: string, changed?: ReadonlySet<string>): Promise<ContentResult<ArticleSummary>> => {
    if (!snapshot) {
      const result = await loadContent(dir);
      if (!result.ok) return result;
      held = result.articles;
      return { ok: true, articles: result.articles.map(summariseArticle) };
    }
    const started = performance.now();
    // At start-up the rows as they are (the watcher's first look finds what changed meanwhile); then the files it named.
    const synced = await snapshot.sync(dir, changed === undefined ? { trust: true } : { only: changed });
    if (!synced.ok) return { ok: false, problems: synced.problems };
    fingerprint = synced.fingerprint;
    const ms = Math.round(performance.now() - started);
    logger.debug({ reread: synced.reread, inWorker: synced.inWorker ?? 0, kept: synced.kept, removed: synced.removed, ms }, "content snapshot in step");
    return { ok: true, articles: synced.articles };
  };

  /** The index of the snapshot's live `articles`, built in a worker thread (on this one if a worker cannot run), saved for the next start. */
  async function buildIndex(from: ContentSnapshot, articles: readonly SnapshotSummary[], key: string): Promise<SearchIndex> {
    const job = { snapshotPath: from.path, files: articles.filter(isLive).map((article) => article.file), key };
    let saved: Buffer;
    const worker = indexWorker;
    indexWorker = undefined;
    try {
      saved = await buildIndexInWorker(job, worker);
    } catch (error) {
      logger.warn({ error: describeError(error) }, "could not build the search index in a worker; building it here");
      saved = saveSearchIndex(createSearchIndex(readSnapshotArticles(job.snapshotPath, job.files)), key);
    }
    const index = loadSearchIndex(saved, key);
    if (!index) throw new Error("the search index just built could not be loaded");
    if (indexFile !== undefined) {
      // Written aside, then renamed; not awaited: a failure only costs a rebuild at the next start.
      const temporary = `${indexFile}.${process.pid}.tmp`;
      writeFile(temporary, saved)
        .then(() => rename(temporary, indexFile))
        .then(() => logger.debug({ articles: index.articleCount }, "search index saved"))
        .catch((error: unknown) => logger.warn({ error: describeError(error) }, "could not save the search index; the next start builds it again"));
    }
    return index;
  }

  /** The content a change's index is wanted for (the newest wins), and whether a build is under way. */
  let wanted: { articles: readonly SnapshotSummary[]; key: string } | undefined;
  let rebuilding = false;

  /** Builds the index of the newest content wanted, off the main thread, and swaps it in if the content is still that. */
  async function rebuild(): Promise<void> {
    if (rebuilding) return;
    rebuilding = true;
    try {
      while (wanted && snapshot) {
        const { articles, key } = wanted;
        wanted = undefined;
        const started = performance.now();
        const index = await buildIndex(snapshot, articles, key);
        if (library && key === fingerprint) {
          library = { ...library, index };
          logger.info({ articles: index.articleCount, ms: Math.round(performance.now() - started) }, "search index rebuilt and swapped in");
        }
      }
    } catch (error) {
      logger.error({ error: describeError(error) }, "could not rebuild the search index; searching the one before");
    } finally {
      rebuilding = false;
    }
  }

  /**
   * The library of `articles`: from the snapshot, its index loaded when one was saved for this
   * content; else, at start-up, built; on a change, the change is served at once (articles,
   * lists, answers) with the index as it was, and the new index swapped in once a worker built it.
   */
  async function libraryOf(articles: readonly ArticleSummary[]): Promise<Library> {
    const key = fingerprint;
    if (!snapshot || key === undefined) return createLibrary(held);
    const from = snapshot;
    const readArticle = (id: string, read?: ReadOptions) => from.article(id, read);
    const summaries = articles as readonly SnapshotSummary[];
    const started = performance.now();
    const saved = indexFile === undefined ? undefined : await readSearchIndexFile(indexFile, key);
    if (saved) {
      logger.debug({ articles: saved.articleCount, ms: Math.round(performance.now() - started) }, "search index loaded");
      return createLibraryOf(summaries, readArticle, saved);
    }
    if (!library) return createLibraryOf(summaries, readArticle, await buildIndex(from, summaries, key));
    wanted = { articles: summaries, key };
    void rebuild();
    return createLibraryOf(summaries, readArticle, library.index);
  }

  const watcher = createContentWatcher<ArticleSummary>({
    dir: options.dir,
    intervalMs: options.intervalMs,
    logger: options.logger,
    load: read,
    ...(snapshot ? { signatures: () => snapshot?.signatures() ?? new Map<string, string>() } : {}),
    onLoaded: async (articles) => {
      loaded = articles;
      problems = [];
      library = await libraryOf(articles);
      if (broken) {
        broken = false;
        await options.notifier.notifyAdmins(renderContentFixedNotice(library.articles.length));
      }
      for (const listener of listeners) await listener();
    },
    onProblems: async (found) => {
      broken = true;
      problems = found;
      await options.notifier.notifyAdmins(renderContentProblemsNotice(options.dir, found, library?.articles.length ?? 0));
    },
  });
  return {
    /** The start-up load; the bot does not start with content that has problems (an empty folder is fine). */
    async load(): Promise<ContentResult<ArticleSummary>> {
      // No saved index: it is built once the files are parsed, by a worker that boots meanwhile.
      if (snapshot && indexFile !== undefined && !existsSync(indexFile)) indexWorker = startIndexWorker();
      try {
        const result = await watcher.load();
        if (result.ok) {
          loaded = result.articles;
          library = await libraryOf(result.articles);
        }
        return result;
      } finally {
        indexWorker?.stop();
        indexWorker = undefined;
      }
    },
    /** Loads CONTENT_DIR now (after the newsroom wrote to it): a clean load is served at once, problems are told as any change's. */
    reload: () => watcher.reload(),
    /** Every article loaded, drafts included, as summaries. */
    loaded: (): readonly ArticleSummary[] => loaded,
    /** The last load's problems, or none. */
    problems: (): readonly string[] => problems,
    library(): Library {
      if (!library) throw new Error("the content has not been loaded");
      return library;
    },
    /** Called after each clean reload. */
    onChange(listener: () => unknown): void {
      listeners.push(listener);
    },
    /** Whether a change's search index is still being built (the one before serves meanwhile). */
    indexing: (): boolean => rebuilding,
    start: watcher.start,
    stop(): void {
      watcher.stop();
      wanted = undefined;
      snapshot?.close();
      snapshot = undefined;
    },
  };
}
