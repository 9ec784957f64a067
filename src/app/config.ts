import { z } from "zod";
import { locales } from "../i18n/locale";

const TOKEN_HELP =
  "BOT_TOKEN is missing or malformed: get a token from @BotFather in Telegram (it looks like 123456789:AA...), put it in .env as BOT_TOKEN=..., or try the bot without one: npm run demo.";

/** The settings every mode shares. */
export const commonSettings = z.object({
  BOT_TOKEN: z.string({ error: TOKEN_HELP }).trim().regex(/^\d{1,20}:[A-Za-z0-9_-]{30,100}$/, TOKEN_HELP),
  /** @default "https://api.telegram.org" */
  BOT_API_ROOT: z.url({ protocol: /^https?$/, message: "BOT_API_ROOT must be an http(s) URL" }).default("https://api.telegram.org"),
  /** @default "content" */
  CONTENT_DIR: z.string().min(1).default("content"),
  /** @default "data" */
  DATA_DIR: z.string().min(1).default("data"),
  /** @default "info" */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** The channel the bot posts each article's summary to. @example "@newsroom" @example "-1001234567890" */
  CHANNEL_ID: z
    .string()
    .trim()
    .regex(/^(@[A-Za-z][A-Za-z0-9_]{3,31}|-100\d{1,15})$/, "CHANNEL_ID must be the channel's @username or its numeric id starting with -100")
    .optional(),
  /** Post articles by themselves (on, off, true, false, yes, no, 1, 0). @default on when CHANNEL_ID is set */
  AUTOPOST: z.stringbool({ error: "AUTOPOST must be on or off" }).optional(),
  /**
   * AUTOPOST's safety window, in hours: only articles whose date (or `publishAt`) is at most this old go
   * out by themselves; older ones wait for an admin's /publish, so a lost ledger cannot post the archive
   * again. 0: no limit. @default 48
   */
  AUTOPOST_MAX_AGE: z.coerce
    .number({ error: "AUTOPOST_MAX_AGE must be a number of hours (0: no limit)" })
    .min(0, "AUTOPOST_MAX_AGE must be 0 (no limit) or a number of hours")
    .max(87_600, "AUTOPOST_MAX_AGE must be at most 87600 hours (ten years); 0 means no limit")
    .default(48),
  /** A summary card image (headline, place and date, outlet) above each channel post, which then is its caption. @default off */
  CHANNEL_CARD: z.stringbool({ error: "CHANNEL_CARD must be on or off" }).default(false),
  /** The channel's language (en, ru): the post's words and the article's translations into it. @default each article's own language */
  CHANNEL_LANGUAGE: z.enum(locales, { error: "CHANNEL_LANGUAGE must be en or ru" }).optional(),
  /** Telegram user ids allowed to use /publish and /status, comma-separated. @example "12345678,87654321" */
  ADMIN_IDS: z
    .string()
    .regex(/^\s*\d{1,16}\s*(,\s*\d{1,16}\s*)*,?\s*$/, "ADMIN_IDS must be Telegram user ids separated by commas, e.g. 12345678,87654321")
    .transform((ids) => [...new Set(ids.split(",").map((id) => id.trim()).filter((id) => id !== "").map(Number))])
    .optional(),
  /**
   * Shared state for several instances of the bot: the post ledger, the poster's lease, the admins'
   * conversations, the webhook's update_ids, the spam limiter's counters. Unset: SQLite in DATA_DIR.
   * @example "redis://127.0.0.1:6379" @example "rediss://:password@redis.internal:6380/2"
   */
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: "REDIS_URL must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379" }).optional(),
  /** RSS or Atom feeds, comma-separated: each new item is drafted and the admins told. @example "https://outlet.example/rss.xml" */
  FEED_URLS: z
    .string()
    .transform((value, ctx) => {
      const urls = [...new Set(value.split(",").map((url) => url.trim()).filter((url) => url !== ""))];
      for (const url of urls) {
        let protocol = "";
        try {
          protocol = new URL(url).protocol;
        } catch {
          // reported below
        }
        if (!["http:", "https:", "file:"].includes(protocol)) {
          ctx.addIssue({ code: "custom", message: `FEED_URLS must be http(s) URLs separated by commas (a file:// URL for a local feed); "${url}" is not one` });
        }
      }
      return urls;
    })
    .optional(),
  /** Seconds between two polls of each feed. @default 300 */
  FEED_INTERVAL: z.coerce
    .number({ error: "FEED_INTERVAL must be a number of seconds" })
    .int("FEED_INTERVAL must be a whole number of seconds")
    .min(1, "FEED_INTERVAL must be at least 1 second")
    .max(86_400, "FEED_INTERVAL must be at most 86400 (a day)")
    .default(300),
  /** With REDIS_URL: how long the posting instance's lease lasts unless renewed, i.e. how soon another takes over when it dies. @default 15000 */
  REDIS_LEASE_MS: z.coerce
    .number({ error: "REDIS_LEASE_MS must be a number of milliseconds" })
    .int("REDIS_LEASE_MS must be a whole number of milliseconds")
    .min(1000, "REDIS_LEASE_MS must be at least 1000")
    .max(600_000, "REDIS_LEASE_MS must be at most 600000 (10 minutes)")
    .default(15_000),
});

export type Config = z.infer<typeof configSchema>;

const port = (what: string) => z.coerce.number({ error: `${what} must be a port number` }).int(what).min(0, what).max(65_535, what);

/** How the process runs, in either mode. */
const runtimeSettings = {
  /** `json` (one object a line) or `pretty` (for people). @default "pretty" when stdout is a terminal or NODE_ENV=development, else "json" */
  LOG_FORMAT: z.enum(["json", "pretty"], { error: "LOG_FORMAT must be json or pretty" }).optional(),
  /** The interface the HTTP server listens on. @default "127.0.0.1" @example "0.0.0.0" (in a container) */
  HOST: z.string().min(1).default("127.0.0.1"),
};

/** Long polling (the default): no public address needed; `PORT`, when set, serves /healthz and /metrics. */
const pollingSettings = commonSettings.extend({
  BOT_MODE: z.literal("polling").default("polling"),
  ...runtimeSettings,
  PORT: port("PORT").optional(),
  /**
   * A diagnostic, for `npm run bench`: `sequential` handles one update at a time, as grammY's
   * `bot.start()` does, instead of up to 500 at once. Not for production. @default "concurrent"
   */
  BOT_POLLING: z.enum(["concurrent", "sequential"], { error: "BOT_POLLING must be concurrent or sequential" }).default("concurrent"),
});

const SECRET_HELP = "WEBHOOK_SECRET must be 16 to 256 characters of A-Z, a-z, 0-9, _ and - (for example the output of: openssl rand -hex 32)";

/** Webhooks: Telegram POSTs updates to `WEBHOOK_URL`, which must reach this process's `HOST`:`PORT`. */
const webhookSettings = commonSettings.extend({
  BOT_MODE: z.literal("webhook"),
  ...runtimeSettings,
  /** @default 8080 */
  PORT: port("PORT").default(8080),
  /** The public address Telegram POSTs to (https, port 443, 80, 88 or 8443); its path is the one this server serves. @example "https://bot.example.com/telegram" */
  WEBHOOK_URL: z
    .url({ protocol: /^https?$/, error: "WEBHOOK_URL must be the public https URL Telegram posts updates to (required when BOT_MODE=webhook)" })
    .refine((url) => !["/healthz", "/metrics"].includes(new URL(url).pathname), "WEBHOOK_URL's path must not be /healthz or /metrics"),
  /** Sent back by Telegram in `X-Telegram-Bot-Api-Secret-Token` with every update; requests without it are refused. */
  WEBHOOK_SECRET: z.string({ error: `${SECRET_HELP} (required when BOT_MODE=webhook)` }).regex(/^[A-Za-z0-9_-]{16,256}$/, SECRET_HELP),
});

/** The environment the bot reads, checked once at start-up: webhook-only settings are required only in webhook mode. */
export const configSchema = z.discriminatedUnion("BOT_MODE", [pollingSettings, webhookSettings], {
  error: "BOT_MODE must be polling or webhook",
});

/** Parses the environment; on failure, one sentence per problem, the token's first. */
export function parseConfig(env: NodeJS.ProcessEnv): { ok: true; config: Config } | { ok: false; problems: string[] } {
  // An empty variable (`LOG_LEVEL=` in .env) means "not set", so its default applies.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ""));
  const result = configSchema.safeParse(present);
  if (result.success) {
    if (result.data.AUTOPOST === true && result.data.CHANNEL_ID === undefined) {
      return { ok: false, problems: ["AUTOPOST: AUTOPOST is on but CHANNEL_ID is not set: set the channel, or leave AUTOPOST out"] };
    }
    return { ok: true, config: result.data };
  }
  return {
    ok: false,
    problems: result.error.issues.map((issue) =>
      issue.path[0] === "BOT_TOKEN" ? TOKEN_HELP : `${issue.path.join(".")}: ${issue.message}`,
    ),
  };
}

/** AUTOPOST_MAX_AGE in milliseconds, `undefined` for no limit (0). */
export function autopostMaxAgeMs(config: Pick<Config, "AUTOPOST_MAX_AGE">): number | undefined {
  return config.AUTOPOST_MAX_AGE > 0 ? config.AUTOPOST_MAX_AGE * 3_600_000 : undefined;
}

/** Whether articles go to the channel by themselves: AUTOPOST if set, else on whenever a channel is. */
export function isAutopostOn(config: Pick<Config, "AUTOPOST" | "CHANNEL_ID">): boolean {
  return config.CHANNEL_ID !== undefined && (config.AUTOPOST ?? true);
}
