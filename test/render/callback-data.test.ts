import { describe, expect, it } from "vitest";
import { answerWho } from "../../src/answering/answer-topics";
import { renderPublishChoice, renderPublishList } from "../../src/channel/render-channel-admin";
import { languageOf } from "../../src/i18n/translate";
import { createLibrary } from "../../src/library/library";
import {
  articleButton,
  CALLBACK_DATA_MAX_BYTES,
  languageButton,
  newsroomButton,
  publishButton,
  topicButton,
  whoButton,
  type PublishAction,
} from "../../src/render/callback-data";
import { summariseArticle } from "../../src/content/article-summary";
import { renderArticleList } from "../../src/render/render-article-list";
import { draftKeyboard } from "../../src/render/render-draft";
import { renderWelcome } from "../../src/render/render-help";
import { renderLanguageChoice } from "../../src/render/render-language";
import { loadRealArticles } from "../support/test-bot";

/** The longest id the content schema allows (a slug of 40 characters). */
const longestId = `${"a".repeat(19)}-${"b".repeat(20)}`;
const bytes = (data: string) => new TextEncoder().encode(data).length;

/** Near misses every kind must refuse: other prefixes, wrong case, spaces, control and bidi characters, overlong values, prototype names under the wrong kind. */
const junk = [
  "",
  "x".repeat(65),
  "article:",
  `article:${"a".repeat(41)}`,
  "article:<script>",
  "article:Story",
  "topic:",
  "topic:ATTENDEES",
  "topic:attendees ",
  "topic:attendees\n",
  `topic:${"a".repeat(21)}`,
  "\u202Etopic:attendees",
  "who:",
  "who:shoigu\u0000",
  "who:../../etc/passwd",
  "pub:",
  "pub:now",
  "pub:now:",
  "pub:cancel:",
  "pub:delete:story-001",
  "pub:pick:../x",
  `pub:now:${"a".repeat(41)}`,
  "news:approve:",
  "news:publish:story-001",
  `news:approve:${"a".repeat(41)}`,
  "🙂",
  "%00",
];

describe("every button's data, declared once", () => {
  it("article: formatted data parses back, within 64 bytes at the longest id, and junk parses to nothing", () => {
    expect(articleButton.parse(articleButton.format("cis-defense-ministers-baku-2019"))).toBe("cis-defense-ministers-baku-2019");
    expect(articleButton.format("story-001")).toBe("article:story-001");
    expect(bytes(articleButton.format(longestId))).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
    expect(articleButton.parse(articleButton.format(longestId))).toBe(longestId);
    for (const data of junk) expect(articleButton.parse(data), data).toBeUndefined();
    expect(articleButton.parse(undefined)).toBeUndefined();
  });

  it("topic: each topic parses back, within 64 bytes, and junk parses to nothing", () => {
    for (const topic of ["summary", "attendees", "agenda", "quotes", "source"]) {
      expect(topicButton.parse(topicButton.format(topic))).toBe(topic);
    }
    expect(topicButton.format("attendees")).toBe("topic:attendees");
    expect(bytes(topicButton.format("a".repeat(20)))).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
    for (const data of junk) expect(topicButton.parse(data), data).toBeUndefined();
  });

  it("lang: each language /language offers parses back, and junk parses to nothing", () => {
    const offered = renderLanguageChoice(languageOf("ru")).keyboard?.flat().map((button) => ("callback_data" in button ? button.callback_data : undefined));
    expect(offered).toEqual(["lang:en", "lang:ru"]);
    expect(offered?.map((data) => languageButton.parse(data))).toEqual(["en", "ru"]);
    for (const data of junk) expect(languageButton.parse(data), data).toBeUndefined();
  });

  it("who: a person's id parses back, within 64 bytes at the longest id, and junk parses to nothing", () => {
    expect(whoButton.parse(whoButton.format("lebedev"))).toBe("lebedev");
    expect(whoButton.format("lebedev")).toBe("who:lebedev");
    expect(bytes(whoButton.format(longestId))).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
    for (const data of junk) expect(whoButton.parse(data), data).toBeUndefined();
  });

  it("news: each action on a draft parses back, within 64 bytes at the longest id, and junk parses to nothing", () => {
    for (const action of ["approve", "post", "edit", "discard"] as const) {
      const data = newsroomButton.format(action, longestId);
      expect(newsroomButton.parse(data)).toEqual({ action, id: longestId });
      expect(bytes(data)).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
    }
    expect(newsroomButton.format("approve", "story-001")).toBe("news:approve:story-001");
    for (const data of junk) expect(newsroomButton.parse(data), data).toBeUndefined();
  });

  it("pub: each /publish action parses back, Cancel under the list too, within 64 bytes at the longest id, and junk parses to nothing", () => {
    const actions: PublishAction[] = ["pick", "now", "schedule", "mark", "nolink", "cancel"];
    for (const action of actions) {
      const data = publishButton.format({ action, id: longestId });
      expect(publishButton.parse(data)).toEqual({ action, id: longestId });
      expect(publishButton.pattern.test(data)).toBe(true);
      expect(bytes(data)).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
    }
    expect(publishButton.format({ action: "now", id: "story-002" })).toBe("pub:now:story-002");
    expect(publishButton.format({ action: "cancel" })).toBe("pub:cancel");
    expect(publishButton.parse("pub:cancel")).toEqual({ action: "cancel" });
    for (const data of junk) {
      expect(publishButton.parse(data), data).toBeUndefined();
      expect(publishButton.pattern.test(data), data).toBe(false);
    }
  });

  it("refuses to format data its own handler would not read, or over 64 bytes", () => {
    expect(() => articleButton.format("Not A Slug")).toThrow(/would not read/);
    expect(() => whoButton.format("a".repeat(41))).toThrow();
    expect(() => newsroomButton.format("approve", "x".repeat(60))).toThrow(/over 64 bytes|would not read/);
  });
});

describe("the data the renderers put on buttons", () => {
  it("is read back by the handlers' parse, kind by kind", async () => {
    const [article] = await loadRealArticles();
    if (!article) throw new Error("no fixture article");
    const status = { articleId: article.id, article: summariseArticle(article), state: "uncertain" as const };
    const keyboards = {
      topic: renderWelcome(article.headline).keyboard,
      article: renderArticleList([article], article.id).keyboard,
      who: answerWho(createLibrary([article]), article, "").keyboard,
      news: draftKeyboard(article.id, true),
      pub: [...(renderPublishList(languageOf("ru"), [status]).keyboard ?? []), ...(renderPublishChoice(languageOf("en"), status).keyboard ?? [])],
    };
    const parsers = { topic: topicButton, article: articleButton, who: whoButton, news: newsroomButton, pub: publishButton };
    for (const [kind, keyboard] of Object.entries(keyboards)) {
      const data = (keyboard ?? []).flat().map((button) => ("callback_data" in button ? button.callback_data : undefined));
      expect(data.length, kind).toBeGreaterThan(0);
      for (const one of data) {
        expect(one, kind).toBeDefined();
        expect(parsers[kind as keyof typeof parsers].parse(one), `${kind}: ${one}`).toBeDefined();
      }
    }
  });
});
