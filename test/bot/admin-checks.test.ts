import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { openChannelDatabase } from "../../src/channel/channel-database";
import { createSqlitePostLedger } from "../../src/channel/sqlite-post-ledger";
import type { Article } from "../../src/content/article-schema";
import type { ApiCall } from "../../src/demo/local-bot-api";
import { admin, channelId, createChannelTestBot, otherAdmin, tempDataDir, userChat } from "../support/channel-fixtures";
import { loadRealArticles, reader } from "../support/test-bot";

let real: Article;
beforeAll(async () => {
  [real] = (await loadRealArticles()) as [Article];
});

const adminChat = userChat(admin);
const readerChat = userChat(reader);
const sent = (calls: ApiCall[]) => calls.filter((c) => c.method === "sendMessage");
const refusal = [{ method: "answerCallbackQuery", payload: expect.objectContaining({ text: "Only the channel's admins can do that.", show_alert: true }) }];

/** Every button /publish can show, for the article. */
const publishButtons = (id: string) => [`pub:pick:${id}`, `pub:now:${id}`, `pub:schedule:${id}`, `pub:mark:${id}`, `pub:nolink:${id}`, `pub:cancel:${id}`, "pub:cancel"];

const bots: Array<{ channel: { close(): Promise<void> } }> = [];
afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.channel.close();
});

/** A channel bot whose ledger has `articleId` uncertain (a crash in the window), so every /publish step is reachable. */
async function botWithUncertainPost(dataDir = tempDataDir(), adminIds?: number[]) {
  const crashed = createSqlitePostLedger(openChannelDatabase(dataDir), { pid: 2 ** 22 + 4242 });
  await crashed.claimPost({ articleId: real.id, chatId: channelId, contentHash: "x", now: Date.now(), autoAllowed: true, limit: { count: 20, windowMs: 60_000, minIntervalMs: 0 } });
  const t = await createChannelTestBot({ articles: [real], dataDir, ...(adminIds ? { adminIds } : {}) });
  bots.push(t);
  await t.channel.publisher.start();
  return t;
}

/** Where an admin's /publish can be waiting, and how to get it there. */
const stages: Array<{ stage: string; steps: string[]; next: { press: string; says: string } }> = [
  { stage: "the article list", steps: [], next: { press: "pub:pick:ID", says: "Above: the post as it will appear. Now: uncertain" } },
  { stage: "the preview", steps: ["pub:pick:ID"], next: { press: "pub:cancel:ID", says: "Cancelled; nothing was changed." } },
  { stage: "the question for a time", steps: ["pub:pick:ID", "pub:schedule:ID"], next: { press: "pub:cancel:ID", says: "Cancelled; nothing was changed." } },
  { stage: "the question for the post's link", steps: ["pub:pick:ID", "pub:mark:ID"], next: { press: "pub:nolink:ID", says: "Recorded as posted; without its link" } },
];

describe("admin-only actions are checked on every step, not only when /publish begins", () => {
  for (const { stage, steps, next } of stages) {
    it(`at ${stage}: every /publish button forged by someone else does nothing, and the admin's /publish goes on`, async () => {
      const t = await botWithUncertainPost();
      await t.send(adminChat.message("/publish"));
      for (const step of steps) await t.send(adminChat.press(step.replace("ID", real.id)));
      const ledgerBefore = await t.channel.ledger.all();

      for (const data of publishButtons(real.id)) {
        // On the admin's own message (forwarded, or data forged), and in the reader's chat.
        expect(await t.send(readerChat.press(data, { id: admin.id, first_name: admin.first_name })), data).toEqual(refusal);
        expect(await t.send(readerChat.press(data)), data).toEqual(refusal);
      }
      // Typing the answers the step waits for does nothing to the admin's /publish either.
      for (const text of ["18:00", "https://t.me/newsroom/57", "/publish"]) {
        const calls = await t.send(readerChat.message(text));
        expect(calls.every((c) => c.payload.chat_id === reader.id)).toBe(true);
      }

      await t.channel.publisher.whenIdle();
      expect(await t.channel.ledger.all()).toEqual(ledgerBefore);
      expect(t.textsTo(channelId)).toEqual([]);
      const [answer] = sent(await t.send(adminChat.press(next.press.replace("ID", real.id))));
      expect(t.textsTo(admin.id).at(-1) ?? "").toContain(next.says);
      expect(answer?.payload.chat_id).toBe(admin.id);
    });
  }

  it("an admin taken out of ADMIN_IDS while their /publish waits (it survives restarts) can no longer act in it", async () => {
    const dataDir = tempDataDir();
    const before = await botWithUncertainPost(dataDir);
    await before.send(adminChat.message("/publish"));
    await before.send(adminChat.press(`pub:pick:${real.id}`));
    await before.channel.close();
    bots.splice(0);

    const after = await createChannelTestBot({ articles: [real], dataDir, adminIds: [otherAdmin.id] });
    bots.push(after);
    const ledgerBefore = await after.channel.ledger.all();
    for (const data of publishButtons(real.id)) expect(await after.send(adminChat.press(data)), data).toEqual(refusal);
    expect(sent(await after.send(adminChat.message("/publish"))).map((c) => c.payload.text)).toEqual(["/publish and /status are for the channel's admins only."]);
    await after.channel.publisher.whenIdle();
    expect(await after.channel.ledger.all()).toEqual(ledgerBefore);
    expect(after.textsTo(channelId)).toEqual([]);
  });
});
