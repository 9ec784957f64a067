import { readFile, stat } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { looksLikeHtml } from "../import/extract-html";

/** What a fetch brought: a body, "not modified" (304), or why it failed (one phrase). */
export type Fetched =
  | { status: "ok"; text: string; bytes: Buffer; contentType: string; url: string; etag?: string; lastModified?: string }
  | { status: "not-modified" }
  | { status: "failed"; reason: string };

export interface FetchLimitedOptions {
  maxBytes: number;
  timeoutMs: number;
  /** Sent as If-None-Match / If-Modified-Since. */
  etag?: string;
  lastModified?: string;
  fetch?: typeof globalThis.fetch;
  /** Whether a `file:` URL may be read (a feed the configuration names; never a link from a feed or a chat). */
  allowFile?: boolean;
}

/**
 * Fetches a page or feed with a time limit and a size limit (a body over
 * `maxBytes` is abandoned as it streams in, never buffered whole), and with a
 * conditional request when the last answer gave an ETag or Last-Modified.
 * `file:` URLs are read from disk, for the demo and local feeds.
 */
export async function fetchLimited(url: string, options: FetchLimitedOptions): Promise<Fetched> {
  if (url.startsWith("file:")) return options.allowFile ? readLocal(url, options.maxBytes) : { status: "failed", reason: "a file: URL is not fetched here" };
  if (!/^https?:/i.test(url)) return { status: "failed", reason: "not an http(s) URL" };
  const headers: Record<string, string> = { "user-agent": "Briefing newsroom (+https://core.telegram.org/bots)" };
  if (options.etag) headers["if-none-match"] = options.etag;
  if (options.lastModified) headers["if-modified-since"] = options.lastModified;
  let response: Response;
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    response = await (options.fetch ?? fetch)(url, { headers, redirect: "follow", signal });
  } catch (error) {
    const cause = (error as Error).cause;
    return { status: "failed", reason: (error as Error).name === "TimeoutError" ? `no answer within ${options.timeoutMs / 1000} s` : cause instanceof Error ? cause.message : (error as Error).message };
  }
  if (response.status === 304) {
    await response.body?.cancel();
    return { status: "not-modified" };
  }
  if (!response.ok) {
    await response.body?.cancel();
    return { status: "failed", reason: `HTTP ${response.status}` };
  }
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > options.maxBytes) {
    await response.body?.cancel();
    return { status: "failed", reason: `the body is over ${options.maxBytes} bytes` };
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body ?? []) {
      size += chunk.byteLength;
      if (size > options.maxBytes) {
        await response.body?.cancel().catch(() => undefined);
        return { status: "failed", reason: `the body is over ${options.maxBytes} bytes` };
      }
      chunks.push(chunk);
    }
  } catch (error) {
    return { status: "failed", reason: `the body was cut off (${(error as Error).message})` };
  }
  const bytes = Buffer.concat(chunks);
  return {
    status: "ok",
    text: bytes.toString("utf8"),
    bytes,
    contentType: response.headers.get("content-type") ?? "",
    url: response.url || url,
    ...(response.headers.get("etag") ? { etag: response.headers.get("etag") ?? undefined } : {}),
    ...(response.headers.get("last-modified") ? { lastModified: response.headers.get("last-modified") ?? undefined } : {}),
  };
}

async function readLocal(url: string, maxBytes: number): Promise<Fetched> {
  try {
    const path = fileURLToPath(url);
    const info = await stat(path);
    if (info.size > maxBytes) return { status: "failed", reason: `the file is over ${maxBytes} bytes` };
    const bytes = await readFile(path);
    return { status: "ok", text: bytes.toString("utf8"), bytes, contentType: /\.html?$/i.test(path) ? "text/html" : "", url, lastModified: info.mtime.toUTCString() };
  } catch (error) {
    return { status: "failed", reason: (error as NodeJS.ErrnoException).code ?? String(error) };
  }
}

/** The most of an article page read: anything larger is not one. */
export const PAGE_LIMIT_BYTES = 2 * 1024 * 1024;

/** An article page fetched for the importer: its text, whether it is HTML, and the URL it ended at; or why not. */
export async function fetchArticlePage(
  url: string,
  options: Pick<FetchLimitedOptions, "timeoutMs" | "allowFile" | "fetch">,
): Promise<{ ok: true; text: string; format: "html" | "text"; url: string } | { ok: false; reason: string }> {
  const page = await fetchLimited(url, { maxBytes: PAGE_LIMIT_BYTES, ...options });
  if (page.status !== "ok") return { ok: false, reason: page.status === "failed" ? page.reason : "no page" };
  const html = /html/i.test(page.contentType) || looksLikeHtml(page.text);
  return { ok: true, text: page.text, format: html ? "html" : "text", url: page.url };
}
