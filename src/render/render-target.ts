import type { Article } from "../content/article-schema";
import { languageOf, type Language } from "../i18n/translate";
import type { SearchTarget } from "../search/search-articles";
import { bold, html, htmlToText } from "./html";
import {
  describePerson,
  findPerson,
  renderPerson,
  renderPlace,
  renderStatement,
  renderSummary,
  type Answer,
} from "./render-article";

const english = languageOf("en");

/** The full answer for one thing a search found in an article. */
export function renderTarget(article: Article, target: SearchTarget, language: Language = english): Answer {
  const summary = () => renderSummary(article, language);
  switch (target.kind) {
    case "article":
      return summary();
    case "person": {
      const person = findPerson(article, target.personId);
      return person ? renderPerson(article, person, language) : summary();
    }
    case "statement": {
      const statement = article.statements[target.index];
      return statement ? { blocks: [renderStatement(article, statement, language)] } : summary();
    }
    case "agenda": {
      const item = article.agenda[target.index];
      if (!item) return summary();
      const heading = language.t(item.key ? "target-agenda-key" : "target-agenda", { event: article.event });
      return { blocks: [html`${heading}\n${item.text}`] };
    }
    case "happening": {
      const happening = article.happenings[target.index];
      return happening ? { blocks: [html`${bold(article.headline)}\n“${happening.text}”`] } : summary();
    }
    case "place":
      return renderPlace(article, target.placeId, language);
    case "absence": {
      const absence = article.attendance.absent[target.index];
      if (!absence) return summary();
      const heading = language.t("target-absence", { who: absence.who, event: article.event });
      return { blocks: [html`${heading}\n“${absence.text}”`] };
    }
  }
}

/** Cuts text to `max` characters at a word boundary, with an ellipsis. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

/** A one-line title and description for a search result, as an inline result shows them. */
export function describeTarget(article: Article, target: SearchTarget, language: Language = english): { title: string; description: string } {
  const text = (key: string, values?: Record<string, string>) => htmlToText(language.t(key, values).value);
  const about = `${article.date}, ${article.headline}`;
  switch (target.kind) {
    case "person": {
      const person = findPerson(article, target.personId);
      if (!person) break;
      return { title: person.name, description: shorten(`${describePerson(person)} · ${about}`, 150) };
    }
    case "statement": {
      const statement = article.statements[target.index];
      if (!statement) break;
      const speaker = findPerson(article, statement.speaker)?.name ?? statement.speaker;
      // Quote marks only around a direct quote: reported speech is the article's words, not the speaker's.
      const title = statement.kind === "quote" ? `${speaker}: “${statement.text}”` : `${speaker}: ${statement.intro ?? ""} ${statement.text}`;
      const kind = text(statement.kind === "quote" ? "inline-direct-quote" : "inline-reported");
      return { title: shorten(title.replace(/\s+/g, " "), 100), description: `${kind} · ${about}` };
    }
    case "agenda": {
      const item = article.agenda[target.index];
      if (!item) break;
      return { title: shorten(text("inline-agenda-title", { text: item.text }), 100), description: `${text(item.key ? "inline-key-item" : "inline-discussed")} · ${about}` };
    }
    case "happening": {
      const happening = article.happenings[target.index];
      if (!happening) break;
      return { title: shorten(happening.text, 100), description: `${text("inline-happened")} · ${about}` };
    }
    case "place": {
      const place = article.places.find((p) => p.id === target.placeId);
      if (!place) break;
      return { title: place.name, description: shorten(`“${place.text}” · ${about}`, 150) };
    }
    case "absence": {
      const absence = article.attendance.absent[target.index];
      if (!absence) break;
      return { title: text("inline-absent-title", { who: absence.who }), description: shorten(`“${absence.text}” · ${about}`, 150) };
    }
    case "article":
      break;
  }
  return { title: article.headline, description: `${article.outlet}, ${article.place}, ${article.date}` };
}
