import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Resvg } from "@resvg/resvg-js";
import satori from "satori";
import type { Article } from "../content/article-schema";
import { localiseArticle } from "../content/localise-article";
import { formatDay } from "../content/relative-time";
import type { Locale } from "../i18n/locale";
import { languageOf } from "../i18n/translate";
import { htmlToText } from "./html";
import { shortenText } from "./shorten-text";

/** What the summary card shows. */
export interface CardContent {
  headline: string;
  /** "Baku, Azerbaijan · 30 October 2019" */
  dateline: string;
  outlet: string;
}

/** A font satori can read (TTF, OTF or WOFF; not WOFF2). */
export interface CardFont {
  name: string;
  data: Buffer;
  weight: 400 | 700;
  style: "normal";
}

/** The card's size: Telegram shows a 1200×630 photo whole in a channel, as link previews are drawn. */
export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
const PADDING = 72;
const PADDING_Y = 60;

/** Noto Sans's subsets as @fontsource/noto-sans ships them (SIL Open Font License 1.1): Latin and Cyrillic, with their extensions. */
const SUBSETS = ["latin", "latin-ext", "cyrillic", "cyrillic-ext"] as const;

let bundled: CardFont[] | undefined;

/** The bundled fonts, read once: Noto Sans regular and bold, for Latin and Cyrillic. */
export function bundledCardFonts(subsets: readonly string[] = SUBSETS): CardFont[] {
  const load = () => {
    const require = createRequire(import.meta.url);
    return subsets.flatMap((subset) =>
      ([400, 700] as const).map((weight) => ({
        // One name per subset: satori falls back from font to font for a glyph the first lacks, not within one name.
        name: `Noto Sans ${subset}`,
        weight,
        style: "normal" as const,
        data: readFileSync(require.resolve(`@fontsource/noto-sans/files/noto-sans-${subset}-${weight}-normal.woff`)),
      })),
    );
  };
  if (subsets !== SUBSETS) return load();
  bundled ??= load();
  return bundled;
}

/**
 * The card's content for an article in the channel's language (default the article's own):
 * its headline (shortened to what the card holds), place and date, and outlet, translated
 * where the article file translates them.
 */
export function cardContent(original: Article, locale: Locale = original.language): CardContent {
  const article = localiseArticle(original, locale);
  const dateline = htmlToText(languageOf(locale).t("card-dateline", { place: article.place, date: formatDay(article.date, locale) }).value);
  return { headline: shortenText(article.headline, 160), dateline, outlet: article.outlet };
}

/** A satori element: the shape of a React element, written without JSX. */
interface Element {
  type: string;
  props: { style?: Record<string, string | number>; children?: string | Element | Element[] };
}

const el = (type: string, style: Element["props"]["style"], children?: Element["props"]["children"]): Element => ({ type, props: { style, children } });

/** Larger type for a short headline, smaller for a long one, so it always fits the card in at most five lines. */
function headlineSize(headline: string): number {
  if (headline.length <= 50) return 68;
  if (headline.length <= 90) return 58;
  if (headline.length <= 130) return 48;
  return 42;
}

/** The card as SVG (satori: flexbox layout, text drawn as paths from the given fonts). */
export async function renderCardSvg(card: CardContent, fonts: CardFont[] = bundledCardFonts()): Promise<string> {
  const tree = el(
    "div",
    {
      // satori sizes boxes without their padding (content-box): the padding is added to these.
      width: CARD_WIDTH - 2 * PADDING,
      height: CARD_HEIGHT - 2 * PADDING_Y,
      display: "flex",
      flexDirection: "column",
      justifyContent: "space-between",
      paddingTop: PADDING_Y,
      paddingBottom: PADDING_Y,
      paddingLeft: PADDING,
      paddingRight: PADDING,
      backgroundColor: "#0f2340",
      color: "#ffffff",
      fontFamily: fonts.map((font) => `"${font.name}"`).filter((name, i, all) => all.indexOf(name) === i).join(", "),
    },
    [
      el("div", { display: "flex", alignItems: "center", fontSize: 30, fontWeight: 700, color: "#9cc3ff", letterSpacing: 1 }, [
        el("div", { width: 14, height: 40, backgroundColor: "#e4572e", marginRight: 20 }),
        el("div", {}, card.outlet),
      ]),
      el("div", { display: "flex", width: CARD_WIDTH - 2 * PADDING, fontSize: headlineSize(card.headline), fontWeight: 700, lineHeight: 1.18 }, card.headline),
      el("div", { display: "flex", width: CARD_WIDTH - 2 * PADDING, fontSize: 32, fontWeight: 400, color: "#d5deea" }, card.dateline),
    ],
  );
  // satori takes React elements; the plain object above has their shape.
  return satori(tree as unknown as Parameters<typeof satori>[0], { width: CARD_WIDTH, height: CARD_HEIGHT, fonts });
}

/**
 * The summary card as a PNG: headline, place and date, outlet, drawn with the
 * bundled Noto Sans (Latin and Cyrillic), so it looks the same on every
 * machine (no system fonts are read).
 */
export async function renderCardPng(card: CardContent, fonts?: CardFont[]): Promise<Buffer> {
  const svg = await renderCardSvg(card, fonts);
  const png = new Resvg(svg, { fitTo: { mode: "width", value: CARD_WIDTH }, font: { loadSystemFonts: false } }).render().asPng();
  return Buffer.from(png);
}
