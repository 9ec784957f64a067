import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { setNewest } from "../base/caches";
import { isLocale, type Locale } from "../i18n/locale";

/**
 * Each reader's choice from /language (unset: their Telegram language).
 * `get` answers from memory whenever it can, so that choosing every update's
 * language costs a map lookup, not a database round trip.
 */
export interface ReaderLanguageStore {
  /** The reader's choice, or undefined when they made none. */
  get(userId: number): Locale | undefined | Promise<Locale | undefined>;
  /** Keeps the choice (in this instance at once; in the shared storage before it resolves, when that can be reached). */
  set(userId: number, locale: Locale): Promise<void>;
}

/** Readers held in memory in front of the storage: a few bytes each. */
const CACHE_CAPACITY = 100_000;

/**
 * A bounded memory of readers' choices, `null` meaning "known: no choice",
 * forgetting the oldest written first.
 */
export interface LanguageCache {
  /** The choice, `null` when known to be none, `undefined` when not known here. */
  peek(userId: number): Locale | null | undefined;
  put(userId: number, locale: Locale | null): void;
}

export function createLanguageCache(capacity = CACHE_CAPACITY): LanguageCache {
  const entries = new Map<number, Locale | null>();
  return {
    // A read does not refresh an entry (that would cost two map writes on every update): the oldest
    // written goes first, and a reader forgotten is read from the storage again, once.
    peek: (userId) => entries.get(userId),
    put(userId, locale) {
      setNewest(entries, userId, locale, capacity);
    },
  };
}

/** Choices kept in memory only (tests, and a bot built without storage): lost on restart. */
export function createMemoryReaderLanguageStore(): ReaderLanguageStore {
  const cache = createLanguageCache();
  return {
    get: (userId) => cache.peek(userId) ?? undefined,
    async set(userId, locale) {
      cache.put(userId, locale);
    },
  };
}

/** The file in DATA_DIR that holds readers' languages. */
export const READERS_DATABASE_FILE = "readers.sqlite";

/**
 * Choices kept in SQLite in DATA_DIR (`readers.sqlite`; `:memory:` for the
 * demo), so they survive a restart. The database is opened on first use;
 * reads go through the memory cache, each reader read from disk once. A
 * database that cannot be opened or written (a read-only DATA_DIR) is told to
 * `onError` once and the choices are kept in memory: a reader is never left
 * unanswered for want of their language.
 */
export function createSqliteReaderLanguageStore(dataDir: string, onError: (error: unknown) => void = () => {}): ReaderLanguageStore & { close(): void } {
  let failed = false;
  const fail = (error: unknown) => {
    if (!failed) onError(error);
    failed = true;
  };
  let opened: { db: Database.Database; read: Database.Statement<[number], { locale: string }>; write: Database.Statement<[number, string, number]> } | undefined;
  const open = () => {
    if (opened) return opened;
    let db: Database.Database;
    if (dataDir === ":memory:") db = new Database(":memory:");
    else {
      mkdirSync(dataDir, { recursive: true });
      db = new Database(join(dataDir, READERS_DATABASE_FILE));
      db.pragma("journal_mode = WAL");
      db.pragma("busy_timeout = 5000");
    }
    db.exec("CREATE TABLE IF NOT EXISTS reader_languages (user_id INTEGER PRIMARY KEY, locale TEXT NOT NULL, updated_at INTEGER NOT NULL)");
    opened = {
      db,
      read: db.prepare("SELECT locale FROM reader_languages WHERE user_id = ?"),
      write: db.prepare(
        "INSERT INTO reader_languages (user_id, locale, updated_at) VALUES (?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET locale = excluded.locale, updated_at = excluded.updated_at",
      ),
    };
    return opened;
  };
  const cache = createLanguageCache();
  return {
    get(userId) {
      const known = cache.peek(userId);
      if (known !== undefined) return known ?? undefined;
      if (failed) return undefined;
      try {
        const stored = open().read.get(userId)?.locale;
        const locale = isLocale(stored) ? stored : null;
        cache.put(userId, locale);
        return locale ?? undefined;
      } catch (error) {
        fail(error);
        return undefined;
      }
    },
    async set(userId, locale) {
      cache.put(userId, locale);
      if (failed) return;
      try {
        open().write.run(userId, locale, Date.now());
      } catch (error) {
        fail(error);
      }
    },
    close() {
      opened?.db.close();
      opened = undefined;
    },
  };
}
