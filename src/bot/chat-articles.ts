import { setNewest } from "../base/caches";

/** Which article each chat has chosen with /articles (unset: the newest). */
export interface ChatArticleStore {
  get(chatId: number): string | undefined;
  set(chatId: number, articleId: string): void;
}

/**
 * Keeps choices in memory, at most `capacity` chats, forgetting the least
 * recently used first. A forgotten or lost choice falls back to the newest article.
 */
export function createMemoryChatArticleStore(capacity = 100_000): ChatArticleStore {
  const choices = new Map<number, string>();
  return {
    get(chatId) {
      return choices.get(chatId);
    },
    set(chatId, articleId) {
      setNewest(choices, chatId, articleId, capacity);
    },
  };
}
