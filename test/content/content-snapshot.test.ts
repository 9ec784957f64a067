import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { toBlockYaml } from "../../bench/write-content";
import { generateArticles } from "../../bench/generate-articles";
import { openContentSnapshot, type ContentSnapshot } from "../../src/content/content-snapshot";
import { loadContent } from "../../src/content/load-content";
import { summariseArticle } from "../../src/content/article-summary";

const baku = "test/fixtures/baku/cis-defense-ministers-baku.yaml";
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A content folder with the Baku article and `extra` generated ones, and a snapshot path of its own. */
function setUp(extra = 3, parallelFrom?: number) {
  const dir = mkdtempSync(join(tmpdir(), "briefing-snapshot-content-"));
  const data = mkdtempSync(join(tmpdir(), "briefing-snapshot-data-"));
  copyFileSync(baku, join(dir, "baku.yaml"));
  for (const article of generateArticles(extra, 5)) writeFileSync(join(dir, `${article.id}.yaml`), toBlockYaml(article));
  const snapshots: ContentSnapshot[] = [];
  const open = () => {
    const snapshot = openContentSnapshot(join(data, "content-snapshot.sqlite"), parallelFrom === undefined ? {} : { parallelFrom });
    snapshots.push(snapshot);
    return snapshot;
  };
  cleanups.push(() => {
    for (const snapshot of snapshots) snapshot.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  });
  return { dir, open };
}

/** Moves a file's modification time on, as an editor's save does. */
function touch(path: string, seconds: number) {
  const at = new Date(Date.now() + seconds * 1000);
  utimesSync(path, at, at);
}

describe("the content snapshot", () => {
  it("gives the articles loadContent gives, newest first, and reads them back whole", async () => {
    const { dir, open } = setUp();
    const loaded = await loadContent(dir);
    if (!loaded.ok) throw new Error(loaded.problems.join("\n"));
    const snapshot = open();
    const synced = await snapshot.sync(dir);
    if (!synced.ok) throw new Error(synced.problems.join("\n"));
    expect(synced.articles.map((a) => a.id)).toEqual(loaded.articles.map((a) => a.id));
    expect(synced.articles.find((a) => a.id === "cis-defense-ministers-baku-2019")).toMatchObject({
      headline: "Council of CIS Defense Ministers meets in hospitable land of Azerbaijan",
      status: "live",
      file: "baku.yaml",
    });
    expect(snapshot.article("cis-defense-ministers-baku-2019")).toEqual(loaded.articles.find((a) => a.id === "cis-defense-ministers-baku-2019"));
    expect(snapshot.articles()).toEqual(loaded.articles);
    expect(snapshot.article("no-such-article")).toBeUndefined();
    expect(synced).toMatchObject({ reread: 4, kept: 0, removed: 0 });
  });

  it("reads an article without keeping it when asked (a one-off read), and keeps it otherwise", async () => {
    const { dir, open } = setUp();
    const snapshot = open();
    await snapshot.sync(dir);
    const id = "cis-defense-ministers-baku-2019";
    const once = snapshot.article(id, { keep: false });
    expect(once?.headline).toBe("Council of CIS Defense Ministers meets in hospitable land of Azerbaijan");
    // Not kept: the next read parses its row again, the same article.
    const again = snapshot.article(id, { keep: false });
    expect(again).toEqual(once);
    expect(again).not.toBe(once);
    // Kept: read once, then served from the cache, to every caller.
    const kept = snapshot.article(id);
    expect(kept).toEqual(once);
    expect(snapshot.article(id)).toBe(kept);
    expect(snapshot.article(id, { keep: false })).toBe(kept);
  });

  it("after a restart re-reads only the file that changed, and drops a file removed", async () => {
    const { dir, open } = setUp();
    const first = open();
    await first.sync(dir);
    first.close();

    const path = join(dir, "baku.yaml");
    writeFileSync(path, readFileSync(path, "utf8").replace("Council of CIS Defense Ministers meets", "Defense ministers meet"));
    touch(path, 5);
    const [gone] = (await loadContent(dir).then((r) => (r.ok ? r.articles : []))).filter((a) => a.id !== "cis-defense-ministers-baku-2019");
    unlinkSync(join(dir, `${gone?.id}.yaml`));

    const again = open();
    const synced = await again.sync(dir);
    expect(synced).toMatchObject({ ok: true, reread: 1, kept: 2, removed: 1 });
    expect(again.article("cis-defense-ministers-baku-2019")?.headline).toBe("Defense ministers meet in hospitable land of Azerbaijan");
    expect(again.articles().map((a) => a.id)).not.toContain(gone?.id);
    expect(again.articles()).toEqual((await loadContent(dir).then((r) => (r.ok ? r.articles : []))));
  });

  it("reports a broken change as loadContent does, keeps the last good articles, and reads the file again once fixed", async () => {
    const { dir, open } = setUp(1);
    const snapshot = open();
    await snapshot.sync(dir);
    const path = join(dir, "baku.yaml");
    const good = readFileSync(path, "utf8");
    writeFileSync(path, good.replace(/^date: .*$/m, "date: yesterday"));
    touch(path, 5);
    const broken = await snapshot.sync(dir);
    const expected = await loadContent(dir);
    expect(expected.ok).toBe(false);
    expect(broken.ok).toBe(false);
    if (!broken.ok && !expected.ok) expect(broken.problems).toEqual(expected.problems);
    // The last good article is still there to serve.
    expect(snapshot.article("cis-defense-ministers-baku-2019")?.date).toBe("2019-10-30");

    // A restart meanwhile still holds the good rows: the broken file was not stored.
    const restarted = open();
    expect((await restarted.sync(dir)).ok).toBe(false);
    writeFileSync(path, good.replace("meets in hospitable", "meets in the hospitable"));
    touch(path, 10);
    const fixed = await restarted.sync(dir);
    expect(fixed).toMatchObject({ ok: true, reread: 1, kept: 1 });
    expect(restarted.article("cis-defense-ministers-baku-2019")?.headline).toContain("meets in the hospitable");
  });

  it("parsing half the files in a worker thread gives loadContent's verdict: its articles, or the same problems in the same order, the good rows kept", async () => {
    const { dir, open } = setUp(7, 2);
    const snapshot = open();
    const synced = await snapshot.sync(dir);
    const loaded = await loadContent(dir);
    if (!synced.ok || !loaded.ok) throw new Error("the folder should be clean");
    expect(synced).toMatchObject({ reread: 8, inWorker: 4 });
    expect(synced.articles.map((a) => a.id)).toEqual(loaded.articles.map((a) => a.id));
    expect(synced.articles.map((a) => a.contentHash)).toEqual(loaded.articles.map((a) => summariseArticle(a).contentHash));
    expect(snapshot.articles()).toEqual(loaded.articles);

    // Problems in files on both sides of the split (the names sort "aaa" first, "zzz" last), and a duplicate id.
    const text = readFileSync(join(dir, "baku.yaml"), "utf8");
    writeFileSync(join(dir, "aaa-broken.yaml"), text.replace("id: cis-defense-ministers-baku-2019", "id: aaa-broken").replace(/^date: .*$/m, "date: yesterday"));
    writeFileSync(join(dir, "zzz-broken.yaml"), "headline: [unclosed\n");
    copyFileSync(join(dir, "baku.yaml"), join(dir, "zzz-again.yaml"));
    const fresh = setUp(0, 2);
    for (const name of readdirSync(dir)) copyFileSync(join(dir, name), join(fresh.dir, name));
    const broken = await fresh.open().sync(fresh.dir);
    expect(broken).toMatchObject({ reread: 11, inWorker: 5 });
    const expected = await loadContent(fresh.dir);
    expect(broken.ok).toBe(false);
    if (!broken.ok && !expected.ok) {
      expect(broken.problems).toEqual(expected.problems);
      expect(broken.problems.join("\n")).toMatch(/aaa-broken\.yaml:\d+:\d+: date/);
      expect(broken.problems.join("\n")).toContain("zzz-broken.yaml");
      expect(broken.problems.join("\n")).toContain('"cis-defense-ministers-baku-2019" is already the id of baku.yaml');
    }
    // The first snapshot's good rows stay while its folder is broken.
    expect((await snapshot.sync(dir)).ok).toBe(false);
    expect(snapshot.article("cis-defense-ministers-baku-2019")?.headline).toBe("Council of CIS Defense Ministers meets in hospitable land of Azerbaijan");
  }, 120_000); // three worker threads start (tsx and the schema imported in each): seconds each on a busy machine

  it("names a duplicate id and an unreadable folder as loadContent does", async () => {
    const { dir, open } = setUp(0);
    copyFileSync(baku, join(dir, "baku-again.yaml"));
    const snapshot = open();
    const synced = await snapshot.sync(dir);
    const expected = await loadContent(dir);
    expect(synced.ok).toBe(false);
    if (!synced.ok && !expected.ok) expect(synced.problems).toEqual(expected.problems);
    const missing = await snapshot.sync(join(dir, "nowhere"));
    expect(missing.ok ? [] : missing.problems).toEqual([`${join(dir, "nowhere")}: the folder does not exist`]);
  });

  it("keeps drafts with their status, and takes a folder of drafts only as loadContent does", async () => {
    const { dir, open } = setUp(0);
    const path = join(dir, "baku.yaml");
    writeFileSync(path, readFileSync(path, "utf8").replace(/^date: /m, "status: draft\ndate: "));
    const snapshot = open();
    const draftsOnly = await snapshot.sync(dir);
    const expected = await loadContent(dir);
    // A folder of drafts only is a valid start (a new outlet, its first article not yet approved).
    if (!expected.ok || !draftsOnly.ok) throw new Error(`refused: ${JSON.stringify([expected, draftsOnly])}`);
    expect(draftsOnly.articles.map((a) => [a.id, a.status])).toEqual(expected.articles.map((a) => [a.id, a.status]));
    expect(draftsOnly.articles.map((a) => a.status)).toEqual(["draft"]);

    for (const article of generateArticles(2, 9)) writeFileSync(join(dir, `${article.id}.yaml`), toBlockYaml(article));
    const withLive = await snapshot.sync(dir);
    if (!withLive.ok) throw new Error(withLive.problems.join("\n"));
    expect(withLive.articles.find((a) => a.id === "cis-defense-ministers-baku-2019")?.status).toBe("draft");
    expect(withLive.articles.filter((a) => a.status === "live")).toHaveLength(2);
  });
});

describe("the content snapshot, told what changed", () => {
  it("at a start takes its rows without looking at the folder, then re-reads only the files it is told of", async () => {
    const { dir, open } = setUp();
    await open().sync(dir);
    const snapshot = open();
    // Changed while the bot was down: a start trusts the rows (the watcher's first look finds it).
    const baku = join(dir, "baku.yaml");
    const text = readFileSync(baku, "utf8");
    writeFileSync(baku, text.replace("headline: Council of CIS Defense Ministers", "headline: Council of CIS Defence Ministers"));
    touch(baku, 60);
    const started = await snapshot.sync(dir, { trust: true });
    expect(started).toMatchObject({ ok: true, reread: 0, kept: 4 });
    expect(snapshot.article("cis-defense-ministers-baku-2019")?.headline).toMatch(/^Council of CIS Defense Ministers/);
    const signature = snapshot.signatures().get("baku.yaml");
    expect(signature).toBeDefined();

    const told = await snapshot.sync(dir, { only: ["baku.yaml"] });
    expect(told).toMatchObject({ ok: true, reread: 1, kept: 3, removed: 0 });
    expect(snapshot.article("cis-defense-ministers-baku-2019")?.headline).toMatch(/^Council of CIS Defence Ministers/);
    expect(snapshot.signatures().get("baku.yaml")).not.toBe(signature);

    // A file named that is gone is removed; the folder gone is a problem, not an empty archive.
    const [other] = generateArticles(1, 5);
    unlinkSync(join(dir, `${other?.id}.yaml`));
    const removed = await snapshot.sync(dir, { only: [`${other?.id}.yaml`] });
    expect(removed).toMatchObject({ ok: true, removed: 1 });
    if (removed.ok) expect(removed.articles.map((a) => a.id)).not.toContain(other?.id);
    rmSync(dir, { recursive: true, force: true });
    const gone = await snapshot.sync(dir, { only: ["baku.yaml"] });
    expect(gone.ok).toBe(false);
    if (!gone.ok) expect(gone.problems.join("\n")).toMatch(/does not exist/);
  });

  it("at a start with another CONTENT_DIR (DATA_DIR kept) trusts nothing of the old folder: the new one is read, its problems found", async () => {
    const { dir, open } = setUp();
    await open().sync(dir);
    const other = mkdtempSync(join(tmpdir(), "briefing-snapshot-other-"));
    cleanups.push(() => rmSync(other, { recursive: true, force: true }));
    writeFileSync(join(other, "baku.yaml"), readFileSync(baku, "utf8").replace("speaker: shoigu", "speaker: putin"));
    const started = await open().sync(other, { trust: true });
    expect(started.ok).toBe(false);
    expect(JSON.stringify(started)).toContain('\\"putin\\" is not among the article\'s people');
  });

  it("after a sync with problems looks again at those files, whatever it is told", async () => {
    const { dir, open } = setUp();
    const snapshot = open();
    await snapshot.sync(dir);
    const baku = join(dir, "baku.yaml");
    const good = readFileSync(baku, "utf8");
    writeFileSync(baku, good.replace("date: 2019-10-30", "date: someday"));
    touch(baku, 60);
    expect((await snapshot.sync(dir, { only: ["baku.yaml"] })).ok).toBe(false);
    // Another file changes; the broken one is still broken and is still said to be.
    const [other] = generateArticles(1, 5);
    touch(join(dir, `${other?.id}.yaml`), 120);
    const again = await snapshot.sync(dir, { only: [`${other?.id}.yaml`] });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.problems.join("\n")).toMatch(/baku\.yaml/);
  });
});
