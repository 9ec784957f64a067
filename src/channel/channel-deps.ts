import type { Article } from "../content/article-schema";
import type { Locale } from "../i18n/locale";
import type { ChannelPublisher } from "./channel-publisher";
import type { ConversationStore } from "./conversation-store";

/** What the admin commands need of the channel; on `BriefingDeps` when CHANNEL_ID is set. */
export interface ChannelDeps {
  channelId: string;
  autopost: boolean;
  /** CHANNEL_CARD: draws a post's summary card, so /publish previews the post as the channel will show it. */
  card?: (article: Article) => Promise<Uint8Array>;
  /** CHANNEL_LANGUAGE: /publish previews the post in it. @default each article's own `language` */
  language?: Locale;
  /** ADMIN_IDS: the only users /publish and /status answer. */
  adminIds: ReadonlySet<number>;
  publisher: ChannelPublisher;
  conversations: ConversationStore;
  /** Whether the ledger and the conversations can be reached now (always, when embedded): /publish and /status need them. */
  storageAvailable: () => boolean;
  /** A /publish left alone this long is closed, and the admin told. */
  publishTimeoutMs: number;
  /** The timers that close idle /publish conversations, by chat. */
  publishTimers: Map<number, NodeJS.Timeout>;
}

/** Ten minutes: time to look something up, not a conversation that lingers for days. */
export const PUBLISH_TIMEOUT_MS = 10 * 60_000;
