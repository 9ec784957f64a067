import { describe, expect, it } from "vitest";
import { contentHash } from "../../src/channel/channel-post";
import { dueOf, planChannel } from "../../src/channel/channel-status";
import type { PostRecord } from "../../src/channel/post-ledger";
import type { Article } from "../../src/content/article-schema";
import { summariseArticle } from "../../src/content/article-summary";
import { loadRealArticles } from "../support/test-bot";

describe("the due rule the publisher sends by and /status shows", () => {
  const article = { id: "story-001", date: "2025-01-30" } as Article;
  const now = Date.parse("2025-01-31T15:20:00Z");
  const line = (fields: Partial<PostRecord>) => ({ articleId: "story-001", scheduledAt: null, ...fields }) as PostRecord;
  const options = { autopost: true, now, autopostMaxAgeMs: 48 * 3_600_000 };

  it("puts an admin's request and time before AUTOPOST", () => {
    expect(dueOf(article, line({ state: "requested" }), options)).toEqual({ kind: "due", at: 0 });
    expect(dueOf(article, line({ state: "scheduled", scheduledAt: now + 1 }), options)).toEqual({ kind: "later", at: now + 1, by: "admin" });
    expect(dueOf(article, line({ state: "scheduled", scheduledAt: now }), options)).toEqual({ kind: "due", at: now });
    for (const state of ["posted", "sending", "failed", "uncertain"] as const) expect(dueOf(article, line({ state }), options)).toEqual({ kind: "settled" });
  });

  it("lets AUTOPOST post an article once its publishAt has come, within the safety window", () => {
    expect(dueOf(article, undefined, { ...options, autopost: false })).toEqual({ kind: "waiting" });
    expect(dueOf(article, undefined, options)).toEqual({ kind: "due", at: 0 });
    expect(dueOf({ ...article, publishAt: "2025-02-01T00:00:00Z" }, undefined, options)).toEqual({ kind: "later", at: Date.parse("2025-02-01T00:00:00Z"), by: "publishAt" });
    expect(dueOf({ ...article, date: "2025-01-20" }, undefined, options)).toEqual({ kind: "held" });
    expect(dueOf({ ...article, date: "2025-01-20" }, undefined, { ...options, autopostMaxAgeMs: 0 })).toEqual({ kind: "due", at: 0 });
  });
});

describe("a pass of the publisher, planned", () => {
  it("corrects changed posts once per content, sends what is due oldest first, holds back the old, and knows when to look again", async () => {
    const [real] = (await loadRealArticles()) as [Article];
    const now = Date.parse("2025-01-31T15:20:00Z");
    const article = (id: string, fields: Partial<Article> = {}): Article => ({ ...real, id, date: "2025-01-31", ...fields });
    const posted = article("posted-changed", { headline: "Changed" });
    const failedFix = article("posted-fix-failed", { headline: "Changed too" });
    const articles = [
      article("fresh-newer"),
      article("fresh-older", { date: "2025-01-30" }),
      article("old", { date: "2025-01-01" }),
      article("embargoed", { publishAt: "2025-02-01T08:00:00Z" }),
      article("asked"),
      posted,
      failedFix,
      article("posted-same"),
    ].map(summariseArticle);
    const line = (articleId: string, fields: Partial<PostRecord>) => [articleId, { articleId, scheduledAt: null, messageId: 1, contentHash: "old", editFailedHash: null, ...fields } as PostRecord] as const;
    const records = new Map([
      line("asked", { state: "requested" }),
      line("posted-changed", { state: "posted" }),
      line("posted-fix-failed", { state: "posted", editFailedHash: contentHash(failedFix) }),
      line("posted-same", { state: "posted", contentHash: contentHash(article("posted-same")) }),
    ]);
    const plan = planChannel(articles, records, { autopost: true, now, autopostMaxAgeMs: 48 * 3_600_000 });
    expect(plan.edit).toEqual(["posted-changed"]);
    // Due since the same moment (0: at once), so by date, then id; an admin's Post now is put first by `dispatch`, not here.
    expect(plan.post).toEqual(["fresh-older", "asked", "fresh-newer"]);
    expect(plan.held.map((a) => a.id)).toEqual(["old"]);
    expect(plan.nextDueAt).toBe(Date.parse("2025-02-01T08:00:00Z"));
    expect(planChannel(articles, records, { autopost: false, now }).post).toEqual(["asked"]);
  });
});
