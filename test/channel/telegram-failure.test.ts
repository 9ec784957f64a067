import { GrammyError, HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import { classifyFailure, failureText, isUnanswered, isWrongKindOfPost } from "../../src/channel/telegram-failure";

const refused = (error_code: number, description: string, retry_after?: number) =>
  new GrammyError(`Call to 'sendMessage' failed!`, { ok: false, error_code, description, ...(retry_after !== undefined ? { parameters: { retry_after } } : {}) }, "sendMessage", { chat_id: "@newsroom", text: "the post" });

describe("a failed send or edit to the channel", () => {
  it("is classified by what Telegram answered", () => {
    expect(classifyFailure(refused(429, "Too Many Requests: retry after 7", 7))).toEqual({ kind: "rate", retryAfterMs: 7000 });
    expect(classifyFailure(refused(502, "Bad Gateway"))).toEqual({ kind: "transient" });
    expect(classifyFailure(refused(403, "Forbidden: bot is not a member of the channel chat"))).toEqual({ kind: "chat" });
    expect(classifyFailure(refused(400, "Bad Request: chat not found"))).toEqual({ kind: "chat" });
    expect(classifyFailure(refused(400, "Bad Request: message is not modified: specified new message content is the same"))).toEqual({ kind: "not-modified" });
    expect(classifyFailure(refused(400, "Bad Request: message can't be edited"))).toEqual({ kind: "uneditable" });
    expect(classifyFailure(refused(400, "Bad Request: can't parse entities"))).toEqual({ kind: "permanent" });
    expect(classifyFailure(new HttpError("Network request for 'sendMessage' failed!", new Error("ECONNRESET")))).toEqual({ kind: "transient" });
  });

  it("is told apart when no answer came in time (the post may be out)", () => {
    expect(isUnanswered(new HttpError("Network request for 'sendMessage' failed!", new Error("Request to 'sendMessage' timed out after 60 seconds")))).toBe(true);
    expect(isUnanswered(new HttpError("Network request for 'sendMessage' failed!", new Error("ECONNREFUSED")))).toBe(false);
    expect(isUnanswered(refused(502, "Bad Gateway"))).toBe(false);
  });

  it("knows an edit of the wrong kind of post", () => {
    expect(isWrongKindOfPost(refused(400, "Bad Request: there is no text in the message to edit"))).toBe(true);
    expect(isWrongKindOfPost(refused(400, "Bad Request: message has no media"))).toBe(true);
    expect(isWrongKindOfPost(refused(400, "Bad Request: message can't be edited"))).toBe(false);
  });

  it("is said in one phrase, as the ledger keeps it and the admins read it", () => {
    expect(failureText(refused(400, "Bad Request: chat not found"))).toBe("400: Bad Request: chat not found");
    expect(failureText(new HttpError("Network request for 'sendMessage' failed!", new Error("ECONNRESET")))).toBe("network: Network request for 'sendMessage' failed!");
    expect(failureText(new TypeError("x is undefined"))).toBe("TypeError: x is undefined");
    expect(failureText("odd")).toBe("odd");
  });
});
