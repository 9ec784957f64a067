import { parseDocument } from "yaml";

/**
 * The file with `status` set: `live` drops the field (live is the default),
 * `draft` writes `status: draft`. Comments (the importer's `# CHECK:` lines)
 * and the rest of the file are kept as they are. JSON stays JSON.
 */
export function withStatus(text: string, name: string, status: "draft" | "live"): string {
  if (name.endsWith(".json")) {
    const data = JSON.parse(text) as Record<string, unknown>;
    if (status === "live") delete data.status;
    else data.status = "draft";
    return `${JSON.stringify(data, null, 2)}\n`;
  }
  const doc = parseDocument(text);
  if (status === "live") doc.delete("status");
  else doc.set("status", "draft");
  return doc.toString({ lineWidth: 0 });
}

/** What the importer was unsure of: its `# CHECK:` comments, in the file's order. */
export function draftChecks(text: string): string[] {
  return [...text.matchAll(/^\s*# CHECK: (.+)$/gm)].map((match) => (match[1] ?? "").trim());
}
