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
