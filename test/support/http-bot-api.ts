import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { localBotInfo, type ApiCall } from "../../src/local-bot-api";

/**
 * A Bot API over real HTTP on 127.0.0.1, for a bot running in a child
 * process: answers getMe, long polling (empty, after a short wait) and
 * sendMessage like Telegram, and records every call. With `hangOn` set, a
 * matching call is recorded and never answered, as if the process were
 * killed while waiting for Telegram.
 */
export async function startHttpBotApi() {
  const calls: ApiCall[] = [];
  let nextMessageId = 100;
  const state: { hangOn?: (call: ApiCall) => boolean } = {};
  const reply = (res: ServerResponse, result: unknown) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ ok: true, result }));
  };
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      const method = (req.url ?? "").slice((req.url ?? "").lastIndexOf("/") + 1);
      const payload = body === "" ? {} : (JSON.parse(body) as Record<string, unknown>);
      const call = { method, payload };
      calls.push(call);
      if (state.hangOn?.(call)) return;
      if (method === "getMe") return reply(res, localBotInfo);
      if (method === "getUpdates") return void setTimeout(() => reply(res, []), 50);
      if (method === "sendMessage") {
        const chatId = payload.chat_id;
        return reply(res, {
          message_id: nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: typeof chatId === "string" ? { id: -1001234567890, type: "channel", title: chatId } : { id: chatId, type: "private", first_name: "Admin" },
          text: String(payload.text ?? ""),
        });
      }
      reply(res, true);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    state,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
