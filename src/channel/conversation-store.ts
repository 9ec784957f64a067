import type { ConversationData, VersionedState } from "@grammyjs/conversations";
import type { ChannelDatabase } from "./channel-database";

/** Where /publish conversations wait between an admin's messages: keyed by chat id. */
export interface ConversationStore {
  read(key: string): VersionedState<ConversationData> | undefined;
  write(key: string, state: VersionedState<ConversationData>): void;
  delete(key: string): void;
}

/**
 * Keeps conversations in the channel database (`DATA_DIR/channel.sqlite`), so a
 * half-done /publish survives a restart and is the same for every process on
 * that DATA_DIR. Only admins' private chats are ever stored.
 */
export function createConversationStore(db: ChannelDatabase, now: () => number = () => Date.now()): ConversationStore {
  const read = db.prepare<[string], { value: string }>("SELECT value FROM conversations WHERE key = ?");
  const write = db.prepare<[string, string, number]>(
    "INSERT INTO conversations (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
  );
  const remove = db.prepare<[string]>("DELETE FROM conversations WHERE key = ?");
  return {
    read(key) {
      const row = read.get(key);
      return row ? (JSON.parse(row.value) as VersionedState<ConversationData>) : undefined;
    },
    write(key, state) {
      write.run(key, JSON.stringify(state), now());
    },
    delete(key) {
      remove.run(key);
    },
  };
}
