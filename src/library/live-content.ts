import { join } from "node:path";
import type { Logger } from "pino";
import type { AdminNotifier } from "../notices/admin-notifier";
import type { Article } from "../content/article-schema";
import { CONTENT_SNAPSHOT_FILE, openContentSnapshot, type ContentSnapshot } from "../content/content-snapshot";
import { createContentWatcher } from "../content/content-watcher";
import { loadContent, type ContentResult } from "../content/load-content";
import { createLibrary, type Library } from "./library";
import { describeError } from "../base/describe-error";
import { readSearchIndexFile, writeSearchIndexFile } from "../search/search-articles";
import { renderContentFixedNotice, renderContentProblemsNotice } from "../notices/content-notices";

export interface LiveContentOptions {
  dir: string;
  logger: Logger;
  notifier: AdminNotifier;
  /** @default 2000 */
  intervalMs?: number;
  /**
   * Where the content snapshot and the saved search index live (`DATA_DIR`): a start, and a
   * change, then re-read only the files that changed, and a start reloads the index rather
   * than building it. Unset: every file is read each time, the index built each time.
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
  let loaded: readonly Article[] = [];
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

  /** The folder read through the snapshot: only the changed files are parsed and checked. */
  const readThroughSnapshot = async (dir: string): Promise<ContentResult> => {
    if (!snapshot) return loadContent(dir);
    const synced = await snapshot.sync(dir);
    if (!synced.ok) return { ok: false, problems: synced.problems };
    fingerprint = synced.fingerprint;
    logger.debug({ reread: synced.reread, kept: synced.kept, removed: synced.removed }, "content snapshot in step");
    return { ok: true, articles: snapshot.articles() };
  };

  /** The library of `articles`: its index loaded when one was saved for this content, else built and saved. */
  async function libraryOf(articles: Article[]): Promise<Library> {
    const key = fingerprint;
    if (indexFile === undefined || key === undefined) return createLibrary(articles);
    const saved = await readSearchIndexFile(indexFile, key);
    if (saved) return createLibrary(articles, saved);
    const built = createLibrary(articles);
    // Saved for the next start, without holding this one up; a failure only costs a rebuild then.
    writeSearchIndexFile(indexFile, built.index, key).catch((error: unknown) =>
      logger.warn({ error: describeError(error) }, "could not save the search index; the next start builds it again"),
    );
    return built;
  }

  const watcher = createContentWatcher({
    dir: options.dir,
    intervalMs: options.intervalMs,
    logger: options.logger,
    ...(snapshot ? { load: readThroughSnapshot } : {}),
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
    async load(): Promise<ContentResult> {
      const result = await watcher.load();
      if (result.ok) {
        loaded = result.articles;
        library = await libraryOf(result.articles);
      }
      return result;
    },
    /** Loads CONTENT_DIR now (after the newsroom wrote to it): a clean load is served at once, problems are told as any change's. */
    reload: () => watcher.reload(),
    /** Every article loaded, drafts included. */
    loaded: (): readonly Article[] => loaded,
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
    start: watcher.start,
    stop(): void {
      watcher.stop();
      snapshot?.close();
      snapshot = undefined;
    },
  };
}
