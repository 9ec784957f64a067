import { beforeAll, describe, expect, it } from "vitest";
import type { InlineQueryResultArticle } from "grammy/types";
import type { Article } from "../../src/content/article-schema";
import { htmlToText, MESSAGE_LIMIT } from "../../src/render/html";
import pino from "pino";
import { createBot } from "../../src/bot/create-bot";
import { createMemoryChatArticleStore } from "../../src/bot/chat-articles";
import { createLibrary, type Library } from "../../src/library/library";
import { localBotInfo } from "../../src/demo/local-bot-api";
import { createRecordedBotApi, createTestBot, inlineQuery, loadRealArticles, testToken } from "../support/test-bot";

let articles: Article[];
beforeAll(async () => {
  articles = await loadRealArticles();
});

interface InlineAnswer {
  results: InlineQueryResultArticle[];
  next_offset?: string;
  cache_time?: number;
  button?: { text: string; start_parameter: string };
}

async function answerFor(query: string, offset = "", list = articles): Promise<InlineAnswer> {
  const { send } = await createTestBot(list);
  const calls = await send(inlineQuery(query, offset));
  expect(calls.map((c) => c.method)).toEqual(["answerInlineQuery"]);
  return calls[0]?.payload as unknown as InlineAnswer;
}

function messageText(result: InlineQueryResultArticle | undefined): string {
  const content = result?.input_message_content as { message_text: string } | undefined;
  return htmlToText(content?.message_text ?? "");
}

/** Generated copies of the real article, newest first, to fill more than one page. */
function archive(count: number): Article[] {
  const [real] = articles;
  if (!real) throw new Error("no article");
  return Array.from({ length: count }, (_, i) => ({
    ...real,
    id: `copy-${String(i).padStart(3, "0")}`,
    date: `20${String(19 - Math.floor(i / 12)).padStart(2, "0")}-${String((i % 12) + 1).padStart(2, "0")}-01`,
  }));
}

describe("inline mode", () => {
  it("offers the newest article's summary, attendees, agenda and key quote for an empty query", async () => {
    const answer = await answerFor("");
    expect(answer.results.map((r) => r.title)).toEqual([
      "Summary: Council of CIS Defense Ministers meets in hospitable land of Azerbaijan",
      "Who attended",
      "What was discussed",
      expect.stringMatching(/^Sergey Lebedev: “It is deplorable/),
    ]);
    expect(messageText(answer.results[1])).toContain("Armenia refused to attend the Baku summit.");
    expect(answer.results[0]?.url).toBe(articles[0]?.url);
    expect(answer.button).toEqual({ text: "Open Briefing", start_parameter: "summary" });
  });

  it("puts a person's card first for their name in any spelling, then their statements", async () => {
    for (const query of ["levedev", "Lebedev", "Лебедев"]) {
      const answer = await answerFor(query);
      expect(answer.results[0]?.title).toBe("Sergey Lebedev");
      expect(messageText(answer.results[0])).toContain("Chairman and Executive Secretary of the CIS Executive Committee");
      expect(answer.results[1]?.title).toMatch(/^Sergey Lebedev: /);
    }
    const shoigu = await answerFor("Шойгу");
    expect(shoigu.results[0]?.title).toBe("Sergei Shoigu");
  });

  it("sends the full answer as HTML with a button back to the bot", async () => {
    const answer = await answerFor("deplorable");
    const [top] = answer.results;
    expect(top?.title).toMatch(/^Sergey Lebedev: “It is deplorable/);
    expect(top?.input_message_content).toMatchObject({ parse_mode: "HTML" });
    expect(messageText(top)).toContain(
      "“It is deplorable that since our last meeting in Anapa city, the situation in the world hasn’t changed for the better.",
    );
    expect(top?.reply_markup?.inline_keyboard[0]?.[0]).toEqual({
      text: "Ask Briefing more",
      url: "https://t.me/briefingbot?start=summary_cis-defense-ministers-baku-2019",
    });
  });

  it("keeps every result within Telegram's limits: ids unique and short, text within 4096", async () => {
    for (const query of ["", "cis", "defense minister", "a", "Baku"]) {
      const { results } = await answerFor(query);
      expect(results.length).toBeLessThanOrEqual(50);
      const ids = results.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const result of results) {
        expect(Buffer.byteLength(result.id)).toBeLessThanOrEqual(64);
        expect(messageText(result).length).toBeLessThanOrEqual(MESSAGE_LIMIT);
        expect(messageText(result).trim()).not.toBe("");
      }
    }
  });

  it("pages beyond 20 results with next_offset, newer articles first", async () => {
    const list = archive(30);
    const first = await answerFor("lebedev", "", list);
    expect(first.results).toHaveLength(20);
    expect(first.next_offset).toBe("20");
    expect(first.results[0]?.description).toContain("2019-12-01, ");
    expect(first.results.at(-1)?.description).not.toContain("2019-12-01, ");
    const second = await answerFor("lebedev", "20", list);
    expect(second.results.length).toBeGreaterThan(0);
    const firstIds = new Set(first.results.map((r) => r.id));
    expect(second.results.some((r) => firstIds.has(r.id))).toBe(false);
  });

  it("offers the direct answer to a question first, then the usual search results", async () => {
    const armenia = await answerFor("was armenia there");
    expect(armenia.results[0]?.title).toBe("No: Armenia refused to attend the Baku summit.");
    expect(messageText(armenia.results[0])).toMatch(/^No: Armenia refused to attend the Baku summit\./);
    expect(armenia.results[0]?.input_message_content).toMatchObject({ parse_mode: "HTML" });
    expect(armenia.results.slice(1).some((r) => r.title === "Armenia did not attend")).toBe(true);

    const minister = await answerFor("who is the azerbaijani defense minister");
    expect(messageText(minister.results[0])).toMatch(/^The article does not name Azerbaijan's defense minister\./);
    expect(minister.results[0]?.title).not.toContain("Ravkov");

    const russian = await answerFor("кто открыл заседание");
    expect(russian.results[0]?.title).toMatch(/^Sergei Shoigu/);
  });

  it("keeps a name or a word a search: the person's card first, no answer in front", async () => {
    const answer = await answerFor("ravkov");
    expect(answer.results[0]?.title).toBe("Andrei Ravkov");
    expect(answer.results.every((r) => !r.id.startsWith("q:"))).toBe(true);
  });

  it("answers a question and a search asked again as the first time (the question check is kept by query text)", async () => {
    const { send } = await createTestBot(articles);
    const ask = async (query: string) => ((await send(inlineQuery(query)))[0]?.payload as unknown as InlineAnswer).results;
    for (let round = 0; round < 2; round++) {
      const question = await ask("was armenia there");
      expect(question[0]?.id).toMatch(/^q:/);
      expect(question[0]?.title).toBe("No: Armenia refused to attend the Baku summit.");
      const search = await ask("ravkov");
      expect(search[0]?.title).toBe("Andrei Ravkov");
      expect(search.every((r) => !r.id.startsWith("q:"))).toBe(true);
    }
  });

  it("answers a query that finds nothing, and says so", async () => {
    const answer = await answerFor("pizza recipe");
    expect(answer.results).toEqual([]);
    expect(answer.button?.text).toBe("Nothing found in the articles. Ask Briefing");
  });

  it("answers hostile queries safely", async () => {
    const hostile = ["<script>alert(1)</script>", "&amp;".repeat(50), "\u202e\u200b".repeat(128), "😀".repeat(128), "x".repeat(256), "%".repeat(256)];
    for (const query of hostile) {
      const answer = await answerFor(query.slice(0, 256), "garbage-offset");
      for (const result of answer.results) expect(result.title).not.toContain("<script>");
    }
  });
});

describe("inline results from an archive read on demand", () => {
  it("a page of hits already rendered reads no article again: the results are cached by each article's summary", async () => {
    const base = createLibrary(archive(40));
    const reads: string[] = [];
    const kept: boolean[] = [];
    const library: Library = {
      ...base,
      article: (id, options) => {
        reads.push(id);
        kept.push(options?.keep !== false);
        return base.article(id);
      },
    };
    const { calls, fetch } = createRecordedBotApi();
    const bot = createBot(testToken, { library: () => library, chatArticles: createMemoryChatArticleStore(), logger: pino({ level: "silent" }) }, { botConfig: { botInfo: localBotInfo, client: { fetch } } });
    const page = async () => {
      const before = calls.length;
      await bot.handleUpdate(inlineQuery("lebedev"));
      return (calls[before]?.payload as unknown as InlineAnswer).results.map((r) => r.title);
    };
    const first = await page();
    expect(first.length).toBeGreaterThan(1);
    expect(reads.length).toBeGreaterThan(0);
    // Read for their results only, which are kept rendered: not kept in the library's cache of hot articles.
    expect(kept.every((keep) => !keep)).toBe(true);
    reads.length = 0;
    expect(await page()).toEqual(first);
    expect(reads).toEqual([]);
  });

  it("answers a query asked again from its page kept per library, and afresh once the content changed", async () => {
    let library = createLibrary(archive(3));
    const { calls, fetch } = createRecordedBotApi();
    const bot = createBot(testToken, { library: () => library, chatArticles: createMemoryChatArticleStore(), logger: pino({ level: "silent" }) }, { botConfig: { botInfo: localBotInfo, client: { fetch } } });
    const ask = async (query: string) => {
      const before = calls.length;
      await bot.handleUpdate(inlineQuery(query));
      return calls[before]?.payload as unknown as InlineAnswer;
    };
    const first = await ask("azerbaijan");
    expect(first.results.length).toBeGreaterThan(0);
    const again = await ask("azerbaijan");
    expect(again.results).toEqual(first.results);
    expect(again.next_offset).toBe(first.next_offset);
    // An editor changes the headline: a new library, the page answered anew.
    library = createLibrary(archive(3).map((article) => ({ ...article, headline: `${article.headline} (updated)` })));
    const changed = await ask("azerbaijan");
    expect(changed.results.map((r) => r.id)).toEqual(first.results.map((r) => r.id));
    expect(changed.results.some((r) => r.description?.includes("(updated)") || r.title.includes("(updated)"))).toBe(true);
    expect(first.results.some((r) => r.description?.includes("(updated)") || r.title.includes("(updated)"))).toBe(false);
  });
});
