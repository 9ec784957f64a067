import type { Logger } from "pino";
import { isLive, type Article } from "../content/article-schema";
import type { ContentResult } from "../content/load-content";
import { parseArticle } from "../content/load-content";
import { draftArticle, ImportError, type DraftInput } from "../import/draft-article";
import { writeDraftYaml } from "../import/write-draft-yaml";
import { languageOf, type Language } from "../i18n/translate";
import { htmlToText } from "../render/html";
import { isArticleFileName, type ArticleStore } from "./article-store";
import { draftChecks, withStatus } from "./draft-file";
import { fetchArticlePage } from "./fetch-limited";

/** A draft or article the newsroom holds, ready to preview. */
export interface HeldArticle {
  article: Article;
  name: string;
  text: string;
  /** What the importer was unsure of (its `# CHECK:` notes). */
  checks: string[];
}

/** What the newsroom needs of an article loaded (a summary, or the article). */
export type NewsroomArticle = Pick<Article, "id" | "headline" | "status">;

export type NewsroomResult<T> = ({ ok: true } & T) | { ok: false; sentence: string; problems?: string[] };

export interface NewsroomOptions {
  store: ArticleStore;
  /** Loads CONTENT_DIR now, so a change is served (or its problems told) at once. */
  reload: () => Promise<ContentResult<unknown>>;
  /** Every article loaded, drafts included. */
  loaded: () => readonly NewsroomArticle[];
  /** The last load's problems (files edited on disk), or none. */
  problems: () => readonly string[];
  logger: Logger;
  fetch?: typeof globalThis.fetch;
  /** The day put in a draft whose text has no date. */
  today?: () => string;
}

const english = languageOf("en");
/** A sentence for the editor, from the catalogs: the methods take the editor's language (English for feeds and logs). */
const say = (language: Language, key: string, values?: Record<string, string>) => htmlToText(language.t(key, values).value);

/**
 * The editors' path from a text, a link, a feed item or a file to an article
 * served: drafts are written to the store (so to CONTENT_DIR) with `status:
 * draft`, approved by dropping that status, discarded by removing the file.
 * Every change is loaded at once and checked as any file in CONTENT_DIR is;
 * a change the loader refuses is undone, so nothing served is lost.
 */
export function createNewsroom(options: NewsroomOptions) {
  const { store, logger } = options;

  const nameOf = (id: string) => options.loaded().find((article) => article.id === id);

  /** The file holding this id: `<id>.yaml`/`.json`, or an editor's file of another name. */
  async function findFile(id: string): Promise<{ name: string; text: string } | undefined> {
    const name = await store.fileOfId(id);
    if (name === undefined || !isArticleFileName(name)) return undefined;
    const text = await store.read(name);
    return text === undefined ? undefined : { name, text };
  }

  /**
   * Writes a file and loads it; undone (the old text put back) if the content
   * then has a problem it did not have before, which is returned.
   */
  async function write(name: string, text: string, language: Language): Promise<NewsroomResult<{ replaced: boolean }>> {
    const known = new Set(options.problems());
    const before = await store.read(name);
    await store.put(name, text);
    const result = await options.reload();
    const fresh = result.ok ? [] : result.problems.filter((problem) => !known.has(problem));
    if (fresh.length === 0) return { ok: true, replaced: before !== undefined };
    if (before === undefined) await store.remove(name);
    else await store.put(name, before);
    await options.reload();
    return { ok: false, sentence: say(language, "newsroom-clash"), problems: fresh };
  }

  function held(name: string, text: string): HeldArticle | undefined {
    const parsed = parseArticle(text, name.endsWith(".json") ? ".json" : ".yaml");
    return parsed.article ? { article: parsed.article, name, text, checks: draftChecks(text) } : undefined;
  }

  /** An id for a new draft: its own, unless a live article (or a draft from elsewhere) has it. */
  async function freeId(id: string, source: string): Promise<string> {
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? id : `${id.slice(0, 36)}-${n}`;
      const existing = await findFile(candidate);
      const loaded = nameOf(candidate);
      if (!existing && !loaded) return candidate;
      // The same source drafted again replaces its draft.
      if (existing && loaded && !isLive(loaded) && existing.text.includes(`from ${source}.`)) return candidate;
    }
  }

  return {
    /** Drafts an article from its text or HTML, stores it as a draft, and returns it to preview. */
    async draft(input: Omit<DraftInput, "today">, source: string, language: Language = english): Promise<NewsroomResult<{ draft: HeldArticle }>> {
      let drafted;
      try {
        drafted = draftArticle({ ...input, ...(options.today ? { today: options.today() } : {}) });
      } catch (error) {
        if (error instanceof ImportError) return { ok: false, sentence: say(language, "newsroom-cannot-draft", { reason: error.message }) };
        throw error;
      }
      const id = await freeId(drafted.article.id, source);
      const article = { ...drafted.article, id };
      const name = `${id}.yaml`;
      const text = writeDraftYaml(article, drafted.checks, { schemaPath: "../schema/article.schema.json", source: source.replace(/\s+/g, " ") });
      const written = await write(name, text, language);
      if (!written.ok) return written;
      const draft = held(name, text);
      if (!draft) return { ok: false, sentence: say(language, "newsroom-draft-failed-checks") };
      logger.info({ id, source }, "newsroom: drafted");
      return { ok: true, draft };
    },

    /** Fetches a page and drafts it; `allowFile` only for a link from a local feed the configuration names. */
    async draftLink(url: string, allowFile = false, language: Language = english): Promise<NewsroomResult<{ draft: HeldArticle }>> {
      const page = await fetchArticlePage(url, { timeoutMs: 20_000, allowFile, ...(options.fetch ? { fetch: options.fetch } : {}) });
      if (!page.ok) return { ok: false, sentence: say(language, "newsroom-cannot-fetch", { url, reason: page.reason }) };
      return this.draft({ text: page.text, format: page.format, url: page.url }, url, language);
    },

    /** Adds or replaces an article from an editor's checked file, as it is (draft or live), in the file that holds its id if there is one. */
    async addFile(name: string, text: string, language: Language = english): Promise<NewsroomResult<{ added: HeldArticle; replaced: boolean }>> {
      const added = held(name, text);
      if (!added) return { ok: false, sentence: say(language, "newsroom-invalid-file") };
      const existing = await store.fileOfId(added.article.id);
      const sameKind = existing !== undefined && isArticleFileName(existing) && existing.endsWith(".json") === name.endsWith(".json");
      const target = sameKind ? existing : name;
      // Under another name (JSON replacing YAML, say), the old file would repeat the id: it goes first, and comes back if the new one is refused.
      const old = existing !== undefined && existing !== target && isArticleFileName(existing) ? { name: existing, text: await store.read(existing) } : undefined;
      if (old) await store.remove(old.name);
      const written = await write(target, text, language);
      if (!written.ok) {
        if (old?.text !== undefined) {
          await store.put(old.name, old.text);
          await options.reload();
        }
        return written;
      }
      return { ok: true, added: { ...added, name: target }, replaced: existing !== undefined };
    },

    /** The draft or article with this id, as the newsroom holds it. */
    async get(id: string): Promise<HeldArticle | undefined> {
      const file = await findFile(id);
      return file ? held(file.name, file.text) : undefined;
    },

    /** Makes a draft live; `already` when it was live. */
    async approve(id: string, language: Language = english): Promise<NewsroomResult<{ article: Article; already: boolean }>> {
      const file = await findFile(id);
      const current = file ? held(file.name, file.text) : undefined;
      if (!file || !current) return { ok: false, sentence: say(language, "newsroom-draft-gone") };
      if (isLive(current.article)) return { ok: true, article: current.article, already: true };
      const written = await write(file.name, withStatus(file.text, file.name, "live"), language);
      if (!written.ok) return written;
      logger.info({ id }, "newsroom: approved");
      return { ok: true, article: { ...current.article, status: "live" }, already: false };
    },

    /** Removes a draft; a live article is not removed from here. */
    async discard(id: string, language: Language = english): Promise<NewsroomResult<{ headline: string }>> {
      const file = await findFile(id);
      const current = file ? held(file.name, file.text) : undefined;
      if (!file || !current) return { ok: false, sentence: say(language, "newsroom-draft-already-gone") };
      if (isLive(current.article)) return { ok: false, sentence: say(language, "newsroom-live-not-discarded") };
      await store.remove(file.name);
      await options.reload();
      logger.info({ id }, "newsroom: discarded");
      return { ok: true, headline: current.article.headline };
    },

    /** The drafts held, newest first. */
    drafts(): NewsroomArticle[] {
      return options.loaded().filter((article) => !isLive(article));
    },
  };
}

export type Newsroom = ReturnType<typeof createNewsroom>;
