import type { ConversationData, VersionedState } from "@grammyjs/conversations";
import type { ChannelDatabase } from "./channel-database";

export type ConversationState = VersionedState<ConversationData>;

/** What `closeIfIdle` found: closed by this call (tell the admin), still in use (look again at `checkAt`), or already gone. */
export type IdleCheck = { closed: true } | { closed: false; checkAt?: number };

/**
 * Where /publish conversations wait between an admin's messages, keyed by
 * chat id: the `@grammyjs/conversations` storage. Shared by every process
 * that shares the ledger, so a /publish begun on one instance goes on on
 * another. Rejects with `StorageUnavailableError` while it cannot be reached.
 */
export interface ConversationStore {
  read(key: string): Promise<ConversationState | undefined>;
  write(key: string, state: ConversationState): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Deletes the conversation if nothing was written to it for `idleMs`, in
   * one atomic step: of several instances' timers exactly one closes it (and
   * tells the admin), and none closes one that went on elsewhere.
   */
  closeIfIdle(key: string, idleMs: number): Promise<IdleCheck>;
  /**
   * Waits until no other process handles an update of this conversation, and
   * holds it until the returned function is called (or `ttlMs` has passed):
   * the plugin reads the state before an update and writes it after, so two
   * steps handled at once by two instances would lose one. Within a process
   * the runtime's `sequentialize` already keeps a chat's updates in order.
   */
  lock(key: string, ttlMs: number): Promise<() => Promise<void>>;
}

/**
 * Keeps conversations in the channel database (`DATA_DIR/channel.sqlite`), so a
 * half-done /publish survives a restart and is the same for every process on
 * that DATA_DIR. Only admins' private chats are ever stored.
 */
export function createSqliteConversationStore(db: ChannelDatabase, now: () => number = () => Date.now()): ConversationStore {
  const read = db.prepare<[string], { value: string; updated_at: number }>("SELECT value, updated_at FROM conversations WHERE key = ?");
  const write = db.prepare<[string, string, number]>(
    "INSERT INTO conversations (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
  );
  const remove = db.prepare<[string]>("DELETE FROM conversations WHERE key = ?");
  const removeIfIdle = db.prepare<[string, number]>("DELETE FROM conversations WHERE key = ? AND updated_at <= ?");
  return {
    async read(key) {
      const row = read.get(key);
      return row ? (JSON.parse(row.value) as ConversationState) : undefined;
    },
    async write(key, state) {
      write.run(key, JSON.stringify(state), now());
    },
    async delete(key) {
      remove.run(key);
    },
    async closeIfIdle(key, idleMs) {
      const at = now();
      if (removeIfIdle.run(key, at - idleMs).changes > 0) return { closed: true };
      const row = read.get(key);
      return row ? { closed: false, checkAt: row.updated_at + idleMs } : { closed: false };
    },
    // One process takes a bot's updates on a DATA_DIR (polling), and `sequentialize` orders them.
    lock: async () => async () => {},
  };
}
