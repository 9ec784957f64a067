import { createHash } from "node:crypto";
import { SyncComposer } from "../sync-composer";
import type { InlineQueryResultArticle } from "grammy/types";
import type { Article } from "../../content/article-schema";
import { deepLinkPayload } from "../../answering/deep-link";
import { newestArticle, type Library } from "../../library/library";
import { htmlToText, packMessages } from "../../render/html";
import { renderAgenda, renderAttendees, renderStatement, renderSummary, type Answer } from "../../render/render-article";
import { createRenderCache, type RenderKey } from "../../render/render-cache";
import { describeTarget, renderTarget, shorten } from "../../render/render-target";
import { answerQuestion } from "../../questions/answer-in-library";
import { searchArticles } from "../../search/search-articles";
import type { BriefingContext } from "../context";

/**
 * Results per answer (Telegram allows 50): a first page of 20 is what a reader scrolls, and
 * costs less than half as much to render and send; Telegram asks for the next with `offset`
 * and caches each page.
 */
const PAGE_SIZE = 20;
/** Results depend on the content only, not on who asks; content changes rarely. */
const CACHE_SECONDS = 300;

/** One inline result: the answer as the message to send, a button back to the bot, the source for the article. */
function resultFor(
  botUsername: string,
  article: Article,
  id: string,
  answer: Answer,
  heading: { title: string; description: string },
  linkSource = false,
): InlineQueryResultArticle {
  // An inline result is one message: the first message's worth of the answer, cut between paragraphs.
  const [text = article.headline] = packMessages(answer.blocks);
  return {
    type: "article",
    id,
    title: heading.title,
    description: heading.description,
    input_message_content: { message_text: text, parse_mode: "HTML", link_preview_options: { is_disabled: true } },
    reply_markup: {
      inline_keyboard: [
        [{ text: "Ask Briefing more", url: `https://t.me/${botUsername}?start=${deepLinkPayload("summary", article.id)}` }],
      ],
    },
    ...(linkSource ? { url: article.url } : {}),
  };
}

/** Inline results rendered: 5,000 is 250 pages of 20, a few KB each at most. */
const resultCache = createRenderCache(5_000);

/**
 * Inline results are the same for every reader, so each is rendered once per article and
 * bot (see `createRenderCache`): `key` stands for what the result shows.
 */
function cachedResult<T extends object>(botUsername: string, article: Article, key: RenderKey, render: () => T): T {
  const byBot = resultCache.get(article, key, () => new Map<string, T>());
  let result = byBot.get(botUsername);
  if (result === undefined) {
    result = Object.freeze(render());
    byBot.set(botUsername, result);
  }
  return result;
}

/** What an empty query offers: the newest article's summary, attendees, agenda and key quote. */
function startingResults(botUsername: string, article: Article): readonly InlineQueryResultArticle[] {
  return cachedResult(botUsername, article, "inline:home", () => renderStartingResults(botUsername, article));
}

function renderStartingResults(botUsername: string, article: Article): InlineQueryResultArticle[] {
  const about = `${article.date}, ${article.headline}`;
  const results = [
    resultFor(botUsername, article, "home:summary", renderSummary(article), { title: `Summary: ${article.headline}`, description: `${article.outlet}, ${article.place}` }, true),
    resultFor(botUsername, article, "home:attendees", renderAttendees(article), { title: "Who attended", description: about }),
    resultFor(botUsername, article, "home:agenda", renderAgenda(article), { title: "What was discussed", description: about }),
  ];
  const keyIndex = article.statements.findIndex((s) => s.key);
  const key = article.statements[keyIndex];
  if (key) {
    const heading = describeTarget(article, { kind: "statement", index: keyIndex });
    results.push(resultFor(botUsername, article, "home:quote", { blocks: [renderStatement(article, key)] }, heading));
  }
  return results;
}

/** Inline mode: `@bot <anything>` in any chat offers answers to send there. */
export const inlineFeature = new SyncComposer<BriefingContext>();

inlineFeature.on("inline_query", async (ctx) => {
  const library = ctx.briefing.library();
  const query = ctx.inlineQuery.query.trim();
  const offset = Math.min(Number.parseInt(ctx.inlineQuery.offset, 10) || 0, 10_000);
  const botUsername = ctx.me.username;
  const button = { text: "Open Briefing", start_parameter: deepLinkPayload("summary") };

  if (query === "") {
    await ctx.answerInlineQuery(offset === 0 ? startingResults(botUsername, newestArticle(library)) : [], {
      cache_time: CACHE_SECONDS,
      button,
    });
    return;
  }
  // A question ("was armenia there") gets its direct answer first, on the first page; a name or a word is a search.
  const direct = offset === 0 ? directAnswer(botUsername, library, query) : undefined;
  const limit = direct ? PAGE_SIZE - 1 : PAGE_SIZE;
  const { hits, total } = searchArticles(library.index, query, { limit, offset });
  const results = hits.flatMap((hit) => {
    const article = library.byId.get(hit.articleId);
    if (!article) return [];
    return [
      // Keyed by the hit's id (its article and target): the index makes a new `target` object for every hit.
      cachedResult(botUsername, article, `hit:${hit.id}`, () =>
        resultFor(botUsername, article, hit.id, renderTarget(article, hit.target), describeTarget(article, hit.target), hit.target.kind === "article"),
      ),
    ];
  });
  const nextOffset = offset + limit < total ? String(offset + limit) : "";
  await ctx.answerInlineQuery(direct ? [direct, ...results] : results, {
    cache_time: CACHE_SECONDS,
    next_offset: nextOffset,
    button: total === 0 && offset === 0 && !direct ? { text: "Nothing found in the articles. Ask Briefing", start_parameter: button.start_parameter } : button,
  });
});

/**
 * The direct answer to a question typed inline, as a result whose message is the answer;
 * undefined for a search ("lebedev") or what cannot be placed.
 */
function directAnswer(botUsername: string, library: Library, query: string): InlineQueryResultArticle | undefined {
  const article = newestArticle(library);
  const result = answerQuestion(library, article, query);
  if (!result.asked || result.kind === "unknown") return undefined;
  const lead = htmlToText(result.answer.blocks[0]?.value ?? "").replace(/\s+/g, " ").trim();
  const id = `q:${createHash("sha256").update(query.toLowerCase()).digest("base64url").slice(0, 24)}`;
  return resultFor(botUsername, result.article, id, result.answer, {
    title: shorten(lead, 100),
    description: `Answer · ${result.article.date}, ${result.article.headline}`,
  });
}
