import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FeedEntry {
  guid: string;
  title: string;
  link: string;
  pubDate: string;
}

/** An RSS 2.0 feed of the entries, newest first as feeds are. */
export function rssOf(entries: readonly FeedEntry[]): string {
  const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const items = [...entries]
    .reverse()
    .map((e) => `<item><title>${escape(e.title)}</title><link>${escape(e.link)}</link><guid isPermaLink="false">${escape(e.guid)}</guid><pubDate>${e.pubDate}</pubDate></item>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Test outlet</title><link>http://127.0.0.1/</link><description>Test</description>${items.join("")}</channel></rss>`;
}

/**
 * A news site on 127.0.0.1 for the newsroom's tests: `/feed.xml` (RSS with an
 * ETag, answering 304 to a matching If-None-Match), article pages set with
 * `page`, and misbehaving feeds (`/error.xml` 500, `/huge.xml` over 6 MB,
 * `/broken.xml` malformed XML). It counts every request by path, and the 304s.
 */
export async function startFeedServer() {
  const entries: FeedEntry[] = [];
  const pages = new Map<string, { type: string; body: string }>();
  const requests = new Map<string, number>();
  let notModified = 0;
  const listeners = new Set<() => void>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    requests.set(path, (requests.get(path) ?? 0) + 1);
    for (const listener of listeners) listener();
    if (path === "/feed.xml") {
      const body = rssOf(entries);
      const etag = `"v${entries.length}"`;
      if (req.headers["if-none-match"] === etag) {
        notModified += 1;
        res.writeHead(304, { etag }).end();
        return;
      }
      res.writeHead(200, { "content-type": "application/rss+xml", etag }).end(body);
    } else if (path === "/error.xml") {
      res.writeHead(500).end("Internal Server Error");
    } else if (path === "/huge.xml") {
      res.writeHead(200, { "content-type": "application/rss+xml" });
      const chunk = `<!-- ${"x".repeat(64 * 1024)} -->`;
      let sent = 0;
      const write = () => {
        while (sent < 100 && res.write(chunk)) sent += 1;
        if (sent < 100) res.once("drain", write);
        else res.end();
      };
      res.write("<rss><channel>");
      write();
    } else if (path === "/broken.xml") {
      res.writeHead(200, { "content-type": "application/rss+xml" }).end("<rss><channel><item><title>Half</title></channel>");
    } else {
      const page = pages.get(path);
      if (page) res.writeHead(200, { "content-type": page.type }).end(page.body);
      else res.writeHead(404).end("Not Found");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    root,
    /** Publishes an article: its page at `path`, and an item in the feed linking to it. */
    publish(guid: string, title: string, path: string, page: { type: string; body: string }, pubDate = new Date().toUTCString()): void {
      pages.set(path, page);
      entries.push({ guid, title, link: `${root}${path}`, pubDate });
    },
    requests: (path: string) => requests.get(path) ?? 0,
    notModified: () => notModified,
    /** Resolves once `condition` holds, looked at on every request. */
    until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!condition()) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`gave up waiting for ${what}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    async close(): Promise<void> {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type FeedServer = Awaited<ReturnType<typeof startFeedServer>>;
