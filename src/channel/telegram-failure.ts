import { GrammyError, HttpError } from "grammy";
import { describeError } from "../base/describe-error";

/** How Telegram's answer to a send or an edit to the channel is handled. */
export type TelegramFailure =
  /** 429: wait `retry_after`, sending nothing to the chat before. */
  | { kind: "rate"; retryAfterMs: number }
  /** 5xx or the network: try again with backoff. */
  | { kind: "transient" }
  /** The bot may not post to the chat (not an admin, chat gone): try again much later, admins told once. */
  | { kind: "chat" }
  /** Editing: the post already shows this. */
  | { kind: "not-modified" }
  /** Editing: the post can no longer be edited. */
  | { kind: "uneditable" }
  /** Refused for good (a bad request). */
  | { kind: "permanent" };

const CHAT_REFUSED = /chat not found|not enough rights|have no rights|chat_write_forbidden|need administrator|chat_admin_required|not a member/i;
const NOT_MODIFIED = /message is not modified/i;
const UNEDITABLE = /message can't be edited|message to edit not found|message_id_invalid/i;
/** An edit of the wrong kind: CHANNEL_CARD changed since the post went out (a text post has no media, a photo no text). */
const WRONG_KIND_OF_POST = /there is no (text|media|caption) in the message to edit|message has no media/i;

/** What a failed send or edit to the channel means for the queue. */
export function classifyFailure(error: unknown): TelegramFailure {
  const described = describeError(error);
  if (described.kind !== "bot_api") {
    // The network failed (or timed out) before Telegram's answer came back; a bug is treated alike (backed off, not dropped).
    return { kind: "transient" };
  }
  const { error_code: code, description } = described;
  if (code === 429) return { kind: "rate", retryAfterMs: (described.retry_after ?? 5) * 1000 };
  if (code >= 500) return { kind: "transient" };
  if (code === 403 || CHAT_REFUSED.test(description)) return { kind: "chat" };
  if (NOT_MODIFIED.test(description)) return { kind: "not-modified" };
  if (UNEDITABLE.test(description)) return { kind: "uneditable" };
  return { kind: "permanent" };
}

/**
 * The client gave up waiting for Telegram's answer: the request went out and
 * may yet be posted, so sending it again could post it twice. (grammY reports
 * its own timeout as an HttpError around "Request to '…' timed out after N seconds".)
 */
export function isUnanswered(error: unknown): boolean {
  return error instanceof HttpError && error.error instanceof Error && /timed out/i.test(error.error.message);
}

/** Telegram refused an edit because the post is of the other kind (text or photo): edit it as what it is. */
export function isWrongKindOfPost(error: unknown): boolean {
  return error instanceof GrammyError && WRONG_KIND_OF_POST.test(error.description);
}

/**
 * A failure in one phrase, as the ledger keeps it and the admins read it:
 * `400: Bad Request: chat not found`, `network: …`, or the error itself.
 * Built on `describeError`, the log's description of the same error.
 */
export function failureText(error: unknown): string {
  const described = describeError(error);
  switch (described.kind) {
    case "bot_api":
      return `${described.error_code}: ${described.description}`;
    case "network":
      return `network: ${described.message}`;
    case "internal":
      return error instanceof Error ? `${described.name}: ${described.message}` : described.message;
  }
}
