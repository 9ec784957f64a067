/** What the first and last lines of a plain-text article tell, and its body. */
export interface PlainTextArticle {
  headline?: string;
  url?: string;
  date?: string;
  outlet?: string;
  body: string[];
  /** Lines left out of the body (a repeated headline, a byline, a footer), for the editor to see. */
  dropped: string[];
}

const months = "January|February|March|April|May|June|July|August|September|October|November|December";
const monthNumber = (name: string) => String(months.split("|").findIndex((m) => m.toLowerCase().startsWith(name.toLowerCase().slice(0, 3))) + 1).padStart(2, "0");

/** A date written the ways news pages write it ("2019-10-07", "October 7, 2019", "7 October 2019"), as YYYY-MM-DD. */
export function findDate(text: string): string | undefined {
  const iso = /\b(\d{4})-(\d{2})-(\d{2})(?!\d)/.exec(text);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const mdy = new RegExp(`\\b(${months}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\\.? (\\d{1,2}),? (\\d{4})\\b`).exec(text);
  if (mdy?.[1] && mdy[2] && mdy[3]) return `${mdy[3]}-${monthNumber(mdy[1])}-${mdy[2].padStart(2, "0")}`;
  const dmy = new RegExp(`\\b(\\d{1,2}) (${months}),? (\\d{4})\\b`).exec(text);
  if (dmy?.[1] && dmy[2] && dmy[3]) return `${dmy[3]}-${monthNumber(dmy[2])}-${dmy[1].padStart(2, "0")}`;
  return undefined;
}

/** Whether a line reads as a sentence of the article rather than a label: it ends like a sentence or is long. */
function isProse(line: string): boolean {
  return /[.!?:"”»)]$/.test(line) ? line.split(/\s+/).length >= 6 : line.split(/\s+/).length >= 16;
}

/**
 * Splits plain text into paragraphs (blank lines between them, or one per line
 * when there are none) and reads its first lines: the headline, a `Source: URL`
 * line, a date or byline; short lines at the end (a signature, "in Telegram")
 * are left out of the body and the first of them is offered as the outlet.
 * Paragraph text is kept verbatim, only trimmed.
 */
export function splitPlainText(raw: string): PlainTextArticle {
  const text = raw.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  // A `Source: URL` line stands on its own, whatever is next to it.
  const blocks = text.replace(/^((?:Source|URL):[^\n]*)$/gim, "\n$1\n").split(/\n[ \t\u00a0]*\n+/);
  // A block whose lines end like sentences holds one paragraph a line; otherwise its line breaks are
  // the text's wrapping, and its lines are joined by a space.
  const lines = blocks.flatMap((block) => {
    const rows = block.split("\n").map((l) => l.trim()).filter(Boolean);
    const ended = rows.filter((l) => /[.!?:"”»)|]$/.test(l)).length;
    // Lines none of which ends a sentence are labels (a date, a section, a headline), one a line.
    return rows.length > 1 && (ended * 2 >= rows.length || ended === 0) ? rows : [rows.join(" ")];
  }).filter(Boolean);
  const article: PlainTextArticle = { body: [], dropped: [] };
  // The labels before the first paragraph: the headline, a source, a date, a byline, a repeated headline.
  while (lines.length > 0 && !isProse(lines[0] ?? "")) {
    const line = lines.shift() ?? "";
    const source = /^(?:Source|URL):\s*(https?:\/\/\S+)\s*$/i.exec(line);
    if (source?.[1]) {
      article.url = source[1];
      continue;
    }
    const date = findDate(line);
    article.date ??= date;
    const by = /^By\s+(.+)$/i.exec(line);
    if (by?.[1] && /^[A-Z\s.&-]+$/.test(by[1])) article.outlet ??= by[1];
    if (article.headline === undefined && !date && !by && line.split(/\s+/).length >= 3) article.headline = line.replace(/^#+\s*/, "");
    else article.dropped.push(line);
  }
  // A signature and footer at the end: short lines that are not sentences, or a credit in brackets.
  const footer: string[] = [];
  while (lines.length > 1) {
    const line = lines[lines.length - 1] ?? "";
    if (isProse(line) && !/^\(.*\)$/.test(line)) break;
    footer.unshift(lines.pop() ?? "");
  }
  for (const line of footer) {
    const source = /^\(?Source:\s*([^)]+)\)?$/i.exec(line);
    if (source?.[1]) article.outlet ??= source[1].trim();
    else if (/^\p{Lu}[\p{L}.&'’-]*(?: \p{Lu}[\p{L}.&'’-]*){0,3}$/u.test(line)) article.outlet ??= line;
  }
  article.dropped.push(...footer);
  article.body = lines;
  return article;
}
