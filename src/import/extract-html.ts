import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { findDate } from "./split-paragraphs";

/** What a web page tells about its article. */
export interface HtmlArticle {
  headline?: string;
  url?: string;
  date?: string;
  outlet?: string;
  body: string[];
}

/** Thrown when a page holds no article text. */
/** Whether a text is an HTML page rather than plain text, by how it starts. */
export const looksLikeHtml = (text: string) => /^\s*(?:<!doctype html|<html|<head|<body|<article|<meta)/i.test(text);

export class NoArticleError extends Error {}

/**
 * Reads a news page: metadata from its meta tags (Open Graph, `article:published_time`,
 * the canonical link), the main text found by Readability (the Firefox Reader View
 * library) on a linkedom document, split into paragraphs at `<p>` (and list items),
 * whitespace made single as a browser shows it.
 */
export function extractHtml(html: string, pageUrl?: string): HtmlArticle {
  const { document } = parseHTML(html);
  const meta = (selector: string) => document.querySelector(selector)?.getAttribute("content")?.trim() || undefined;
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute("href")?.trim() || meta('meta[property="og:url"]') || pageUrl;
  const published =
    meta('meta[property="article:published_time"]') ??
    meta('meta[name="date"]') ??
    meta('meta[name="pubdate"]') ??
    meta('meta[itemprop="datePublished"]') ??
    document.querySelector("time[datetime]")?.getAttribute("datetime") ??
    undefined;
  const metaHeadline = meta('meta[property="og:title"]') ?? meta('meta[name="twitter:title"]');
  const outlet = meta('meta[property="og:site_name"]') ?? meta('meta[name="application-name"]');

  // Readability changes the document it reads: it runs last.
  const parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 100 }).parse();
  if (!parsed?.content) throw new NoArticleError("the page has no article text");
  // A <br> or the end of a <div> breaks a line, which matters where a page holds no <p>.
  // Marked with U+2028, as a line break in the source is only wrapping.
  const marked = parsed.content.replace(/<br\s*\/?>/gi, "\u2028").replace(/<\/div>/gi, "\u2028</div>");
  const { document: content } = parseHTML(`<!doctype html><html><body>${marked}</body></html>`);
  // Paragraphs are <p>, and list items that hold no <p> of their own; text outside both (a page set
  // in <div>s and <br>s) is split at its line breaks.
  const blocks = [...content.querySelectorAll("p, li")].filter((node) => node.tagName !== "LI" || !node.querySelector("p"));
  const texts: string[] = blocks.length > 0 ? blocks.map((node) => String(node.textContent ?? "")) : [String(content.body.textContent ?? "")];
  const body = texts
    .flatMap((text) => text.split("\u2028"))
    .map((text) => text.replace(/\s+/g, " ").trim())
    .filter((text) => text.length > 0);
  // A page of links and labels is not an article: at least one paragraph must be a sentence of some length.
  if (!body.some((text) => text.split(" ").length >= 8)) throw new NoArticleError("the page has no article text");

  const article: HtmlArticle = { body };
  const headline = metaHeadline ?? parsed.title ?? document.querySelector("h1")?.textContent?.trim();
  if (headline) article.headline = headline.replace(/\s+/g, " ").trim();
  if (canonical && /^https?:\/\//.test(canonical)) article.url = canonical;
  const date = published ? findDate(published) : parsed.publishedTime ? findDate(parsed.publishedTime) : undefined;
  if (date) article.date = date;
  const site = outlet ?? parsed.siteName ?? undefined;
  if (site) article.outlet = site;
  return article;
}
