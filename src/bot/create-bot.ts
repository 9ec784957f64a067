import { Bot, type BotConfig, type BotError } from "grammy";
import type { BriefingContext, BriefingDeps } from "./context";
import { buttonsFeature } from "./features/buttons";
import { channelAdminFeature } from "./features/channel-admin";
import { commandsFeature } from "./features/commands";
import { inlineFeature } from "./features/inline";
import { questionsFeature } from "./features/questions";

export interface CreateBotOptions {
  /** grammY's client options (a local `fetch`, the Bot API root) and a preset `botInfo` for tests and the demo. */
  botConfig?: BotConfig<BriefingContext>;
}

/**
 * Builds the bot: its dependencies hung on every context, then the features in
 * a fixed order, the catch-all last, all inside one error boundary.
 */
export function createBot(token: string, deps: BriefingDeps, options: CreateBotOptions = {}): Bot<BriefingContext> {
  const bot = new Bot<BriefingContext>(token, options.botConfig);
  bot.use((ctx, next) => {
    ctx.briefing = deps;
    return next();
  });
  const logUpdateError = (error: BotError<BriefingContext>) => {
    const { update } = error.ctx;
    const type = Object.keys(update).find((key) => key !== "update_id");
    deps.logger.error({ err: error.error, update_id: update.update_id, update_type: type }, "update failed");
  };
  // Channel admins first: a live /publish conversation takes its admin's next message before any other feature.
  bot.errorBoundary(logUpdateError).use(channelAdminFeature, commandsFeature, buttonsFeature, inlineFeature, questionsFeature);
  // The boundary catches everything above; this only keeps polling alive should anything slip past it.
  bot.catch(logUpdateError);
  return bot;
}
