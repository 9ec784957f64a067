import { stringify } from "yaml";
import type { DraftArticle, DraftCheck } from "./draft-article";

/** Options for the file: where the JSON Schema is (for editors' completion) and what the draft came from. */
export interface DraftYamlOptions {
  /** Path of schema/article.schema.json relative to the file. */
  schemaPath?: string;
  /** Where the text came from, for the header. */
  source?: string;
}

/** One scalar as YAML writes it (quoted when it must be), on one line. */
function scalar(value: string | number | boolean): string {
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

/**
 * Writes a draft as an article file: a `yaml-language-server` schema line,
 * `status: draft`, and a `# CHECK:` comment above every field or item the
 * importer was unsure of, so the editor sees them where they are.
 */
export function writeDraftYaml(article: DraftArticle, checks: DraftCheck[], options: DraftYamlOptions = {}): string {
  const out: string[] = [];
  const checkAt = (path: string, indent: string) => {
    for (const check of checks.filter((c) => c.path === path)) out.push(`${indent}# CHECK: ${check.note.replace(/\s+/g, " ")}`);
  };
  out.push(`# yaml-language-server: $schema=${options.schemaPath ?? "../schema/article.schema.json"}`);
  out.push(`# Draft made by \`npm run import\`${options.source ? ` from ${options.source}` : ""}.`);
  out.push("# It is loaded and checked, but never answered from, posted or offered inline while `status: draft` stays.");
  out.push("# Check every `# CHECK:` line, then remove `status: draft` (or write `status: live`).");
  for (const key of ["id", "headline", "outlet", "url", "date", "place", "event"] as const) {
    checkAt(key, "");
    out.push(`${key}: ${scalar(article[key])}`);
  }
  out.push("status: draft");
  out.push("tags: []");
  out.push("", "body:");
  article.body.forEach((paragraph, i) => {
    out.push(`  # ${i + 1}`);
    out.push(`  - ${scalar(paragraph)}`);
  });

  out.push("");
  checkAt("people", "");
  out.push(article.people.length > 0 ? "people:" : "people: []");
  article.people.forEach((person, i) => {
    checkAt(`people.${i}`, "  ");
    out.push(`  - id: ${scalar(person.id)}`);
    out.push(`    name: ${scalar(person.name)}`);
    if (person.aliases.length > 0) out.push(`    aliases: [${person.aliases.map(scalar).join(", ")}]`);
    out.push(`    role: ${scalar(person.role)}`);
    if (person.country) out.push(`    country: ${scalar(person.country)}`);
    if (person.countryAdjective) out.push(`    countryAdjective: ${scalar(person.countryAdjective)}`);
    if (person.organisation) out.push(`    organisation: ${scalar(person.organisation)}`);
  });

  out.push("");
  checkAt("attendance", "");
  out.push("attendance:");
  out.push(article.attendance.attended.length > 0 ? "  attended:" : "  attended: []");
  article.attendance.attended.forEach((a, i) => {
    checkAt(`attendance.attended.${i}`, "    ");
    out.push(`    - { person: ${scalar(a.person)}, paragraph: ${a.paragraph} }`);
  });
  out.push(article.attendance.absent.length > 0 ? "  absent:" : "  absent: []");
  article.attendance.absent.forEach((a, i) => {
    checkAt(`attendance.absent.${i}`, "    ");
    out.push(`    - who: ${scalar(a.who)}`, `      text: ${scalar(a.text)}`, `      paragraph: ${a.paragraph}`);
  });

  out.push("");
  checkAt("agenda", "");
  out.push("agenda: []", "happenings: []");

  out.push("", article.places.length > 0 ? "places:" : "places: []");
  article.places.forEach((place, i) => {
    checkAt(`places.${i}`, "  ");
    out.push(`  - id: ${scalar(place.id)}`, `    name: ${scalar(place.name)}`);
    if (place.country) out.push(`    country: ${scalar(place.country)}`);
    out.push(`    text: ${scalar(place.text)}`, `    paragraph: ${place.paragraph}`);
  });

  out.push("");
  checkAt("statements", "");
  out.push(article.statements.length > 0 ? "statements:" : "statements: []");
  article.statements.forEach((s, i) => {
    checkAt(`statements.${i}`, "  ");
    out.push(`  - speaker: ${scalar(s.speaker)}`, `    kind: ${s.kind}`);
    if (s.intro) out.push(`    intro: ${scalar(s.intro)}`);
    out.push(`    text: ${scalar(s.text)}`, `    paragraph: ${s.paragraph}`);
  });
  return `${out.join("\n")}\n`;
}
