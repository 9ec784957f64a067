import { isTopic, type Topic } from "./answer-topics";

/**
 * `/start` payloads that open the bot straight onto an answer: a topic, and
 * optionally the article, as `attendees` or `attendees_<articleId>`. Both parts
 * use only `a-z0-9-`, so payloads stay within Telegram's `A-Za-z0-9_-`.
 */
export function deepLinkPayload(topic: Topic, articleId?: string): string {
  return articleId === undefined ? topic : `${topic}_${articleId}`;
}

export function parseDeepLink(payload: string): { topic: Topic; articleId?: string } | undefined {
  const match = /^([a-z]+)(?:_([a-z0-9-]{1,58}))?$/.exec(payload);
  if (!match?.[1] || !isTopic(match[1])) return undefined;
  return match[2] === undefined ? { topic: match[1] } : { topic: match[1], articleId: match[2] };
}

/** `https://t.me/<bot>?start=<payload>`: opens a private chat with the bot straight onto the answer. */
export function deepLinkUrl(botUsername: string, topic: Topic, articleId?: string): string {
  const payload = deepLinkPayload(topic, articleId);
  // Telegram drops a payload outside 1-64 of A-Za-z0-9_-; article ids are at most 40 characters, so this cannot happen.
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(payload)) throw new Error(`deep link payload out of Telegram's limits: ${payload}`);
  return `https://t.me/${botUsername}?start=${payload}`;
}
