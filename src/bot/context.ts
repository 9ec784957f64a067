import type { Context } from "grammy";
import type { Logger } from "pino";
import type { ChannelDeps } from "../channel/channel-deps";
import type { Article } from "../content/article-schema";
import { newestArticle, type Library } from "../library";
import type { ChatArticleStore } from "./chat-articles";

/** What every handler needs, injected once by `createBot`. */
export interface BriefingDeps {
  /** The content now served; a reload swaps it, so read it per update. */
  library: () => Library;
  chatArticles: ChatArticleStore;
  logger: Logger;
  /** The channel, its post ledger and its admins; absent when CHANNEL_ID is not set. */
  channel?: ChannelDeps;
}

export type BriefingContext = Context & { briefing: BriefingDeps };

/** The article this chat asks about: its choice from /articles, else the newest. */
export function currentArticle(ctx: BriefingContext): Article {
  const library = ctx.briefing.library();
  const chosen = ctx.chat ? ctx.briefing.chatArticles.get(ctx.chat.id) : undefined;
  return (chosen !== undefined ? library.byId.get(chosen) : undefined) ?? newestArticle(library);
}
