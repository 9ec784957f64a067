import type { Api, Context } from "grammy";
import type { Logger } from "pino";
import type { ChannelDeps } from "../channel/channel-deps";
import type { Article } from "../content/article-schema";
import { newestArticle, type Library } from "../library/library";
import type { Newsroom } from "../newsroom/newsroom";
import type { ChatArticleStore } from "./chat-articles";
import type { ReaderLanguageStore } from "./reader-languages";
import type { LanguageFlavor } from "./reader-language";

/** What every handler needs, injected once by `createBot`. */
export interface BriefingDeps {
  /** The content now served; a reload swaps it, so read it per update. */
  library: () => Library;
  chatArticles: ChatArticleStore;
  /** Readers' /language choices; a bot built without them keeps choices in memory. */
  readerLanguages?: ReaderLanguageStore;
  logger: Logger;
  /** The channel, its post ledger and its admins; absent when CHANNEL_ID is not set. */
  channel?: ChannelDeps;
  /** The newsroom: admins adding, editing and approving articles from Telegram; absent in tests that need none. */
  newsroom?: NewsroomDeps;
}

/** What the newsroom's chat flow needs. */
export interface NewsroomDeps {
  /** ADMIN_IDS: the only users who may add, edit, approve or discard articles. */
  adminIds: ReadonlySet<number>;
  newsroom: Newsroom;
  /** The bytes of a document an admin sent (getFile through `api`, the update's, retried as replies are; then the file); only called after its size was checked. */
  download: (fileId: string, api: Api) => Promise<Uint8Array>;
}

/** The dependencies as handlers see them: every store present. */
export type BotDeps = BriefingDeps & { readerLanguages: ReaderLanguageStore };

/** A handler's context: the dependencies, and the reader's language (see `readerLanguage`). */
export type BriefingContext = Context & { briefing: BotDeps } & LanguageFlavor;

/** The article this chat asks about: its choice from /articles, else the newest. */
export function currentArticle(ctx: BriefingContext): Article {
  const library = ctx.briefing.library();
  const chosen = ctx.chat ? ctx.briefing.chatArticles.get(ctx.chat.id) : undefined;
  return (chosen !== undefined ? library.article(chosen) : undefined) ?? newestArticle(library);
}
