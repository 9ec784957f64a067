import { describe, expect, it } from "vitest";
import { findCountry } from "../../src/import/countries";
import { findPeople } from "../../src/import/find-people";

const people = (...body: string[]) => findPeople(body).map((p) => ({ name: p.name, aliases: p.aliases, role: p.role, country: p.country, organisation: p.organisation }));

describe("people, from the patterns news text uses", () => {
  it("reads a role and a country adjective before the name", () => {
    expect(people("The talks were attended by Kazakh defense minister Nurlan Yermekbayev.")).toEqual([
      { name: "Nurlan Yermekbayev", aliases: [], role: "defense minister", country: "Kazakhstan", organisation: undefined },
    ]);
  });

  it("reads an apposition after the name: X, the Y,", () => {
    expect(people("Hosni Mubarak, the Egyptian president, phoned the king.")).toEqual([
      { name: "Hosni Mubarak", aliases: [], role: "president", country: "Egypt", organisation: undefined },
    ]);
  });

  it("reads an organisation from the role: X of the Y", () => {
    expect(people("Chairman of the CIS Executive Committee Sergey Lebedev spoke.")[0]).toMatchObject({ name: "Sergey Lebedev", organisation: "CIS Executive Committee" });
  });

  it("reads the counterpart before a comma and the country after the name", () => {
    expect(people("Prime Minister Mark Carney of Canada met his Japanese counterpart, Takeshi Iwaya, on Monday.")).toEqual([
      { name: "Mark Carney", aliases: [], role: "Prime Minister", country: "Canada", organisation: undefined },
      { name: "Takeshi Iwaya", aliases: [], role: "counterpart", country: "Japan", organisation: undefined },
    ]);
  });

  it("joins two spellings of one name, and a typo of the surname", () => {
    expect(people("Russian defense minister Sergey Shoygu arrived.", "Defense Minister Sergei Shoigu spoke.", "Shoigu left. Later Shoygo returned.")).toEqual([
      { name: "Sergey Shoygu", aliases: ["Sergei Shoigu", "Shoygo"], role: "defense minister", country: "Russia", organisation: undefined },
    ]);
  });

  it("keeps two people with one surname apart when their first names differ", () => {
    expect(people("South Korean President Kim Dae-jung met North Korean leader Kim Jong-il.").map((p) => p.name)).toEqual(["Kim Dae-jung", "Kim Jong-il"]);
  });

  it("finds the full name of a person first met as Mr + surname", () => {
    expect(people("European leaders came, including Tony Blair.", '"We will have a good conference," Mr Blair said.').map((p) => p.name)).toEqual(["Tony Blair"]);
  });

  it("takes no organisation's name for a person", () => {
    expect(people("The Association of Southeast Asian Nations met. The White House said so. Downing Street declined to comment.")).toEqual([]);
  });
});

describe("titles, post-nominals, organisations and appositions", () => {
  it("reads a name past a run of honorifics, with the role before the comma", () => {
    expect(people("Kao also met with Malaysia’s defense minister, Dato’ Seri Mohamed Khaled bin Nordin, on Wednesday.")).toContainEqual({
      name: "Mohamed Khaled bin Nordin",
      aliases: [],
      role: "defense minister",
      country: "Malaysia",
      organisation: undefined,
    });
  });

  it("reads ministry titles: H. E. Mr., His Excellency, Dr., Ms.", () => {
    const found = people(
      "H. E. Mr. Ruan Chengfa called on the Minister of Foreign Affairs, His Excellency Abdulla Shahid today.",
      "The Minister was accompanied by His Excellency Dr. Ali Naseer Mohamed and Ms. Mariyam Seena.",
    );
    expect(found.map((p) => p.name)).toEqual(["Ruan Chengfa", "Abdulla Shahid", "Ali Naseer Mohamed", "Mariyam Seena"]);
    expect(found[1]?.role).toBe("Minister of Foreign Affairs");
  });

  it("reads Sir and Tan Sri as titles, and takes no country for a person", () => {
    expect(people("Sri Lanka has helped us a lot, Sir Keir Starmer said. Tan Sri Muhyiddin Yassin arrived.").map((p) => p.name)).toEqual(["Keir Starmer", "Muhyiddin Yassin"]);
  });

  it("leaves post-nominals out of the name and reads a two-word possessive country", () => {
    expect(people("In discussions with New Zealand’s Defense Minister Judith Collins KC, he praised her.")).toEqual([
      { name: "Judith Collins", aliases: [], role: "Defense Minister", country: "New Zealand", organisation: undefined },
    ]);
  });

  it("does not take a role noun for a first name, and reads the organisation that leads the role", () => {
    expect(people('NATO Secretary-General Mark Rutte told reporters: "We are ready."')[0]).toMatchObject({ name: "Mark Rutte", organisation: "NATO" });
    expect(people("Kao Kim Hourn, ASEAN’s secretary-general, stressed cooperation.")[0]).toMatchObject({ name: "Kao Kim Hourn", role: "secretary-general", organisation: "ASEAN" });
  });

  it("reads an apposition with a complement, and gives a shared surname alone to the one named first", () => {
    const found = findPeople([
      "US President Donald Trump and the first lady of USA, Melania Trump, greeted the guests.",
      "Trump said the talks went well.",
    ]);
    expect(found.map((p) => [p.name, p.role, p.country])).toEqual([
      ["Donald Trump", "President", "United States"],
      ["Melania Trump", "first lady of USA", "United States"],
    ]);
    expect(found[0]?.mentions.map((m) => m.text)).toEqual(["Donald Trump", "Trump"]);
    expect(found[1]?.mentions.map((m) => m.text)).toEqual(["Melania Trump"]);
  });

  it("ends a role on its noun or its complement, never on 'of': no place is taken for a person", () => {
    expect(people("PM Modi met Secretary of State Rex W. Tillerson. Ruan Chengfa, Governor of Yunnan Province, China, called on the minister.")).toEqual([
      { name: "Rex W. Tillerson", aliases: [], role: "Secretary of State", country: undefined, organisation: undefined },
      { name: "Ruan Chengfa", aliases: [], role: "Governor of Yunnan Province", country: undefined, organisation: undefined },
    ]);
  });

  it("joins a given name written alone to the one full name it opens", () => {
    expect(people("Foreign Minister Zambry Abdul Kadir arrived.", "Later Dato' Seri Zambry spoke.")).toEqual([
      { name: "Zambry Abdul Kadir", aliases: ["Zambry"], role: "Foreign Minister", country: undefined, organisation: undefined },
    ]);
  });
});

describe("a country from a role phrase elsewhere in the text", () => {
  it("gives the country of 'the US president' to the one president without one, with a note", () => {
    const found = findPeople([
      "Russian President Vladimir Putin told President Barack Obama that he would not attend.",
      "The meeting had been anticipated after the US president was caught on camera.",
    ]);
    expect(found.map((p) => [p.name, p.country])).toEqual([
      ["Vladimir Putin", "Russia"],
      ["Barack Obama", "United States"],
    ]);
    expect(found[1]?.notes).toContain('country taken from "the US president" (paragraph 2): check');
  });

  it("never guesses: nothing when two people could be meant, or when no phrase names a country", () => {
    const found = findPeople(["President Ram Nath Kovind met President Marcelo Rebelo de Sousa.", "The Indian president hosted a banquet. Prime Minister Narendra Modi spoke."]);
    expect(found.map((p) => [p.name, p.country])).toEqual([
      ["Ram Nath Kovind", undefined],
      ["Marcelo Rebelo de Sousa", undefined],
      ["Narendra Modi", undefined],
    ]);
  });
});

describe("countries, from world-countries and news English", () => {
  it.each([
    ["Kazakh", "Kazakhstan"],
    ["Belarus", "Belarus"],
    ["Russian", "Russia"],
    ["Kyrgyz", "Kyrgyzstan"],
    ["U.S.", "United States"],
    ["Iran's", "Iran"],
    ["Indian", "India"],
    ["Egyptian", "Egypt"],
  ])("%s -> %s", (word, country) => {
    expect(findCountry(word)?.country).toBe(country);
  });
});
