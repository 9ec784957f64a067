import type { Article } from "../content/article-schema";
import type { SearchTarget } from "../search/search-articles";
import { bold, html } from "./html";
import {
  describePerson,
  findPerson,
  renderPerson,
  renderPlace,
  renderStatement,
  renderSummary,
  type Answer,
} from "./render-article";

/** The full answer for one thing a search found in an article. */
export function renderTarget(article: Article, target: SearchTarget): Answer {
  switch (target.kind) {
    case "article":
      return renderSummary(article);
    case "person": {
      const person = findPerson(article, target.personId);
      return person ? renderPerson(article, person) : renderSummary(article);
    }
    case "statement": {
      const statement = article.statements[target.index];
      return statement ? { blocks: [renderStatement(article, statement)] } : renderSummary(article);
    }
    case "agenda": {
      const item = article.agenda[target.index];
      if (!item) return renderSummary(article);
      const label = item.key ? "Key agenda item" : "On the agenda";
      return { blocks: [html`${bold(label)} of the ${article.event}:\n${item.text}`] };
    }
    case "happening": {
      const happening = article.happenings[target.index];
      return happening ? { blocks: [html`${bold(article.headline)}\n“${happening.text}”`] } : renderSummary(article);
    }
    case "place":
      return renderPlace(article, target.placeId);
    case "absence": {
      const absence = article.attendance.absent[target.index];
      if (!absence) return renderSummary(article);
      return { blocks: [html`${bold(`${absence.who} did not attend`)} the ${article.event}:\n“${absence.text}”`] };
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
export function describeTarget(article: Article, target: SearchTarget): { title: string; description: string } {
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
      const kind = statement.kind === "quote" ? "Direct quote" : "Reported speech";
      return { title: shorten(title.replace(/\s+/g, " "), 100), description: `${kind} · ${about}` };
    }
    case "agenda": {
      const item = article.agenda[target.index];
      if (!item) break;
      return { title: shorten(`Agenda: ${item.text}`, 100), description: `${item.key ? "Key item" : "Discussed"} · ${about}` };
    }
    case "happening": {
      const happening = article.happenings[target.index];
      if (!happening) break;
      return { title: shorten(happening.text, 100), description: `What happened · ${about}` };
    }
    case "place": {
      const place = article.places.find((p) => p.id === target.placeId);
      if (!place) break;
      return { title: place.name, description: shorten(`“${place.text}” · ${about}`, 150) };
    }
    case "absence": {
      const absence = article.attendance.absent[target.index];
      if (!absence) break;
      return { title: `${absence.who} did not attend`, description: shorten(`“${absence.text}” · ${about}`, 150) };
    }
    case "article":
      break;
  }
  return { title: article.headline, description: `${article.outlet}, ${article.place}, ${article.date}` };
}
