import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { locales } from "../../src/i18n/locale";
import { translator } from "../../src/i18n/translate";

interface Message {
  key: string;
  section: string;
  variables: string[];
}

/** The messages of a catalog in file order: key, the `## section` it is under, the `$variables` it uses. */
function readCatalog(locale: string): Message[] {
  const messages: Message[] = [];
  let section = "";
  let current: { key: string; section: string; body: string } | undefined;
  const flush = () => {
    if (current) messages.push({ key: current.key, section: current.section, variables: [...new Set([...current.body.matchAll(/\$([a-zA-Z][\w-]*)/g)].map((m) => m[1] ?? ""))].sort() });
    current = undefined;
  };
  for (const line of readFileSync(`locales/${locale}.ftl`, "utf8").split("\n")) {
    const heading = /^## (.+)$/.exec(line);
    const start = /^([a-zA-Z][\w-]*)\s*=(.*)$/.exec(line);
    if (heading) {
      flush();
      section = heading[1] ?? "";
    } else if (start) {
      flush();
      current = { key: start[1] ?? "", section, body: start[2] ?? "" };
    } else if ((/^\s/.test(line) || line.startsWith("}")) && current) {
      current.body += `\n${line}`;
    } else if (line.startsWith("#")) {
      flush();
    }
  }
  flush();
  return messages;
}

const catalogs = Object.fromEntries(locales.map((locale) => [locale, readCatalog(locale)]));
const en = catalogs.en ?? [];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}
const source = sourceFiles("src").map((path) => ({ path, text: readFileSync(path, "utf8") }));

describe("the catalogs", () => {
  it("have the same keys in the same order and sections in every language", () => {
    expect(en.length).toBeGreaterThan(50);
    for (const locale of locales) {
      const messages = catalogs[locale] ?? [];
      expect(messages.map((m) => `${m.section} / ${m.key}`), locale).toEqual(en.map((m) => `${m.section} / ${m.key}`));
      expect(new Set(messages.map((m) => m.key)).size, `${locale}: a key twice`).toBe(messages.length);
    }
  });

  it("use the same placeables in every language: none missing, none unused", () => {
    for (const locale of locales) {
      const byKey = new Map((catalogs[locale] ?? []).map((m) => [m.key, m.variables]));
      for (const message of en) expect(byKey.get(message.key), `${locale}: ${message.key}`).toEqual(message.variables);
    }
  });

  it("give every message in every language (no key shown instead of words, no unresolved placeable)", () => {
    for (const locale of locales) {
      const t = translator(locale);
      for (const message of en) {
        const values = Object.fromEntries(message.variables.map((name) => [name, name === "date" ? new Date(2019, 9, 30, 12) : name === "count" || name === "quotes" || name === "reported" ? 3 : `«${name}»`]));
        const text = t(message.key, values).value;
        expect(text, `${locale}: ${message.key}`).not.toBe(message.key);
        expect(text, `${locale}: ${message.key}`).not.toMatch(/\{\s*\$|\{\?\?\?\}|\{[a-z]+\}/);
        expect(text.trim(), `${locale}: ${message.key}`).not.toBe("");
      }
    }
  });

  it("hold every key the code asks for, and nothing the code never asks for", () => {
    const keys = new Set(en.map((m) => m.key));
    const prefixes = new Set(en.map((m) => m.key.split("-")[0]));
    const all = source.map((file) => file.text).join("\n");
    // Literal keys in the code: "attendees-title", "error-stale-button"…; keys made from a name: `command-${name}`.
    const literals = [...all.matchAll(/"([a-z]+(?:-[a-z]+)*)"/g)].map((m) => m[1] ?? "").filter((key) => prefixes.has(key.split("-")[0]));
    const dynamic = [...all.matchAll(/`([a-z]+-)\$\{/g)].map((m) => m[1] ?? "");
    // What the code hands a catalog: the arguments of t(…), and of the helpers that call it (text, label, notice).
    const calls = [...all.matchAll(/\b(?:t|text|label|notice)\(([^()]*)\)/g)].map((m) => m[1] ?? "");
    const asked = calls.flatMap((args) => [...args.matchAll(/"([a-z]+(?:-[a-z]+)+)"/g)].map((m) => m[1] ?? ""));
    const missing = asked.filter((key) => !keys.has(key));
    expect(missing, "asked for but not in the catalogs").toEqual([]);
    expect(asked.length).toBeGreaterThan(40);
    const unused = [...keys].filter((key) => !literals.includes(key) && !dynamic.some((prefix) => key.startsWith(prefix)));
    expect(unused, "in the catalogs but never asked for").toEqual([]);
  });

  it("Russian plurals and dates come from Fluent: 1 заявление, 2 заявления, 5 заявлений; 30 октября 2019 г.", () => {
    const t = translator("ru");
    const statements = (n: number) => t("person-statements", { quotes: n, reported: n }).value;
    expect(statements(1)).toBe("В статье: 1 прямая цитата, 1 заявление в пересказе");
    expect(statements(2)).toBe("В статье: 2 прямые цитаты, 2 заявления в пересказе");
    expect(statements(5)).toBe("В статье: 5 прямых цитат, 5 заявлений в пересказе");
    expect(statements(21)).toBe("В статье: 21 прямая цитата, 21 заявление в пересказе");
    expect(t("date", { date: new Date(2019, 9, 30, 12) }).value).toBe("30 октября 2019 г.");
    expect(translator("en")("date", { date: new Date(2019, 9, 30, 12) }).value).toBe("30 October 2019");
    expect(translator("en")("person-statements", { quotes: 1, reported: 0 }).value).toBe("In the article: 1 direct quote, 0 reported statements");
  });
});

/** The reader-facing files: every word they write comes from the catalogs. */
const readerFacing = [
  "src/answering/answer-topics.ts",
  "src/bot/features/buttons.ts",
  "src/bot/features/commands.ts",
  "src/bot/features/inline.ts",
  "src/bot/features/language.ts",
  "src/bot/features/no-articles.ts",
  "src/bot/features/questions.ts",
  "src/render/command-list.ts",
  "src/bot/spam-limit.ts",
  "src/newsroom/check-document.ts",
  "src/newsroom/newsroom.ts",
  "src/render/render-draft.ts",
  "src/render/render-article.ts",
  "src/render/render-article-list.ts",
  "src/render/render-help.ts",
  "src/render/render-language.ts",
  "src/render/render-target.ts",
];

describe("the reader-facing code", () => {
  it("writes no words of its own: no sentence in a string or template literal outside comments and logs", () => {
    for (const path of readerFacing) {
      const code = readFileSync(path, "utf8")
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/^\s*\/\/.*$/gm, "")
        .replace(/\/\/ .*$/gm, "")
        .split("\n")
        .filter((line) => !/logger\.|log\(|new Error\(/.test(line))
        .join("\n");
      const words = literalTexts(code).filter((text) => /[A-Za-zА-Яа-я]{2,}[,.:?!]? [A-Za-zА-Яа-я]{2,}/.test(text));
      expect(words, path).toEqual([]);
    }
  });
});

/** The text of every string and template literal in `code` (a template's `${…}` left out, its nested literals read too). */
function literalTexts(code: string): string[] {
  const texts: string[] = [];
  let i = 0;
  const readQuoted = (quote: string): void => {
    let text = "";
    i += 1;
    while (i < code.length && code[i] !== quote) {
      if (code[i] === "\\") i += 1;
      else if (quote === "`" && code[i] === "$" && code[i + 1] === "{") {
        i += 2;
        readCode("}");
        text += " ";
      } else text += code[i];
      i += 1;
    }
    texts.push(text);
  };
  const readCode = (end: string): void => {
    let depth = 0;
    while (i < code.length) {
      const c = code[i] ?? "";
      if (c === '"' || c === "'" || c === "`") readQuoted(c);
      else if (c === "{") depth += 1;
      else if (c === "}") {
        if (depth === 0 && end === "}") return;
        depth -= 1;
      } else if (c === "/" && code[i + 1] === "/") {
        while (i < code.length && code[i] !== "\n") i += 1;
      }
      i += 1;
    }
  };
  readCode("");
  return texts;
}
