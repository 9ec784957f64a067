import { createHash, timingSafeEqual } from "node:crypto";
import type { Update } from "grammy/types";
import pino from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createMetrics } from "../../src/base/metrics";
import { createHealth } from "../../src/runtime/health";
import { startHttpServer, type HttpServer } from "../../src/runtime/http-server";
import { createInFlight } from "../../src/runtime/in-flight";
import { createMemoryRecentUpdateIds } from "../../src/runtime/recent-update-ids";
import { createWebhook, isSecretToken } from "../../src/runtime/webhook";

// Watched, not replaced: the comparison must go through it every time.
vi.mock("node:crypto", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:crypto")>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const secret = "unit-test-secret-0123456789";
let server: HttpServer | undefined;

afterEach(async () => {
  await server?.close();
});

/** A webhook on a real HTTP server, its updates held until released. */
async function setUp(maxInFlight = 1000) {
  const handled: number[] = [];
  const release: Array<() => void> = [];
  const inFlight = createInFlight();
  const webhook = createWebhook({
    handleUpdate: (update) => new Promise<void>((resolve) => release.push(() => resolve(void handled.push(update.update_id)))),
    secret,
    recentUpdateIds: createMemoryRecentUpdateIds(),
    inFlight,
    metrics: createMetrics(),
    logger: pino({ level: "silent" }),
    maxInFlight,
  });
  server = await startHttpServer({
    host: "127.0.0.1",
    port: 0,
    health: createHealth(),
    registry: createMetrics().registry,
    logger: pino({ level: "silent" }),
    webhook: { path: "/hook", handler: () => webhook.handle },
  });
  const port = server.port;
  const post = async (body: unknown, token = secret) => {
    const response = await fetch(`http://127.0.0.1:${port}/hook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": token },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    return response.status;
  };
  return { webhook, inFlight, handled, release, post };
}

const update = (update_id: number) => ({ update_id, message: { message_id: 1, date: 1, chat: { id: 1, type: "private", first_name: "A" }, text: "hi" } }) as Update;

describe("the webhook", () => {
  it("compares the secret in constant time on digests, whatever the header's length or form", () => {
    const digest = createHash("sha256").update(secret).digest();
    expect(isSecretToken(secret, digest)).toBe(true);
    expect(isSecretToken(`${secret}x`, digest)).toBe(false);
    expect(isSecretToken("", digest)).toBe(false);
    expect(isSecretToken(undefined, digest)).toBe(false);
    expect(isSecretToken([secret, secret], digest)).toBe(false);
  });

  it("compares every header with timingSafeEqual on two 32-byte digests: no early exit on a wrong length or a first wrong byte", () => {
    const digest = createHash("sha256").update(secret).digest();
    const compare = vi.mocked(timingSafeEqual);
    compare.mockClear();
    const headers = [secret, `${secret}x`, "", "a", `X${secret.slice(1)}`, `${secret.slice(0, -1)}X`, "x".repeat(10_000)];
    expect(headers.map((header) => isSecretToken(header, digest))).toEqual([true, false, false, false, false, false, false]);
    expect(compare.mock.calls).toHaveLength(headers.length);
    for (const [a, b] of compare.mock.calls) expect([a.byteLength, b.byteLength]).toEqual([32, 32]);
  });

  it("acknowledges an update at once and handles it after, counted in flight", async () => {
    const { post, handled, release, inFlight } = await setUp();
    expect(await post(update(1))).toBe(200);
    expect(handled).toEqual([]);
    expect(inFlight.size).toBe(1);
    release[0]?.();
    await inFlight.drained();
    expect(handled).toEqual([1]);
  });

  it("refuses what is not an update (400) and the wrong secret (401)", async () => {
    const { post, handled } = await setUp();
    expect(await post("{not json")).toBe(400);
    expect(await post({ message: {} })).toBe(400);
    expect(await post(update(2), "wrong")).toBe(401);
    expect(handled).toEqual([]);
  });

  it("when full, answers 503 without claiming the update, so Telegram's redelivery is handled", async () => {
    const { post, release, inFlight, handled } = await setUp(1);
    expect(await post(update(1))).toBe(200);
    expect(await post(update(2))).toBe(503);
    release[0]?.();
    await inFlight.drained();
    expect(await post(update(2))).toBe(200);
    release[1]?.();
    await inFlight.drained();
    expect(handled).toEqual([1, 2]);
  });

  it("once told to stop taking updates, answers 503 (Telegram keeps them)", async () => {
    const { post, webhook, handled } = await setUp();
    webhook.stopTaking();
    expect(await post(update(3))).toBe(503);
    expect(handled).toEqual([]);
  });
});
