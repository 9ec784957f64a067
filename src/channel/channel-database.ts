import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";

export type ChannelDatabase = Database.Database;

/** The file in `DATA_DIR` that holds the post ledger and the admins' conversations. */
export const CHANNEL_DATABASE_FILE = "channel.sqlite";

/** Schema versions, applied in order; `PRAGMA user_version` says how many are in. */
const migrations: string[] = [
  `
  CREATE TABLE posts (
    article_id       TEXT PRIMARY KEY,
    chat_id          TEXT NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('scheduled', 'requested', 'sending', 'posted', 'uncertain', 'failed')),
    intent           TEXT NOT NULL DEFAULT 'auto' CHECK (intent IN ('auto', 'requested', 'scheduled')),
    scheduled_at     INTEGER,
    requested_by     INTEGER,
    message_id       INTEGER,
    content_hash     TEXT,
    revision         INTEGER NOT NULL DEFAULT 0,
    attempts         INTEGER NOT NULL DEFAULT 0,
    owner            TEXT,
    attempt_at       INTEGER,
    posted_at        INTEGER,
    edited_at        INTEGER,
    error            TEXT,
    edit_error       TEXT,
    edit_failed_hash TEXT,
    edit_owner       TEXT,
    updated_at       INTEGER NOT NULL
  );
  CREATE TABLE post_events (
    id           INTEGER PRIMARY KEY,
    article_id   TEXT NOT NULL,
    at           INTEGER NOT NULL,
    event        TEXT NOT NULL,
    revision     INTEGER,
    content_hash TEXT,
    message_id   INTEGER,
    detail       TEXT
  );
  CREATE INDEX post_events_by_article ON post_events (article_id, id);
  CREATE TABLE sends (
    id         INTEGER PRIMARY KEY,
    chat_id    TEXT NOT NULL,
    at         INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    method     TEXT NOT NULL
  );
  CREATE INDEX sends_by_chat ON sends (chat_id, at);
  CREATE TABLE chat_pauses (
    chat_id TEXT PRIMARY KEY,
    until   INTEGER NOT NULL
  );
  CREATE TABLE instances (
    id         TEXT PRIMARY KEY,
    pid        INTEGER NOT NULL,
    host       TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    seen_at    INTEGER NOT NULL
  );
  CREATE TABLE conversations (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  );
  `,
];

/** Databases that `openChannelDatabase` made rather than found. */
const made = new WeakSet<ChannelDatabase>();

/** Whether this process made the database (there was none in DATA_DIR, or it was empty) rather than opening one. */
export function isNewChannelDatabase(db: ChannelDatabase): boolean {
  return made.has(db);
}

/**
 * Opens (creating if need be) the channel database: `DATA_DIR/channel.sqlite`,
 * or `:memory:` for the demo and tests. WAL lets readers and one writer work
 * at once across processes; `synchronous = FULL` makes a committed row survive
 * a power cut, not just a crash; writers wait up to 5 s for one another.
 */
export function openChannelDatabase(dataDir: string | ":memory:"): ChannelDatabase {
  let file: string = dataDir;
  if (dataDir !== ":memory:") {
    mkdirSync(dataDir, { recursive: true });
    file = join(dataDir, CHANNEL_DATABASE_FILE);
  }
  const db = new Database(file, { timeout: 5000 });
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  // Two processes may start together: the IMMEDIATE transaction makes one migrate while the other waits.
  db.transaction(() => {
    const version = db.pragma("user_version", { simple: true }) as number;
    if (version === 0) made.add(db);
    for (const [i, sql] of migrations.entries()) {
      if (i < version) continue;
      db.exec(sql);
      db.pragma(`user_version = ${i + 1}`);
    }
  }).immediate();
  return db;
}
