import type { ConversationStore } from "./conversation-store";
import type { PostLedger } from "./post-ledger";
import type { PosterLease } from "./poster-lease";

/** What the channel keeps: its ledger, the admins' /publish conversations, and who posts. */
export interface ChannelStorage {
  ledger: PostLedger;
  conversations: ConversationStore;
  lease: PosterLease;
  /** Whether they can be reached now (always, when embedded). */
  available: () => boolean;
}
