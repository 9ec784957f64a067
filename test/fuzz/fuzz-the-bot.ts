/**
 * Property-based fuzzing of the whole bot, built as `npm start` builds it
 * (createRuntimeBot over a local `client.fetch`, the channel with its ledger
 * and /publish conversations in SQLite in memory, ADMIN_IDS set), fed
 * generated updates through `bot.handleUpdate` while the Bot API fails as the
 * step says. The properties, checked on every update and every call:
 *
 * - no update throws out of the bot, and nothing is logged as an internal
 *   error (a bug) rather than a Bot API refusal or a network failure;
 * - every call the bot makes is one Telegram accepts (the Bot API stand-in's
 *   own validator), shows user text as typed (never as markup), carries no
 *   secret, and no command for another bot is answered in a group;
 * - every button press is answered unless the Bot API failed meanwhile;
 * - once the faults stop and the channel's queue is idle: no post lost, none
 *   sent twice (beyond what an admin asked for with "Post again"), none sent
 *   without the ledger knowing.
 */
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import type { Update } from "grammy/types";
import type { Logger } from "pino";
import type { NewsroomDeps } from "../../src/bot/context";
import { createFileArticleStore } from "../../src/newsroom/article-store";
import { createNewsroom } from "../../src/newsroom/newsroom";
import type { Article } from "../../src/content/article-schema";
import { loadContent, type ContentResult } from "../../src/content/load-content";
import { createMemorySpamCounters } from "../../src/bot/spam-limit";
import { localBotInfo } from "../../src/demo/local-bot-api";
import { updateType } from "../../src/base/update-type";
import { manyArticles } from "../support/channel-fixtures";
import { captureLogs, createRuntimeTestBot } from "../support/runtime-bot";
import { createFuzzBotApi } from "./fuzz-bot-api";
import { realTimers, warpTime } from "./time-warp";
import { admins, articleIds, DOCUMENT_IDS, faultKinds, fuzzStep, POSTED, UNPOSTED, type FaultKind, type FuzzStep } from "./update-arbitraries";

export interface FuzzOptions {
  /** How many updates to send. */
  updates: number;
  seed: number;
  /** How much faster time runs (see `warpTime`). @default 300 */
  timeWarp?: number;
  /** Told of progress now and then (the CLI prints it). */
  progress?: (tried: number) => void;
}

export interface FuzzFigures {
  updatesByType: Map<string, number>;
  faultsByKind: Map<FaultKind, number>;
  unhandledErrors: number;
  invalidCalls: number;
  unansweredPresses: number;
  channelPostsLost: number;
  channelPostsDuplicated: number;
  channelPostsUnrecorded: number;
  /** For the reader: what happened besides. */
  apiCalls: number;
  channelPostsMade: number;
  channelPostsCorrected: number;
  channelPostsUncertain: number;
  updatesFailedOnFaults: number;
  spamNotices: number;
  /** Admins' documents the newsroom downloaded and checked. */
  documentsRead: number;
  seconds: number;
}

export interface FuzzReport {
  seed: number;
  figures: FuzzFigures;
  /** The first problems found, described (at most 20). */
  problems: string[];
  /** fast-check's report of the first failing step, if any. */
  failure?: string;
}

/** The bot's token in the fuzzing: of the real shape, so a leak would be recognisable. */
const FUZZ_TOKEN = "7000000009:AAFuzzTokenSecretPart_0123456789abcd";
const CHANNEL_ID = "@briefing_news";
/**
 * The bot's client gives up on a reply after this long. npm start's is 45 s
 * (REQUEST_TIMEOUT_SECONDS); what happens on a timeout does not depend on its
 * length, and a shorter one keeps the fuzzing quick.
 */
const REPLY_TIMEOUT_SECONDS = 10;
/** Longer than the channel's 60 s client timeout: a "slow answer" comes after every client gave up. */
const SLOW_ANSWER_MS = 61_000;
/** How far the spam limiter's clock moves per update: a regular reader sends one update in about eight, far below the limit; a burst does not stay below it. */
const LIMITER_STEP_MS = 150;
/** An update still running after this much real time is stuck. */
const STUCK_AFTER_MS = 20_000;

/** The real article, three copies, and one whose every text looks like markup. */
async function fuzzArticles(): Promise<Article[]> {
  const real = await loadContent("test/fixtures/baku");
  const hostile = await loadContent("test/fixtures/hostile-content");
  if (!real.ok || !hostile.ok) throw new Error("the fuzzing's content does not load");
  const [article] = real.articles as [Article];
  // Each its own url: the channel's posts are told apart by their link preview.
  const copies = manyArticles(article, 3).map((copy) => ({ ...copy, url: `${copy.url}?copy=${copy.id}` }));
  return [...real.articles, ...copies, ...hostile.articles];
}

/**
 * The newsroom of the fuzzed bot: its own folder (drafts and uploads land
 * there, loaded and checked on each change, but not swapped into the fuzzed
 * library, whose content the fuzzing controls), and documents to download:
 * an article, a broken one, YAML that is no article, binary junk, an empty
 * file, and one whose download fails.
 */
async function fuzzNewsroom(adminIds: readonly number[], logger: Logger): Promise<NewsroomDeps & { documentsRead: () => number }> {
  let documentsRead = 0;
  const dir = await mkdtemp(join(tmpdir(), "briefing-fuzz-newsroom-"));
  const real = await readFile("test/fixtures/baku/cis-defense-ministers-baku.yaml");
  const documents: Record<(typeof DOCUMENT_IDS)[number], Buffer | undefined> = {
    "doc:article": real,
    "doc:broken": Buffer.from(real.toString("utf8").replace("speaker: shoigu", "speaker: shoygu").replace("body:", "body:\n\t- tab")),
    "doc:not-article": Buffer.from("services:\n  web:\n    image: nginx\n"),
    "doc:binary": Buffer.from([0xff, 0xfe, 0x00, 0x80, 0xc3, 0x28, 0x0a]),
    "doc:empty": Buffer.alloc(0),
    "doc:gone": undefined,
  };
  let last: ContentResult = { ok: true, articles: [] };
  const reload = async () => (last = await loadContent(dir));
  const newsroom = createNewsroom({
    store: createFileArticleStore(dir),
    reload,
    loaded: () => (last.ok ? last.articles : []),
    problems: () => (last.ok ? [] : last.problems),
    logger,
  });
  return {
    adminIds: new Set(adminIds),
    newsroom,
    documentsRead: () => documentsRead,
    download: async (fileId) => {
      documentsRead += 1;
      const bytes = documents[fileId as (typeof DOCUMENT_IDS)[number]];
      if (!bytes) throw new Error("the file is no longer on Telegram's servers");
      return bytes;
    },
  };
}

/** An error logged as a bug: described as internal (errors are logged as `error: describeError(...)` everywhere), neither a Bot API refusal nor a network failure. */
function isInternalError(line: Record<string, unknown>): boolean {
  const error = line.error as { kind?: string } | undefined;
  return error?.kind === "internal";
}

/** Runs the fuzzing: `options.updates` updates from seed `options.seed`, then lets the channel settle and counts what was lost. */
export async function fuzzTheBot(options: FuzzOptions): Promise<FuzzReport> {
  const started = realTimers.now();
  const articles = await fuzzArticles();
  const [real] = articles as [Article];
  const laterArticles = articleIds
    .filter((id) => id.startsWith("later-"))
    .map((id) => ({ ...real, id, headline: `${id}: ${real.headline}`, date: "2019-10-31", url: `${real.url}?later=${id}` }));
  const warp = warpTime(options.timeWarp ?? 300);
  const problems: string[] = [];
  const problem = (text: string) => {
    if (problems.length < 20) problems.push(text);
  };
  let unhandledErrors = 0;
  const onUnhandled = (error: unknown) => {
    unhandledErrors += 1;
    problem(`unhandled rejection or exception: ${String(error)}`);
  };
  process.on("unhandledRejection", onUnhandled);
  process.on("uncaughtException", onUnhandled);

  const { logger, lines } = captureLogs([FUZZ_TOKEN]);
  let current: Update | undefined;
  let plan: (FaultKind | undefined)[] = [];
  let channelPlan: (FaultKind | undefined)[] = [];
  let faultsThisStep = 0;
  const api = createFuzzBotApi({
    botInfo: localBotInfo,
    channelId: CHANNEL_ID,
    secrets: [FUZZ_TOKEN],
    slowAnswerMs: SLOW_ANSWER_MS,
    currentUpdate: () => current,
    nextFault: (call) => {
      if ((call.method === "sendMessage" || call.method === "editMessageText") && call.payload.chat_id === CHANNEL_ID) return channelPlan.shift();
      const fault = plan.shift();
      if (fault !== undefined) faultsThisStep += 1;
      return fault;
    },
  });
  // The spam limiter counts on a clock of its own that moves on by a fixed step per update, so whether a burst trips it does not depend on how busy the machine is.
  let limiterClock = 0;
  const newsroom = await fuzzNewsroom(admins.map((a) => a.id), logger);
  const t = createRuntimeTestBot({
    newsroom,
    articles,
    client: { fetch: api.fetch, timeoutSeconds: REPLY_TIMEOUT_SECONDS },
    channelClient: { fetch: api.fetch },
    logger,
    token: FUZZ_TOKEN,
    channelId: CHANNEL_ID,
    adminIds: admins.map((a) => a.id),
    autopost: false,
    spam: { store: createMemorySpamCounters({ now: () => limiterClock }) },
  });
  const channel = t.channel;
  if (!channel) throw new Error("the fuzzing needs the channel");
  await channel.publisher.start();

  const updatesByType = new Map<string, number>();
  let tried = 0;
  let nextUpdateId = 1;
  let linesRead = 0;
  let updatesFailedOnFaults = 0;
  let unansweredPresses = 0;
  let failing = false;

  /** Reads the log lines written since the last look: bugs are counted, Bot API failures under faults too. */
  const readLogs = () => {
    for (; linesRead < lines.length; linesRead++) {
      const text = lines[linesRead] ?? "";
      if (!text.includes('"level":50') && !text.includes('"level":60')) continue;
      const line = JSON.parse(text) as Record<string, unknown>;
      if (isInternalError(line)) {
        unhandledErrors += 1;
        problem(`logged as internal: ${String(line.msg)}: ${JSON.stringify(line.error).slice(0, 600)}`);
      } else if (line.msg === "update failed") {
        updatesFailedOnFaults += 1;
      }
    }
    lines.length = 0;
    linesRead = 0;
  };

  const handle = async (body: Omit<Update, "update_id">) => {
    const update = { update_id: nextUpdateId++, ...body } as Update;
    current = update;
    limiterClock += LIMITER_STEP_MS;
    tried += 1;
    if (!failing) updatesByType.set(updateType(update), (updatesByType.get(updateType(update)) ?? 0) + 1);
    const faultsBefore = faultsThisStep;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([
        t.bot.handleUpdate(update),
        new Promise((_, reject) => (timer = realTimers.setTimeout(() => reject(new Error(`update ${update.update_id} still running after ${STUCK_AFTER_MS / 1000} s`)), STUCK_AFTER_MS))),
      ]);
    } catch (error) {
      unhandledErrors += 1;
      const cause = (error as { error?: unknown }).error;
      problem(`update ${update.update_id} (${updateType(update)}) threw: ${String(error)}\n${cause instanceof Error ? cause.stack : ""}\n${JSON.stringify(update).slice(0, 500)}`);
    } finally {
      realTimers.clearTimeout(timer);
      current = undefined;
    }
    const press = update.callback_query;
    if (press && faultsThisStep === faultsBefore && !api.answered("answerCallbackQuery", press.id)) {
      unansweredPresses += 1;
      problem(`button press left unanswered: ${JSON.stringify(press).slice(0, 300)}`);
    }
  };

  /** The article a placeholder stands for now: the first the channel has not posted (or has), else the first of all. */
  const pick = async (placeholder: string) => {
    const articles = t.library().articles;
    const postedIds = new Set((await channel.ledger.all()).filter((r) => r.state === "posted").map((r) => r.articleId));
    return (articles.find((a) => postedIds.has(a.id) === (placeholder === POSTED)) ?? articles[0])?.id ?? "";
  };
  const resolve = async (body: Omit<Update, "update_id">): Promise<Omit<Update, "update_id">> => {
    const data = body.callback_query?.data;
    return data?.includes(UNPOSTED) && body.callback_query ? { ...body, callback_query: { ...body.callback_query, data: data.replace(UNPOSTED, await pick(UNPOSTED)) } } : body;
  };

  const runStep = async (step: FuzzStep) => {
    plan = [...step.faults];
    // The channel's sends come when its queue and limits allow, often after the step that asked: its faults wait for them.
    channelPlan = [...channelPlan, ...step.channelFaults].slice(-4);
    faultsThisStep = 0;
    if (step.kind === "content change") {
      const articles = t.library().articles.flatMap((a) => t.library().article(a.id) ?? []);
      const next = laterArticles.find((a) => !articles.some((b) => b.id === a.id));
      if (step.change === "add" && next) {
        articles.push(next);
      } else {
        // An editor fixes a headline (or puts it back): the channel edits the post if it was posted.
        const id = step.articleId === POSTED ? await pick(POSTED) : step.articleId;
        const i = articles.findIndex((a) => a.id === id);
        const article = articles[i];
        if (article) articles[i] = { ...article, headline: article.headline.endsWith(" (updated)") ? article.headline.slice(0, -10) : `${article.headline} (updated)` };
      }
      await t.setArticles(articles);
      // The correction (or nothing) goes out now, meeting this step's faults; a chat that refused the bot is retried later, not waited for.
      await Promise.race([channel.publisher.whenIdle(), new Promise((resolve) => realTimers.setTimeout(resolve, 50))]);
      return;
    }
    for (const body of step.updates) {
      if (tried >= options.updates && !failing) return;
      await handle(await resolve(body));
      if (tried % 1000 === 0 && !failing) options.progress?.(tried);
    }
    plan = [];
  };

  const seen = () => unhandledErrors + api.invalid.length + unansweredPresses;
  const details = await fc.check(
    fc.asyncProperty(fuzzStep, async (step) => {
      if (tried >= options.updates && !failing) return true;
      const before = seen();
      await runStep(step);
      readLogs();
      if (seen() > before) failing = true;
      return seen() === before;
    }),
    // No shrinking: the bot keeps state from step to step, so a step replayed alone is not the step that failed.
    { seed: options.seed, numRuns: options.updates, endOnFailure: true },
  );

  // The storm is over: the Bot API answers every call again, and the channel's queue is left to finish.
  plan = [];
  channelPlan = [];
  const settle = async () => {
    await channel.publisher.sync();
    for (const record of await channel.ledger.all()) if (record.state === "requested") channel.publisher.dispatch(record.articleId);
    await channel.publisher.whenIdle();
  };
  await settle();
  await settle();
  readLogs();
  const now = Date.now();

  let lost = 0;
  let duplicated = 0;
  let unrecorded = 0;
  let uncertain = 0;
  for (const article of t.library().articles) {
    const record = await channel.ledger.get(article.id);
    const events = (await channel.ledger.events(article.id)).map((e) => e.event);
    const delivered = api.channelPosts.filter((p) => p.url === t.library().article(article.id)?.url);
    uncertain += events.filter((e) => e === "uncertain").length;
    // Each "Post again" an admin chose for an uncertain post may rightly post once more.
    const allowed = 1 + events.filter((e, i) => e === "requested" && events.slice(0, i).includes("uncertain")).length;
    if (delivered.length > allowed) {
      duplicated += delivered.length - allowed;
      problem(`${article.id} was posted ${delivered.length} times (events: ${events.join(", ")})`);
    }
    const due = record && (record.state === "requested" || record.state === "sending" || (record.state === "scheduled" && (record.scheduledAt ?? Infinity) <= now));
    const postedUnseen = record?.state === "posted" && !events.includes("marked-posted") && !delivered.some((p) => p.messageId === record.messageId);
    if (due || postedUnseen) {
      lost += 1;
      problem(`${article.id} is lost: ${record?.state} (events: ${events.join(", ")}; posts made: ${delivered.length})`);
    }
    if (delivered.length > 0 && record?.state !== "posted" && record?.state !== "uncertain") {
      unrecorded += 1;
      problem(`${article.id} is in the channel but the ledger says ${record?.state ?? "nothing"} (events: ${events.join(", ")})`);
    }
  }
  await channel.close();
  warp.restore();
  process.off("unhandledRejection", onUnhandled);
  process.off("uncaughtException", onUnhandled);

  for (const text of api.invalid.slice(0, 20 - problems.length)) problem(`invalid call: ${text}`);
  const faultsByKind = new Map(faultKinds.map((kind) => [kind, api.faults.get(kind) ?? 0]));
  return {
    seed: options.seed,
    problems,
    ...(details.failed ? { failure: fc.defaultReportMessage(details) ?? "a step failed" } : {}),
    figures: {
      updatesByType,
      faultsByKind,
      unhandledErrors,
      invalidCalls: api.invalid.length,
      unansweredPresses,
      channelPostsLost: lost,
      channelPostsDuplicated: duplicated,
      channelPostsUnrecorded: unrecorded,
      apiCalls: api.calls,
      channelPostsMade: api.channelPosts.length,
      channelPostsCorrected: api.channelEdits,
      channelPostsUncertain: uncertain,
      updatesFailedOnFaults,
      spamNotices: api.spamNotices,
      documentsRead: newsroom.documentsRead(),
      seconds: (realTimers.now() - started) / 1000,
    },
  };
}

/** The figures that must be zero, by name. */
export function mustBeZero(figures: FuzzFigures): Record<string, number> {
  return {
    "unhandled errors": figures.unhandledErrors,
    "invalid outgoing calls": figures.invalidCalls,
    "button presses left unanswered": figures.unansweredPresses,
    "channel posts lost": figures.channelPostsLost,
    "channel posts duplicated": figures.channelPostsDuplicated,
    "channel posts the ledger does not know": figures.channelPostsUnrecorded,
  };
}

const number = (n: number) => n.toLocaleString("en-US");

/** The one table a fuzzing run ends with: what was tried, what was injected, and the figures that must be zero. */
export function formatFigures(report: FuzzReport): string {
  const { figures } = report;
  const total = [...figures.updatesByType.values()].reduce((a, b) => a + b, 0);
  const rows: Array<[string, string, string]> = [
    ...[...figures.updatesByType.entries()].sort((a, b) => b[1] - a[1]).map(([type, n]): [string, string, string] => [`updates tried: ${type}`, number(n), ""]),
    ["updates tried, in all", number(total), ""],
    ...[...figures.faultsByKind.entries()].map(([kind, n]): [string, string, string] => [`faults injected: ${kind}`, number(n), ""]),
    ["Bot API calls made", number(figures.apiCalls), ""],
    ["updates that failed on an injected fault (logged, bot went on)", number(figures.updatesFailedOnFaults), ""],
    ["channel posts made", number(figures.channelPostsMade), ""],
    ["channel posts corrected (edited)", number(figures.channelPostsCorrected), ""],
    ["channel posts made uncertain, admins asked (no answer in time)", number(figures.channelPostsUncertain), ""],
    ["flooders told to slow down", number(figures.spamNotices), ""],
    ["admins' documents read by the newsroom", number(figures.documentsRead), ""],
    ...Object.entries(mustBeZero(figures)).map(([name, n]): [string, string, string] => [name, number(n), n === 0 ? "0 ✓" : "0 ✗"]),
  ];
  const header: [string, string, string] = ["what", "count", "must be"];
  const width = (i: 0 | 1 | 2) => Math.max(header[i].length, ...rows.map((row) => row[i].length));
  const [w0, w1, w2] = [width(0), width(1), width(2)];
  const line = ([what, count, must]: [string, string, string]) => `| ${what.padEnd(w0)} | ${count.padStart(w1)} | ${must.padEnd(w2)} |`;
  return [
    `Fuzzing: ${number(total)} updates, seed ${report.seed}, ${figures.seconds.toFixed(1)} s`,
    line(header),
    `|${"-".repeat(w0 + 2)}|${"-".repeat(w1 + 2)}|${"-".repeat(w2 + 2)}|`,
    ...rows.map(line),
  ].join("\n");
}
