import { beforeAll, describe, expect, it } from "vitest";
import type { ArticleChannelStatus, ChannelState } from "../../src/channel/channel-status";
import { newRecord, type PostRecord } from "../../src/channel/post-ledger";
import {
  renderBlockedNotice,
  renderChannelStatus,
  renderEditFailedNotice,
  renderFailedNotice,
  renderHeldBackNotice,
  renderNewLedgerNotice,
  renderPostedNotice,
  renderPublishChoice,
  renderPublishList,
  renderUncertainNotice,
} from "../../src/channel/render-channel-admin";
import type { Article } from "../../src/content/article-schema";
import { summariseArticle } from "../../src/content/article-summary";
import { languageOf } from "../../src/i18n/translate";
import { renderContentFixedNotice, renderContentProblemsNotice } from "../../src/notices/content-notices";
import { htmlToText, packMessages, type SafeHtml } from "../../src/render/html";
import { manyArticles } from "../support/channel-fixtures";
import { checkMessageText, checkReplyMarkup } from "../support/telegram-checks";
import { loadRealArticles } from "../support/test-bot";

let real: Article;
beforeAll(async () => {
  [real] = (await loadRealArticles()) as [Article];
});

const en = languageOf("en");
const ru = languageOf("ru");
const texts = (blocks: SafeHtml[]) => htmlToText(blocks.map((b) => b.value).join("\n\n"));

function record(state: PostRecord["state"], fields: Partial<PostRecord> = {}): PostRecord {
  return { ...newRecord(real.id, "@newsroom", 0), state, intent: "requested", attempts: 1, ...fields };
}

describe("the notices to admins, in Russian", () => {
  it("count articles with Russian plural forms (1 статью, 2 статьи, 5 статей) and hours in the genitive", () => {
    const articles = manyArticles(real, 5);
    const heldBack = (count: number, hours: number) => texts(renderHeldBackNotice(ru, articles.slice(0, count), hours * 3_600_000)).split("\n")[0];
    expect(heldBack(1, 1)).toBe("AUTOPOST придержал 1 статью старше 1 часа (AUTOPOST_MAX_AGE), чтобы не опубликовать архив повторно. Ничего не опубликовано:");
    expect(heldBack(2, 48)).toContain("AUTOPOST придержал 2 статьи старше 48 часов");
    expect(heldBack(5, 1.5)).toContain("AUTOPOST придержал 5 статей старше 1,5 часа");
    // The dates of the articles held back, as a Russian reader writes them.
    expect(texts(renderHeldBackNotice(ru, [real], 3_600_000))).toContain(`• ${real.headline} (30 октября 2019 г.)`);
    expect(texts(renderNewLedgerNotice(ru, 21, true, 48 * 3_600_000))).toContain("а в контенте 21 статья.");
    expect(texts(renderNewLedgerNotice(ru, 3, true, 48 * 3_600_000))).toContain("AUTOPOST сам публикует только статьи за последние 48 часов (AUTOPOST_MAX_AGE)");
    expect(texts(renderContentFixedNotice(2, ru))).toBe("✅ С контентом снова всё в порядке: сейчас отдаю 2 статьи.");
    expect(texts(renderBlockedNotice(ru, "@newsroom", "403: Forbidden", 300_000))).toContain("Я буду пробовать снова каждые 5 минут;");
  });

  it("keep English for English, with proper singulars", () => {
    expect(texts(renderHeldBackNotice(en, [real], 3_600_000))).toContain(`AUTOPOST held back 1 article older than 1 hour (AUTOPOST_MAX_AGE)`);
    expect(texts(renderContentFixedNotice(1))).toBe("✅ The content is good again: now serving 1 article.");
    expect(texts(renderContentProblemsNotice("articles", ["a.yaml: bad"], 2))).toContain("so I keep serving the last good content (2 articles). In articles:");
  });
});

describe("what /publish, /status and the notices send, in both languages", () => {
  const states: ChannelState[] = ["posted", "scheduled", "queued", "sending", "waiting", "held", "failed", "uncertain"];
  const hostile = () => ({ ...real, headline: `<b>&${"Очень длинный заголовок ".repeat(4)}` });

  it.each([en, ru])("are valid Telegram HTML within the limits, with buttons whose data fits ($locale)", (language) => {
    const article = hostile();
    const statuses: ArticleChannelStatus[] = states.map((state, i) => ({
      articleId: `story-${i}`,
      article: summariseArticle({ ...article, id: `story-${i}` }),
      state,
      record: record(state === "queued" ? "requested" : state === "held" || state === "waiting" ? "scheduled" : (state as PostRecord["state"]), {
        articleId: `story-${i}`,
        messageId: 12,
        postedAt: 1_730_289_600_000,
        attemptAt: 1_730_289_600_000,
        revision: 3,
        error: "400: Bad Request: <bad> & worse",
        editError: "400: message can't be edited",
      }),
      dueAt: 1_730_289_600_000,
    }));
    const answers = [
      renderChannelStatus(language, "@newsroom", true, statuses),
      renderChannelStatus(language, "@newsroom", false, []),
      renderPublishList(language, statuses),
      ...statuses.map((status) => renderPublishChoice(language, status)),
      { blocks: renderPostedNotice(language, article, "@newsroom", 57) },
      { blocks: renderUncertainNotice(language, record("uncertain", { attemptAt: 0 }), article, "@newsroom") },
      { blocks: renderUncertainNotice(language, record("uncertain"), undefined, "-1001234567890") },
      { blocks: renderHeldBackNotice(language, manyArticles(article, 12), 48 * 3_600_000) },
      { blocks: renderNewLedgerNotice(language, 1, false, undefined) },
      { blocks: renderNewLedgerNotice(language, 1000, true, 0) },
      { blocks: renderFailedNotice(language, article, "400: Bad Request: <x>") },
      { blocks: renderEditFailedNotice(language, article, "@newsroom", 57, "400: x") },
      { blocks: renderBlockedNotice(language, "@newsroom", "403: Forbidden", 60_000) },
      { blocks: renderContentProblemsNotice("articles/", Array.from({ length: 40 }, (_, i) => `file-${i}.yaml: <bad> & worse`), 3, language) },
      { blocks: renderContentFixedNotice(1, language) },
    ];
    for (const [i, answer] of answers.entries()) {
      for (const text of packMessages(answer.blocks)) expect(checkMessageText(text, "HTML", `answer ${i}`).problems).toEqual([]);
      expect(checkReplyMarkup(answer.keyboard && { inline_keyboard: answer.keyboard }, "briefingbot", `answer ${i}`)).toEqual([]);
    }
    // Every state has its own words: none falls through to another's.
    const lines = renderChannelStatus(language, "@newsroom", true, statuses).blocks.slice(1).map((b) => htmlToText(b.value));
    expect(new Set(lines).size).toBe(states.length);
  });
});
