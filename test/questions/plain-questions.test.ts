import worldCountries from "world-countries";
import { beforeAll, describe, expect, it } from "vitest";
import { answerQuestionText } from "../../src/questions/answer-question";
import { languageOf } from "../../src/i18n/translate";

const english = languageOf("en");
import { answerText } from "../support/question-set";
import type { Article } from "../../src/content/article-schema";
import { loadContent } from "../../src/content/load-content";
import { buttonPress, createTestBot, loadRealArticles } from "../support/test-bot";

/** What a reader sees for the questions issue 11 names, asked in a private chat through the real bot. */

let baku: Article[];
let both: Article[];
beforeAll(async () => {
  baku = await loadRealArticles();
  const second = await loadContent("test/fixtures/second-article");
  if (!second.ok) throw new Error(second.problems.join("\n"));
  // Newest first, as the loader gives them: Baku (2019-10-30) is the current article.
  both = [...baku, ...second.articles];
});

/** The first paragraph of the reply: the answer itself. */
function lead(text: string): string {
  return text.split("\n\n")[0] ?? "";
}

describe("plain questions answer right, the answer first", () => {
  it.each([
    ["who is the azerbaijani defense minister?", "The article does not name Azerbaijan's defense minister."],
    ["who is the armenian defense minister?", "The article does not name Armenia's defense minister."],
    ["who is the turkish defense minister?", "The article does not name Turkey's defense minister."],
    ["what did the azerbaijani minister say?", "The article does not name Azerbaijan's minister, nor quote one."],
    ["did armenia attend?", "No: Armenia refused to attend the Baku summit."],
    ["where was the meeting?", "held in Baku, Azerbaijan on 30 October 2019"],
    ["when was the meeting?", "on 30 October 2019 (the article's date; its text says it “was held in Baku today”)"],
    ["who opened the meeting?", "Sergei Shoigu opened the meeting: “Opening the meeting"],
    ["how many issues were on the agenda?", "More than 20 issues were on the agenda, according to Sergey Lebedev"],
    ["кто присутствовал?", "Sergei Shoigu (Russia), Andrei Ravkov (Belarus)"],
    ["о чём говорили?", "Key item: the Concept of Military Cooperation of the CIS Member States until 2025"],
  ])("%s", async (question, expected) => {
    const { ask } = await createTestBot(baku);
    expect(lead(await ask(question))).toContain(expected);
  });

  it("never gives another person's card for a constraint nobody meets", async () => {
    const { ask } = await createTestBot(baku);
    for (const question of ["who is the azerbaijani defense minister?", "who is the armenian defense minister?", "what did the azerbaijani minister say?"]) {
      const text = lead(await ask(question));
      for (const name of ["Ravkov", "Shoigu", "Yermekbayev", "Kurbanov", "Sherali", "Duishenbiev", "Lebedev"]) expect(text).not.toContain(name);
    }
    // ... but offers what the article does cover, after the lead.
    expect(await ask("what did the azerbaijani minister say?")).toContain("It quotes: Sergei Shoigu and Sergey Lebedev.");
  });

  it("names no one for a country the article has no one from, in any of the world's countries", () => {
    const [article] = baku;
    if (!article) throw new Error("no article");
    const represented = new Set(["Russia", "Belarus", "Kazakhstan", "Uzbekistan", "Tajikistan", "Kyrgyzstan"]);
    const people = article.people.map((p) => p.name.split(" ").at(-1) ?? p.name);
    const wrong: string[] = [];
    for (const country of worldCountries) {
      const demonym = country.demonyms.eng?.m;
      if (represented.has(country.name.common) || !demonym) continue;
      for (const question of [`who is the ${demonym} defense minister`, `what did the ${demonym} minister say`, `was ${country.name.common}'s defence minister there`]) {
        const lead = answerText(answerQuestionText(article, question, english).answer).split("\n\n")[0] ?? "";
        const honest = lead.startsWith("The article does not") || lead.startsWith("No: Armenia refused");
        if (!honest || people.some((name) => lead.includes(name))) wrong.push(`${question} => ${lead}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("keeps the previous meeting's city out of where and when", async () => {
    const { ask } = await createTestBot(baku);
    for (const question of ["where was the meeting?", "when was the meeting?"]) expect(lead(await ask(question))).not.toContain("Anapa");
    expect(lead(await ask("where was the previous meeting?"))).toContain("Anapa");
  });

  it("points what it cannot place to /help, with examples", async () => {
    const { ask } = await createTestBot(baku);
    const text = await ask("asdfgh");
    expect(text).toContain("/help");
    expect(text).toContain("“who attended?”");
  });
});

describe("with several articles", () => {
  it("answers about the chat's current article", async () => {
    const { ask } = await createTestBot(both);
    const text = await ask("who attended?");
    expect(lead(text)).toContain("Sergei Shoigu (Russia)");
    expect(text).not.toContain("Varnok");
  });

  it("answers from the article that alone names the person, and says which", async () => {
    const { ask } = await createTestBot(both);
    const text = await ask("what did Varnok say?");
    expect(lead(text)).toContain("every harbour needs a lighthouse that never sleeps.");
    expect(text).toContain("From another article: “Harbour safety forum opens in Port Veloria” (Coastal Test Gazette, 12 June 2019).");
    expect(lead(await ask("where is Port Veloria?"))).toContain("Port Veloria");
  });

  it("follows the chat's choice of article", async () => {
    const { ask, send } = await createTestBot(both);
    await send(buttonPress("article:harbour-forum-veloria-2019"));
    const text = await ask("who attended?");
    expect(lead(text)).toContain("Ilse Varnok (Marovia)");
    expect(text).not.toContain("From another article");
    expect(lead(await ask("did armenia attend?"))).toContain("No: Armenia refused to attend the Baku summit.");
    expect(await ask("did armenia attend?")).toContain("From another article: “Council of CIS Defense Ministers");
  });
});
