import { randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "pino";
import type { RedisConnection } from "../storage/redis-connection";

/**
 * Where the articles editors add from Telegram (drafts included) are kept,
 * by file name (`<id>.yaml` or `<id>.json`). The bot always serves
 * CONTENT_DIR, through the content watcher: the store's job is to get each
 * file there, on every instance.
 */
export interface ArticleStore {
  /** Adds or replaces a file; on this instance's CONTENT_DIR before it resolves. */
  put(name: string, text: string): Promise<void>;
  /** Removes a file (a discarded draft). */
  remove(name: string): Promise<void>;
  /** A file's text: the store's, else CONTENT_DIR's (a file put there by hand). */
  read(name: string): Promise<string | undefined>;
  /** The file in CONTENT_DIR whose article has this id (an editor's file may have any name), if any. */
  fileOfId(id: string): Promise<string | undefined>;
  /** Brings CONTENT_DIR up to date with what other instances stored (nothing to do when embedded); true when a file changed. */
  sync(): Promise<boolean>;
}

/** Writes a file so that a reader sees the old one or the new one, never half of it: a hidden temporary file (the loader skips dot files), then a rename. */
export async function writeFileAtomically(dir: string, name: string, text: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const temporary = join(dir, `.${name}.${randomUUID()}.tmp`);
  await writeFile(temporary, text, { flush: true });
  try {
    await rename(temporary, join(dir, name));
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

async function readIfThere(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** A file name the store accepts: an article id and its extension, nothing that could leave the folder. */
export function isArticleFileName(name: string): boolean {
  return /^[a-z0-9][a-z0-9-]{0,99}\.(ya?ml|json)$/.test(name);
}

function checkName(name: string): void {
  if (!isArticleFileName(name)) throw new Error(`not an article file name: ${name}`);
}

/**
 * The file in `dir` whose article has `id`: `<id>.yaml` or `.json` when there,
 * else the first whose text sets that id (a plain text search, no parsing:
 * it runs only when an editor adds a file).
 */
export async function findFileOfId(dir: string, id: string): Promise<string | undefined> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => !name.startsWith(".") && /\.(ya?ml|json)$/.test(name)).sort();
  for (const name of [`${id}.yaml`, `${id}.json`, `${id}.yml`]) if (names.includes(name)) return name;
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const setsId = new RegExp(`^id:\\s*["']?${escaped}["']?\\s*(#.*)?$|"id"\\s*:\\s*"${escaped}"`, "m");
  for (const name of names) {
    const text = await readIfThere(join(dir, name)).catch(() => undefined);
    if (text !== undefined && setsId.test(text)) return name;
  }
  return undefined;
}

/** The embedded store: the files themselves, in CONTENT_DIR, written atomically. */
export function createFileArticleStore(dir: string): ArticleStore {
  return {
    async put(name, text) {
      checkName(name);
      await writeFileAtomically(dir, name, text);
    },
    async remove(name) {
      checkName(name);
      await unlink(join(dir, name)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== "ENOENT") throw error;
      });
    },
    async read(name) {
      checkName(name);
      return readIfThere(join(dir, name));
    },
    fileOfId: (id) => findFileOfId(dir, id),
    async sync() {
      return false;
    },
  };
}

/**
 * The store with REDIS_URL: every file editors add is kept in Redis, beside
 * the post ledger (the hash `articles`: name → text, "" once removed), and
 * copied into each instance's CONTENT_DIR; `articles:version` counts changes,
 * so an instance's `sync` (every couple of seconds) costs one GET when
 * nothing changed. Whichever instance the editor's message reached, every
 * instance serves the same articles within a sync, and a restarted instance
 * (or a new one, with an empty CONTENT_DIR) gets them all at its first sync.
 */
export function createRedisArticleStore(connection: RedisConnection, dir: string, logger: Logger): ArticleStore {
  const hash = connection.key("articles");
  const versionKey = connection.key("articles", "version");
  let seenVersion: string | null | undefined;
  const files = createFileArticleStore(dir);

  async function sync(): Promise<boolean> {
    const version = await connection.run(() => connection.client.get(versionKey));
    if (version === seenVersion) return false;
    let changed = false;
    const all = await connection.run(() => connection.client.hgetall(hash));
    for (const [name, text] of Object.entries(all)) {
      if (!isArticleFileName(name)) continue;
      const path = join(dir, name);
      const current = await readIfThere(path);
      if (text === "") {
        if (current !== undefined) {
          await files.remove(name);
          changed = true;
        }
      } else if (current !== text) {
        await files.put(name, text);
        changed = true;
      }
    }
    seenVersion = version;
    logger.debug({ version, changed }, "articles: CONTENT_DIR in step with redis");
    return changed;
  }

  return {
    async put(name, text) {
      checkName(name);
      await connection.run(() => connection.client.multi().hset(hash, name, text).incr(versionKey).exec());
      await files.put(name, text);
    },
    async remove(name) {
      checkName(name);
      await connection.run(() => connection.client.multi().hset(hash, name, "").incr(versionKey).exec());
      await files.remove(name);
    },
    async read(name) {
      checkName(name);
      const stored = await connection.run(() => connection.client.hget(hash, name));
      if (stored === "") return undefined;
      return stored ?? (await files.read(name));
    },
    fileOfId: (id) => findFileOfId(dir, id),
    sync,
  };
}
