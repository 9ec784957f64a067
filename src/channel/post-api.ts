import { InputFile, type Api } from "grammy";
import type { Message } from "grammy/types";
import type { ChannelPost } from "./channel-post";
import { isWrongKindOfPost } from "./telegram-failure";

/** A post as the channel shows it: the text (a caption under a card), the article's link for the preview, and the card if drawn. */
export interface OutgoingPost {
  post: ChannelPost;
  url: string;
  card?: Uint8Array;
}

/** Sends a post: the card with the post as its caption, or the text with the article's link preview. */
export function sendPost(api: Api, chatId: string, { post, url, card }: OutgoingPost): Promise<Message> {
  const reply_markup = { inline_keyboard: post.keyboard };
  return card
    ? api.sendPhoto(chatId, new InputFile(card, "card.png"), { caption: post.text, parse_mode: "HTML", reply_markup })
    : api.sendMessage(chatId, post.text, { parse_mode: "HTML", link_preview_options: { url, prefer_small_media: true }, reply_markup });
}

/**
 * Corrects a post in place: the card and its caption together (the card is
 * drawn again from the corrected article, right whatever changed), or the
 * text. Should CHANNEL_CARD have changed since the post went out, a text post
 * is edited as text and a photo's caption as a caption.
 */
export async function editPost(api: Api, chatId: string, messageId: number, { post, url, card }: OutgoingPost): Promise<void> {
  const reply_markup = { inline_keyboard: post.keyboard };
  const editText = () => api.editMessageText(chatId, messageId, post.text, { parse_mode: "HTML", link_preview_options: { url, prefer_small_media: true }, reply_markup });
  const editPhoto = (png: Uint8Array) =>
    api.editMessageMedia(chatId, messageId, { type: "photo", media: new InputFile(png, "card.png"), caption: post.text, parse_mode: "HTML" }, { reply_markup });
  const editCaption = () => api.editMessageCaption(chatId, messageId, { caption: post.text, parse_mode: "HTML", reply_markup });
  try {
    await (card ? editPhoto(card) : editText());
  } catch (error) {
    if (!isWrongKindOfPost(error)) throw error;
    await (card ? editText() : editCaption());
  }
}
