import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Api } from "grammy";
import pino from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createAdminNotifier } from "../src/notices/admin-notifier";
import { createLiveContent, SEARCH_INDEX_FILE } from "../src/library/live-content";
import { createLocalBotApi, localBotInfo } from "../src/demo/local-bot-api";
import { searchArticles } from "../src/search/search-articles";

const baku = "test/fixtures/baku/cis-defense-ministers-baku.yaml";
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Live content over `dir` with its snapshot in `dataDir`, and what it logged. */
function liveContent(dir: string, dataDir: string) {
  const logged: Record<string, unknown>[] = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => void logged.push(JSON.parse(line) as Record<string, unknown>) });
  const notifier = createAdminNotifier(new Api("1:x", { fetch: createLocalBotApi({ botInfo: localBotInfo }) }), [], logger);
  const live = createLiveContent({ dir, logger, notifier, intervalMs: 20, snapshotDir: dataDir });
  cleanups.push(() => live.stop());
  return { live, logged };
}

/** A content folder holding the Baku article and a DATA_DIR, both removed after the test. */
async function foldersWithBaku() {
  const dir = await mkdtemp(join(tmpdir(), "briefing-live-snapshot-"));
  const dataDir = await mkdtemp(join(tmpdir(), "briefing-live-snapshot-data-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }), () => rm(dataDir, { recursive: true, force: true }));
  await cp(baku, join(dir, "baku.yaml"));
  return { dir, dataDir };
}

describe("live content with a content snapshot", () => {
  it("saves the index, and a restart re-reads no file and reloads the index; an edit while running is served", async () => {
    const { dir, dataDir } = await foldersWithBaku();

    const first = liveContent(dir, dataDir);
    expect((await first.live.load()).ok).toBe(true);
    const hits = searchArticles(first.live.library().index, "lebedev").hits;
    expect(hits.length).toBeGreaterThan(0);
    await vi.waitFor(() => expect(existsSync(join(dataDir, SEARCH_INDEX_FILE))).toBe(true));
    first.live.stop();

    const restarted = liveContent(dir, dataDir);
    expect((await restarted.live.load()).ok).toBe(true);
    expect(restarted.logged.find((line) => line.msg === "content snapshot in step")).toMatchObject({ reread: 0, kept: 1 });
    expect(searchArticles(restarted.live.library().index, "lebedev").hits).toEqual(hits);

    restarted.live.start();
    const text = await readFile(baku, "utf8");
    await writeFile(join(dir, "second.yaml"), text.replace("id: cis-defense-ministers-baku-2019", "id: second-story").replace("date: 2019-10-30", "date: 2019-11-02"));
    await vi.waitFor(() => expect(restarted.live.library().articles.map((a) => a.id)).toEqual(["second-story", "cis-defense-ministers-baku-2019"]), { timeout: 5000 });
    // Served at once, read from the snapshot; its search index is built in a worker, then swapped in.
    expect(restarted.live.library().article("second-story")).toMatchObject({ id: "second-story", date: "2019-11-02" });
    await vi.waitFor(() => expect(searchArticles(restarted.live.library().index, "lebedev").hits.map((hit) => hit.articleId)).toContain("second-story"), { timeout: 30_000 });
    expect(restarted.live.indexing()).toBe(false);
    // Saved for the next start: it loads this index rather than building one.
    await vi.waitFor(() => expect(restarted.logged.find((line) => line.msg === "search index saved")).toMatchObject({ articles: 2 }), { timeout: 10_000 });
    restarted.live.stop();
    const again = liveContent(dir, dataDir);
    expect((await again.live.load()).ok).toBe(true);
    expect(again.logged.find((line) => line.msg === "search index loaded")).toMatchObject({ articles: 2 });
    expect(searchArticles(again.live.library().index, "lebedev").hits.map((hit) => hit.articleId)).toContain("second-story");
  });

  it("starts from its rows without reading the folder, then serves what changed while it was down", async () => {
    const { dir, dataDir } = await foldersWithBaku();
    const first = liveContent(dir, dataDir);
    expect((await first.live.load()).ok).toBe(true);
    first.live.stop();

    // Edited while the bot was down: the start serves the snapshot's rows, the first look the edit.
    const text = await readFile(baku, "utf8");
    await writeFile(join(dir, "baku.yaml"), text.replace("headline: Council of CIS Defense Ministers", "headline: Council of CIS Defence Ministers"));
    const restarted = liveContent(dir, dataDir);
    expect((await restarted.live.load()).ok).toBe(true);
    expect(restarted.live.library().articles[0]?.headline).toMatch(/^Council of CIS Defense Ministers/);
    restarted.live.start();
    await vi.waitFor(() => expect(restarted.live.library().articles[0]?.headline).toMatch(/^Council of CIS Defence Ministers/), { timeout: 10_000 });
    expect(restarted.live.library().article("cis-defense-ministers-baku-2019")?.headline).toMatch(/^Council of CIS Defence Ministers/);
    expect(restarted.logged.filter((line) => line.msg === "content snapshot in step").at(-1)).toMatchObject({ reread: 1, kept: 0 });
  });
});
