import { createOwnedCache } from "../base/caches";
import type { Locale } from "../i18n/locale";
import type { Article } from "./article-schema";

/** Per article object, its localised versions: a content reload makes new objects, so an edit is seen. */
const localised = createOwnedCache<Article, Locale, Article>();

/**
 * The article as a reader of `locale` sees it: the editor's translations of
 * its short fields (headline, lead, place, event, people's names, roles and
 * countries, places, agenda items, absences) where the file has them, the
 * original elsewhere; quotes and excerpts always verbatim. For display only:
 * ids, paragraphs and everything the question module matches on stay as they
 * are. Made once per article and language (the same object every time), so it
 * costs a map look-up per update.
 */
export function localiseArticle(article: Article, locale: Locale): Article {
  const translation = article.translations?.[locale];
  if (translation === undefined || locale === article.language) return article;
  return localised(article, locale, () => translate(article, locale));
}

function translate(article: Article, locale: Locale): Article {
  const t = article.translations?.[locale] ?? {};
  return {
    ...article,
    headline: t.headline ?? article.headline,
    lead: t.lead ?? article.lead,
    place: t.place ?? article.place,
    event: t.event ?? article.event,
    people: article.people.map((person) => {
      const p = t.people?.[person.id];
      if (p === undefined) return person;
      return {
        ...person,
        name: p.name ?? person.name,
        role: p.role ?? person.role,
        ...(person.country !== undefined ? { country: p.country ?? person.country } : {}),
        ...(person.organisation !== undefined ? { organisation: p.organisation ?? person.organisation } : {}),
      };
    }),
    places: article.places.map((place) => {
      const p = t.places?.[place.id];
      if (p === undefined) return place;
      return { ...place, name: p.name ?? place.name, ...(place.country !== undefined ? { country: p.country ?? place.country } : {}) };
    }),
    agenda: article.agenda.map((item, i) => {
      const text = t.agenda?.[String(i + 1)];
      return text === undefined ? item : { ...item, text };
    }),
    attendance: {
      ...article.attendance,
      absent: article.attendance.absent.map((absence, i) => {
        const who = t.absent?.[String(i + 1)];
        return who === undefined ? absence : { ...absence, who };
      }),
    },
  };
}

/**
 * Every short field next to its translation into `locale`, original first
 * (`["Sergei Shoigu", "Сергей Шойгу"]`): what a scorer or a search may accept
 * in either spelling. Empty when the article has no such translation.
 */
export function translatedPairs(article: Article, locale: Locale): [string, string][] {
  const view = localiseArticle(article, locale);
  if (view === article) return [];
  const pairs: [string, string][] = [
    [article.headline, view.headline],
    [article.place, view.place],
    [article.event, view.event],
  ];
  if (article.lead !== undefined && view.lead !== undefined) pairs.push([article.lead, view.lead]);
  article.people.forEach((person, i) => {
    const other = view.people[i];
    if (!other) return;
    pairs.push([person.name, other.name], [person.role, other.role]);
    for (const alias of person.aliases) pairs.push([alias, other.name]);
    if (person.country !== undefined && other.country !== undefined) pairs.push([person.country, other.country]);
    if (person.organisation !== undefined && other.organisation !== undefined) pairs.push([person.organisation, other.organisation]);
  });
  article.places.forEach((place, i) => {
    const other = view.places[i];
    if (!other) return;
    pairs.push([place.name, other.name]);
    if (place.country !== undefined && other.country !== undefined) pairs.push([place.country, other.country]);
  });
  article.agenda.forEach((item, i) => pairs.push([item.text, view.agenda[i]?.text ?? item.text]));
  article.attendance.absent.forEach((absence, i) => pairs.push([absence.who, view.attendance.absent[i]?.who ?? absence.who]));
  return pairs.filter(([original, translated]) => original !== translated);
}
