import { createHash } from "node:crypto";
import { createOwnedCache } from "../../base/caches";
import { SyncComposer } from "../sync-composer";
import type { InlineQueryResultArticle } from "grammy/types";
import type { Article } from "../../content/article-schema";
import { localiseArticle } from "../../content/localise-article";
import { deepLinkPayload } from "../../answering/deep-link";
import { newestArticle, type Library } from "../../library/library";
import { htmlToText, packMessages } from "../../render/html";
import { renderAgenda, renderAttendees, renderStatement, renderSummary, type Answer } from "../../render/render-article";
import { createRenderCache, type RenderKey } from "../../render/render-cache";
import { describeTarget, renderTarget, shorten } from "../../render/render-target";
import { answerQuestion } from "../../questions/answer-in-library";
import type { Language } from "../../i18n/translate";
import { isQuestionLike, parseQuestion } from "../../questions/parse-question";
import { searchArticles } from "../../search/search-articles";
import type { BriefingContext } from "../context";

/**
 * Results per answer (Telegram allows 50): a first page of 20 is what a reader scrolls, and
 * costs less than half as much to render and send; Telegram asks for the next with `offset`
 * and caches each page.
 */
const PAGE_SIZE = 20;
/** Results depend on the content and the asker's language only; content changes rarely. */
const CACHE_SECONDS = 300;
/**
 * Telegram caches an answer for everyone who types the same query unless it is personal: the
 * results are in the asker's language, so each asker's are cached for them alone.
 */
const IS_PERSONAL = true;

/**
 * A catalogue message without values, as text, once per language and key: the strings every
 * inline answer and result carries ("Ask Briefing", the button) would otherwise be formatted
 * and stripped of their HTML for every result of every query.
 */
const plainTexts = createOwnedCache<Language, string, string>();
function plainText(language: Language, key: string): string {
  return plainTexts(language, key, () => htmlToText(language.t(key).value));
}

/**
 * Whether a query reads as a question, by its text: readers of one query (Telegram asks again
 * for each reader, the answers being personal) and the prefixes typed on the way to it repeat,
 * and parsing a question costs as much as the rest of a cached answer. Bounded: cleared when full.
 */
const questionLike = new Map<string, boolean>();
const QUESTION_CACHE_SIZE = 10_000;
function isQuestionQuery(query: string): boolean {
  let verdict = questionLike.get(query);
  if (verdict === undefined) {
    verdict = isQuestionLike(parseQuestion(query));
    if (questionLike.size >= QUESTION_CACHE_SIZE) questionLike.clear();
    questionLike.set(query, verdict);
  }
  return verdict;
}

/** One inline result: the answer as the message to send, a button back to the bot, the source for the article. */
function resultFor(
  botUsername: string,
  language: Language,
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
        [{ text: plainText(language, "inline-ask-more"), url: `https://t.me/${botUsername}?start=${deepLinkPayload("summary", article.id)}` }],
      ],
    },
    ...(linkSource ? { url: article.url } : {}),
  };
}

/** Inline results rendered: 5,000 is 250 pages of 20, a few KB each at most. */
const resultCache = createRenderCache(5_000);

/**
 * Inline results are the same for every reader of one language, so each is rendered once per
 * article, bot and language (see `createRenderCache`): `key` stands for what the result shows.
 * `render` gets the article as that language's readers see it (`localiseArticle`). `version`
 * stands for the article as served (its `Article`, or its summary: then the article is read,
 * by `read`, only when the result is not cached yet, so a page of hits already rendered reads
 * no article from the snapshot).
 */
function cachedResult<T extends object>(
  botUsername: string,
  language: Language,
  version: object,
  key: RenderKey,
  read: () => Article | undefined,
  render: (shown: Article) => T,
): T | undefined {
  const byBot = resultCache.get(version, key, () => new Map<string, T>());
  const slot = `${language.locale}:${botUsername}`;
  let result = byBot.get(slot);
  if (result === undefined) {
    const article = read();
    if (article === undefined) return undefined;
    result = Object.freeze(render(localiseArticle(article, language.locale)));
    byBot.set(slot, result);
  }
  return result;
}

/** What an empty query offers: the newest article's summary, attendees, agenda and key quote. */
function startingResults(botUsername: string, language: Language, article: Article): readonly InlineQueryResultArticle[] {
  return cachedResult(botUsername, language, article, "inline:home", () => article, (shown) => renderStartingResults(botUsername, language, shown)) ?? [];
}

function renderStartingResults(botUsername: string, language: Language, article: Article): InlineQueryResultArticle[] {
  const about = `${article.date}, ${article.headline}`;
  const text = (key: string, values?: Record<string, string>) => htmlToText(language.t(key, values).value);
  const results = [
    resultFor(botUsername, language, article, "home:summary", renderSummary(article, language), { title: text("inline-summary-title", { headline: article.headline }), description: `${article.outlet}, ${article.place}` }, true),
    resultFor(botUsername, language, article, "home:attendees", renderAttendees(article, language), { title: text("attendees-title"), description: about }),
    resultFor(botUsername, language, article, "home:agenda", renderAgenda(article, language), { title: text("agenda-title"), description: about }),
  ];
  const keyIndex = article.statements.findIndex((s) => s.key);
  const key = article.statements[keyIndex];
  if (key) {
    const heading = describeTarget(article, { kind: "statement", index: keyIndex }, language);
    results.push(resultFor(botUsername, language, article, "home:quote", { blocks: [renderStatement(article, key, language)] }, heading));
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
  const { language } = ctx;
  const button = { text: plainText(language, "inline-open"), start_parameter: deepLinkPayload("summary") };

  if (query === "") {
    await ctx.answerInlineQuery(offset === 0 ? startingResults(botUsername, language, newestArticle(library)) : [], {
      cache_time: CACHE_SECONDS,
      is_personal: IS_PERSONAL,
      button,
    });
    return;
  }
  const page = cachedPage(library, `${language.locale}:${botUsername}:${offset}:${query}`, () => answerPage(botUsername, language, library, query, offset));
  await ctx.answerInlineQuery(page.results, {
    cache_time: CACHE_SECONDS,
    is_personal: IS_PERSONAL,
    next_offset: page.nextOffset,
    button: page.found ? button : { text: plainText(language, "inline-nothing-found"), start_parameter: button.start_parameter },
  });
});

/** One page of the answer to a query: its results, the offset of the next page ("" for none), and whether anything was found. */
interface Page {
  results: readonly InlineQueryResultArticle[];
  nextOffset: string;
  found: boolean;
}

function answerPage(botUsername: string, language: Language, library: Library, query: string, offset: number): Page {
  // A question ("was armenia there") gets its direct answer first, on the first page; a name or a word is a search.
  const direct = offset === 0 ? directAnswer(botUsername, language, library, query) : undefined;
  const limit = direct ? PAGE_SIZE - 1 : PAGE_SIZE;
  const { hits, total } = searchArticles(library.index, query, { limit, offset });
  const results = hits.flatMap((hit) => {
    const summary = library.summary(hit.articleId);
    if (!summary) return [];
    // Keyed by the article's summary and the hit's id (its article and target): the index makes a new `target` object for every hit.
    const result = cachedResult(botUsername, language, summary, `hit:${hit.id}`, () => library.article(hit.articleId, { keep: false }), (shown) =>
      resultFor(botUsername, language, shown, hit.id, renderTarget(shown, hit.target, language), describeTarget(shown, hit.target, language), hit.target.kind === "article"),
    );
    return result ? [result] : [];
  });
  return {
    results: Object.freeze(direct ? [direct, ...results] : results),
    nextOffset: offset + limit < total ? String(offset + limit) : "",
    found: total > 0 || offset > 0 || direct !== undefined,
  };
}

/**
 * Pages answered, per library (a content change, or a new search index swapped in, makes a new
 * one, so nothing stale is served), by language, bot, offset and query text. Telegram asks the bot
 * again for each reader who types a query (the answers are personal, being in the reader's
 * language), so a query many readers type is searched once. Bounded: cleared when full.
 */
const cachedPage = createOwnedCache<Library, string, Page>(2_000);

/**
 * The direct answer to a question typed inline, as a result whose message is the answer;
 * undefined for a search ("lebedev") or what cannot be placed.
 */
function directAnswer(botUsername: string, language: Language, library: Library, query: string): InlineQueryResultArticle | undefined {
  // A name or a word is not a question: tell so before answering it, which may try other
  // articles (each one's model built on first use) only to be thrown away here.
  if (!isQuestionQuery(query)) return undefined;
  const article = newestArticle(library);
  const result = answerQuestion(library, article, query, language);
  if (!result.asked || result.kind === "unknown") return undefined;
  const lead = htmlToText(result.answer.blocks[0]?.value ?? "").replace(/\s+/g, " ").trim();
  const id = `q:${createHash("sha256").update(query.toLowerCase()).digest("base64url").slice(0, 24)}`;
  const shown = localiseArticle(result.article, language.locale);
  return resultFor(botUsername, language, shown, id, result.answer, {
    title: shorten(lead, 100),
    description: htmlToText(language.t("inline-answer", { date: shown.date, headline: shown.headline }).value),
  });
}
