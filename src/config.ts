import { z } from "zod";

const TOKEN_HELP =
  "BOT_TOKEN is missing or malformed: get a token from @BotFather in Telegram (it looks like 123456789:AA...), put it in .env as BOT_TOKEN=..., or try the bot without one: npm run demo.";

/** The environment the bot reads, checked once at start-up. */
export const configSchema = z.object({
  BOT_TOKEN: z.string({ error: TOKEN_HELP }).trim().regex(/^\d{1,20}:[A-Za-z0-9_-]{30,100}$/, TOKEN_HELP),
  /** @default "https://api.telegram.org" */
  BOT_API_ROOT: z.url({ protocol: /^https?$/, message: "BOT_API_ROOT must be an http(s) URL" }).default("https://api.telegram.org"),
  /** @default "content" */
  CONTENT_DIR: z.string().min(1).default("content"),
  /** @default "data" */
  DATA_DIR: z.string().min(1).default("data"),
  /** @default "info" */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Config = z.infer<typeof configSchema>;

/** Parses the environment; on failure, one sentence per problem, the token's first. */
export function parseConfig(env: NodeJS.ProcessEnv): { ok: true; config: Config } | { ok: false; problems: string[] } {
  // An empty variable (`LOG_LEVEL=` in .env) means "not set", so its default applies.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ""));
  const result = configSchema.safeParse(present);
  if (result.success) return { ok: true, config: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) =>
      issue.path[0] === "BOT_TOKEN" ? TOKEN_HELP : `${issue.path.join(".")}: ${issue.message}`,
    ),
  };
}
