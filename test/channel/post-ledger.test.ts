import { execFile, spawnSync } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { openChannelDatabase } from "../../src/channel/channel-database";
import { createPostLedger, type SendLimit } from "../../src/channel/post-ledger";
import { tempDataDir } from "../support/channel-fixtures";

const run = promisify(execFile);
const generous: SendLimit = { count: 1000, windowMs: 60_000, minIntervalMs: 0 };
const claim = (ledger: ReturnType<typeof createPostLedger>, articleId: string, now = 1000) =>
  ledger.claimPost({ articleId, chatId: "@newsroom", contentHash: "h1", now, autoAllowed: true, limit: generous });

/** The pid of a process that has exited: a claim left by it is abandoned. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString());
}

describe("the post ledger", () => {
  it("keeps a post across a restart: a reopened ledger will not let it be claimed again", () => {
    const dir = tempDataDir();
    const first = createPostLedger(openChannelDatabase(dir));
    expect(claim(first, "a")).toEqual({ status: "claimed" });
    first.recordPosted({ articleId: "a", messageId: 17, contentHash: "h1", now: 2000 });

    const second = createPostLedger(openChannelDatabase(dir));
    expect(claim(second, "a", 3000)).toMatchObject({ status: "not-eligible" });
    expect(second.get("a")).toMatchObject({ chatId: "@newsroom", state: "posted", messageId: 17, contentHash: "h1", revision: 1, attemptAt: 1000, postedAt: 2000 });
    expect(second.events("a").map((e) => e.event)).toEqual(["attempt", "posted"]);
  });

  it("lets exactly one of two ledgers on the same file claim an article", () => {
    const dir = tempDataDir();
    const one = createPostLedger(openChannelDatabase(dir));
    const two = createPostLedger(openChannelDatabase(dir));
    expect(claim(one, "a")).toEqual({ status: "claimed" });
    expect(claim(two, "a")).toMatchObject({ status: "not-eligible", record: { state: "sending", owner: one.instanceId } });
  });

  it("lets exactly one of several real processes on one DATA_DIR claim each article", async () => {
    const dir = tempDataDir();
    openChannelDatabase(dir).close();
    const ids = Array.from({ length: 40 }, (_, i) => `article-${i}`);
    const script = join("test", "channel", "fixtures", "claim-race.ts");
    const results = await Promise.all(
      [1, 2, 3].map(() => run(join("node_modules", ".bin", "tsx"), [script, dir, ...ids]).then(({ stdout }) => JSON.parse(stdout) as string[])),
    );
    const won = results.flat();
    expect(won.toSorted()).toEqual(ids.toSorted());
    expect(new Set(won).size).toBe(ids.length);
  });

  it("keeps within the send limit and a 429 pause across ledgers", () => {
    const db = openChannelDatabase(":memory:");
    const one = createPostLedger(db);
    const two = createPostLedger(db);
    const limit: SendLimit = { count: 2, windowMs: 60_000, minIntervalMs: 1000 };
    const take = (ledger: typeof one, id: string, now: number) =>
      ledger.claimPost({ articleId: id, chatId: "@newsroom", contentHash: "h", now, autoAllowed: true, limit });
    expect(take(one, "a", 0)).toEqual({ status: "claimed" });
    expect(take(two, "b", 500)).toEqual({ status: "wait", until: 1000 });
    expect(take(two, "b", 1000)).toEqual({ status: "claimed" });
    expect(take(one, "c", 2000)).toEqual({ status: "wait", until: 60_000 });
    two.pauseChat("@newsroom", 90_000);
    expect(take(one, "c", 60_000)).toEqual({ status: "wait", until: 90_000 });
    expect(take(one, "c", 90_000)).toEqual({ status: "claimed" });
  });

  it("makes a claim abandoned by a dead process uncertain, once, and leaves live ones alone", () => {
    const db = openChannelDatabase(":memory:");
    const dead = createPostLedger(db, { pid: deadPid() });
    dead.register(1000);
    expect(claim(dead, "a")).toEqual({ status: "claimed" });
    const live = createPostLedger(db, { instanceId: "live-other", pid: process.pid });
    live.register(1000);
    expect(claim(live, "b")).toEqual({ status: "claimed" });
    const remote = createPostLedger(db, { instanceId: "remote", host: "another-machine" });
    remote.register(1000);
    expect(claim(remote, "c")).toEqual({ status: "claimed" });

    const restarted = createPostLedger(db);
    restarted.register(2000);
    expect(restarted.sweepAbandoned(2000).map((r) => [r.articleId, r.state])).toEqual([["a", "uncertain"]]);
    expect(restarted.sweepAbandoned(2001)).toEqual([]);
    expect(restarted.get("b")?.state).toBe("sending");
    // Another machine's process is taken for dead only when it has not been heard from for 30 s.
    expect(restarted.sweepAbandoned(1000 + 29_000)).toEqual([]);
    live.heartbeat(30_000);
    expect(restarted.sweepAbandoned(1000 + 31_000).map((r) => r.articleId)).toEqual(["c"]);
    expect(claim(restarted, "a", 50_000)).toMatchObject({ status: "not-eligible", record: { state: "uncertain" } });
  });

  it("records corrections as revisions, and a failed correction is not tried again for the same content", () => {
    const ledger = createPostLedger(openChannelDatabase(":memory:"));
    claim(ledger, "a");
    ledger.recordPosted({ articleId: "a", messageId: 5, contentHash: "h1", now: 2000 });
    expect(ledger.claimEdit({ articleId: "a", contentHash: "h1", now: 3000, limit: generous })).toMatchObject({ status: "not-eligible" });
    expect(ledger.claimEdit({ articleId: "a", contentHash: "h2", now: 3000, limit: generous })).toEqual({ status: "claimed" });
    ledger.recordEdited({ articleId: "a", contentHash: "h2", now: 3000, modified: true });
    expect(ledger.get("a")).toMatchObject({ revision: 2, contentHash: "h2", editedAt: 3000, messageId: 5 });
    expect(ledger.claimEdit({ articleId: "a", contentHash: "h3", now: 4000, limit: generous })).toEqual({ status: "claimed" });
    ledger.recordEditFailed({ articleId: "a", contentHash: "h3", error: "400: Bad Request: message can't be edited", now: 4000 });
    expect(ledger.claimEdit({ articleId: "a", contentHash: "h3", now: 5000, limit: generous })).toMatchObject({ status: "not-eligible" });
    expect(ledger.get("a")).toMatchObject({ revision: 2, editError: "400: Bad Request: message can't be edited" });
    expect(ledger.events("a").map((e) => [e.event, e.revision])).toEqual([
      ["attempt", 0],
      ["posted", 1],
      ["edited", 2],
      ["edit-failed", 2],
    ]);
  });
});
