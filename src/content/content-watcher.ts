import { readdir, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import type { Logger } from "pino";
import { isLive, type Article } from "./article-schema";
import { loadContent, type ContentResult } from "./load-content";

export interface ContentWatcherOptions {
  dir: string;
  /** How often the folder is looked at. @default 2000 */
  intervalMs?: number;
  /** A change loaded cleanly: serve these articles now. */
  onLoaded: (articles: Article[]) => unknown;
  /** A change has problems: the last good content stays; called once per distinct set of problems. */
  onProblems: (problems: string[]) => unknown;
  logger: Logger;
}

const articleExtensions = new Set([".yaml", ".yml", ".json"]);

/** Names, sizes and modification times of the article files: changes when any file is added, removed or written. */
async function fingerprint(dir: string): Promise<string> {
  try {
    const names = (await readdir(dir)).filter((name) => !name.startsWith(".") && articleExtensions.has(extname(name))).sort();
    const parts = await Promise.all(
      names.map(async (name) => {
        const info = await stat(join(dir, name)).catch(() => undefined);
        return info ? `${name}:${info.size}:${info.mtimeMs}` : `${name}:gone`;
      }),
    );
    return parts.join("\n");
  } catch (error) {
    return `error:${(error as NodeJS.ErrnoException).code ?? String(error)}`;
  }
}

/**
 * Keeps the bot's content in step with CONTENT_DIR while it runs, by polling:
 * every `intervalMs` it lists the article files with their sizes and times.
 * A change is loaded once it has stayed the same for one more look, so a file
 * still being written (or a save in several steps) is not read half-done. A
 * load with problems leaves the last good content in place and reports the
 * problems, once.
 *
 * Polling rather than `fs.watch`: the folder holds a few dozen small files,
 * so a look costs one readdir and a stat per file; and it behaves the same on
 * every platform and filesystem (Docker bind mounts and network shares drop
 * inotify events; editors that save by renaming confuse watchers).
 */
export function createContentWatcher(options: ContentWatcherOptions) {
  const intervalMs = options.intervalMs ?? 2000;
  let loaded: string | undefined;
  let pending: string | undefined;
  let lastProblems: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  async function check(): Promise<void> {
    const current = await fingerprint(options.dir);
    if (current === loaded) {
      pending = undefined;
      return;
    }
    if (current !== pending) {
      pending = current;
      return;
    }
    pending = undefined;
    await loadNow(current);
  }

  /** Loads the folder as it is now, and tells the listeners; one load at a time. */
  let loading: Promise<unknown> = Promise.resolve();
  function loadNow(current: string): Promise<ContentResult> {
    const next = loading.then(() => loadAndTell(current));
    loading = next.catch(() => undefined);
    return next;
  }

  async function loadAndTell(current: string): Promise<ContentResult> {
    loaded = current;
    const result = await loadContent(options.dir);
    if (result.ok) {
      lastProblems = undefined;
      options.logger.info({ articles: result.articles.length, drafts: result.articles.filter((article) => !isLive(article)).length }, "content reloaded");
      await options.onLoaded(result.articles);
    } else {
      const key = result.problems.join("\n");
      options.logger.warn({ problems: result.problems }, "content changed with problems; keeping the last good content");
      if (key !== lastProblems) {
        lastProblems = key;
        await options.onProblems(result.problems);
      }
    }
    return result;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      check()
        .catch((err: unknown) => options.logger.error({ err }, "content check failed"))
        .finally(schedule);
    }, intervalMs);
    timer.unref();
  }

  return {
    /** The first load, at start-up. The folder is looked at before it is read, so a change made meanwhile is still picked up. */
    async load(): Promise<ContentResult> {
      loaded = await fingerprint(options.dir);
      return loadContent(options.dir);
    },
    /** Loads now rather than at the next look (a file the newsroom just wrote), and tells the listeners as a change would. */
    async reload(): Promise<ContentResult> {
      return loadNow(await fingerprint(options.dir));
    },
    start(): void {
      stopped = false;
      schedule();
    },
    stop(): void {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
