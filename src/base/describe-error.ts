import { GrammyError, HttpError } from "grammy";

/** An error as logged: what kind of failure it was, with the fields that matter for that kind. */
export type ErrorDescription =
  | { kind: "bot_api"; method: string; error_code: number; description: string; retry_after?: number }
  | { kind: "network"; message: string; cause?: string; code?: string }
  | { kind: "internal"; name: string; message: string; code?: string; stack?: string };

/**
 * Tells a refusal by the Bot API (`GrammyError`: it answered, with an
 * error_code) from a failure to reach it (`HttpError`: no answer) from a bug
 * in our own code. The request payload is left out: it is the reader's text.
 */
export function describeError(error: unknown): ErrorDescription {
  if (error instanceof GrammyError) {
    return {
      kind: "bot_api",
      method: error.method,
      error_code: error.error_code,
      description: error.description,
      ...(error.parameters.retry_after !== undefined ? { retry_after: error.parameters.retry_after } : {}),
    };
  }
  if (error instanceof HttpError) {
    const inner = error.error;
    const code = typeof inner === "object" && inner !== null && "code" in inner ? String(inner.code) : undefined;
    return {
      kind: "network",
      message: error.message,
      ...(inner instanceof Error ? { cause: inner.message } : {}),
      ...(code !== undefined ? { code } : {}),
    };
  }
  if (error instanceof Error) {
    // A system error's code (ECONNREFUSED, ENOENT...) says most about it: kept, as pino's own error serialiser did.
    const code = "code" in error && error.code !== undefined ? String(error.code) : undefined;
    return { kind: "internal", name: error.name, message: error.message, ...(code !== undefined ? { code } : {}), ...(error.stack ? { stack: error.stack } : {}) };
  }
  return { kind: "internal", name: typeof error, message: String(error) };
}

/** The error in one phrase, for a sentence: `400: Bad Request: chat not found`, or the message. */
export function summariseError(error: unknown): string {
  const description = describeError(error);
  return description.kind === "bot_api" ? `${description.error_code}: ${description.description}` : description.message;
}
