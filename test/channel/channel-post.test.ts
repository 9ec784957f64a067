import type { InlineKeyboardButton } from "grammy/types";
import { beforeAll, describe, expect, it } from "vitest";
import { contentHash, renderChannelPost } from "../../src/channel/channel-post";
import type { Article } from "../../src/content/article-schema";
import { htmlToText } from "../../src/render/html";
import { createTestBot, loadRealArticles } from "../support/test-bot";

let real: Article;
beforeAll(async () => {
  [real] = (await loadRealArticles()) as [Article];
});

const urlButtons = (keyboard: InlineKeyboardButton[][]) =>
  keyboard.flat().flatMap((button) => ("url" in button ? [{ text: button.text, url: button.url }] : []));

/** Every tag opened is closed, in order: Telegram would refuse the post otherwise. */
function expectBalancedHtml(text: string) {
  const open: string[] = [];
  for (const [, closing, name] of text.matchAll(/<(\/?)([a-z]+)[^>]*>/g)) {
    if (closing) expect(open.pop()).toBe(name);
    else open.push(name ?? "");
  }
  expect(open).toEqual([]);
}

describe("the channel post", () => {
  it("carries what a channel reader wants: what happened where, who came and who did not, key item, key quote, source, hashtags", () => {
    const post = renderChannelPost(real, "briefingbot");
    const text = htmlToText(post.text);
    expect(post.text).toContain("<b>Council of CIS Defense Ministers meets in hospitable land of Azerbaijan</b>\n<i>Baku, Azerbaijan, 30 October 2019</i>");
    expect(text).toContain("• The 77th meeting of the Council of Defense Ministers of the Commonwealth of Independent States was held in Baku today.");
    expect(text).toContain("Attended: Sergei Shoigu, Andrei Ravkov, Nurlan Yermekbayev, Bakhodir Kurbanov, Mirzo Sherali, Rayimberdi Duishenbiev, Sergey Lebedev");
    expect(text).toContain("Did not attend: Armenia refused to attend the Baku summit.");
    expect(text).toContain("Key item: The Concept of Military Cooperation of the CIS Member States until 2025");
    expect(post.text).toContain("<b>Sergey Lebedev</b>:\n<blockquote>“It is deplorable that since our last meeting in Anapa city");
    expect(post.text).toContain(`Source: <a href="${real.url}">Vestnik Kavkaza</a>`);
    expect(text.endsWith("#CIS #Azerbaijan #Baku #DefenseMinisters")).toBe(true);
    expectBalancedHtml(post.text);
  });

  it("has deep links to the article's attendees, agenda and quotes, and a share button", () => {
    const { keyboard } = renderChannelPost(real, "briefingbot");
    expect(urlButtons(keyboard)).toEqual([
      { text: "Who attended", url: "https://t.me/briefingbot?start=attendees_cis-defense-ministers-baku-2019" },
      { text: "Agenda", url: "https://t.me/briefingbot?start=agenda_cis-defense-ministers-baku-2019" },
      { text: "Quotes", url: "https://t.me/briefingbot?start=quotes_cis-defense-ministers-baku-2019" },
    ]);
    for (const { url } of urlButtons(keyboard)) expect(new URL(url).searchParams.get("start")).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(keyboard.flat().find((b) => b.text === "Share")).toEqual({ text: "Share", switch_inline_query: real.headline });
  });

  it("whose deep links land on the right answer for that article, even when the reader was reading another", async () => {
    const newer: Article = { ...real, id: "newer-story", headline: "A newer story", date: "2030-01-01", attendance: { attended: [], absent: [] }, agenda: [], statements: [] };
    const { ask } = await createTestBot([newer, real]);
    const payload = (text: string) => new URL(urlButtons(renderChannelPost(real, "briefingbot").keyboard).find((b) => b.text === text)?.url ?? "").searchParams.get("start");

    const attendees = await ask(`/start ${payload("Who attended")}`);
    expect(attendees).toContain("Who attended");
    expect(attendees).toContain("• Sergei Shoigu: defense minister, Russia");
    const agenda = await ask(`/start ${payload("Agenda")}`);
    expect(agenda).toContain("Key item\nThe Concept of Military Cooperation of the CIS Member States until 2025");
    const quotes = await ask(`/start ${payload("Quotes")}`);
    expect(quotes).toContain("Who said what");
    expect(quotes).toContain("Sergey Lebedev, direct quote:");
    // The link also made it the chat's article: a follow-up question is about it, not the newer one.
    expect(await ask("/source")).toContain("Vestnik Kavkaza, 30 October 2019");
  });

  it("the share button's query finds the article's summary in inline mode", async () => {
    const { send } = await createTestBot([real]);
    const query = renderChannelPost(real, "briefingbot").keyboard.flat().find((b) => b.text === "Share");
    const [answer] = await send({
      update_id: 1,
      inline_query: { id: "q", from: { id: 42, is_bot: false, first_name: "Reader" }, query: query && "switch_inline_query" in query ? query.switch_inline_query : "", offset: "" },
    });
    const results = answer?.payload.results as { title: string }[];
    expect(results[0]?.title).toBe(real.headline);
  });

  it("stays within 4096 visible characters by dropping whole parts, extra happenings first, never the headline or source", () => {
    const paragraph = "Something happened that takes a long sentence to tell, and it goes on. ".repeat(8).trim();
    const long: Article = {
      ...real,
      body: [...real.body, ...Array.from({ length: 12 }, () => paragraph)],
      happenings: [...real.happenings, ...Array.from({ length: 12 }, (_, i) => ({ text: paragraph, paragraph: 13 + i }))],
    };
    const post = renderChannelPost(long, "briefingbot");
    const text = htmlToText(post.text);
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(text.length).toBeGreaterThan(3000);
    expect(text).toContain(long.headline);
    expect(text).toContain("Source: Vestnik Kavkaza");
    expect(text).toContain("Did not attend: Armenia refused to attend the Baku summit.");
    expect(text).toContain("Key item:");
    expect(text).toContain("“It is deplorable");
    expect(text).toContain("• The 77th meeting");
    expect(text.split("• Something happened").length - 1).toBeLessThan(12);
    expectBalancedHtml(post.text);

    const tiny = renderChannelPost(long, "briefingbot", 300);
    expect(htmlToText(tiny.text).length).toBeLessThanOrEqual(300);
    expect(htmlToText(tiny.text)).toContain("Source: Vestnik Kavkaza");
    expectBalancedHtml(tiny.text);
  });

  it("hashes the content: the same article hashes the same, a correction differently", () => {
    expect(contentHash({ ...real })).toBe(contentHash(real));
    expect(contentHash({ ...real, headline: `${real.headline}!` })).not.toBe(contentHash(real));
  });
});
