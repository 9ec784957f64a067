import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Article } from "../../src/content/article-schema";
import { createContentWatcher } from "../../src/content/content-watcher";

const real = "test/fixtures/baku/cis-defense-ministers-baku.yaml";
let stop: (() => void) | undefined;
afterEach(() => stop?.());

/** A watcher of `dir` that records what it loads and the problems it reports; not started. */
function recordingWatcher(dir: string) {
  const loads: string[][] = [];
  const problems: string[][] = [];
  const watcher = createContentWatcher({
    dir,
    intervalMs: 20,
    onLoaded: (articles: Article[]) => loads.push(articles.map((a) => a.id)),
    onProblems: (found) => problems.push(found),
    logger: pino({ level: "silent" }),
  });
  stop = () => watcher.stop();
  return { watcher, loads, problems };
}

async function watchedFolder() {
  const dir = await mkdtemp(join(tmpdir(), "briefing-content-"));
  await cp(real, join(dir, "baku.yaml"));
  const { watcher, loads, problems } = recordingWatcher(dir);
  const first = await watcher.load();
  watcher.start();
  return { dir, first, loads, problems };
}

describe("the content watcher", () => {
  it("picks up a new article file while running", async () => {
    const { dir, first, loads } = await watchedFolder();
    expect(first.ok && first.articles.map((a) => a.id)).toEqual(["cis-defense-ministers-baku-2019"]);
    const text = await readFile(real, "utf8");
    await writeFile(join(dir, "second.yaml"), text.replace("id: cis-defense-ministers-baku-2019", "id: second-story").replace("date: 2019-10-30", "date: 2019-11-02"));
    await vi.waitFor(() => expect(loads.at(-1)).toEqual(["second-story", "cis-defense-ministers-baku-2019"]));
  });

  it("keeps the last good content when a broken file arrives, reports its problems once, and loads the fix", async () => {
    const { dir, loads, problems } = await watchedFolder();
    const text = await readFile(real, "utf8");
    await writeFile(join(dir, "broken.yaml"), text.replace("id: cis-defense-ministers-baku-2019", "id: broken").replace("speaker: shoigu", "speaker: putin"));
    await vi.waitFor(() => expect(problems).toHaveLength(1));
    expect(problems[0]).toEqual([`${join(dir, "broken.yaml")}:125:14: statements[1].speaker: "putin" is not among the article's people`]);
    expect(loads).toEqual([]);
    // The same problems are not reported again on every look.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(problems).toHaveLength(1);

    await writeFile(join(dir, "broken.yaml"), text.replace("id: cis-defense-ministers-baku-2019", "id: fixed"));
    await vi.waitFor(() => expect(loads.at(-1)).toEqual(["cis-defense-ministers-baku-2019", "fixed"]));
    await rm(join(dir, "broken.yaml"));
    await vi.waitFor(() => expect(loads.at(-1)).toEqual(["cis-defense-ministers-baku-2019"]));
  });

  it("looks at a folder it cannot watch (not there yet) until it appears, then loads it", async () => {
    const parent = await mkdtemp(join(tmpdir(), "briefing-content-"));
    const dir = join(parent, "later");
    const { watcher, loads, problems } = recordingWatcher(dir);
    watcher.start();
    await vi.waitFor(() => expect(problems).toEqual([[`${dir}: the folder does not exist`]]));
    await cp("test/fixtures/baku", dir, { recursive: true });
    await vi.waitFor(() => expect(loads.at(-1)).toEqual(["cis-defense-ministers-baku-2019"]));
    // Watched from then on: an edit is picked up too.
    const text = await readFile(real, "utf8");
    await writeFile(join(dir, "second.yaml"), text.replace("id: cis-defense-ministers-baku-2019", "id: second-story").replace("date: 2019-10-30", "date: 2019-11-02"));
    await vi.waitFor(() => expect(loads.at(-1)).toEqual(["second-story", "cis-defense-ministers-baku-2019"]));
  });
});
