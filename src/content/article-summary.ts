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

/** Sorts object keys, so the same content always hashes the same whatever order its fields came in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
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
