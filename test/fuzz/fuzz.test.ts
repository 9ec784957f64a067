import { describe, expect, it } from "vitest";
import { formatFigures, fuzzTheBot, mustBeZero } from "./fuzz-the-bot";

/** The seed CI runs at: the same updates and faults every time. `npm run fuzz` tries others, and many more. */
const CI_SEED = 20_251_006;
const CI_UPDATES = 2000;

describe("fuzzing the whole bot (fixed seed)", () => {
  it(`takes ${CI_UPDATES} generated updates of every kind, under Bot API faults, without a bug, an invalid call or a lost post`, async () => {
    const report = await fuzzTheBot({ updates: CI_UPDATES, seed: CI_SEED });
    console.log(formatFigures(report));
    expect(report.failure, report.problems.join("\n")).toBeUndefined();
    expect(mustBeZero(report.figures)).toEqual({
      "unhandled errors": 0,
      "invalid outgoing calls": 0,
      "button presses left unanswered": 0,
      "channel posts lost": 0,
      "channel posts duplicated": 0,
      "channel posts the ledger does not know": 0,
    });
    // It did try what it claims to: every kind of update, every kind of fault, posts and corrections.
    const tried = report.figures.updatesByType;
    expect([...tried.values()].reduce((a, b) => a + b, 0)).toBe(CI_UPDATES);
    for (const type of ["message", "edited_message", "channel_post", "inline_query", "callback_query", "my_chat_member", "chat_member", "future_update_type"]) {
      expect(tried.get(type), type).toBeGreaterThan(0);
    }
    for (const [kind, count] of report.figures.faultsByKind) if (kind !== "400 can't be edited") expect(count, kind).toBeGreaterThan(0);
    expect(report.figures.channelPostsMade).toBeGreaterThan(0);
    expect(report.figures.spamNotices).toBeGreaterThan(0);
    expect(report.figures.documentsRead).toBeGreaterThan(0);
  });
});
