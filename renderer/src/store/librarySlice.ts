/**
 * The library: article summaries (never texts), the filter, the checked rows, and the
 * operations that add, import, export and delete articles. The summaries arrive in pages: the
 * first screenful is shown at once, the rest follows in the background (see loadLibrary).
 */
import type { TransferFile } from '../../../shared/api/contract';
import type { ArticleSummary } from '../../../shared/domain/model';
import { articleSearchKey, normalizeArticleQuery } from '../../../shared/domain/articleSearch';
import type { LibrarySlice, SliceCreator } from './types';

export const TEXT_FILE_PATTERN = /\.(txt|md|markdown)$/i;

/** The first page: more than a screenful, so the library paints before the rest is asked for. */
export const FIRST_PAGE_ROWS = 200;
/** Later pages: each costs the page some tens of milliseconds to take in, so input never waits long. */
export const LATER_PAGE_ROWS = 5_000;

/** Each summary's searchable text, lower-cased once: a keystroke then costs one `includes` per article. */
const searchKeys = new WeakMap<ArticleSummary, string>();

function searchKeyOf(a: ArticleSummary): string {
  let key = searchKeys.get(a);
  if (key === undefined) {
    key = articleSearchKey(a);
    searchKeys.set(a, key);
  }
  return key;
}

/** Compute the search keys of `articles[from..]` until `hasTime()` says stop; returns where it stopped. */
export function warmSearchKeys(articles: readonly ArticleSummary[], from: number, hasTime: () => boolean): number {
  let i = from;
  while (i < articles.length && hasTime()) {
    // A few hundred between clock reads: each key costs about a microsecond.
    for (const end = Math.min(articles.length, i + 256); i < end; i++) searchKeyOf(articles[i]);
  }
  return i;
}

/**
 * Client-side filter over what the table shows; the service offers the same match for large libraries.
 * Keys are cached per summary object, so replacing one summary (after an edit) recomputes one key.
 */
export function filterArticles(articles: readonly ArticleSummary[], filter: string): ArticleSummary[] {
  const q = normalizeArticleQuery(filter);
  if (!q) return articles as ArticleSummary[];
  const shown: ArticleSummary[] = [];
  for (const a of articles) if (searchKeyOf(a).includes(q)) shown.push(a);
  return shown;
}

function mergeSummaries(existing: readonly ArticleSummary[], added: readonly ArticleSummary[]): ArticleSummary[] {
  // One summary replaced after every saved edit: a copy of the list, no maps over 100,000 ids.
  if (added.length === 1) {
    const at = existing.findIndex((a) => a.id === added[0].id);
    if (at < 0) return [...existing, added[0]];
    const next = existing.slice();
    next[at] = added[0];
    return next;
  }
  const byId = new Map(added.map((a) => [a.id, a]));
  const kept = existing.map((a) => byId.get(a.id) ?? a);
  const known = new Set(existing.map((a) => a.id));
  return [...kept, ...added.filter((a) => !known.has(a.id))];
}

/**
 * A listing in progress. Pages are asked for by offset in the service's order while this window
 * may add and delete articles, so: rows added here wait at the end of `articles` (the service puts
 * them at its end too) until their page brings them; a deleted row is kept out of a page that was
 * on its way; and each page starts one row early, with the last row already listed, so a list that
 * shifted meanwhile (an article deleted elsewhere) is noticed and listed again whole.
 */
interface PageLoad {
  /** Ids added here during the load, in the order they sit at the end of `articles`. */
  added: Set<string>;
  deleted: Set<string>;
}

/** `existing` with a page's rows put after the rows already listed and before those added here meanwhile. */
function mergePage(existing: readonly ArticleSummary[], rows: readonly ArticleSummary[], added: Set<string>): ArticleSummary[] {
  if (!added.size) return existing.concat(rows);
  const waiting = existing.slice(existing.length - added.size);
  for (const a of rows) added.delete(a.id);
  return [...existing.slice(0, existing.length - waiting.length), ...rows, ...waiting.filter((a) => added.has(a.id))];
}

export const createLibrarySlice: SliceCreator<LibrarySlice> = (set, get, { api, download }) => {
  let load: PageLoad | null = null;

  /** Merge summaries the service just returned for changes made here, noting those appended while a load runs. */
  const mergeLocal = (s: LibrarySlice, added: readonly ArticleSummary[]): Partial<LibrarySlice> => {
    const articles = mergeSummaries(s.articles, added);
    if (!load) return { articles };
    for (const a of articles.slice(s.articles.length)) load.added.add(a.id);
    return { articles, ...(s.libraryTotal !== null ? { libraryTotal: s.libraryTotal + articles.length - s.articles.length } : {}) };
  };

  /** The pages of one load, until the last; false if the list shifted under it (or a newer load took over). */
  const loadPages = async (current: PageLoad): Promise<boolean> => {
    for (let first = true; ; first = false) {
      // The service's rows listed so far: all but those added here meanwhile (none yet for the first page).
      const { articles } = get();
      const listed = first ? 0 : articles.length - current.added.size;
      const overlap = listed ? 1 : 0;
      const page = await api.listArticlePage({ offset: listed - overlap, limit: (first ? FIRST_PAGE_ROWS : LATER_PAGE_ROWS) + overlap });
      if (load !== current) return false;
      if (overlap && page.articles[0]?.id !== articles[listed - 1].id) return false;
      const rows = page.articles.slice(overlap).filter((a) => !current.deleted.has(a.id));
      const complete = listed - overlap + page.articles.length >= page.total;
      set((s) => ({
        // The first page replaces what an earlier load left, except rows added since this one began.
        articles: mergePage(first ? s.articles.slice(s.articles.length - current.added.size) : s.articles, rows, current.added),
        libraryLoaded: true,
        libraryTotal: complete ? null : page.total,
      }));
      if (complete) return true;
    }
  };

  return {
    articles: [],
    libraryLoaded: false,
    libraryTotal: null,
    filter: '',
    checkedIds: [],
    libraryScroll: null,

    loadLibrary: async () => {
      const current: PageLoad = { added: new Set(), deleted: new Set() };
      load = current;
      try {
        const paged = await loadPages(current);
        if (load !== current) return; // a newer load took over
        // The list shifted while it was paged: one full listing settles it.
        const articles = paged ? get().articles : await api.listArticles({});
        if (load !== current) return;
        load = null;
        set((s) => {
          const ids = new Set(articles.map((a) => a.id));
          return { articles, libraryLoaded: true, libraryTotal: null, checkedIds: s.checkedIds.filter((id) => ids.has(id)) };
        });
      } catch (err) {
        if (load !== current) return; // a newer load reports its own failure
        load = null;
        const { libraryLoaded, articles } = get();
        set({ libraryLoaded: true, libraryTotal: null });
        get().reportError(err, libraryLoaded ? `Could not list all the articles (${articles.length} are shown)` : 'Could not list the articles');
      }
    },
    setFilter: (filter) => set({ filter }),
    toggleChecked: (id) =>
      set((s) => ({ checkedIds: s.checkedIds.includes(id) ? s.checkedIds.filter((x) => x !== id) : [...s.checkedIds, id] })),
    setChecked: (ids) => set({ checkedIds: [...ids] }),
    rememberLibraryScroll: (libraryScroll) => set({ libraryScroll }),
    upsertSummary: (summary) => set((s) => mergeLocal(s, [summary])),

    createArticle: async (input) => {
      try {
        const summary = await api.createArticle(input);
        set((s) => mergeLocal(s, [summary]));
        return true;
      } catch (err) {
        get().reportError(err, 'Could not add the article');
        return false;
      }
    },

    importTextFiles: async (files) => {
      const rejected = files.filter((f) => !TEXT_FILE_PATTERN.test(f.name));
      if (rejected.length) {
        get().reportError(
          new Error(`${rejected.map((f) => f.name).join(', ')}: only .txt and .md files can be imported as articles`),
          'Import files',
        );
        return false;
      }
      if (!files.length) return false;
      try {
        const transfer: TransferFile[] = await Promise.all(
          files.map(async (f) => ({ name: f.name, content: await f.text(), encoding: 'utf8' as const })),
        );
        const added = await api.importTextFiles({ files: transfer });
        set((s) => mergeLocal(s, added));
        get().showNotice(`Imported ${added.length} article${added.length === 1 ? '' : 's'}`);
        return true;
      } catch (err) {
        get().reportError(err, 'Could not import the files');
        return false;
      }
    },

    previewJsonl: async (file) => {
      try {
        const content = await file.text();
        const preview = await api.previewImport({ format: 'jsonl', files: [{ name: file.name, content, encoding: 'utf8' }] });
        get().openDialog({ kind: 'importJsonl', fileName: file.name, content, preview });
        return true;
      } catch (err) {
        get().reportError(err, `Could not read ${file.name}`);
        return false;
      }
    },

    commitJsonl: async (labelMapping) => {
      const dialog = get().dialog;
      if (dialog?.kind !== 'importJsonl') return false;
      try {
        const added = await api.commitImport({
          format: 'jsonl',
          files: [{ name: dialog.fileName, content: dialog.content, encoding: 'utf8' }],
          labelMapping,
        });
        set((s) => ({ ...mergeLocal(s, added), dialog: null }));
        // An import may add labels to the schema.
        if (Object.values(labelMapping).includes('add')) await get().loadWorkspace();
        get().showNotice(`Imported ${added.length} article${added.length === 1 ? '' : 's'}`);
        return true;
      } catch (err) {
        get().reportError(err, `Could not import ${dialog.fileName}`);
        return false;
      }
    },

    exportJsonl: async () => {
      const { checkedIds, articles } = get();
      const known = new Set(articles.map((a) => a.id));
      const ids = checkedIds.filter((id) => known.has(id));
      try {
        const file = await api.exportData({ format: 'jsonl', ...(ids.length ? { articleIds: ids } : {}), options: {} });
        download(file);
        return true;
      } catch (err) {
        get().reportError(err, 'Could not export');
        return false;
      }
    },

    deleteArticle: async (id) => {
      try {
        await api.deleteArticle({ id });
        set((s) => ({
          articles: s.articles.filter((a) => a.id !== id),
          checkedIds: s.checkedIds.filter((x) => x !== id),
          dialog: null,
          ...(load ? forgetWhileLoading(load, s, id) : {}),
        }));
        return true;
      } catch (err) {
        get().reportError(err, 'Could not delete the article');
        return false;
      }
    },
  };
};

/** A deletion during a load: its row must not come back with a page on its way. */
function forgetWhileLoading(load: PageLoad, s: LibrarySlice, id: string): Partial<LibrarySlice> {
  load.deleted.add(id);
  load.added.delete(id);
  return s.libraryTotal !== null ? { libraryTotal: s.libraryTotal - 1 } : {};
}
