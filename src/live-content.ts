import type { Logger } from "pino";
import type { AdminNotifier } from "./admin-notifier";
import { createContentWatcher } from "./content/content-watcher";
import type { Article } from "./content/article-schema";
import type { ContentResult } from "./content/load-content";
import { createLibrary, type Library } from "./library";
import { renderContentFixedNotice, renderContentProblemsNotice } from "./render/render-channel-admin";

export interface LiveContentOptions {
  dir: string;
  logger: Logger;
  notifier: AdminNotifier;
  /** @default 2000 */
  intervalMs?: number;
}

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
  const watcher = createContentWatcher({
    dir: options.dir,
    intervalMs: options.intervalMs,
    logger: options.logger,
    onLoaded: async (articles) => {
      loaded = articles;
      problems = [];
      library = createLibrary(articles);
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
        library = createLibrary(result.articles);
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
    stop: watcher.stop,
  };
}
