import { watch, type FSWatcher } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import type { Logger } from "pino";
import { isLive, type Article } from "./article-schema";
import { loadContent, type ContentResult } from "./load-content";
import { describeError } from "../base/describe-error";

export interface ContentWatcherOptions<A extends Pick<Article, "status"> = Article> {
  dir: string;
  /** How long a changed file found by a look must stay the same before it is read; also how often a folder that cannot be watched is looked at. @default 2000 */
  intervalMs?: number;
  /**
   * How long a file an event named must stay the same before it is read: its signature is
   * taken when the event comes, so one quiet stretch is enough. @default 500, at most `intervalMs`
   */
  settleMs?: number;
  /** How often the whole folder is looked at anyway, in case the watcher missed an event. @default 600 000 (10 minutes) */
  rescanMs?: number;
  /**
   * How the folder is read. `changed`: the files whose signature changed since the last load
   * (unset at start-up). @default loadContent; the content snapshot's sync re-reads only the changed files.
   */
  load?: (dir: string, changed?: ReadonlySet<string>) => Promise<ContentResult<A>>;
  /**
   * Each file's signature as the start-up load read it, when the loader knows them without a
   * look (the content snapshot's rows): the start then costs no stat per file, and the first
   * look after `start` finds what changed meanwhile. @default every file looked at before the load
   */
  signatures?: () => Map<string, string>;
  /** A change loaded cleanly: serve these articles now. */
  onLoaded: (articles: A[]) => unknown;
  /** A change has problems: the last good content stays; called once per distinct set of problems. */
  onProblems: (problems: string[]) => unknown;
  logger: Logger;
}

const articleExtensions = new Set([".yaml", ".yml", ".json"]);
const isArticleFile = (name: string) => !name.startsWith(".") && articleExtensions.has(extname(name));

/** Files stat'ed at once in a full look. */
const statBatch = 256;

/** A file's size and modification time, or "gone". */
async function signatureOf(dir: string, name: string): Promise<string> {
  const info = await stat(join(dir, name)).catch(() => undefined);
  return info ? `${info.size}:${info.mtimeMs}` : "gone";
}

/** Every article file's signature (size and time), as a full look takes them; `undefined` if the folder cannot be listed. */
export async function signaturesOf(dir: string): Promise<Map<string, string> | undefined> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter(isArticleFile);
  } catch {
    return undefined;
  }
  const signatures = new Map<string, string>();
  for (let from = 0; from < names.length; from += statBatch) {
    const batch = names.slice(from, from + statBatch);
    const found = await Promise.all(batch.map((name) => signatureOf(dir, name)));
    batch.forEach((name, i) => signatures.set(name, found[i] as string));
  }
  return signatures;
}

/**
 * Keeps the bot's content in step with CONTENT_DIR while it runs. `fs.watch` says which files
 * changed, so that a quiet folder costs nothing however many files it holds (looking at
 * 100,000 files every 2 s took 2–3 s of CPU each time). A changed file is read once it has
 * stayed the same for `intervalMs` (a file still being written, or a save in several steps, is
 * not read half-done). Watchers lose events on some filesystems (Docker bind mounts, network
 * shares) and editors that save by renaming confuse them, so the whole folder is also looked
 * at every `rescanMs`, and every `intervalMs` when it cannot be watched at all. A load with
 * problems leaves the last good content in place and reports the problems, once.
 */
export function createContentWatcher<A extends Pick<Article, "status"> = Article>(options: ContentWatcherOptions<A>) {
  const { dir, logger } = options;
  const intervalMs = options.intervalMs ?? 2000;
  const settleMs = Math.min(options.settleMs ?? 500, intervalMs);
  const rescanMs = options.rescanMs ?? 600_000;
  // Without `load`, A is Article (loadContent's articles).
  const read = options.load ?? (loadContent as unknown as (dir: string) => Promise<ContentResult<A>>);
  /** Each file's signature when the content was last loaded. */
  let loaded = new Map<string, string>();
  /** Files an event named (or a full look found changed) since, with the signature seen at the last look. */
  const dirty = new Map<string, string | undefined>();
  /** A full look is due (an event without a file name, the rescan, a folder that could not be watched). */
  let fullLookDue = false;
  let lastProblems: string | undefined;
  let watcher: FSWatcher | undefined;
  let checkTimer: NodeJS.Timeout | undefined;
  let rescanTimer: NodeJS.Timeout | undefined;
  let checking = false;
  let stopped = true;

  /** Looks again in `delayMs`, unless a look is already due. */
  function scheduleCheck(delayMs = intervalMs): void {
    if (stopped || checkTimer !== undefined || checking) return;
    checkTimer = setTimeout(() => {
      checkTimer = undefined;
      checking = true;
      check()
        .catch((err: unknown) => logger.error({ error: describeError(err) }, "content check failed"))
        .finally(() => {
          checking = false;
          if (dirty.size > 0 || fullLookDue || watcher === undefined) scheduleCheck();
        });
    }, delayMs);
    checkTimer.unref();
  }

  async function check(): Promise<void> {
    if (watcher === undefined) {
      startWatching();
      // Whatever changed before the watch began is seen by a full look, now.
      if (watcher !== undefined) fullLookDue = true;
    }
    if (fullLookDue || watcher === undefined) {
      fullLookDue = false;
      const all = await signaturesOf(dir);
      if (all === undefined) {
        // The folder is gone or unreadable: load it, so the editors hear of it (once).
        if (loaded.size > 0 || lastProblems === undefined) await reload(new Map());
        return;
      }
      for (const [name, signature] of all) if (loaded.get(name) !== signature && !dirty.has(name)) dirty.set(name, undefined);
      for (const name of loaded.keys()) if (!all.has(name) && !dirty.has(name)) dirty.set(name, undefined);
    }
    if (dirty.size === 0) return;
    // Stable once every changed file looks as it did at the last look.
    let stable = true;
    const names = [...dirty.keys()];
    const now = await Promise.all(names.map((name) => signatureOf(dir, name)));
    names.forEach((name, i) => {
      const signature = now[i] as string;
      if (dirty.get(name) !== signature) stable = false;
      dirty.set(name, signature);
    });
    if (!stable) return;
    const next = new Map(loaded);
    for (const [name, signature] of dirty) {
      if (signature === "gone" || signature === undefined) next.delete(name);
      else next.set(name, signature);
    }
    dirty.clear();
    if (sameSignatures(next, loaded)) return;
    await reload(next);
  }

  /** Loads the folder (its files' signatures now `next`) and tells the listeners; one load at a time. */
  let loading: Promise<unknown> = Promise.resolve();
  function reload(next: Map<string, string>): Promise<ContentResult<A>> {
    const done = loading.then(() => loadAndTell(next));
    loading = done.catch(() => undefined);
    return done;
  }

  async function loadAndTell(next: Map<string, string>): Promise<ContentResult<A>> {
    const changed = new Set<string>();
    for (const [name, signature] of next) if (loaded.get(name) !== signature) changed.add(name);
    for (const name of loaded.keys()) if (!next.has(name)) changed.add(name);
    loaded = next;
    const result = await read(dir, changed);
    if (result.ok) {
      lastProblems = undefined;
      logger.info({ articles: result.articles.length, drafts: result.articles.filter((article) => !isLive(article)).length }, "content reloaded");
      await options.onLoaded(result.articles);
    } else {
      const key = result.problems.join("\n");
      logger.warn({ problems: result.problems }, "content changed with problems; keeping the last good content");
      if (key !== lastProblems) {
        lastProblems = key;
        await options.onProblems(result.problems);
      }
    }
    return result;
  }

  function startWatching(): void {
    if (stopped || watcher !== undefined) return;
    try {
      watcher = watch(dir, { persistent: false }, (_event, name) => {
        if (name === null || name === undefined) {
          fullLookDue = true;
          scheduleCheck();
        } else if (isArticleFile(String(name))) {
          // Its signature now: read once it is the same after `settleMs`.
          const file = String(name);
          void signatureOf(dir, file).then((signature) => {
            dirty.set(file, signature);
            scheduleCheck(settleMs);
          });
        }
      });
      watcher.on("error", (error) => {
        logger.warn({ error: describeError(error) }, "watching the content folder failed; looking at it every few seconds instead");
        watcher?.close();
        watcher = undefined;
        fullLookDue = true;
        scheduleCheck();
      });
    } catch (error) {
      // No folder yet, or no watching here: looked at every intervalMs until it can be watched.
      logger.debug({ error: describeError(error) }, "cannot watch the content folder; looking at it every few seconds instead");
      watcher = undefined;
    }
  }

  function scheduleRescan(): void {
    if (stopped) return;
    rescanTimer = setTimeout(() => {
      fullLookDue = true;
      scheduleCheck();
      scheduleRescan();
    }, rescanMs);
    rescanTimer.unref();
  }

  return {
    /** The first load, at start-up. The folder is looked at before it is read, so a change made meanwhile is still picked up. */
    async load(): Promise<ContentResult<A>> {
      if (options.signatures) {
        const result = await read(dir);
        loaded = options.signatures();
        return result;
      }
      loaded = (await signaturesOf(dir)) ?? new Map();
      return read(dir);
    },
    /** Loads now rather than at the next look (a file the newsroom just wrote), and tells the listeners as a change would. */
    async reload(): Promise<ContentResult<A>> {
      return reload((await signaturesOf(dir)) ?? new Map());
    },
    start(): void {
      if (!stopped) return;
      stopped = false;
      startWatching();
      // Changes between load() and now are seen by this first look.
      fullLookDue = true;
      scheduleCheck();
      scheduleRescan();
    },
    stop(): void {
      stopped = true;
      clearTimeout(checkTimer);
      clearTimeout(rescanTimer);
      checkTimer = undefined;
      watcher?.close();
      watcher = undefined;
    },
  };
}

function sameSignatures(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [name, signature] of a) if (b.get(name) !== signature) return false;
  return true;
}
