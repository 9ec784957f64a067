import { XMLParser } from "fast-xml-parser";

/** One entry of a feed, as the newsroom needs it. */
export interface FeedItem {
  /** Its guid (RSS) or id (Atom), else its link: what it is remembered by. */
  key: string;
  /** The article's page, when the item links to one. */
  link?: string;
  title?: string;
  /** The item's own text or HTML (content:encoded, content, description or summary), drafted when the page cannot be fetched. */
  content?: string;
  /** Its date as the feed gives it, for ordering (oldest first). */
  published?: number;
}

/** Thrown for a body that is not an RSS, RDF or Atom feed. */
export class FeedError extends Error {}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  textNodeName: "#text",
  // Entities in text are decoded; a document type's own entities are not expanded (no billion laughs).
  processEntities: true,
  htmlEntities: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === "item" || name === "entry" || name === "link",
});

type Node = Record<string, unknown>;

/** The text of an element: a string, or the `#text` of one with attributes. */
function text(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() || undefined;
  if (typeof value === "number") return String(value);
  if (value && typeof value === "object" && "#text" in value) return text((value as Node)["#text"]);
  return undefined;
}

/** An Atom entry's link: the `alternate` one (or the first without rel), its `href`. */
function atomLink(links: unknown): string | undefined {
  if (!Array.isArray(links)) return undefined;
  const nodes = links.filter((link): link is Node => typeof link === "object" && link !== null);
  const alternate = nodes.find((link) => link["@rel"] === undefined || link["@rel"] === "alternate");
  return text(alternate?.["@href"]);
}

function rssLink(links: unknown): string | undefined {
  if (!Array.isArray(links)) return text(links);
  for (const link of links) {
    const found = text(link) ?? (typeof link === "object" && link !== null ? text((link as Node)["@href"]) : undefined);
    if (found) return found;
  }
  return undefined;
}

function time(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : at;
}

function item(node: Node, atom: boolean): FeedItem | undefined {
  const link = atom ? atomLink(node.link) : rssLink(node.link);
  const key = text(atom ? node.id : node.guid) ?? link;
  if (!key) return undefined;
  const content = text(node["content:encoded"]) ?? text(node.content) ?? text(node.description) ?? text(node.summary);
  const published = time(text(node.pubDate) ?? text(node.published) ?? text(node.updated) ?? text(node["dc:date"]));
  return { key, ...(link ? { link } : {}), ...(text(node.title) ? { title: text(node.title) } : {}), ...(content ? { content } : {}), ...(published !== undefined ? { published } : {}) };
}

/**
 * Parses an RSS 2.0, RSS 1.0 (RDF) or Atom feed into its items, oldest first
 * (the order articles appeared in); items with neither guid/id nor link are
 * skipped. Throws `FeedError` for malformed XML or a document that is no feed.
 */
export function parseFeed(xml: string): FeedItem[] {
  let doc: Node;
  try {
    doc = parser.parse(xml, true) as Node;
  } catch (error) {
    throw new FeedError(`not well-formed XML: ${(error as Error).message.split("\n")[0] ?? ""}`);
  }
  const rss = doc.rss as Node | undefined;
  const rdf = doc["rdf:RDF"] as Node | undefined;
  const atom = doc.feed as Node | undefined;
  let nodes: unknown;
  if (rss && typeof rss === "object") nodes = (rss.channel as Node | undefined)?.item ?? [];
  else if (rdf && typeof rdf === "object") nodes = rdf.item ?? [];
  else if (atom && typeof atom === "object") nodes = atom.entry ?? [];
  else throw new FeedError("not an RSS or Atom feed (no <rss>, <rdf:RDF> or <feed>)");
  const items = (Array.isArray(nodes) ? nodes : [])
    .filter((node): node is Node => typeof node === "object" && node !== null)
    .map((node) => item(node, atom !== undefined && rss === undefined && rdf === undefined))
    .filter((found): found is FeedItem => found !== undefined);
  // Feeds list newest first; items without a date keep their place.
  const dated = items.every((found) => found.published !== undefined);
  return dated ? items.sort((a, b) => (a.published ?? 0) - (b.published ?? 0)) : items.reverse();
}
