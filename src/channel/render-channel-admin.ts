import type { InlineKeyboardButton } from "grammy/types";
import type { Article } from "../content/article-schema";
import type { ArticleSummary } from "../content/article-summary";
import type { Locale } from "../i18n/locale";
import type { Language } from "../i18n/translate";
import { publishButton } from "../render/callback-data";
import { bold, html, htmlToText, joinHtml, link, type SafeHtml } from "../render/html";
import type { Answer } from "../render/render-article";
import { BUTTON_LABEL_MAX } from "../render/render-article-list";
import { shortenText } from "../render/shorten-text";
import type { ArticleChannelStatus, ChannelState } from "./channel-status";
import type { PostRecord } from "./post-ledger";
import { postLink } from "./post-link";

const intlLocale: Record<Locale, string> = { en: "en-GB", ru: "ru-RU" };
const timeFormats = new Map<Locale, Intl.DateTimeFormat>();
const dayFormats = new Map<Locale, Intl.DateTimeFormat>();

function formatOnce(cache: Map<Locale, Intl.DateTimeFormat>, locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let format = cache.get(locale);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(intlLocale[locale], { ...options, timeZone: "UTC" });
    cache.set(locale, format);
  }
  return format;
}

/** `1730289600000` as `30 October 2024 at 12:00 UTC` (`30 октября 2024 г. в 12:00 UTC`): admins' times are in UTC. */
export function formatTime(ms: number, locale: Locale = "en"): string {
  const format = formatOnce(timeFormats, locale, { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return `${format.format(new Date(ms))} UTC`;
}

/** `2019-10-30` as `30 October 2019` (`30 октября 2019 г.`). */
function formatDay(isoDate: string, locale: Locale): string {
  return formatOnce(dayFormats, locale, { day: "numeric", month: "long", year: "numeric" }).format(new Date(`${isoDate}T00:00:00Z`));
}

/** Hours with one decimal, as AUTOPOST_MAX_AGE is set. */
const hoursOf = (ms: number) => Math.round((ms / 3_600_000) * 10) / 10;

function headlineOf({ t, locale }: Language, status: { article?: Pick<ArticleSummary, "headline" | "headlines">; articleId: string }): SafeHtml {
  return status.article ? bold(status.article.headlines?.[locale] ?? status.article.headline) : t("channel-admin-gone-headline", { id: status.articleId });
}

/** One line about an article's state, as /status and /publish show it. */
export function describeChannelState({ t, locale }: Language, status: ArticleChannelStatus): SafeHtml {
  const { record } = status;
  switch (status.state) {
    case "posted": {
      if (!record) return t("channel-state-posted");
      const where = record.messageId !== null ? link(t("channel-state-the-post"), postLink(record.chatId, record.messageId)) : t("channel-state-message-unknown");
      const when = record.postedAt !== null ? html` ${formatTime(record.postedAt, locale)}` : html``;
      const revision = record.revision > 1 ? t("channel-state-revision", { revision: String(record.revision) }) : html``;
      const editError = record.editError !== null ? t("channel-state-edit-failed", { error: record.editError }) : html``;
      return t("channel-state-posted-at", { when, where, revision, editError });
    }
    case "scheduled": {
      const at = formatTime(status.dueAt ?? 0, locale);
      return status.scheduledBy === "publishAt" ? t("channel-state-scheduled-publish-at", { at }) : t("channel-state-scheduled", { at });
    }
    case "queued":
      return t("channel-state-queued");
    case "sending":
      return t("channel-state-sending");
    case "waiting":
      return t("channel-state-waiting");
    case "held":
      return t("channel-state-held");
    case "failed":
      return record?.error != null ? t("channel-state-failed", { error: record.error }) : t("channel-state-failed-unknown");
    case "uncertain": {
      const why = record?.error ?? t("channel-state-uncertain-stopped");
      const when = record?.attemptAt != null ? ` (${formatTime(record.attemptAt, locale)})` : "";
      return t("channel-state-uncertain", { why, when });
    }
  }
}

/** The order /status shows the states in, and /publish lists articles in: those needing an admin first. */
const stateOrder: ChannelState[] = ["uncertain", "failed", "sending", "queued", "scheduled", "held", "waiting", "posted"];

/** How many lines each section of /status shows. */
const MAX_PER_SECTION = 15;

/** /status: counts, then each state's articles, the ones needing an admin first; posts linked. */
export function renderChannelStatus(language: Language, channelId: string, autopost: boolean, statuses: readonly ArticleChannelStatus[]): Answer {
  const { t } = language;
  const count = (state: ChannelState) => statuses.filter((s) => s.state === state).length;
  const counts = joinHtml(
    stateOrder.map((state) => t("channel-status-count", { state, count: count(state) })),
    ", ",
  );
  const blocks = [html`${t("channel-status-heading", { channel: channelId, autopost: autopost ? "on" : "off" })}\n${counts}`];
  for (const state of stateOrder) {
    const inState = statuses.filter((s) => s.state === state);
    if (state === "posted") inState.sort((a, b) => (b.record?.postedAt ?? 0) - (a.record?.postedAt ?? 0));
    if (inState.length === 0) continue;
    const lines = inState.slice(0, MAX_PER_SECTION).map((s) => html`• ${headlineOf(language, s)}: ${describeChannelState(language, s)}`);
    if (inState.length > MAX_PER_SECTION) lines.push(t("channel-admin-and-more", { count: inState.length - MAX_PER_SECTION }));
    blocks.push(html`${bold(t("channel-status-section", { state }))}\n${joinHtml(lines, "\n")}`);
  }
  if (statuses.length === 0) blocks.push(t("channel-status-none"));
  return { blocks };
}

/** A button: its label is plain text, so the catalogue's HTML is read as the reader sees it. */
const button = (label: SafeHtml, callback_data: string): InlineKeyboardButton => ({ text: htmlToText(label.value), callback_data });

/** /publish: the articles with their state, one button each (those needing an admin first). */
export function renderPublishList(language: Language, statuses: readonly ArticleChannelStatus[], limit = 20): Answer {
  const { t } = language;
  const listed = [...statuses]
    .filter((s) => s.article !== undefined)
    .sort((a, b) => stateOrder.indexOf(a.state) - stateOrder.indexOf(b.state))
    .slice(0, limit);
  if (listed.length === 0) return { blocks: [t("publish-list-empty")] };
  const lines = listed.map((s) => html`• ${headlineOf(language, s)}: ${describeChannelState(language, s)}`);
  return {
    blocks: [t("publish-list-heading"), joinHtml(lines, "\n")],
    keyboard: [
      ...listed.map((s) => [{ text: shortenText(s.article?.headline ?? s.articleId, BUTTON_LABEL_MAX), callback_data: publishButton.format({ action: "pick", id: s.articleId }) }]),
      [button(t("publish-button-cancel"), publishButton.format({ action: "cancel" }))],
    ],
  };
}

/** The question under a preview: what to do with it, depending on its state. */
export function renderPublishChoice(language: Language, status: ArticleChannelStatus): Answer {
  const { t } = language;
  const id = status.articleId;
  const cancelData = publishButton.format({ action: "cancel", id });
  const cancel = button(t("publish-button-cancel"), cancelData);
  const state = describeChannelState(language, status);
  switch (status.state) {
    case "uncertain":
      return {
        blocks: [t("publish-choice-uncertain", { state }), t("publish-choice-uncertain-how")],
        keyboard: [[button(t("publish-button-post-again"), publishButton.format({ action: "now", id })), button(t("publish-button-mark"), publishButton.format({ action: "mark", id }))], [cancel]],
      };
    case "posted":
    case "sending":
    case "queued":
      return { blocks: [t("publish-choice-nothing-to-do", { state })], keyboard: [[button(t("publish-button-close"), cancelData)]] };
    default:
      return {
        blocks: [t("publish-choice", { state })],
        keyboard: [[button(t("publish-button-post-now"), publishButton.format({ action: "now", id })), button(t("publish-button-schedule"), publishButton.format({ action: "schedule", id }))], [cancel]],
      };
  }
}

/** Tells the admin who asked that the post is out. */
export function renderPostedNotice({ t }: Language, article: Article, channelId: string, messageId: number): SafeHtml[] {
  const url = postLink(channelId, messageId);
  return [t("notice-posted", { channel: channelId, headline: article.headline, link: link(url, url) })];
}

/** Tells the admins a post may or may not be in the channel, and how to settle it. */
export function renderUncertainNotice({ t, locale }: Language, record: PostRecord, article: Article | undefined, channelId: string): SafeHtml[] {
  const headline = article?.headline ?? record.articleId;
  const began = record.attemptAt !== null ? t("notice-uncertain-began-at", { at: formatTime(record.attemptAt, locale) }) : t("notice-uncertain-began");
  const why = record.error ?? t("notice-uncertain-stopped");
  return [t("notice-uncertain", { headline, channel: channelId }), t("notice-uncertain-why", { began, why }), t("notice-uncertain-how")];
}

/**
 * Tells the admins that AUTOPOST left articles alone because they are older
 * than the safety window: how many (and the newest few), and what to do.
 */
export function renderHeldBackNotice({ t, locale }: Language, held: readonly Pick<ArticleSummary, "headline" | "date">[], maxAgeMs: number): SafeHtml[] {
  const newest = [...held].sort((a, b) => b.date.localeCompare(a.date)).slice(0, 5);
  const lines = newest.map((article) => html`• ${bold(article.headline)} (${formatDay(article.date, locale)})`);
  if (held.length > newest.length) lines.push(t("channel-admin-and-more", { count: held.length - newest.length }));
  return [t("notice-held-back", { count: held.length, hours: hoursOf(maxAgeMs), list: joinHtml(lines, "\n") }), t("notice-held-back-how")];
}

/**
 * Tells the admins that this instance began a new, empty post ledger while
 * the content already holds articles: if they were posted before, the bot
 * cannot know it.
 */
export function renderNewLedgerNotice({ t }: Language, articleCount: number, autopost: boolean, maxAgeMs: number | undefined): SafeHtml[] {
  const policy = !autopost
    ? t("notice-new-ledger-autopost-off")
    : maxAgeMs !== undefined && maxAgeMs > 0
      ? t("notice-new-ledger-max-age", { hours: hoursOf(maxAgeMs) })
      : t("notice-new-ledger-no-limit");
  return [t("notice-new-ledger", { count: articleCount }), policy, t("notice-new-ledger-how")];
}

/** Tells the admins Telegram refused a post for good. */
export function renderFailedNotice({ t }: Language, article: Article, error: string): SafeHtml[] {
  return [t("notice-failed", { headline: article.headline, error })];
}

/** Tells the admins a post could not be corrected. */
export function renderEditFailedNotice({ t }: Language, article: Article, chatId: string, messageId: number, error: string): SafeHtml[] {
  return [t("notice-edit-failed", { headline: article.headline, url: postLink(chatId, messageId), error })];
}

/** Tells the admins the bot may not post to the channel, and how to fix it. */
export function renderBlockedNotice({ t }: Language, channelId: string, error: string, retryMs: number): SafeHtml[] {
  return [t("notice-blocked", { channel: channelId, error }), t("notice-blocked-how", { minutes: Math.round(retryMs / 60_000) })];
}
