import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { closestName, formatFieldPath, formatProblem } from "../../src/content/content-problem";
import { parseArticle } from "../../src/content/load-content";

const baku = await readFile("test/fixtures/baku/cis-defense-ministers-baku.yaml", "utf8");

/** The Baku article with `from` replaced by `to` once: line numbers stay those of the fixture. */
function bakuWith(from: string | RegExp, to: string): string {
  const changed = baku.replace(from, to);
  expect(changed, `the fixture has ${String(from)}`).not.toBe(baku);
  return changed;
}

/** The problem lines of a file's text, as `npm run check` prints them for `a.yaml`. */
function problemsOf(text: string, extension = ".yaml"): string[] {
  const parsed = parseArticle(text, extension);
  expect(parsed.article).toBeUndefined();
  return parsed.problems.map((problem) => formatProblem({ file: `a${extension}`, ...problem }));
}

describe("a problem's place: line and column in the file", () => {
  it("a schema error points at the value", () => {
    expect(problemsOf(bakuWith("date: 2019-10-30", "date: 30 October 2019"))).toEqual(["a.yaml:8:7: date: must be a date written YYYY-MM-DD"]);
  });

  it("a missing field points at the item it is missing from, named by its id", () => {
    expect(problemsOf(bakuWith("    role: defense minister\n    country: Russia", "    country: Russia"))).toEqual(["a.yaml:28:5: people[shoigu].role: is required"]);
  });

  it("list items without an id are counted from 1, as paragraphs are", () => {
    expect(problemsOf(bakuWith("    paragraph: 7", "    paragraph: seven"))).toEqual([
      "a.yaml:139:16: statements[3].paragraph: Invalid input: expected number, received string",
    ]);
    // body[3] is paragraph 3.
    expect(problemsOf(bakuWith(/^ {2}- Before the meeting.*$/m, '  - ""'))).toEqual(["a.yaml:16:5: body[3]: must not be empty"]);
  });

  it("an item whose id another item shares is named by its position", () => {
    expect(problemsOf(bakuWith("  - id: ravkov", "  - id: shoigu"))).toEqual([
      'a.yaml:34:9: people[2].id: "shoigu" is used twice',
      'a.yaml:67:17: attendance.attended[2].person: "ravkov" is not among the article\'s people',
      // The Russian translation of ravkov now names no one.
      'a.yaml:174:15: translations.ru.people.ravkov: "ravkov" is not among the article\'s people',
    ]);
  });

  it("a provenance error points at the excerpt", () => {
    expect(problemsOf(bakuWith("text: a meeting of CIS heads of government October 25 in Moscow", "text: a meeting in Moscow"))).toEqual([
      "a.yaml:121:11: places[moscow].text: does not appear verbatim in paragraph 10",
    ]);
  });

  it("a JSON file is placed too", () => {
    const json = JSON.stringify(parseYaml(baku), null, 2);
    const problems = problemsOf(json.replace('"speaker": "shoigu"', '"speaker": "shoigu-s"'), ".json");
    const line = json.split("\n").findIndex((text) => text.includes('"speaker": "shoigu"')) + 1;
    expect(problems).toEqual([`a.json:${line}:18: statements[1].speaker: "shoigu-s" is not among the article's people; did you mean "shoigu"?`]);
    // A syntax error, where the JSON parser gives the offset: a comma before the closing brace.
    const broken = `${json.slice(0, -2)},\n}`;
    expect(problemsOf(broken, ".json")).toEqual([`a.json:${broken.split("\n").length}:1: cannot be parsed: Expected double-quoted property name`]);
    // Where the parser names only the token, found from the excerpt it quotes.
    const badToken = json.replace('"paragraph": 5', '"paragraph": tru');
    const lines = badToken.split("\n");
    const badLine = lines.findIndex((text) => text.includes('"paragraph": tru'));
    // The parser stops at the line break after "tru".
    expect(problemsOf(badToken, ".json")).toEqual([`a.json:${badLine + 1}:${(lines[badLine] ?? "").length + 1}: cannot be parsed: Unexpected token '\\n'`]);
  });
});

describe("did you mean", () => {
  it("names the closest of the article's people for an unknown speaker or attendee", () => {
    expect(problemsOf(bakuWith("  - speaker: lebedev", "  - speaker: lebedv"))).toEqual([
      `a.yaml:130:14: statements[2].speaker: "lebedv" is not among the article's people; did you mean "lebedev"?`,
    ]);
    expect(problemsOf(bakuWith("{ person: kurbanov, paragraph: 2 }", "{ person: kurbonov, paragraph: 2 }"))).toEqual([
      `a.yaml:69:17: attendance.attended[4].person: "kurbonov" is not among the article's people; did you mean "kurbanov"?`,
    ]);
  });

  it("names the closest place, and suggests nothing when no id is close", () => {
    expect(problemsOf(bakuWith("    place: baku\n    paragraph: 1", "    place: bakku\n    paragraph: 1"))).toEqual([
      `a.yaml:94:12: happenings[1].place: "bakku" is not among the article's places; did you mean "baku"?`,
    ]);
    expect(problemsOf(bakuWith("  - speaker: shoigu", "  - speaker: putin"))).toEqual([
      `a.yaml:125:14: statements[1].speaker: "putin" is not among the article's people`,
    ]);
  });

  it("names the field meant by a misspelt one", () => {
    expect(problemsOf(bakuWith("    role: defense minister\n    country: Russia", "    rloe: defense minister\n    country: Russia"))).toEqual([
      "a.yaml:28:5: people[shoigu].role: is required",
      'a.yaml:31:5: people[shoigu].rloe: is not a field here; did you mean "role"?',
    ]);
  });

  it("only for a slip: at most a third of the letters off", () => {
    expect(closestName("lebedv", ["shoigu", "lebedev"])).toBe("lebedev");
    expect(closestName("ravkvo", ["ravkov"])).toBe("ravkov");
    expect(closestName("aliyev", ["shoigu", "lebedev", "ravkov"])).toBeUndefined();
  });
});

describe("hints for YAML's traps", () => {
  /** The one problem of `text`, and its hint line. */
  const only = (text: string) => {
    const problems = problemsOf(text);
    expect(problems).toHaveLength(1);
    return problems[0] ?? "";
  };

  it('": " in an unquoted value', () => {
    expect(only(bakuWith("headline: Council of CIS", "headline: CIS: Council of"))).toBe(
      "a.yaml:5:11: cannot be parsed: Nested mappings are not allowed in compact mappings\n" +
        '  hint: a value containing ": " must be quoted: headline: "CIS: Council of Defense Ministers meets in hospitable land of Azerbaijan"',
    );
  });

  it('": " in a paragraph of the body, which YAML reads as a mapping', () => {
    expect(only(bakuWith("  - Levedev said that the practical", "  - Levedev said: the practical"))).toBe(
      "a.yaml:24:5: body[11]: Invalid input: expected string, received object\n" +
        '  hint: a value containing ": " must be quoted: - "Levedev said: the practical activities of the CIS Council of Defense Minister…"',
    );
  });

  it("a tab as indentation", () => {
    expect(only(bakuWith("    name: Sergei Shoigu", "\tname: Sergei Shoigu"))).toBe(
      "a.yaml:29:1: cannot be parsed: Tabs are not allowed as indentation\n  hint: YAML indents with spaces, never tabs: replace the tab at the start of this line with spaces",
    );
  });

  it("a value that starts with a quote and goes on after it", () => {
    expect(only(bakuWith("outlet: Vestnik Kavkaza", 'outlet: "Vestnik" Kavkaza'))).toMatch(
      /^a\.yaml:6:\d+: cannot be parsed: Unexpected scalar at node end\n {2}hint: a value that starts with a quote must end with it; to keep the quotes, quote the whole value with the other kind: outlet: '"Vestnik" Kavkaza'$/,
    );
  });

  it('" #" starting a comment, leaving the value empty', () => {
    expect(only(bakuWith("outlet: Vestnik Kavkaza", "outlet: #VestnikKavkaza"))).toBe(
      'a.yaml:6:1: outlet: has no value\n  hint: " #" starts a comment, so this value is empty; quote a value that starts with #: outlet: "#VestnikKavkaza"',
    );
  });

  it("a number where text belongs", () => {
    expect(only(bakuWith("outlet: Vestnik Kavkaza", "outlet: 1984"))).toBe(
      'a.yaml:6:9: outlet: Invalid input: expected string, received number\n  hint: YAML reads 1984 as a number; quote it to keep it as text: outlet: "1984"',
    );
  });

  it("a value starting with [, @ or *", () => {
    expect(only(bakuWith("place: Baku, Azerbaijan", "place: [Baku] Azerbaijan"))).toMatch(/hint: a value starting with "\[" is read as a list; quote the whole value: place: "\[Baku\] Azerbaijan"$/);
    expect(only(bakuWith("outlet: Vestnik Kavkaza", "outlet: @VestnikKavkaza"))).toMatch(/^a\.yaml:6:9: .*\n {2}hint: a value starting with "@" must be quoted: outlet: "@VestnikKavkaza"$/);
    expect(only(bakuWith("outlet: Vestnik Kavkaza", "outlet: *Vestnik* Kavkaza"))).toMatch(/hint: a value starting with "\*" must be quoted: outlet: "\*Vestnik\* Kavkaza"$/);
  });

  it("the same quote inside a value quoted whole", () => {
    expect(only(bakuWith("outlet: Vestnik Kavkaza", "outlet: 'Vestnik's Kavkaza'"))).toBe(
      "a.yaml:6:18: cannot be parsed: Unexpected scalar at node end\n  hint: inside '…' an apostrophe is written '', or quote with the other kind: outlet: \"Vestnik's Kavkaza\"",
    );
    expect(only(bakuWith("outlet: Vestnik Kavkaza", 'outlet: "Vestnik "the" Kavkaza"'))).toMatch(/hint: inside "…" a quote is written \\", or quote with the other kind: outlet: 'Vestnik "the" Kavkaza'$/);
  });

  it("no space after a colon or a dash", () => {
    expect(only(bakuWith("outlet: Vestnik Kavkaza", "outlet:Vestnik Kavkaza"))).toMatch(/^a\.yaml:6:1: .*\n {2}hint: a field needs a space after its colon: outlet: Vestnik Kavkaza$/);
    expect(only(bakuWith("  - text: training officers", "  -text: training officers"))).toMatch(
      /^a\.yaml:85:1: .*\n {2}hint: a list item needs a space after its dash: - text: training officers for the armed forces of the CIS member states$/,
    );
  });

  it("a field indented deeper than its neighbours", () => {
    expect(only(bakuWith("    name: Sergei Shoigu", "     name: Sergei Shoigu"))).toBe(
      "a.yaml:28:9: cannot be parsed: Nested mappings are not allowed in compact mappings\n  hint: the fields of one item start at the same column: check the indentation of the lines below this one",
    );
  });

  it("a field written twice", () => {
    expect(only(bakuWith("outlet: Vestnik Kavkaza", "outlet: Vestnik Kavkaza\noutlet: Vestnik"))).toBe(
      'a.yaml:7:1: cannot be parsed: Map keys must be unique\n  hint: "outlet" is written twice in the same item: keep one',
    );
  });
});

describe("a field path as an editor reads it", () => {
  it("names items by a unique id, else by position from 1", () => {
    const data = { people: [{ id: "shoigu" }, { id: "lebedev" }, { id: "lebedev" }, { id: "7" }], body: ["a", "b"] };
    expect(formatFieldPath(["people", 0, "aliases", 1], data)).toBe("people[shoigu].aliases[2]");
    expect(formatFieldPath(["people", 2, "id"], data)).toBe("people[3].id");
    // An id of digits would read as a position.
    expect(formatFieldPath(["people", 3, "role"], data)).toBe("people[4].role");
    expect(formatFieldPath(["body", 1], data)).toBe("body[2]");
    expect(formatFieldPath([], data)).toBe("(file)");
  });
});
