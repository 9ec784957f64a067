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
  // The importer's line, dropped as it is, so every comment and the file's layout stay exactly as written.
  const line = /^status:[ \t]*["']?draft["']?[ \t]*(#.*)?(\r?\n|$)/m;
  if (status === "live" && line.test(text)) return text.replace(line, "");
  const doc = parseDocument(text);
  if (status === "live") doc.delete("status");
  else doc.set("status", "draft");
  return doc.toString({ lineWidth: 0 });
}

/** What the importer was unsure of: its `# CHECK:` comments, in the file's order. */
export function draftChecks(text: string): string[] {
  return [...text.matchAll(/^\s*# CHECK: (.+)$/gm)].map((match) => (match[1] ?? "").trim());
}
