import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Update } from "grammy/types";
import type { Logger } from "pino";
import type { Metrics } from "../base/metrics";
import { sendJson } from "./http-server";
import type { InFlight } from "./in-flight";
import { updateType } from "../base/update-type";
import type { RecentUpdateIds } from "./recent-update-ids";
import { describeError } from "../base/describe-error";

/** Telegram's updates are a few kilobytes; anything far larger is not from Telegram. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface WebhookOptions {
  /** Handles one update (the bot's `handleUpdate`). */
  handleUpdate: (update: Update) => Promise<void>;
  /** The `secret_token` given to `setWebhook`. */
  secret: string;
  recentUpdateIds: RecentUpdateIds;
  inFlight: InFlight;
  metrics: Metrics;
  logger: Logger;
  /** Above this many updates in flight, requests are refused (503) and Telegram delivers them later. @default 1000 */
  maxInFlight?: number;
}

export interface Webhook {
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** From now on every request is refused (503): Telegram keeps the updates and redelivers them to the next instance. */
  stopTaking(): void;
}

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Compares in constant time: both sides are hashed first, so neither the content nor the length of the secret leaks through timing. */
export function isSecretToken(header: string | string[] | undefined, secretDigest: Buffer): boolean {
  if (typeof header !== "string") return false;
  return timingSafeEqual(digest(header), secretDigest);
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function parseUpdate(body: Buffer): Update | undefined {
  try {
    const value: unknown = JSON.parse(body.toString("utf8"));
    if (typeof value !== "object" || value === null || !Number.isSafeInteger((value as { update_id?: unknown }).update_id)) return undefined;
    return value as Update;
  } catch {
    return undefined;
  }
}

/**
 * Receives Telegram's webhook requests. A request without the right
 * `X-Telegram-Bot-Api-Secret-Token` is refused (401) before its body is read.
 * An accepted update is acknowledged (200) at once and handled afterwards,
 * counted in flight so shutdown waits for it: Telegram then never waits on
 * our own Bot API calls (which may sit out a 429 for seconds), and a reply it
 * does not get in time would only make it deliver the update again. An
 * update_id already seen (a redelivery) is acknowledged and not handled again.
 */
export function createWebhook(options: WebhookOptions): Webhook {
  const { metrics, logger, inFlight } = options;
  const secretDigest = digest(options.secret);
  const maxInFlight = options.maxInFlight ?? 1000;
  let taking = true;

  const refuse = (res: ServerResponse, statusCode: number, reason: "unauthorized" | "malformed" | "unavailable") => {
    metrics.webhookRejections.inc({ reason });
    sendJson(res, statusCode, { error: reason });
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isSecretToken(req.headers["x-telegram-bot-api-secret-token"], secretDigest)) {
      // Counted in briefing_webhook_rejected_total; a debug line only, so forged requests cannot flood the log.
      logger.debug({ remote: req.socket.remoteAddress }, "webhook request without the right secret token: refused");
      res.setHeader("connection", "close");
      return refuse(res, 401, "unauthorized");
    }
    const body = await readBody(req);
    const update = body && parseUpdate(body);
    if (!update) return refuse(res, body ? 400 : 413, "malformed");
    if (!taking || inFlight.size >= maxInFlight) return refuse(res, 503, "unavailable");
    // Counted in flight from here (the same tick as the check above), so a shutdown that begins now waits for it.
    await inFlight.track(accept(update, res));
  }

  async function accept(update: Update, res: ServerResponse): Promise<void> {
    if (!(await options.recentUpdateIds.claim(update.update_id))) {
      metrics.webhookRejections.inc({ reason: "duplicate" });
      logger.info({ update_id: update.update_id }, "update delivered again: already handled");
      res.writeHead(200).end();
      return;
    }
    res.writeHead(200).end();
    try {
      await options.handleUpdate(update);
    } catch (error) {
      // The bot's error boundary logs failures; this is only reached if that failed too.
      logger.error({ update_id: update.update_id, update_type: updateType(update), error: describeError(error) }, "update failed outside the error boundary");
    }
  }

  return {
    handle(req, res) {
      handle(req, res).catch((error: unknown) => {
        logger.error({ error: describeError(error) }, "webhook request failed");
        if (!res.headersSent) sendJson(res, 500, { error: "internal" });
      });
    },
    stopTaking() {
      taking = false;
    },
  };
}
