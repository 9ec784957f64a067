/**
 * Every button's data, declared once: how a renderer writes it (`format`),
 * how a handler reads it back (`parse`), and the pattern grammY routes a
 * press by (`pattern`). Data the bot never writes parses to `undefined`, so a
 * forged or stale press is told so rather than acted on.
 */

/** Telegram's cap on a button's data, in bytes (UTF-8). */
export const CALLBACK_DATA_MAX_BYTES = 64;

/** An article's or a person's id as the content schema allows it (a slug of at most 40 characters). */
const ID = "[a-z0-9-]{1,40}";
/** A topic's name; the handler checks it is one of today's topics. */
const WORD = "[a-z]{1,20}";

/** Data whose every press is checked: at most 64 bytes, and read back by its own pattern. */
function checked(data: string, pattern: RegExp): string {
  if (new TextEncoder().encode(data).length > CALLBACK_DATA_MAX_BYTES) throw new Error(`button data over ${CALLBACK_DATA_MAX_BYTES} bytes: ${data}`);
  if (!pattern.test(data)) throw new Error(`button data its handler would not read: ${data}`);
  return data;
}

/** A button kind that carries one value after its prefix: `article:<id>`, `who:<id>`, `topic:<name>`. */
export interface ValueButton {
  /** The routing pattern: a press whose data matches is this kind's. */
  readonly pattern: RegExp;
  format(value: string): string;
  parse(data: string | undefined): string | undefined;
}

function valueButton(prefix: string, value: string): ValueButton {
  const pattern = new RegExp(`^${prefix}:(${value})$`);
  return {
    pattern,
    format: (id) => checked(`${prefix}:${id}`, pattern),
    parse: (data) => (data === undefined ? undefined : pattern.exec(data)?.[1]),
  };
}

/** A button kind that carries an action and an id: `news:approve:<id>`. */
export interface ActionButton<A extends string> {
  readonly pattern: RegExp;
  format(action: A, id: string): string;
  parse(data: string | undefined): { action: A; id: string } | undefined;
}

function actionButton<const A extends string>(prefix: string, actions: readonly A[]): ActionButton<A> {
  const pattern = new RegExp(`^${prefix}:(${actions.join("|")}):(${ID})$`);
  return {
    pattern,
    format: (action, id) => checked(`${prefix}:${action}:${id}`, pattern),
    parse(data) {
      const match = data === undefined ? null : pattern.exec(data);
      return match ? { action: match[1] as A, id: match[2] as string } : undefined;
    },
  };
}

/** /articles: make this article the chat's current one. */
export const articleButton = valueButton("article", ID);

/** /start's and /help's topics: Summary, Attendees, Agenda, Quotes. */
export const topicButton = valueButton("topic", WORD);

/** /who without a name: a person's card. */
export const whoButton = valueButton("who", ID);

/** /language: the language to speak to this reader (`lang:en`, `lang:ru`); the handler checks it is one the bot has. */
export const languageButton = valueButton("lang", "[a-z]{2}");

/** The newsroom's buttons under a draft's preview. */
export const newsroomButton = actionButton("news", ["approve", "post", "edit", "discard"]);

/** What an admin may do to the article chosen in /publish. */
export type PublishAction = "pick" | "now" | "schedule" | "mark" | "nolink" | "cancel";

/** A /publish press: an action on an article, or Cancel under the list (no article chosen yet). */
export type PublishPress = { action: PublishAction; id: string } | { action: "cancel"; id?: undefined };

const publishOnArticle = actionButton<PublishAction>("pub", ["pick", "now", "schedule", "mark", "nolink", "cancel"]);
const PUBLISH_LIST_CANCEL = "pub:cancel";

/** /publish's buttons: pick an article, Post now, Schedule, Mark as posted, Without link, Cancel. */
export const publishButton = {
  /** Every /publish button's data and nothing else. */
  pattern: new RegExp(`^(?:${PUBLISH_LIST_CANCEL}|${publishOnArticle.pattern.source.slice(1, -1)})$`),
  /** Any data under /publish's prefix, valid or not: for answering presses while the ledger is away. */
  prefix: /^pub:/,
  format(press: PublishPress): string {
    return press.id === undefined ? PUBLISH_LIST_CANCEL : publishOnArticle.format(press.action, press.id);
  },
  parse(data: string | undefined): PublishPress | undefined {
    if (data === PUBLISH_LIST_CANCEL) return { action: "cancel" };
    return publishOnArticle.parse(data);
  },
};
