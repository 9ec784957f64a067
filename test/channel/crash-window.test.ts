import { spawn, type ChildProcess } from "node:child_process";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openChannelDatabase } from "../../src/channel/channel-database";
import { createSqlitePostLedger } from "../../src/channel/sqlite-post-ledger";
import { tempDataDir } from "../support/channel-fixtures";
import { startHttpBotApi } from "../support/http-bot-api";

const articleId = "cis-defense-ministers-baku-2019";
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

/** `npm start`'s process as production runs it (`node --import tsx`, so a signal reaches the bot itself, not a wrapper). */
function startBot(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  children.push(child);
  return child;
}

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));

function botEnv(apiUrl: string, dataDir: string): Record<string, string> {
  return {
    BOT_TOKEN: "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0",
    BOT_API_ROOT: apiUrl,
    CONTENT_DIR: "content",
    DATA_DIR: dataDir,
    CHANNEL_ID: "@newsroom",
    AUTOPOST: "on",
    ADMIN_IDS: "7001",
    LOG_LEVEL: "warn",
  };
}

describe("npm start with CHANNEL_ID set", () => {
  it("posts the article's summary once; stopped and started again, it does not post again", async () => {
    const api = await startHttpBotApi();
    const env = botEnv(api.url, tempDataDir());
    const channelSends = () => api.calls.filter((c) => c.method === "sendMessage" && c.payload.chat_id === "@newsroom");
    try {
      const first = startBot(env);
      await vi.waitFor(() => expect(channelSends()).toHaveLength(1), { timeout: 20_000, interval: 50 });
      expect(String(channelSends()[0]?.payload.text)).toContain("<b>Council of CIS Defense Ministers meets in hospitable land of Azerbaijan</b>");
      const firstExit = exited(first);
      first.kill("SIGTERM");
      expect(await firstExit).toEqual({ code: 0, signal: null });

      const before = api.calls.length;
      const second = startBot(env);
      await vi.waitFor(() => expect(api.calls.slice(before).some((c) => c.method === "getUpdates")).toBe(true), { timeout: 20_000, interval: 50 });
      expect(channelSends()).toHaveLength(1);
      const secondExit = exited(second);
      second.kill("SIGTERM");
      expect(await secondExit).toEqual({ code: 0, signal: null });
    } finally {
      await api.close();
    }
  });
});

describe("a kill -9 inside the window between sending a post and recording it", () => {
  it("does not post again after a restart: the post becomes uncertain and the admins are asked", async () => {
    const api = await startHttpBotApi();
    const dataDir = tempDataDir();
    const env = botEnv(api.url, dataDir);
    const channelSends = () => api.calls.filter((c) => c.method === "sendMessage" && c.payload.chat_id === "@newsroom");
    try {
      // Telegram receives the post but the answer never comes back: the process is inside the window.
      api.state.hangOn = (call) => call.method === "sendMessage" && call.payload.chat_id === "@newsroom";
      const first = startBot(env);
      await vi.waitFor(() => expect(channelSends()).toHaveLength(1), { timeout: 20_000, interval: 50 });
      const ledger = createSqlitePostLedger(openChannelDatabase(dataDir));
      expect(await ledger.get(articleId)).toMatchObject({ state: "sending", chatId: "@newsroom", messageId: null });

      const firstExit = exited(first);
      first.kill("SIGKILL");
      expect(await firstExit).toEqual({ code: null, signal: "SIGKILL" });

      api.state.hangOn = undefined;
      const before = api.calls.length;
      const second = startBot(env);
      const notices = () => api.calls.slice(before).filter((c) => c.method === "sendMessage" && c.payload.chat_id === 7001);
      await vi.waitFor(() => expect(notices().length).toBeGreaterThan(0), { timeout: 20_000, interval: 50 });
      expect(String(notices()[0]?.payload.text)).toContain("I may or may not have posted <b>Council of CIS Defense Ministers meets in hospitable land of Azerbaijan</b> to @newsroom.");
      // Polling has begun, so start-up (and the channel's first pass over the content) is over: still one send, ever.
      await vi.waitFor(() => expect(api.calls.slice(before).some((c) => c.method === "getUpdates")).toBe(true), { timeout: 20_000, interval: 50 });
      expect(channelSends()).toHaveLength(1);
      expect(await ledger.get(articleId)).toMatchObject({ state: "uncertain" });
      expect((await ledger.events(articleId)).map((e) => e.event)).toEqual(["attempt", "uncertain"]);

      const secondExit = exited(second);
      second.kill("SIGTERM");
      expect(await secondExit).toEqual({ code: 0, signal: null });
      expect(channelSends()).toHaveLength(1);
    } finally {
      await api.close();
    }
  });
});
