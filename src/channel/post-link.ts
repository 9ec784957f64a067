/**
 * Links to a channel post: `https://t.me/<username>/<id>` for a public channel
 * (`@username`), `https://t.me/c/<id>/<message>` for one known by its
 * `-100…` id (the link opens for the channel's members).
 */
export function postLink(chatId: string, messageId: number): string {
  if (chatId.startsWith("@")) return `https://t.me/${chatId.slice(1)}/${messageId}`;
  return `https://t.me/c/${chatId.replace(/^-100/, "")}/${messageId}`;
}

/** The message id in a link to a post of `chatId` (as an admin pastes it), or `undefined` if the link is to another chat or not a post link. */
export function parsePostLink(chatId: string, link: string): number | undefined {
  const match = /^(?:https?:\/\/)?(?:t\.me|telegram\.me)\/(c\/)?([A-Za-z0-9_]+)\/(\d{1,12})(?:[?#].*)?$/.exec(link.trim());
  if (!match?.[2] || !match[3]) return undefined;
  const sameChat = match[1]
    ? chatId === `-100${match[2]}`
    : chatId.startsWith("@") && chatId.slice(1).toLowerCase() === match[2].toLowerCase();
  return sameChat ? Number(match[3]) : undefined;
}
