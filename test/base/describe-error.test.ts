import { GrammyError, HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import { describeError, summariseError } from "../../src/base/describe-error";

describe("describing an error for the log", () => {
  it("gives a Bot API refusal its method, code and description, without the payload", () => {
    const error = new GrammyError("Call to 'sendMessage' failed!", { ok: false, error_code: 429, description: "Too Many Requests: retry after 3", parameters: { retry_after: 3 } }, "sendMessage", { chat_id: 1, text: "a reader's words" });
    expect(describeError(error)).toEqual({ kind: "bot_api", method: "sendMessage", error_code: 429, description: "Too Many Requests: retry after 3", retry_after: 3 });
    expect(summariseError(error)).toBe("429: Too Many Requests: retry after 3");
  });

  it("gives a network failure its message and cause", () => {
    const cause = Object.assign(new Error("request to http://x/bot1:A/getMe failed, reason: connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    expect(describeError(new HttpError("Network request for 'getMe' failed!", cause))).toEqual({
      kind: "network",
      message: "Network request for 'getMe' failed!",
      cause: cause.message,
      code: "ECONNREFUSED",
    });
  });

  it("calls anything else internal, with its stack", () => {
    expect(describeError(new TypeError("x is undefined"))).toMatchObject({ kind: "internal", name: "TypeError", message: "x is undefined", stack: expect.stringContaining("TypeError") });
    expect(describeError("odd")).toEqual({ kind: "internal", name: "string", message: "odd" });
    // A system error keeps its code: how a log reader tells a refused connection from a missing file.
    expect(describeError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:6379"), { code: "ECONNREFUSED" }))).toMatchObject({ kind: "internal", code: "ECONNREFUSED" });
  });
});
