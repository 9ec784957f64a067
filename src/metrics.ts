import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/**
 * The bot's Prometheus metrics, served at `GET /metrics`. One registry per
 * process (`metrics` below); tests may build their own.
 */
export function createMetrics(registry = new Registry()) {
  const metrics = {
    registry,
    /** Updates handled, by update type (`message`, `callback_query`, ...). */
    updates: new Counter({
      name: "briefing_updates_total",
      help: "Updates handled, by update type",
      labelNames: ["type"] as const,
      registers: [registry],
    }),
    /** Updates whose handling failed (the error boundary logged them), by update type. */
    updateErrors: new Counter({
      name: "briefing_update_errors_total",
      help: "Updates whose handling failed, by update type",
      labelNames: ["type"] as const,
      registers: [registry],
    }),
    /** Time from an update's arrival in the bot to the end of its handling: how long a reader waits for the answer. */
    updateDuration: new Histogram({
      name: "briefing_update_duration_seconds",
      help: "Time from an update's arrival to the end of its handling, by update type",
      labelNames: ["type"] as const,
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    /** Posts to the channel: `posted`, `failed`, or `uncertain` (sent, no answer in time). The channel feature increments it. */
    channelPosts: new Counter({
      name: "briefing_channel_posts_total",
      help: "Articles posted to the channel, by outcome (posted, failed, uncertain)",
      labelNames: ["outcome"] as const,
      registers: [registry],
    }),
    /** Failed Bot API calls, by method and `error_code` (`network` when no answer came). */
    botApiErrors: new Counter({
      name: "briefing_bot_api_errors_total",
      help: "Failed Bot API calls, by method and error_code (network: no answer)",
      labelNames: ["method", "error_code"] as const,
      registers: [registry],
    }),
    /** Webhook requests refused or skipped, by reason (`unauthorized`, `duplicate`, `malformed`, `unavailable`). */
    webhookRejections: new Counter({
      name: "briefing_webhook_rejected_total",
      help: "Webhook requests not handled, by reason (unauthorized, duplicate, malformed, unavailable)",
      labelNames: ["reason"] as const,
      registers: [registry],
    }),
    /** 1 while this instance is the one posting to the channel (holds the poster lease), else 0. */
    channelPoster: new Gauge({
      name: "briefing_channel_poster",
      help: "1 while this instance is the one posting to the channel, else 0",
      registers: [registry],
    }),
    /** 1 while the shared storage (Redis, when REDIS_URL is set) is reachable, else 0. */
    sharedStorageUp: new Gauge({
      name: "briefing_shared_storage_up",
      help: "1 while the shared storage (Redis) is reachable and sound, else 0; always 1 when embedded",
      registers: [registry],
    }),
  };
  // Known label values show up as 0 before the first event, so dashboards and alerts see them.
  for (const outcome of ["posted", "failed", "uncertain"]) metrics.channelPosts.inc({ outcome }, 0);
  for (const reason of ["unauthorized", "duplicate", "malformed", "unavailable"]) metrics.webhookRejections.inc({ reason }, 0);
  metrics.sharedStorageUp.set(1);
  collectDefaultMetrics({ register: registry });
  return metrics;
}

export type Metrics = ReturnType<typeof createMetrics>;

/** The process's metrics: import this to count (`metrics.channelPosts.inc({ outcome: "posted" })`). */
export const metrics: Metrics = createMetrics();
