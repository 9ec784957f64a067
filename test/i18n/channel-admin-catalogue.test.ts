import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/** The keys of one `## section` of a catalogue, in order. */
function sectionKeys(file: string, section: string): string[] {
  const text = readFileSync(file, "utf8");
  const start = text.indexOf(`## ${section}\n`);
  if (start < 0) throw new Error(`${file} has no "## ${section}" section`);
  const rest = text.slice(start + section.length + 4);
  const end = rest.search(/^## /m);
  return [...(end < 0 ? rest : rest.slice(0, end)).matchAll(/^([a-z][a-z0-9-]*) =/gm)].map((match) => match[1] as string);
}

/** Each key of a section with the `$values` its message uses. */
function sectionValues(file: string, section: string): Map<string, string[]> {
  const text = readFileSync(file, "utf8");
  const rest = text.slice(text.indexOf(`## ${section}\n`));
  const end = rest.slice(3).search(/^## /m);
  const body = end < 0 ? rest : rest.slice(0, end + 3);
  const values = new Map<string, string[]>();
  for (const entry of body.split(/^(?=[a-z][a-z0-9-]* =)/m).slice(1)) {
    const key = /^([a-z][a-z0-9-]*) =/.exec(entry)?.[1] as string;
    values.set(key, [...new Set([...entry.matchAll(/\$([a-zA-Z]+)/g)].map((match) => match[1] as string))].sort());
  }
  return values;
}

/** The keys the channel admin's code asks the catalogues for: `t("key"`, `say(…, "key"`, `finish(…, "key")`, `toast(ctx, "key")`... */
function keysUsed(files: string[]): string[] {
  const keys = new Set<string>();
  for (const file of files) {
    const code = readFileSync(file, "utf8");
    for (const match of code.matchAll(/"((?:channel|publish|admin|notice)-[a-z0-9-]+)"/g)) keys.add(match[1] as string);
  }
  return [...keys].sort();
}

const code = [
  "src/channel/render-channel-admin.ts",
  "src/channel/publish-time.ts",
  "src/notices/content-notices.ts",
  "src/bot/publish-conversation.ts",
  "src/bot/features/channel-admin.ts",
];

describe("the channel admin's words", () => {
  it("are in both catalogues, in the same order", () => {
    const en = sectionKeys("locales/en.ftl", "channel admin");
    expect(en.length).toBeGreaterThan(50);
    expect(sectionKeys("locales/ru.ftl", "channel admin")).toEqual(en);
  });

  it("use the same values in Russian as in English: none dropped, none made up", () => {
    const en = sectionValues("locales/en.ftl", "channel admin");
    const ru = sectionValues("locales/ru.ftl", "channel admin");
    expect(en.get("notice-held-back")).toEqual(["count", "hours", "list"]);
    expect(Object.fromEntries(ru)).toEqual(Object.fromEntries(en));
  });

  it("cover every key the code asks for, and the code asks for every key", () => {
    const en = sectionKeys("locales/en.ftl", "channel admin");
    const used = keysUsed(code);
    expect(used.filter((key) => !en.includes(key))).toEqual([]);
    // The publish-… states ("publish-state-gone") and the channel-state-… words are all used; none is left over.
    expect(en.filter((key) => !used.includes(key))).toEqual([]);
  });
});
