import { execFile } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** Runs `npm run demo` with `input` piped in, as a newcomer would. */
function demo(input: string, env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const options = { timeout: 30_000, env: { ...process.env, CONTENT_DIR: "test/fixtures/baku", CHANNEL_ID: "", ADMIN_IDS: "", AUTOPOST: "", ...env } };
    const child = execFile(join("node_modules", ".bin", "tsx"), ["src/demo.ts"], options, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
    );
    child.stdin?.end(input);
  });
}

describe("npm run demo", () => {
  it("answers piped lines in order as plain text, through the real bot", async () => {
    const out = await demo("/attendees\n/agenda\n/quotes lebedev\n");
    const attendees = out.indexOf("Who attended");
    const agenda = out.indexOf("What was discussed");
    const quotes = out.indexOf("What Sergey Lebedev said");
    expect(attendees).toBeGreaterThanOrEqual(0);
    expect(agenda).toBeGreaterThan(attendees);
    expect(quotes).toBeGreaterThan(agenda);
    expect(out).toContain("• Sergei Shoigu: defense minister, Russia");
    expect(out).toContain("• Armenia: “Armenia refused to attend the Baku summit.”");
    expect(out).toContain("Key item\nThe Concept of Military Cooperation of the CIS Member States until 2025");
    expect(out).toContain("  | “It is deplorable that since our last meeting in Anapa city");
    expect(out).not.toMatch(/<\/?(b|i|blockquote)>/);
  });

  it("with DEMO_LANG=ru is a reader whose Telegram is Russian: the bot answers in Russian until /language switches it", async () => {
    const out = await demo("/start\nУчастники\n/language\nEnglish\n/attendees\n", { DEMO_LANG: "ru" });
    expect(out).toContain("Добро пожаловать в Briefing.");
    expect(out).toContain("[ Кратко ] [ Участники ] [ Повестка ] [ Цитаты ]");
    expect(out).toContain("Кто присутствовал\n77-е заседание Совета министров обороны государств — участников СНГ, Баку, Азербайджан, 30 октября 2019 г.");
    expect(out).toContain("Не присутствовали\n• Армения: “Armenia refused to attend the Baku summit.”");
    expect(out).toContain("[ English ] [ ✓ Русский ]");
    expect(out).toContain("(notice) I will answer you in English.");
    expect(out.slice(out.indexOf("(notice)"))).toContain("Who attended\n77th meeting of the Council of Defense Ministers of the CIS, Baku, Azerbaijan, 30 October 2019");
  });

  it("shows buttons as a line and presses one by its label", async () => {
    const out = await demo("/start\nAgenda\n");
    expect(out).toContain("[ Summary ] [ Attendees ] [ Agenda ] [ Quotes ]");
    expect(out).toContain("Key item");
  });

  it("with CHANNEL_ID set, prints the channel post first, marked as such, with its buttons", async () => {
    const out = await demo("/status\n", { CHANNEL_ID: "@newsroom", ADMIN_IDS: "42" });
    expect(out.startsWith("(channel post to @newsroom)\nCouncil of CIS Defense Ministers meets in hospitable land of Azerbaijan\nBaku, Azerbaijan, 30 October 2019\n\n")).toBe(true);
    const post = out.slice(0, out.indexOf("[ Who attended ]"));
    // Posted years after the meeting: a lead without "today", who came by country, the quote cut at a sentence.
    expect(post).toContain("\nThe 77th meeting of the Council of Defense Ministers of the CIS was held in Baku, Azerbaijan.\n");
    expect(post).toContain("• Attended: Russia, Belarus, Kazakhstan, Uzbekistan, Tajikistan, Kyrgyzstan and CIS Executive Committee. Did not attend: Armenia.");
    expect(post).toContain("• Sergey Lebedev: “It is deplorable that since our last meeting in Anapa city, the situation in the world hasn’t changed for the better…”");
    expect(post).not.toMatch(/\btoday\b/);
    expect(post.replace("(channel post to @newsroom)\n", "").replace(/ \(https:[^)]*\)/, "").trim().length).toBeLessThanOrEqual(600);
    expect(out).toContain("#CIS #Azerbaijan #Baku #DefenseMinisters\n[ Who attended ] [ Agenda ] [ Quotes ] [ Share ]");
    expect(out).toContain("Posted\n• Council of CIS Defense Ministers meets in hospitable land of Azerbaijan: posted");
  });

  it("with CHANNEL_CARD=on, prints the channel post as the summary card with the post as its caption", async () => {
    const out = await demo("", { CHANNEL_ID: "@newsroom", CHANNEL_CARD: "on" });
    expect(out).toMatch(/^\(channel post to @newsroom\)\n\[ summary card: 1200×630 PNG, \d+ KB \]\nCouncil of CIS Defense Ministers meets in hospitable land of Azerbaijan\nBaku, Azerbaijan, 30 October 2019\n/);
    expect(out).toContain("#CIS #Azerbaijan #Baku #DefenseMinisters\n[ Who attended ] [ Agenda ] [ Quotes ] [ Share ]");
  });
});

describe("npm run demo: the newsroom", () => {
  it("on an empty CONTENT_DIR with a local feed: the draft's preview first, Approve and post puts it in the channel once", async () => {
    const { mkdtemp, writeFile, copyFile, readdir } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const site = await mkdtemp(join(tmpdir(), "briefing-demo-site-"));
    const empty = await mkdtemp(join(tmpdir(), "briefing-demo-empty-"));
    await copyFile("test/fixtures/import/baku-page.html", join(site, "baku.html"));
    await writeFile(
      join(site, "feed.xml"),
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Outlet</title><item><title>Baku</title><link>file://${site}/baku.html</link><guid>baku-1</guid></item></channel></rss>`,
    );
    const out = await demo("/attendees\nApprove and post\nApprove and post\n/attendees\n", {
      CONTENT_DIR: empty,
      CHANNEL_ID: "@newsroom",
      ADMIN_IDS: "42",
      FEED_URLS: `file://${site}/feed.xml`,
    });
    expect(out.startsWith(`New draft from the feed: file://${site}/baku.html\nCouncil of CIS Defense Ministers meets`)).toBe(true);
    expect(out).toContain("[ Approve ] [ Approve and post ] [ Edit ] [ Discard ]");
    expect(out).toContain("There is no article here yet");
    expect(out.split("(channel post to @newsroom)")).toHaveLength(2);
    expect(out).toContain("On its way to @newsroom");
    expect(out).toContain("Not posted again: it is already in the channel's ledger");
    expect(out).toContain("• Sergey Shoygu: defense minister, Russia");
    // The demo drafted into a copy: the folder it was given is still empty.
    expect(await readdir(empty)).toEqual([]);
  });

  it("/upload sends a file as a document: an editor's article is added, a broken one refused with its line", async () => {
    const { mkdtemp, readFile, writeFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const dir = await mkdtemp(join(tmpdir(), "briefing-demo-upload-"));
    const real = await readFile("test/fixtures/baku/cis-defense-ministers-baku.yaml", "utf8");
    await writeFile(join(dir, "edited.yaml"), real.replace(/^headline: .*$/m, "headline: Edited headline"));
    await writeFile(join(dir, "broken.yaml"), real.replace("speaker: shoigu", "speaker: shoygu"));
    const out = await demo(`/upload ${dir}/broken.yaml\n/upload ${dir}/edited.yaml\n/summary\n`, { ADMIN_IDS: "42" });
    expect(out).toContain("broken.yaml was not taken: one problem.");
    expect(out).toMatch(/broken\.yaml:\d+:\d+: statements\[\d+\]\.speaker: "shoygu" is not among the article's people/);
    expect(out).toContain("Replaced: “Edited headline” (cis-defense-ministers-baku-2019) is live");
    expect(out).toContain("Edited headline\nBaku, Azerbaijan, 30 October 2019");
  });
});
