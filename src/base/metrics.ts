import { Counter, Gauge, Registry, collectDefaultMetrics, type MetricObjectWithValues, type MetricValueWithName, type MetricType } from "prom-client";

/** The buckets of `briefing_update_duration_seconds`, in seconds. */
const updateDurationBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] as const;

/** One update type's figures: how many, their total time, and how many fell in each bucket (the last is +Inf). */
interface TypeTally {
  count: number;
  sum: number;
  buckets: Float64Array;
}

/**
 * Updates counted and timed in plain numbers, per update type, and handed to prom-client only
 * when `/metrics` is scraped: prom-client's `inc` and `observe` hash their labels and look up
 * their series on every call, which cost more per update than the rest of the metrics.
 */
export class UpdateTally {
  readonly types = new Map<string, TypeTally>();

  /** The tally of one type, made on first use: hold on to it and `record` into it. */
  of(type: string): TypeTally {
    let tally = this.types.get(type);
    if (tally === undefined) {
      tally = { count: 0, sum: 0, buckets: new Float64Array(updateDurationBuckets.length + 1) };
      this.types.set(type, tally);
    }
    return tally;
  }

  /** Counts one update of `tally`'s type that took `seconds`. */
  static record(tally: TypeTally, seconds: number): void {
    let bucket = 0;
    while (bucket < updateDurationBuckets.length && seconds > (updateDurationBuckets[bucket] as number)) bucket++;
    tally.buckets[bucket]! += 1;
    tally.sum += seconds;
    tally.count += 1;
  }
}

/**
 * `briefing_update_duration_seconds`, a histogram by update type, read from an `UpdateTally`
 * when scraped. Registered as prom-client's registry takes any metric: a name, a help, a type
 * and a `get()` that returns the values (what prom-client's own `Histogram.get()` returns).
 */
class TalliedHistogram {
  readonly type = "histogram";
  readonly aggregator = "sum";
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly tally: UpdateTally,
  ) {}

  async get(): Promise<Omit<MetricObjectWithValues<MetricValueWithName<"type" | "le">>, "collect">> {
    const values: MetricValueWithName<"type" | "le">[] = [];
    for (const [type, { count, sum, buckets }] of this.tally.types) {
      let cumulative = 0;
      updateDurationBuckets.forEach((le, i) => {
        cumulative += buckets[i] as number;
        values.push({ labels: { le, type }, value: cumulative, metricName: `${this.name}_bucket` });
      });
      values.push({ labels: { le: "+Inf", type }, value: count, metricName: `${this.name}_bucket` });
      values.push({ labels: { type }, value: sum, metricName: `${this.name}_sum` });
      values.push({ labels: { type }, value: count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: "histogram" as unknown as MetricType, values, aggregator: this.aggregator };
  }

  /** Clears the figures (prom-client's `resetMetrics`). */
  reset(): void {
    this.tally.types.clear();
  }
}

/**
 * The bot's Prometheus metrics, served at `GET /metrics`. One registry per
 * process (`metrics` below); tests may build their own.
 */
export function createMetrics(registry = new Registry()) {
  const updateTally = new UpdateTally();
  const metrics = {
    registry,
    /** Where `measureUpdates` counts and times updates; the two metrics below read it when scraped. */
    updateTally,
    /** Updates handled, by update type (`message`, `callback_query`, ...): `updateTally`'s counts. */
    updates: new Counter({
      name: "briefing_updates_total",
      help: "Updates handled, by update type",
      labelNames: ["type"] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const [type, { count }] of updateTally.types) this.inc({ type }, count);
      },
    }),
    /** Updates whose handling failed (the error boundary logged them), by update type. */
    updateErrors: new Counter({
      name: "briefing_update_errors_total",
      help: "Updates whose handling failed, by update type",
      labelNames: ["type"] as const,
      registers: [registry],
    }),
    /** Time from an update's arrival in the bot to the end of its handling: how long a reader waits for the answer. */
    updateDuration: new TalliedHistogram(
      "briefing_update_duration_seconds",
      "Time from an update's arrival to the end of its handling, by update type",
      updateTally,
    ),
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
  registry.registerMetric(metrics.updateDuration as unknown as Parameters<Registry["registerMetric"]>[0]);
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
