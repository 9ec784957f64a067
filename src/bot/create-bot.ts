import { Bot, type BotConfig, type BotError, type Middleware } from "grammy";
import { describeError } from "../base/describe-error";
import { updateType } from "../base/update-type";
import type { BotDeps, BriefingContext, BriefingDeps } from "./context";
import { buttonsFeature } from "./features/buttons";
import { channelAdminFeature } from "./features/channel-admin";
import { commandsFeature } from "./features/commands";
import { inlineFeature } from "./features/inline";
import { languageFeature } from "./features/language";
import { newsroomFeature } from "./features/newsroom";
import { noArticlesFeature } from "./features/no-articles";
import { questionsFeature } from "./features/questions";
import { createMemoryReaderLanguageStore } from "./reader-languages";
import { readerLanguage } from "./reader-language";
import { SyncComposer } from "./sync-composer";

export interface CreateBotOptions {
  /** grammY's client options (a local `fetch`, the Bot API root) and a preset `botInfo` for tests and the demo. */
  botConfig?: BotConfig<BriefingContext>;
  /** Middleware run first, around every update: the runtime's metrics and per-chat ordering. */
  middleware?: Middleware<BriefingContext>[];
  /** Told of each failed update after it is logged: the runtime counts them. */
  onUpdateError?: (error: BotError<BriefingContext>) => void;
}

/**
 * Builds the bot: its dependencies hung on every context, then the features in
 * a fixed order, the catch-all last, all inside one error boundary.
 */
export function createBot(token: string, given: BriefingDeps, options: CreateBotOptions = {}): Bot<BriefingContext> {
  const deps: BotDeps = { ...given, readerLanguages: given.readerLanguages ?? createMemoryReaderLanguageStore() };
  const bot = new Bot<BriefingContext>(token, options.botConfig);
  // The whole bot is one SyncComposer (see sync-composer.ts): the dependencies, the reader's language, the runtime's middleware,
  // then the features behind their error boundary, each run from its list in turn rather than through grammY's nested async functions.
  // The reader's language before the runtime's middleware too: the spam limiter tells a flooder to slow down in their language.
  const language = readerLanguage<BriefingContext>(() => deps.readerLanguages);
  const setDepsAndLanguage = (ctx: BriefingContext, next: () => Promise<void>) => {
    ctx.briefing = deps;
    return language(ctx, next);
  };
  const logUpdateError = (error: BotError<BriefingContext>) => {
    const { update } = error.ctx;
    // `error.kind` tells the Bot API refusing (bot_api) from the network failing (network) from a bug (internal).
    deps.logger.error({ update_id: update.update_id, update_type: updateType(update), error: describeError(error.error) }, "update failed");
    options.onUpdateError?.(error);
  };
  const root = new SyncComposer<BriefingContext>(setDepsAndLanguage, ...(options.middleware ?? []));
  // Channel admins first: a live /publish conversation takes its admin's next message before any other feature.
  root.errorBoundary(logUpdateError, channelAdminFeature, newsroomFeature, languageFeature, noArticlesFeature, commandsFeature, buttonsFeature, inlineFeature, questionsFeature);
  bot.use(root);
  // The boundary catches everything above; this only keeps polling alive should anything slip past it.
  bot.catch(logUpdateError);
  return bot;
}
