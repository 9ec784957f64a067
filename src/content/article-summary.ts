import { createHash } from "node:crypto";
import type { Locale } from "../i18n/locale";
import type { Article } from "./article-schema";

/**
 * What lists, the channel and the newsroom need of an article, kept in memory for every
 * article; the article itself is read on demand (`Library.article`). At 100,000 articles
 * holding every parsed article took 1.5 GB; a summary is a few hundred bytes.
 */
export interface ArticleSummary {
  id: string;
  /** YYYY-MM-DD, as the article's. */
  date: string;
  headline: string;
  /** The editor's translations of the headline, by language (lists show a reader theirs). */
  headlines?: Partial<Record<Locale, string>>;
  status: Article["status"];
  publishAt?: string;
  /** `contentHash` of the whole article: the channel edits a post when it changes. */
  contentHash: string;
}

/** Each key as JSON, once: articles repeat the same few dozen keys. */
const keyJson = new Map<string, string>();

/**
 * The JSON of `value` with object keys sorted, so the same content always hashes the same
 * whatever order its fields came in; keys whose value is undefined are left out. Built in one
 * string rather than an array per object and per list: at 10,000 articles the arrays cost
 * most of a cold build's summaries. The text must not change: the channel's ledger stores the
 * hashes, and a different one edits every post.
 */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) as string;
  let out: string;
  if (Array.isArray(value)) {
    out = "[";
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ",";
      const item: unknown = value[i];
      // As `[...].join(",")` writes an undefined item: nothing.
      if (item !== undefined) out += canonicalJson(item);
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  // The default sort orders by UTF-16 code units, as `<` does.
  const keys = Object.keys(record).sort();
  out = "{";
  let first = true;
  for (const key of keys) {
    const field = record[key];
    if (field === undefined) continue;
    let json = keyJson.get(key);
    if (json === undefined) {
      json = JSON.stringify(key);
      if (keyJson.size < 4096) keyJson.set(key, json);
    }
    out += first ? `${json}:` : `,${json}:`;
    out += canonicalJson(field);
    first = false;
  }
  return `${out}}`;
}

/** A hash of the article's content: when it changes, a posted article's post is edited. */
export function contentHash(article: Article): string {
  return createHash("sha256").update(canonicalJson(article)).digest("hex").slice(0, 32);
}

/** The summary of `article`. */
export function summariseArticle(article: Article): ArticleSummary {
  return {
    id: article.id,
    date: article.date,
    headline: article.headline,
    ...headlinesOf(article),
    status: article.status,
    ...(article.publishAt !== undefined ? { publishAt: article.publishAt } : {}),
    contentHash: contentHash(article),
  };
}

/** The translated headlines, when the article has any. */
function headlinesOf(article: Article): { headlines?: Partial<Record<Locale, string>> } {
  const headlines: Partial<Record<Locale, string>> = {};
  for (const [locale, translation] of Object.entries(article.translations ?? {})) {
    if (translation?.headline !== undefined) headlines[locale as Locale] = translation.headline;
  }
  return Object.keys(headlines).length > 0 ? { headlines } : {};
}
