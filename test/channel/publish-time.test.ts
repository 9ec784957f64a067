import { describe, expect, it } from "vitest";
import { parsePublishTime } from "../../src/channel/publish-time";
import { languageOf } from "../../src/i18n/translate";

const now = Date.parse("2025-01-31T15:20:00Z");
const at = (input: string) => {
  const parsed = parsePublishTime(input, now);
  return parsed.ok ? new Date(parsed.at).toISOString() : parsed.problem;
};

describe("reading the time an admin gives for a post", () => {
  it("reads relative times, clock times (UTC, the next one) and dates, with or without an offset", () => {
    expect(at("in 2h")).toBe("2025-01-31T17:20:00.000Z");
    expect(at("in 1h 30m")).toBe("2025-01-31T16:50:00.000Z");
    expect(at("In 45 minutes")).toBe("2025-01-31T16:05:00.000Z");
    expect(at("in 1 day")).toBe("2025-02-01T15:20:00.000Z");
    expect(at("18:00")).toBe("2025-01-31T18:00:00.000Z");
    expect(at("09:30")).toBe("2025-02-01T09:30:00.000Z");
    expect(at("tomorrow 9:30")).toBe("2025-02-01T09:30:00.000Z");
    expect(at("2025-02-14 08:00")).toBe("2025-02-14T08:00:00.000Z");
    expect(at("2025-02-14T08:00Z")).toBe("2025-02-14T08:00:00.000Z");
    expect(at("2025-02-14 08:00 +03:00")).toBe("2025-02-14T05:00:00.000Z");
    expect(at("2025-02-14T08:00:00-0130")).toBe("2025-02-14T09:30:00.000Z");
  });

  it("says what is wrong with anything else", () => {
    expect(at("soon")).toMatch(/^I could not read “soon” as a time\. Try 2025-01-31 18:00/);
    expect(at("2025-02-30 10:00")).toBe("“2025-02-30 10:00” is not a real date and time.");
    expect(at("25:00")).toBe("“25:00” is not a real date and time.");
    expect(at("2025-01-31 15:00")).toBe("That time has passed: give one in the future, or choose Post now.");
    expect(at("2027-01-01 10:00")).toBe("That is more than a year ahead: give a nearer time.");
  });
});

describe("reading the time a Russian-speaking admin gives", () => {
  const ru = languageOf("ru");
  const atRu = (input: string) => {
    const parsed = parsePublishTime(input, now, ru);
    return parsed.ok ? new Date(parsed.at).toISOString() : parsed.problem;
  };

  it("reads через and завтра as in and tomorrow, and the English forms too", () => {
    expect(atRu("через 2ч")).toBe("2025-01-31T17:20:00.000Z");
    expect(atRu("Через 1 час 30 минут")).toBe("2025-01-31T16:50:00.000Z");
    expect(atRu("через 2 дня")).toBe("2025-02-02T15:20:00.000Z");
    expect(atRu("завтра 9:30")).toBe("2025-02-01T09:30:00.000Z");
    expect(atRu("in 45m")).toBe("2025-01-31T16:05:00.000Z");
  });

  it("says what is wrong in Russian", () => {
    expect(atRu("скоро")).toMatch(/^Не понял «скоро» как время\. Попробуйте 2025-01-31 18:00 \(UTC, или добавьте смещение/);
    expect(atRu("25:00")).toBe("«25:00» — такой даты и времени не бывает.");
    expect(atRu("2025-01-31 15:00")).toBe("Это время уже прошло: укажите будущее или нажмите «Опубликовать».");
    expect(atRu("через 2 года")).toMatch(/^Не понял/);
  });
});
