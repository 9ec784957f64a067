import type { ArticleChannelStatus, ChannelState } from "../channel/channel-status";
import type { PostRecord } from "../channel/post-ledger";
import { postLink } from "../channel/post-link";
import type { Article } from "../content/article-schema";
import { bold, html, italic, joinHtml, link, type SafeHtml } from "./html";
import { formatDate, type Answer } from "./render-article";
import { BUTTON_LABEL_MAX } from "./render-article-list";
import { shortenText } from "./shorten-text";

const timeFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});

/** `1730289600000` as `30 October 2024 at 12:00 UTC`: admins' times are in UTC. */
export function formatTime(ms: number): string {
  return `${timeFormat.format(new Date(ms))} UTC`;
}

function headlineOf(status: { article?: Pick<Article, "headline">; articleId: string }): SafeHtml {
  return status.article ? bold(status.article.headline) : html`${bold(status.articleId)} ${italic("(no longer in the content)")}`;
}

function postLinkOf(record: PostRecord): SafeHtml | undefined {
  return record.messageId !== null ? link("the post", postLink(record.chatId, record.messageId)) : undefined;
}

/** One line about an article's state, as /status and /publish show it. */
export function describeChannelState(status: ArticleChannelStatus): SafeHtml {
  const { record } = status;
  switch (status.state) {
    case "posted": {
      if (!record) return html`posted`;
      const where = postLinkOf(record) ?? html`message unknown`;
      const when = record.postedAt !== null ? html` ${formatTime(record.postedAt)}` : html``;
      const revision = record.revision > 1 ? html`, revision ${record.revision}` : html``;
      const editError = record.editError !== null ? html`; the last correction failed: ${record.editError}` : html``;
      return html`posted${when} (${where}${revision})${editError}`;
    }
    case "scheduled":
      return html`scheduled for ${formatTime(status.dueAt ?? 0)}${status.scheduledBy === "publishAt" ? " (publishAt)" : ""}`;
    case "queued":
      return html`due now, going out as the limits allow`;
    case "sending":
      return html`being sent now`;
    case "waiting":
      return html`waiting for an admin (AUTOPOST is off)`;
    case "held":
      return html`held back: older than AUTOPOST_MAX_AGE, so it waits for an admin`;
    case "failed":
      return html`failed: ${record?.error ?? "unknown error"}`;
    case "uncertain":
      return html`uncertain: ${record?.error ?? "the bot stopped while sending it"}${record?.attemptAt != null ? ` (${formatTime(record.attemptAt)})` : ""}; check the channel, then choose in /publish`;
  }
}

const stateOrder: { state: ChannelState; title: string }[] = [
  { state: "uncertain", title: "Uncertain" },
  { state: "failed", title: "Failed" },
  { state: "sending", title: "Sending" },
  { state: "queued", title: "Going out" },
  { state: "scheduled", title: "Scheduled" },
  { state: "held", title: "Held back" },
  { state: "waiting", title: "Waiting" },
  { state: "posted", title: "Posted" },
];

/** How many lines each section of /status shows. */
const MAX_PER_SECTION = 15;

/** /status: counts, then each state's articles, the ones needing an admin first; posts linked. */
export function renderChannelStatus(channelId: string, autopost: boolean, statuses: readonly ArticleChannelStatus[]): Answer {
  const count = (state: ChannelState) => statuses.filter((s) => s.state === state).length;
  const counts = stateOrder.map(({ state, title }) => `${count(state)} ${title.toLowerCase()}`).join(", ");
  const blocks = [html`${bold(`Channel ${channelId}`)} · AUTOPOST ${autopost ? "on" : "off"}\n${counts}`];
  for (const { state, title } of stateOrder) {
    const inState = statuses.filter((s) => s.state === state);
    if (state === "posted") inState.sort((a, b) => (b.record?.postedAt ?? 0) - (a.record?.postedAt ?? 0));
    if (inState.length === 0) continue;
    const lines = inState.slice(0, MAX_PER_SECTION).map((s) => html`• ${headlineOf(s)}: ${describeChannelState(s)}`);
    if (inState.length > MAX_PER_SECTION) lines.push(html`…and ${inState.length - MAX_PER_SECTION} more`);
    blocks.push(html`${bold(title)}\n${joinHtml(lines, "\n")}`);
  }
  if (statuses.length === 0) blocks.push(html`No articles yet.`);
  return { blocks };
}

/** /publish: the articles with their state, one button each (those needing an admin first). */
export function renderPublishList(statuses: readonly ArticleChannelStatus[], limit = 20): Answer {
  const listed = [...statuses]
    .filter((s) => s.article !== undefined)
    .sort((a, b) => stateOrder.findIndex((o) => o.state === a.state) - stateOrder.findIndex((o) => o.state === b.state))
    .slice(0, limit);
  if (listed.length === 0) return { blocks: [html`There are no articles to publish.`] };
  const lines = listed.map((s) => html`• ${headlineOf(s)}: ${describeChannelState(s)}`);
  return {
    blocks: [html`${bold("Publish to the channel.")} Choose an article:`, joinHtml(lines, "\n")],
    keyboard: [
      ...listed.map((s) => [{ text: shortenText(s.article?.headline ?? s.articleId, BUTTON_LABEL_MAX), callback_data: `pub:pick:${s.articleId}` }]),
      [{ text: "Cancel", callback_data: "pub:cancel" }],
    ],
  };
}

/** The question under a preview: what to do with it, depending on its state. */
export function renderPublishChoice(status: ArticleChannelStatus): Answer {
  const id = status.articleId;
  const cancel = { text: "Cancel", callback_data: `pub:cancel:${id}` };
  const state = html`Now: ${describeChannelState(status)}.`;
  switch (status.state) {
    case "uncertain":
      return {
        blocks: [
          html`${bold("Above: the post as it will appear.")} ${state}`,
          html`Look in the channel first. If it is there, choose Mark as posted (you can then send me its link, so corrections can edit it); if not, Post again.`,
        ],
        keyboard: [[{ text: "Post again", callback_data: `pub:now:${id}` }, { text: "Mark as posted", callback_data: `pub:mark:${id}` }], [cancel]],
      };
    case "posted":
    case "sending":
    case "queued":
      return { blocks: [html`${bold("Above: the post as it appears.")} ${state} Nothing to do.`], keyboard: [[{ text: "Close", callback_data: `pub:cancel:${id}` }]] };
    default:
      return {
        blocks: [html`${bold("Above: the post as it will appear in the channel.")} ${state}`],
        keyboard: [[{ text: "Post now", callback_data: `pub:now:${id}` }, { text: "Schedule", callback_data: `pub:schedule:${id}` }], [cancel]],
      };
  }
}

/** Tells the admin who asked that the post is out. */
export function renderPostedNotice(article: Article, channelId: string, messageId: number): SafeHtml[] {
  return [html`Posted to ${channelId}: ${bold(article.headline)}\n${link(postLink(channelId, messageId), postLink(channelId, messageId))}`];
}

/** Tells the admins a post may or may not be in the channel, and how to settle it. */
export function renderUncertainNotice(record: PostRecord, article: Article | undefined, channelId: string): SafeHtml[] {
  const headline = article?.headline ?? record.articleId;
  const when = record.attemptAt !== null ? ` at ${formatTime(record.attemptAt)}` : "";
  return [
    html`⚠️ ${bold("Check the channel:")} I may or may not have posted ${bold(headline)} to ${channelId}.`,
    html`I began sending it${when}, and ${record.error ?? "the bot stopped before Telegram's answer was recorded"}. I will not post it again by myself.`,
    html`Look in the channel, then send /publish, choose the article and pick Post again or Mark as posted.`,
  ];
}

const hours = (ms: number) => `${Math.round((ms / 3_600_000) * 10) / 10} hours`;

/**
 * Tells the admins that AUTOPOST left articles alone because they are older
 * than the safety window: how many (and the newest few), and what to do.
 */
export function renderHeldBackNotice(held: readonly Pick<Article, "headline" | "date">[], maxAgeMs: number): SafeHtml[] {
  const newest = [...held].sort((a, b) => b.date.localeCompare(a.date)).slice(0, 5);
  const lines = newest.map((article) => html`• ${bold(article.headline)} (${formatDate(article.date)})`);
  if (held.length > newest.length) lines.push(html`…and ${held.length - newest.length} more`);
  const count = held.length === 1 ? "1 article" : `${held.length} articles`;
  return [
    html`${bold(`AUTOPOST held back ${count}`)} older than ${hours(maxAgeMs)} (AUTOPOST_MAX_AGE), so as not to post the archive again. Nothing was posted:\n${joinHtml(lines, "\n")}`,
    html`If one should go out, send /publish and choose it. To let AUTOPOST post older articles by itself, raise AUTOPOST_MAX_AGE (0: no limit).`,
  ];
}

/**
 * Tells the admins that this instance began a new, empty post ledger while
 * the content already holds articles: if they were posted before, the bot
 * cannot know it.
 */
export function renderNewLedgerNotice(articleCount: number, autopost: boolean, maxAgeMs: number | undefined): SafeHtml[] {
  const what = articleCount === 1 ? "1 article" : `${articleCount} articles`;
  const policy = !autopost
    ? html`AUTOPOST is off: nothing goes out until an admin posts it.`
    : maxAgeMs !== undefined && maxAgeMs > 0
      ? html`AUTOPOST posts by itself only articles from the last ${hours(maxAgeMs)} (AUTOPOST_MAX_AGE); older ones wait for /publish.`
      : html`AUTOPOST_MAX_AGE is 0, so AUTOPOST posts every one of them by itself.`;
  return [
    html`⚠️ ${bold("The post ledger is new")} (none was found: a first start, a new DATA_DIR, or a Redis that lost its data), while the content holds ${what}. I cannot tell which of them are already in the channel.`,
    policy,
    html`If this is not a first start, check the channel, and use /status and /publish.`,
  ];
}

export function renderFailedNotice(article: Article, error: string): SafeHtml[] {
  return [html`⚠️ Telegram refused the channel post ${bold(article.headline)}: ${error}\nFix the article if it is at fault; /publish can post it again.`];
}

export function renderEditFailedNotice(article: Article, chatId: string, messageId: number, error: string): SafeHtml[] {
  const url = postLink(chatId, messageId);
  return [
    html`⚠️ ${bold(article.headline)} changed, but ${link("its post", url)} could not be corrected: ${error}\nCorrect it by hand in the channel, or delete it and post the article again.`,
  ];
}

export function renderBlockedNotice(channelId: string, error: string, retryMs: number): SafeHtml[] {
  return [
    html`⚠️ I cannot post to ${channelId}: ${error}`,
    html`Make the bot an admin of the channel with the right to post messages, and check CHANNEL_ID. I will try again every ${Math.round(retryMs / 60_000)} minutes; nothing is lost meanwhile, and /publish → Post now tries at once.`,
  ];
}

/** Tells the admins a content change was not taken, and why; the bot keeps the last good content. */
export function renderContentProblemsNotice(dir: string, problems: readonly string[], articleCount: number): SafeHtml[] {
  const shown = problems.slice(0, 30);
  const more = problems.length > shown.length ? [html`…and ${problems.length - shown.length} more.`] : [];
  return [
    html`⚠️ ${bold("The content changed, and it has problems,")} so I keep serving the last good content (${articleCount} ${articleCount === 1 ? "article" : "articles"}). In ${dir}:`,
    joinHtml(shown.map((problem) => html`• ${problem}`), "\n"),
    ...more,
  ];
}

export function renderContentFixedNotice(articleCount: number): SafeHtml[] {
  return [html`✅ The content is good again: now serving ${articleCount} ${articleCount === 1 ? "article" : "articles"}.`];
}
