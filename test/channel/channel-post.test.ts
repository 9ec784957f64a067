import type { InlineKeyboardButton } from "grammy/types";
import { beforeAll, describe, expect, it } from "vitest";
import { contentHash, renderChannelPost } from "../../src/channel/channel-post";
import { parseConfig } from "../../src/app/config";
import { articleSchema, type Article } from "../../src/content/article-schema";
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

/** When the post goes out: years after the Baku meeting, and on its day. */
const late = Date.parse("2026-11-27T10:00:00Z");
const sameDay = Date.parse("2019-10-30T15:00:00Z");
const RELATIVE = /\b(today|yesterday|tonight|tomorrow|this week)\b/i;

/** No word cut: every "…" follows a whole word, and what precedes it is a prefix of the source at a word's end. */
function expectCutAtWords(text: string, sources: readonly string[]) {
  for (const match of text.matchAll(/(\S+)…/g)) {
    const before = text.slice(0, match.index + match[0].length - 1);
    const tail = before.split(/[“\n]/).at(-1) ?? "";
    const source = sources.find((s) => s.includes(tail.slice(0, 40)));
    expect(source, `"${tail}" comes from the article`).toBeDefined();
    const at = (source ?? "").indexOf(tail) + tail.length;
    expect((source ?? "").charAt(at), `cut after "${tail.slice(-20)}"`).toMatch(/^[\s,;:.!?]?$/);
  }
}

describe("the channel post", () => {
  it("reads as news: headline, dateline, a lead, who attended by country, the key quote shortened, the source, hashtags", () => {
    const post = renderChannelPost(real, "briefingbot", { at: late });
    const text = htmlToText(post.text);
    expect(post.text.startsWith("<b>Council of CIS Defense Ministers meets in hospitable land of Azerbaijan</b>\n<i>Baku, Azerbaijan, 30 October 2019</i>\n\n")).toBe(true);
    // The first sentence says "today": years later it is not the post's lead; one from the article's event and place is.
    expect(text).toContain("\n\nThe 77th meeting of the Council of Defense Ministers of the CIS was held in Baku, Azerbaijan.\n\n");
    expect(text).toContain("• Attended: Russia, Belarus, Kazakhstan, Uzbekistan, Tajikistan, Kyrgyzstan and CIS Executive Committee. Did not attend: Armenia.");
    expect(text).toContain("• Sergey Lebedev: “It is deplorable that since our last meeting in Anapa city, the situation in the world hasn’t changed for the better…”");
    expect(post.text).toContain(`Source: <a href="${real.url}">Vestnik Kavkaza</a>\n#CIS #Azerbaijan #Baku #DefenseMinisters`);
    expect(text).not.toMatch(RELATIVE);
    expect(text.length).toBeLessThanOrEqual(600);
    // The digest's parts are gone: no list of every attendee's name, no bullet fragments.
    expect(text).not.toContain("Andrei Ravkov");
    expect(text).not.toContain("Laid a wreath");
    expectBalancedHtml(post.text);
  });

  it("on the article's own day, leads with its first sentence as written", () => {
    const text = htmlToText(renderChannelPost(real, "briefingbot", { at: sameDay }).text);
    expect(text).toContain("\n\nThe 77th meeting of the Council of Defense Ministers of the Commonwealth of Independent States was held in Baku today.\n\n");
    expect(text.length).toBeLessThanOrEqual(600);
  });

  it("leads with the editor's own lead when there is one", () => {
    const lead = "Defense ministers of six CIS countries met in Baku on 30 October 2019; Armenia stayed away.";
    const text = htmlToText(renderChannelPost({ ...real, lead }, "briefingbot", { at: late }).text);
    expect(text).toContain(`30 October 2019\n\n${lead}\n\n• Attended:`);
  });

  it("skips a first paragraph that repeats the headline, and a quote's sentence that says 'today' when posted late", () => {
    const quote = { speaker: "lebedev", kind: "quote" as const, key: true, paragraph: 12, text: real.statements[7]?.text ?? "" };
    const article: Article = {
      ...real,
      body: [`${real.headline}. Ministers of six countries gathered in Baku. They laid a wreath.`, ...real.body.slice(1)],
      statements: [quote],
    };
    const text = htmlToText(renderChannelPost(article, "briefingbot", { at: late }).text);
    expect(text).toContain("\n\nMinisters of six countries gathered in Baku.\n\n");
    // "…on the agenda of today’s meeting…" is the quote's second sentence: the first is kept, marked as cut.
    expect(text).toContain("• Sergey Lebedev: “Each meeting of the defense ministers shows the presence of common interests of the CIS countries in the field of expanding military cooperation…”");
    expect(text).not.toMatch(RELATIVE);
    const onTheDay = htmlToText(renderChannelPost(article, "briefingbot", { at: sameDay }).text);
    expect(onTheDay).toContain("Sergey Lebedev: “Each meeting of the defense ministers");
    expect(onTheDay.length).toBeLessThanOrEqual(600);
  });

  it("a long article stays within 600 visible characters, cut at clauses and words, never 'today' when late", () => {
    const sentence = "Delegations from many countries took part in a long session that went on, and on, into the evening today";
    const countries = ["Argentina", "Brazil", "Canada", "Denmark", "Estonia", "Finland", "Greece", "Hungary", "Iceland", "Japan", "Kenya", "Latvia", "Mexico", "Norway", "Oman", "Peru", "Qatar", "Romania", "Spain", "Turkey"];
    const long: Article = {
      ...real,
      headline: "Foreign ministers of twelve countries meet for a long session on trade, climate, security, migration and the future of the organisation",
      body: [`${sentence}. ${"A second sentence that also goes on for quite a while, with clauses. ".repeat(4)}`, ...real.body.slice(1)],
      people: countries.map((country, i) => ({ id: `p${i}`, name: `Minister ${country}`, aliases: [], role: "foreign minister", country })),
      attendance: { attended: countries.map((_, i) => ({ person: `p${i}`, paragraph: 2 })), absent: [{ who: "Armenia", text: "Armenia refused to attend the Baku summit.", paragraph: 2 }] },
      statements: [{ speaker: "p0", kind: "quote", key: true, paragraph: 9, text: `${"We have talked for a long time, and we will talk again, because talking is what we do best. ".repeat(3)}Today we agreed.` }],
      tags: ["Trade", "Climate", "Security", "Migration", "ForeignMinisters", "Summit", "Organisation", "Future"],
    };
    const post = renderChannelPost(long, "briefingbot", { at: late });
    const text = htmlToText(post.text);
    expect(text.length).toBeLessThanOrEqual(600);
    expect(text).toContain(long.headline);
    expect(text).toContain("Source: Vestnik Kavkaza");
    expect(text).toContain("• Attended: Argentina, Brazil, Canada, Denmark, Estonia");
    expect(text).toMatch(/and \d+ more\. Did not attend: Armenia\./);
    expect(text).toContain("• Minister Argentina: “We have talked for a long time");
    expect(text).not.toMatch(RELATIVE);
    expect(text).toMatch(/…”/);
    expectCutAtWords(text, [long.statements[0]?.text ?? "", ...long.body]);
    if (process.env.SHOW_POST) console.log(text);
    expectBalancedHtml(post.text);

    const tiny = renderChannelPost(long, "briefingbot", { at: late, limit: 300 });
    expect(htmlToText(tiny.text).length).toBeLessThanOrEqual(300);
    expect(htmlToText(tiny.text)).toContain("Source: Vestnik Kavkaza");
    expectBalancedHtml(tiny.text);
  });

  it("a short article is headline, dateline, lead and source, with nothing made up", () => {
    const short: Article = {
      ...real,
      headline: "Port reopens",
      body: ["The port of Baku reopened on Monday after repairs."],
      people: [],
      attendance: { attended: [], absent: [] },
      agenda: [],
      happenings: [],
      places: [],
      statements: [],
      tags: [],
    };
    const post = renderChannelPost(short, "briefingbot", { at: late });
    expect(htmlToText(post.text)).toBe("Port reopens\nBaku, Azerbaijan, 30 October 2019\n\nThe port of Baku reopened on Monday after repairs.\n\nSource: Vestnik Kavkaza");
    expect(post.keyboard).toEqual([[{ text: "Share", switch_inline_query: "Port reopens" }]]);
  });

  it("refuses an editor's lead that says 'today': the post may go out on another day", () => {
    const parsed = articleSchema.safeParse({ ...real, lead: "Ministers met in Baku today." });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain("must give the date rather than a word such as 'today'");
    expect(articleSchema.safeParse({ ...real, lead: "Ministers met in Baku on 30 October 2019." }).success).toBe(true);
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

  it("hashes the content: the same article hashes the same, a correction differently", () => {
    expect(contentHash({ ...real })).toBe(contentHash(real));
    expect(contentHash({ ...real, headline: `${real.headline}!` })).not.toBe(contentHash(real));
  });
});

describe("the channel post in the channel's language", () => {
  it("in Russian: the editor's headline, lead, names and places, the framing from the catalog, the quote verbatim", () => {
    const post = renderChannelPost(real, "briefingbot", { at: late, language: "ru" });
    const text = htmlToText(post.text);
    expect(post.text.startsWith("<b>Совет министров обороны СНГ собрался на гостеприимной земле Азербайджана</b>\n<i>Баку, Азербайджан, 30 октября 2019 г.</i>\n\n")).toBe(true);
    expect(text).toContain("\n\n30 октября 2019 года в Баку прошло 77-е заседание Совета министров обороны государств — участников СНГ.\n\n");
    expect(text).toContain("• Участники: Россия, Белоруссия, Казахстан, Узбекистан, Таджикистан, Киргизия и Исполнительный комитет СНГ. Не приехали: Армения.");
    expect(text).toContain("• Сергей Лебедев: “It is deplorable that since our last meeting in Anapa city, the situation in the world hasn’t changed for the better…”");
    expect(post.text).toContain(`Источник: <a href="${real.url}">Vestnik Kavkaza</a>\n#CIS #Azerbaijan #Baku #DefenseMinisters`);
    expect(text).not.toMatch(/Attended|Source|Did not attend/);
    expect(text.length).toBeLessThanOrEqual(600);
    expectBalancedHtml(post.text);
    expect(post.keyboard.flat().map((button) => button.text)).toEqual(["Кто приехал", "Повестка", "Цитаты", "Поделиться"]);
  });

  it("defaults to the article's own language; an article without a Russian lead gets one made of its translated fields", () => {
    expect(renderChannelPost(real, "briefingbot", { at: late }).text).toBe(renderChannelPost(real, "briefingbot", { at: late, language: "en" }).text);
    const { translations, ...rest } = real;
    const ru = translations?.ru;
    if (!ru) throw new Error("the fixture has a Russian translation");
    const withoutLead = { ...ru, lead: undefined };
    const text = htmlToText(renderChannelPost({ ...rest, translations: { ru: withoutLead } }, "briefingbot", { at: late, language: "ru" }).text);
    expect(text).toContain("\n\n77-е заседание Совета министров обороны государств — участников СНГ — Баку, Азербайджан.\n\n");
    // No translation at all: the original words with the Russian framing and date; never an English sentence as a Russian lead.
    const bare = htmlToText(renderChannelPost(rest, "briefingbot", { at: late, language: "ru" }).text);
    expect(bare).toContain("Baku, Azerbaijan, 30 октября 2019 г.");
    expect(bare).toContain("• Участники: Russia, Belarus");
  });

  it("a long article in Russian stays within 600 visible characters, the rest counted in Russian", () => {
    const countries = ["Аргентина", "Бразилия", "Канада", "Дания", "Эстония", "Финляндия", "Греция", "Венгрия", "Исландия", "Япония", "Кения", "Латвия", "Мексика", "Норвегия", "Оман", "Перу", "Катар", "Румыния", "Испания", "Турция"];
    const long: Article = {
      ...real,
      people: countries.map((country, i) => ({ id: `p${i}`, name: `Министр ${i}`, aliases: [], role: "министр", country })),
      attendance: { attended: countries.map((_, i) => ({ person: `p${i}`, paragraph: 2 })), absent: [] },
      translations: { ru: { headline: "Министры иностранных дел двадцати стран провели долгую сессию о торговле, климате, безопасности и миграции" } },
    };
    const text = htmlToText(renderChannelPost(long, "briefingbot", { at: late, language: "ru" }).text);
    expect(text.length).toBeLessThanOrEqual(600);
    expect(text).toMatch(/• Участники: Аргентина, Бразилия, .* и ещё \d+\./);
    const tiny = htmlToText(renderChannelPost(long, "briefingbot", { at: late, language: "ru", limit: 300 }).text);
    expect(tiny.length).toBeLessThanOrEqual(300);
    expect(tiny).toContain("Источник: Vestnik Kavkaza");
  });

  it("CHANNEL_LANGUAGE is en or ru, unset by default (each article's own language)", () => {
    const BOT_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0";
    const unset = parseConfig({ BOT_TOKEN });
    expect(unset.ok && unset.config.CHANNEL_LANGUAGE).toBeUndefined();
    const ru = parseConfig({ BOT_TOKEN, CHANNEL_LANGUAGE: "ru" });
    expect(ru.ok && ru.config.CHANNEL_LANGUAGE).toBe("ru");
    expect(parseConfig({ BOT_TOKEN, CHANNEL_LANGUAGE: "de" })).toEqual({ ok: false, problems: ["CHANNEL_LANGUAGE: CHANNEL_LANGUAGE must be en or ru"] });
  });

  it("refuses a Russian lead that says 'сегодня', and leaves 'накануне саммита' alone", () => {
    const withLead = (lead: string) => articleSchema.safeParse({ ...real, translations: { ru: { lead } } });
    const parsed = withLead("Министры сегодня собрались в Баку.");
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain("must give the date rather than a word such as 'сегодня'");
    expect(withLead("Министры встретились в Баку 30 октября 2019 года, накануне саммита.").success).toBe(true);
  });
});
