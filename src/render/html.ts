/**
 * The one formatting path for everything the bot sends: Telegram HTML built
 * from pieces that are escaped unless they are already `SafeHtml`.
 */

/** HTML that is safe to send: every piece of content or user text in it was escaped. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Piece = SafeHtml | string | number | readonly Piece[];

/** Escapes the three characters Telegram's HTML parser reads, and `"` for attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function render(piece: Piece): string {
  if (piece instanceof SafeHtml) return piece.value;
  if (Array.isArray(piece)) return piece.map(render).join("");
  return escapeHtml(String(piece));
}

/** Template tag: the literal parts are markup, every interpolated value is escaped unless it is `SafeHtml`. */
export function html(strings: TemplateStringsArray, ...values: Piece[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? "");
  });
  return new SafeHtml(out);
}

export const bold = (text: Piece) => html`<b>${text}</b>`;
export const italic = (text: Piece) => html`<i>${text}</i>`;
export const blockquote = (text: Piece) => html`<blockquote>${text}</blockquote>`;
export const link = (text: Piece, url: string) => html`<a href="${url}">${text}</a>`;

/** Joins pieces with a separator, both escaped unless `SafeHtml`. */
export function joinHtml(pieces: readonly Piece[], separator: Piece): SafeHtml {
  return new SafeHtml(pieces.map(render).join(render(separator)));
}

const entities: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"' };

/** The text a reader sees: tags dropped, entities decoded. */
export function htmlToText(value: string): string {
  return value.replace(/<[^>]*>/g, "").replace(/&(?:amp|lt|gt|quot);/g, (entity) => entities[entity] ?? entity);
}

/** Telegram's limit on a message's text, counted after entity parsing. */
export const MESSAGE_LIMIT = 4096;

/**
 * Packs blocks (paragraphs, each well-formed on its own) into messages of at
 * most `limit` visible characters, splitting only between blocks. A single
 * block longer than the limit is sent as plain text in pieces cut at spaces,
 * so formatting can never break across messages.
 */
export function packMessages(blocks: readonly SafeHtml[], limit = MESSAGE_LIMIT): string[] {
  const messages: string[] = [];
  let current = "";
  let currentLength = 0;
  const flush = () => {
    if (current !== "") messages.push(current);
    current = "";
    currentLength = 0;
  };
  for (const block of blocks) {
    const text = htmlToText(block.value);
    if (text.trim() === "") continue;
    const length = text.length;
    if (length > limit) {
      flush();
      messages.push(...splitPlainText(text, limit).map(escapeHtml));
      continue;
    }
    const separator = current === "" ? 0 : 2;
    if (currentLength + separator + length > limit) flush();
    current += (current === "" ? "" : "\n\n") + block.value;
    currentLength += (currentLength === 0 ? 0 : 2) + length;
  }
  flush();
  return messages;
}

/** Cuts text into pieces of at most `limit` UTF-16 units, at the last space where there is one, never inside a surrogate pair. */
export function splitPlainText(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    let cut = rest.lastIndexOf(" ", limit);
    if (cut <= 0) {
      cut = limit;
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    }
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^ /, "");
  }
  if (rest !== "") pieces.push(rest);
  return pieces;
}
