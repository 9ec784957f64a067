import { describe, expect, it } from "vitest";
import { draftArticle } from "../../src/import/draft-article";
import { findQuoteSpans } from "../../src/import/find-quotes";

/** Drafts a short article and gives its statements as [speaker's name, kind, text]. */
function statementsOf(...paragraphs: string[]) {
  const { article } = draftArticle({ text: `Ministers meet in the capital\n\n${paragraphs.join("\n\n")}`, format: "text", today: "2026-01-01" });
  const nameOf = (id: string) => article.people.find((p) => p.id === id)?.name;
  return article.statements.map((s) => [nameOf(s.speaker), s.kind, s.text]);
}

const opening = "The meeting is attended by Russian defense minister Sergey Shoygu and Kazakh defense minister Nurlan Yermekbayev.";

describe("direct quotes, whatever marks they use", () => {
  it.each([
    ["straight", '"We will meet again next year in Astana," Yermekbayev said.'],
    ["curly", "“We will meet again next year in Astana,” Yermekbayev said."],
    ["guillemets", "«We will meet again next year in Astana», Yermekbayev said."],
    ["curly opening, straight closing", '“We will meet again next year in Astana," Yermekbayev said.'],
    ["low-high", "„We will meet again next year in Astana“, Yermekbayev said."],
  ])("%s", (_kind, paragraph) => {
    expect(statementsOf(opening, paragraph)).toEqual([["Nurlan Yermekbayev", "quote", "We will meet again next year in Astana"]]);
  });

  it("keeps a quote over several sentences whole, its inner quote marks and apostrophes too", () => {
    const paragraph = "“It isn’t over. There is still work to do. Each of us said ‘yes’ today,” Shoygu stressed.";
    expect(statementsOf(opening, paragraph)).toEqual([["Sergey Shoygu", "quote", "It isn’t over. There is still work to do. Each of us said ‘yes’ today"]]);
  });

  it("finds a quote that runs over two paragraphs, opening the first and closing in the second", () => {
    const spans = findQuoteSpans(['"We met for eight hours.', 'It was very fruitful," he said.', "Nothing quoted here."]);
    expect(spans.map((s) => [s.paragraph, s.text])).toEqual([
      [0, "We met for eight hours."],
      [1, "It was very fruitful"],
    ]);
    expect(statementsOf(opening, '"We met for eight hours, and we will meet again.', 'It was very fruitful for both sides," Shoygu said.').map((s) => s[0])).toEqual([
      "Sergey Shoygu",
      "Sergey Shoygu",
    ]);
  });

  it("leaves out scare quotes of a few words", () => {
    expect(statementsOf(opening, 'Shoygu called the talks "very useful" and left.')).toEqual([]);
  });

  it("does not take an apostrophe or inch mark inside a word for a quote", () => {
    expect(findQuoteSpans(['The 12" gun and the ministers’ talks went on.'])).toEqual([]);
  });
});

describe("speakers", () => {
  it('takes "he" and "she" as the person the sentence before is about', () => {
    const text = [opening, "Yermekbayev thanked the hosts.", '"Our cooperation grows every year," he said.'];
    expect(statementsOf(...text)).toEqual([["Nurlan Yermekbayev", "quote", "Our cooperation grows every year"]]);
  });

  it("takes a role phrase as the person holding that role", () => {
    const text = [opening, '"Our cooperation grows every year," the Russian defense minister stressed.'];
    expect(statementsOf(...text)).toEqual([["Sergey Shoygu", "quote", "Our cooperation grows every year"]]);
  });

  it("takes the speaker from a lead-in before the quote", () => {
    const text = [opening, 'Shoygu said: "Our cooperation grows every year."'];
    expect(statementsOf(...text)).toEqual([["Sergey Shoygu", "quote", "Our cooperation grows every year."]]);
  });

  it("takes the subject of the speech verb, not another person named near it", () => {
    const text = [opening, 'Shoygu was overheard telling Yermekbayev that he would "send the papers next week."'];
    expect(statementsOf(...text)[0]?.[0]).toBe("Sergey Shoygu");
  });

  it("leaves out, for the editor, a quote whose speaker is not a person", () => {
    const { article, checks } = draftArticle({
      text: `Ministers meet\n\n${opening}\n\n"The talks were held in a friendly atmosphere," the ministry said in a statement.`,
      format: "text",
    });
    expect(article.statements).toEqual([]);
    expect(checks).toContainEqual({ path: "statements", note: 'quote in paragraph 2 with no speaker found, left out: "The talks were held in a friendly atmosphere"' });
  });
});

describe("reported speech", () => {
  it.each([
    ["Yermekbayev said that the drills would go ahead.", "Yermekbayev said that", "the drills would go ahead."],
    ["According to Yermekbayev, the drills would go ahead.", "According to Yermekbayev,", "the drills would go ahead."],
    ["He emphasized that the drills would go ahead.", "He emphasized that", "the drills would go ahead."],
    ["Yermekbayev told reporters on Monday that the drills would go ahead.", "Yermekbayev told reporters on Monday that", "the drills would go ahead."],
  ])("%s", (paragraph, intro, text) => {
    const { article } = draftArticle({ text: `Ministers meet\n\n${opening}\n\n${paragraph}`, format: "text" });
    expect(article.statements).toEqual([{ speaker: "yermekbayev", kind: "reported", intro, text, paragraph: 2 }]);
  });

  it("does not take an organisation's statement for a person's", () => {
    const { article } = draftArticle({ text: `Ministers meet\n\n${opening}\n\nThe ministry said that the drills would go ahead.`, format: "text" });
    expect(article.statements).toEqual([]);
  });
});

describe("speakers: he, she and reported speech", () => {
  /** Drafts paragraphs and gives each quote as [speaker's name, text, whether the text is verbatim in its paragraph]. */
  function quotesOf(...paragraphs: string[]) {
    const draft = draftArticle({ text: `Leaders meet\n\n${paragraphs.join("\n\n")}`, format: "text", today: "2026-01-01" });
    const nameOf = (id: string) => draft.article.people.find((p) => p.id === id)?.name;
    const quotes = draft.article.statements.filter((s) => s.kind === "quote");
    return { quotes: quotes.map((s) => [nameOf(s.speaker), s.text, (draft.article.body[s.paragraph - 1] ?? "").includes(s.text)]), checks: draft.checks };
  }

  it('takes "he" as the subject of the sentence before, not the last name in it', () => {
    const { quotes } = quotesOf(
      "Russian President Vladimir Putin met French President Emmanuel Macron in Versailles.",
      "Putin said he outlined Russia’s position on Syria to Macron.",
      "“It is impossible to fight a terrorist threat that way,” he said at the press conference.",
    );
    expect(quotes).toEqual([["Vladimir Putin", "It is impossible to fight a terrorist threat that way", true]]);
  });

  it('takes "he" as the person a role phrase opening the sentence before stands for, a counterpart included', () => {
    const { quotes } = quotesOf(
      "Russian President Vladimir Putin and his French counterpart, Emmanuel Macron, held talks.",
      "“We found common ground on key issues,” Putin said.",
      "The French president said that serious problems cannot be solved without Moscow.",
      "“No major problem in the world can be solved without Russia,” he said.",
    );
    expect(quotes).toEqual([
      ["Vladimir Putin", "We found common ground on key issues", true],
      ["Emmanuel Macron", "No major problem in the world can be solved without Russia", true],
    ]);
  });

  it("gives a quote inside reported speech to the inner speaker when one person holds that role, and says so", () => {
    const { quotes, checks } = quotesOf(
      "Prime Minister Narendra Modi met US President Donald Trump at the White House.",
      "External Affairs spokesman Gopal Baglay said at a press briefing that the talks went well. He said that the prime minister told the Americans that “the fulcrum of our foreign policy is good relations with all countries”.",
    );
    expect(quotes).toEqual([["Narendra Modi", "the fulcrum of our foreign policy is good relations with all countries", true]]);
    expect(checks.some((c) => c.note.includes("quote inside reported speech, taken as modi"))).toBe(true);
  });

  it("keeps a quote inside reported speech with the reporter, marked for the editor, when the inner speaker is not clear", () => {
    const { quotes, checks } = quotesOf(
      "Prime Minister Narendra Modi met US President Donald Trump at the White House.",
      "Spokesman Gopal Baglay said that an official told them that “the visit will be repeated next year”.",
    );
    expect(quotes).toEqual([["Gopal Baglay", "the visit will be repeated next year", true]]);
    expect(checks.some((c) => c.note.includes("inner speaker is not clear"))).toBe(true);
  });
});
