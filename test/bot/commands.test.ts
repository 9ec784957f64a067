import { beforeAll, describe, expect, it } from "vitest";
import type { Article } from "../../src/content/article-schema";
import { buttonPress, createTestBot, loadRealArticles, textMessage } from "../support/test-bot";

let articles: Article[];
beforeAll(async () => {
  articles = await loadRealArticles();
});

const attendeeLines = [
  "Sergei Shoigu: defense minister, Russia",
  "Andrei Ravkov: defense minister, Belarus",
  "Nurlan Yermekbayev: defense minister, Kazakhstan",
  "Bakhodir Kurbanov: defense minister, Uzbekistan",
  "Mirzo Sherali: defense minister, Tajikistan",
  "Rayimberdi Duishenbiev: chief of the General Staff of the Kyrgyz Armed Forces, Kyrgyzstan",
  "Sergey Lebedev: Chairman and Executive Secretary of the CIS Executive Committee",
];

describe("/attendees", () => {
  it("lists each person with role and country, then who did not attend", async () => {
    const { ask } = await createTestBot(articles);
    const text = await ask("/attendees");
    for (const line of attendeeLines) expect(text).toContain(`• ${line}`);
    expect(text).toContain("Did not attend\n• Armenia: “Armenia refused to attend the Baku summit.”");
    expect(text.indexOf("Did not attend")).toBeGreaterThan(text.indexOf("Sergey Lebedev"));
  });

  it("sends HTML with the names in bold and no link preview", async () => {
    const { send } = await createTestBot(articles);
    const [call] = await send(textMessage("/attendees"));
    expect(call?.method).toBe("sendMessage");
    expect(call?.payload).toMatchObject({ chat_id: 42, parse_mode: "HTML", link_preview_options: { is_disabled: true } });
    expect(call?.payload.text).toContain("<b>Sergei Shoigu</b>");
  });
});

describe("/agenda and /topics", () => {
  it("puts the key item first, then the rest", async () => {
    const { ask } = await createTestBot(articles);
    for (const command of ["/agenda", "/topics"]) {
      const text = await ask(command);
      expect(text).toContain("Key item\nThe Concept of Military Cooperation of the CIS Member States until 2025");
      const rest = [
        "Multilateral interaction of the CIS member states in the military sphere",
        "Training officers for the armed forces of the CIS member states",
        "Joint activities for the 75th anniversary of the Victory in the Great Patriotic War of 1941-1945",
        "Other important areas in the field of military cooperation",
      ];
      for (const item of rest) expect(text.indexOf(`• ${item}`)).toBeGreaterThan(text.indexOf("Key item"));
    }
  });
});

describe("/quotes", () => {
  it("shows direct quotes as quotes and reported speech marked, each with its speaker", async () => {
    const { send } = await createTestBot(articles);
    const [call] = await send(textMessage("/quotes"));
    const html = String(call?.payload.text);
    expect(html).toContain(
      "<b>Sergei Shoigu</b>, direct quote:\nOpening the meeting, Russian Defense Minister Sergei Shoigu thanked the leadership of the Republic of Azerbaijan for\n<blockquote>“an invitation to hold a meeting in the hospitable land of Azerbaijan, in the city of Baku”</blockquote>",
    );
    expect(html).toContain(
      "<b>Sergey Lebedev</b>, reported speech:\n<i>He said that certain countries violating the agreements in the field of strategic security by force continue the policy of dictatorship in international relations.</i>",
    );
    expect(html).toContain("<blockquote>“It is deplorable that since our last meeting in Anapa city, the situation in the world hasn’t");
  });

  it("with a name, gives only that person's statements, found by any spelling", async () => {
    const { ask } = await createTestBot(articles);
    for (const name of ["lebedev", "Levedev", "Sergey Lebedev"]) {
      const text = await ask(`/quotes ${name}`);
      expect(text).toContain("What Sergey Lebedev said");
      expect(text).toContain("“Each meeting of the defense ministers shows the presence of common interests");
      expect(text).not.toContain("Sergei Shoigu, direct quote");
      expect(text.match(/Sergey Lebedev, (direct quote|reported speech)/g)).toHaveLength(7);
    }
  });

  it("says so for a person who is not quoted, and for a name not in the article", async () => {
    const { ask } = await createTestBot(articles);
    expect(await ask("/quotes Ravkov")).toContain("The article quotes nothing from Andrei Ravkov.");
    const unknown = await ask("/quotes Napoleon");
    expect(unknown).toContain("No one called “Napoleon” is in this article.");
    expect(unknown).toContain("People in it: Sergei Shoigu, Andrei Ravkov");
  });
});

describe("/who", () => {
  const cases: [string, string][] = [
    ["shoigu", "Sergei Shoigu"],
    ["Sergey Shoygu", "Sergei Shoigu"],
    ["shoygu", "Sergei Shoigu"],
    ["lebedev", "Sergey Lebedev"],
    ["Levedev", "Sergey Lebedev"],
    ["lebedv", "Sergey Lebedev"],
    ["Yermekbaev", "Nurlan Yermekbayev"],
    ["Duishenbiev", "Rayimberdi Duishenbiev"],
  ];
  it.each(cases)("finds %s as %s", async (query, name) => {
    const { ask } = await createTestBot(articles);
    expect((await ask(`/who ${query}`)).split("\n")[0]).toBe(name);
  });

  it("shows the card: spellings, role, affiliation, attendance, statements", async () => {
    const { ask } = await createTestBot(articles);
    expect(await ask("/who lebedev")).toBe(
      [
        "Sergey Lebedev",
        "Chairman and Executive Secretary of the CIS Executive Committee",
        "Organisation: CIS Executive Committee",
        "Also written: Levedev",
        "Attended the 77th meeting of the Council of Defense Ministers of the CIS",
        "In the article: 2 direct quotes, 5 reported statements",
      ].join("\n"),
    );
    expect(await ask("/who shoigu")).toContain("Country: Russia\nAlso written: Sergey Shoygu");
  });

  it("without a name asks whom, with a button per person", async () => {
    const { send } = await createTestBot(articles);
    const [call] = await send(textMessage("/who"));
    expect(call?.payload.text).toContain("Whom do you mean?");
    const markup = call?.payload.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] };
    expect(markup.inline_keyboard.flat().map((b) => b.text)).toContain("Mirzo Sherali");
    const [, card] = await send(buttonPress("who:sherali"));
    expect(card?.payload.text).toContain("<b>Mirzo Sherali</b>\nDefense minister\nCountry: Tajikistan");
  });
});

describe("/summary and /source", () => {
  it("summarises from the content only, with the source", async () => {
    const { send } = await createTestBot(articles);
    const [call] = await send(textMessage("/summary"));
    const html = String(call?.payload.text);
    expect(html).toContain("<b>Council of CIS Defense Ministers meets in hospitable land of Azerbaijan</b>");
    expect(html).toContain("Baku, Azerbaijan, 30 October 2019");
    expect(html).toContain("• Laid a wreath at the Eternal Flame monument");
    expect(html).toContain("<b>Did not attend:</b> Armenia refused to attend the Baku summit.");
    expect(html).toContain("<b>Key item:</b> The Concept of Military Cooperation of the CIS Member States until 2025");
    expect(html).toContain("<b>Sergey Lebedev</b>:\n<blockquote>“It is deplorable");
    expect(html).toContain(`Source: <a href="${articles[0]?.url}">Vestnik Kavkaza</a>`);
  });

  it("/source gives outlet, date and link", async () => {
    const { ask } = await createTestBot(articles);
    const text = await ask("/source");
    expect(text).toContain("Vestnik Kavkaza, 30 October 2019");
    expect(text).toContain("https://vestnikkavkaza.net/news/Council-of-CIS-Defense-Ministers-held-in-hospitable-land-of-Azerbaijan.html");
  });
});

describe("/start and /help", () => {
  it("welcomes with the article and buttons that answer", async () => {
    const { send } = await createTestBot(articles);
    const [welcome] = await send(textMessage("/start"));
    expect(welcome?.payload.text).toContain("Welcome to Briefing.");
    const [notice, answer] = await send(buttonPress("topic:attendees"));
    expect(notice?.method).toBe("answerCallbackQuery");
    expect(answer?.payload.text).toContain("Armenia refused to attend the Baku summit.");
  });

  it("opens deep links straight onto the answer", async () => {
    const { ask } = await createTestBot(articles);
    expect(await ask("/start attendees")).toContain("Who attended");
    expect(await ask("/start agenda_cis-defense-ministers-baku-2019")).toContain("Key item");
    expect(await ask("/start quotes")).toContain("Who said what");
  });

  it("answers an unknown deep link with the welcome and a word about the link", async () => {
    const { ask } = await createTestBot(articles);
    const text = await ask("/start nonsense_payload");
    expect(text).toContain("That link did not point to an answer I know");
    expect(text).toContain("Welcome to Briefing.");
  });

  it("/help lists every command", async () => {
    const { ask } = await createTestBot(articles);
    const text = await ask("/help");
    for (const command of ["/summary", "/attendees", "/agenda", "/quotes", "/who", "/source", "/articles"]) {
      expect(text).toContain(command);
    }
    expect(text).toContain("@briefingbot");
  });
});

describe("/articles", () => {
  it("lists the articles and makes the chosen one current", async () => {
    const [real] = articles;
    if (!real) throw new Error("no article");
    const older: Article = { ...real, id: "older-article", headline: "An older story", date: "2019-01-01" };
    const { send, ask } = await createTestBot([real, older]);
    const [list] = await send(textMessage("/articles"));
    expect(list?.payload.text).toContain("▶ <b>Council of CIS Defense Ministers");
    const markup = list?.payload.reply_markup as { inline_keyboard: { callback_data: string }[][] };
    expect(markup.inline_keyboard.flat().map((b) => b.callback_data)).toEqual([`article:${real.id}`, "article:older-article"]);

    const [notice, summary] = await send(buttonPress("article:older-article"));
    expect(notice?.payload.text).toBe("Now asking about: An older story");
    expect(summary?.payload.text).toContain("<b>An older story</b>");
    expect(await ask("/source")).toContain("An older story");
  });

  it("tells a stale or forged button so", async () => {
    const { send } = await createTestBot(articles);
    for (const data of ["article:gone", "topic:nonsense", "who:nobody", "<script>", "x".repeat(64)]) {
      const calls = await send(buttonPress(data));
      expect(calls).toHaveLength(1);
      expect(calls[0]?.method).toBe("answerCallbackQuery");
      expect(String(calls[0]?.payload.text)).toMatch(/no longer|not in the current article/);
    }
  });
});

describe("plain questions in a private chat", () => {
  it.each([
    ["who attended?", "Sergei Shoigu (Russia), Andrei Ravkov (Belarus)"],
    ["Who was absent?", "Armenia refused to attend the Baku summit."],
    ["what did Lebedev say?", "What Sergey Lebedev said"],
    ["What did they discuss?", "Key item"],
    ["where can I read the original?", "vestnikkavkaza.net"],
    ["who is shoigu", "Sergei Shoigu\nDefense minister"],
    ["what happened?", "Laid a wreath at the Eternal Flame monument"],
  ])("%s gets the answer that fits", async (question, expected) => {
    const { ask } = await createTestBot(articles);
    expect(await ask(question)).toContain(expected);
  });

  it("answers anything unknown with a pointer to /help, never silence", async () => {
    const { ask } = await createTestBot(articles);
    expect(await ask("qwertyuiop zxcvb")).toContain("/help");
    expect(await ask("/unknowncommand")).toContain("I don't know that command. /help lists what I can do.");
  });
});

describe("in groups", () => {
  it("replies to the message that asked", async () => {
    const { send } = await createTestBot(articles);
    const update = textMessage("/agenda", "group");
    const [call] = await send(update);
    expect(call?.payload).toMatchObject({
      chat_id: -100,
      reply_parameters: { message_id: update.message?.message_id, allow_sending_without_reply: true },
    });
  });

  it("answers commands addressed to it and leaves other bots' commands and chatter alone", async () => {
    const { ask } = await createTestBot(articles);
    expect(await ask("/attendees@briefingbot", "group")).toContain("Who attended");
    expect(await ask("/attendees@other_bot", "group")).toBe("");
    expect(await ask("who attended?", "group")).toBe("");
  });
});
