import { InputFile } from "grammy";
import { SyncComposer } from "../sync-composer";
import { isLive } from "../../content/article-schema";
import { checkDocument, screenDocument } from "../../newsroom/check-document";
import type { HeldArticle } from "../../newsroom/newsroom";
import { newsroomButton } from "../../render/callback-data";
import { html, htmlToText, SafeHtml } from "../../render/html";
import { renderDocumentProblems, renderDraftPreview, renderNewsroomList } from "../../render/render-draft";
import type { BriefingContext, NewsroomDeps } from "../context";
import { replyWithAnswer } from "../reply";
import { describeError } from "../../base/describe-error";

/**
 * The editors' path in a private chat: an admin sends a link or pastes an
 * article's text and gets a draft's preview with Approve, Approve and post
 * (with a channel), Edit (the draft as a YAML file, to send back edited) and
 * Discard; a YAML or JSON document adds or replaces an article at any time.
 * Anyone else's document is refused unread.
 *
 * Stateless on purpose: every button carries its article's id and every step
 * reads the draft from the store, so a step may reach any instance and a
 * restart loses nothing; an edited file is just a document, accepted at any
 * time, so there is no question to wait on (which is what the conversations
 * plugin is for).
 */
export const newsroomFeature = new SyncComposer<BriefingContext>();

function newsroomOf(ctx: BriefingContext): NewsroomDeps | undefined {
  return ctx.briefing.newsroom;
}

function isAdmin(ctx: BriefingContext): boolean {
  return ctx.from !== undefined && newsroomOf(ctx)?.adminIds.has(ctx.from.id) === true;
}

/** One paragraph: a sentence the newsroom wrote in the editor's language (escaped here), or a catalog message. */
const sentence = (text: string | SafeHtml) => ({ blocks: [text instanceof SafeHtml ? text : html`${text}`] });

/** A link alone on its message. */
const LINK = /^https?:\/\/\S+$/i;
/** Pasted text long enough to be an article (a question is a line or two). */
function looksLikeArticleText(text: string): boolean {
  return text.length >= 500 && text.split(/\n\s*\n|\n/).filter((line) => line.trim().length > 0).length >= 3;
}

async function showHeld(ctx: BriefingContext, held: HeldArticle, titleKey: string, source?: string): Promise<void> {
  const withChannel = ctx.briefing.channel !== undefined;
  const title = htmlToText(ctx.language.t(titleKey).value);
  if (isLive(held.article)) {
    await replyWithAnswer(ctx, sentence(ctx.language.t("newsroom-held-live", { title, headline: held.article.headline, id: held.article.id })));
    return;
  }
  await replyWithAnswer(ctx, renderDraftPreview(held.article, held.checks, { withChannel, title, ...(source ? { source } : {}) }, ctx.language));
}

const privateChats = newsroomFeature.chatType("private");

privateChats.on("message:document", async (ctx, next) => {
  const deps = newsroomOf(ctx);
  if (!deps) return next();
  const { document } = ctx.msg;
  if (!isAdmin(ctx)) {
    ctx.briefing.logger.info({ userId: ctx.from.id, file: document.file_name }, "newsroom: refused a document from a non-admin, unread");
    await replyWithAnswer(ctx, sentence(ctx.language.t("newsroom-refused")));
    return;
  }
  const screened = screenDocument(document.file_name, document.file_size, ctx.language);
  if (!screened.ok) {
    await replyWithAnswer(ctx, sentence(screened.sentence));
    return;
  }
  const name = document.file_name ?? `article${screened.extension}`;
  let bytes: Uint8Array;
  try {
    bytes = await deps.download(document.file_id, ctx.api);
  } catch (error) {
    ctx.briefing.logger.warn({ error: describeError(error), file: document.file_name }, "newsroom: could not download a document");
    await replyWithAnswer(ctx, sentence(ctx.language.t("newsroom-download-failed")));
    return;
  }
  const checked = checkDocument(name, bytes, ctx.language);
  if (!checked.ok) {
    await replyWithAnswer(ctx, "problems" in checked ? { blocks: renderDocumentProblems(name, checked.problems, ctx.language) } : sentence(checked.sentence));
    return;
  }
  const added = await deps.newsroom.addFile(checked.name, checked.text, ctx.language);
  if (!added.ok) {
    await replyWithAnswer(ctx, added.problems ? { blocks: renderDocumentProblems(name, added.problems, ctx.language) } : sentence(added.sentence));
    return;
  }
  ctx.briefing.logger.info({ id: added.added.article.id, replaced: added.replaced, by: ctx.from.id }, "newsroom: a file added");
  await showHeld(ctx, added.added, added.replaced ? "newsroom-replaced" : "newsroom-added");
});

const adminText = privateChats.on("message:text").filter((ctx) => isAdmin(ctx) && !ctx.msg.text.startsWith("/"));

adminText.filter(
  (ctx) => LINK.test(ctx.msg.text.trim()),
  async (ctx) => {
    const deps = newsroomOf(ctx);
    if (!deps) return;
    await ctx.replyWithChatAction("typing").catch(() => undefined);
    const drafted = await deps.newsroom.draftLink(ctx.msg.text.trim(), false, ctx.language);
    if (!drafted.ok) return replyWithAnswer(ctx, sentence(drafted.sentence));
    await showHeld(ctx, drafted.draft, "draft-new", ctx.msg.text.trim());
  },
);

adminText.filter(
  (ctx) => looksLikeArticleText(ctx.msg.text),
  async (ctx) => {
    const deps = newsroomOf(ctx);
    if (!deps) return;
    // "a pasted text" is the provenance written into the draft file, in English as the file's other notes.
    const drafted = await deps.newsroom.draft({ text: ctx.msg.text, format: "text" }, "a pasted text", ctx.language);
    if (!drafted.ok) return replyWithAnswer(ctx, sentence(drafted.sentence));
    await showHeld(ctx, drafted.draft, "draft-new", htmlToText(ctx.language.t("newsroom-your-text").value));
  },
);

newsroomFeature.callbackQuery(newsroomButton.pattern, async (ctx) => {
  const deps = newsroomOf(ctx);
  if (!deps || !isAdmin(ctx)) {
    ctx.briefing.logger.info({ userId: ctx.from.id, data: ctx.callbackQuery.data }, "newsroom: refused a button");
    await ctx.answerCallbackQuery({ text: htmlToText(ctx.language.t("newsroom-admins-only").value), show_alert: true });
    return;
  }
  const { action, id } = newsroomButton.parse(ctx.callbackQuery.data) ?? { action: undefined, id: "" };
  const { newsroom } = deps;
  switch (action) {
    case "edit": {
      const held = await newsroom.get(id);
      await ctx.answerCallbackQuery();
      if (!held) return replyWithAnswer(ctx, sentence(ctx.language.t("newsroom-draft-gone")));
      await ctx.replyWithDocument(new InputFile(Buffer.from(held.text, "utf8"), held.name), {
        caption: htmlToText(ctx.language.t("newsroom-edit-caption").value),
      });
      return;
    }
    case "discard": {
      const done = await newsroom.discard(id, ctx.language);
      await ctx.answerCallbackQuery();
      await replyWithAnswer(ctx, sentence(done.ok ? ctx.language.t("newsroom-discarded", { headline: done.headline }) : done.sentence));
      return;
    }
    case "approve":
    case "post": {
      const channel = action === "post" ? ctx.briefing.channel : undefined;
      await ctx.answerCallbackQuery();
      if (!(await newsroom.get(id))) return replyWithAnswer(ctx, sentence(ctx.language.t("newsroom-draft-gone")));
      // As /publish's Post now, whatever the article's date: requested in the ledger before the article
      // goes live, so AUTOPOST (which sees it once live) never races it, and it goes out once.
      const requested = channel ? await channel.publisher.postNow(id, ctx.from.id) : undefined;
      const approved = await newsroom.approve(id, ctx.language);
      if (!approved.ok) {
        await replyWithAnswer(ctx, approved.problems ? { blocks: renderDocumentProblems(`${id}.yaml`, approved.problems, ctx.language) } : sentence(approved.sentence));
        return;
      }
      const live = ctx.language.t(approved.already ? "newsroom-already-live" : "newsroom-live", { headline: approved.article.headline });
      if (!channel || !requested) {
        await replyWithAnswer(ctx, sentence(live));
        return;
      }
      await replyWithAnswer(ctx, {
        blocks: [
          live,
          requested.ok ? ctx.language.t("newsroom-on-its-way", { channel: channel.channelId }) : ctx.language.t("newsroom-not-posted-again"),
        ],
      });
      if (requested.ok) channel.publisher.dispatch(id);
      return;
    }
  }
});

/** /articles for admins: the readers' list, then the drafts with their state. */
privateChats.command("articles", async (ctx, next) => {
  await next();
  const deps = newsroomOf(ctx);
  if (!deps || !isAdmin(ctx)) return;
  const state = htmlToText(ctx.language.t("drafts-state-waiting").value);
  const drafts = deps.newsroom.drafts().map((article) => ({ id: article.id, headline: article.headline, state }));
  await replyWithAnswer(ctx, { blocks: renderNewsroomList(drafts, ctx.language) });
});
