import pino, { type Logger } from "pino";
import pretty from "pino-pretty";

export const REDACTED = "[redacted]";

/**
 * The forms a secret can take in text: itself, URL-encoded (a token's `:`
 * becomes `%3A` in URLs) and, for a bot token, its secret half alone.
 */
function secretForms(secret: string): string[] {
  const forms = [secret, encodeURIComponent(secret)];
  const colon = secret.indexOf(":");
  if (colon > 0 && secret.length - colon > 16) forms.push(secret.slice(colon + 1));
  return forms;
}

/**
 * Returns a function that replaces every occurrence of the secrets in a text:
 * applied to each log line as written, so no field, message or nested error
 * (grammY's network errors carry the request URL, token included) can leak one.
 */
export function createRedactor(secrets: readonly string[]): (text: string) => string {
  const forms = [...new Set(secrets.filter((s) => s.length >= 8).flatMap(secretForms))].sort((a, b) => b.length - a.length);
  if (forms.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const form of forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
    return out;
  };
}

export interface LoggerOptions {
  level: string;
  /** `json`: one object a line, for machines; `pretty`: coloured lines for people. */
  format: "json" | "pretty";
  /** Values that must never be written: the bot token, the webhook secret. */
  secrets: readonly string[];
  /** File descriptor to write to. @default 1 (stdout) */
  fd?: 1 | 2;
}

/** Whether logs should be for people: explicitly, or when a person is watching (a terminal, development). */
export function defaultLogFormat(env: NodeJS.ProcessEnv, isTTY: boolean | undefined): "json" | "pretty" {
  return isTTY === true || env.NODE_ENV === "development" ? "pretty" : "json";
}

/**
 * The process's logger: pino, written synchronously (nothing is lost when the
 * process exits), with every secret replaced in every line.
 */
export function createLogger(options: LoggerOptions): Logger {
  const fd = options.fd ?? 1;
  const redact = createRedactor(options.secrets);
  const destination =
    options.format === "pretty"
      ? pretty({ destination: fd, sync: true, colorize: pretty.isColorSupported, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" })
      : pino.destination({ dest: fd, sync: true });
  return pino({ level: options.level, hooks: { streamWrite: redact } }, destination);
}
