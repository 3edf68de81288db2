/**
 * The library: article summaries (never texts), the filter, the checked rows, and the
 * operations that add, import, export and delete articles.
 */
import type { NewArticle, TransferFile } from '../../../shared/api/contract';
import type { ArticleSummary } from '../../../shared/domain/model';
import type { SliceCreator } from './types';

export interface LibrarySlice {
  articles: ArticleSummary[];
  libraryLoaded: boolean;
  filter: string;
  checkedIds: readonly string[];
  libraryScroll: LibraryScroll | null;
  loadLibrary(): Promise<void>;
  setFilter(filter: string): void;
  toggleChecked(id: string): void;
  setChecked(ids: readonly string[]): void;
  rememberLibraryScroll(scroll: LibraryScroll): void;
  /** Replace (or add) one summary, e.g. after an edit was saved. */
  upsertSummary(summary: ArticleSummary): void;
  createArticle(input: NewArticle): Promise<boolean>;
  importTextFiles(files: readonly File[]): Promise<boolean>;
  previewJsonl(file: File): Promise<boolean>;
  commitJsonl(labelMapping: Record<string, string>): Promise<boolean>;
  exportJsonl(): Promise<boolean>;
  deleteArticle(id: string): Promise<boolean>;
}

export const TEXT_FILE_PATTERN = /\.(txt|md|markdown)$/i;

/** Each summary's searchable text, lower-cased once: a keystroke then costs one `includes` per article. */
const searchKeys = new WeakMap<ArticleSummary, string>();

function searchKeyOf(a: ArticleSummary): string {
  let key = searchKeys.get(a);
  if (key === undefined) {
    // A newline cannot be typed into the filter, so no match spans two fields.
    key = [a.title, a.source ?? '', a.date ?? '', a.url ?? ''].join('\n').toLocaleLowerCase();
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
  const q = filter.trim().toLocaleLowerCase();
  if (!q) return articles as ArticleSummary[];
  const shown: ArticleSummary[] = [];
  for (const a of articles) if (searchKeyOf(a).includes(q)) shown.push(a);
  return shown;
}

/** Where the library's list was scrolled to, kept while an article is open so going back lands in the same place. */
export interface LibraryScroll {
  offset: number;
  /** The virtualiser's measured row sizes (opaque here), so rows come back at the heights they had. */
  measured: readonly unknown[];
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

export const createLibrarySlice: SliceCreator<LibrarySlice> = (set, get, { api, download }) => ({
  articles: [],
  libraryLoaded: false,
  filter: '',
  checkedIds: [],
  libraryScroll: null,

  loadLibrary: async () => {
    try {
      const articles = await api.listArticles({});
      set((s) => {
        const ids = new Set(articles.map((a) => a.id));
        return { articles, libraryLoaded: true, checkedIds: s.checkedIds.filter((id) => ids.has(id)) };
      });
    } catch (err) {
      set({ libraryLoaded: true });
      get().reportError(err, 'Could not list the articles');
    }
  },
  setFilter: (filter) => set({ filter }),
  toggleChecked: (id) =>
    set((s) => ({ checkedIds: s.checkedIds.includes(id) ? s.checkedIds.filter((x) => x !== id) : [...s.checkedIds, id] })),
  setChecked: (ids) => set({ checkedIds: [...ids] }),
  rememberLibraryScroll: (libraryScroll) => set({ libraryScroll }),
  upsertSummary: (summary) => set((s) => ({ articles: mergeSummaries(s.articles, [summary]) })),

  createArticle: async (input) => {
    try {
      const summary = await api.createArticle(input);
      set((s) => ({ articles: mergeSummaries(s.articles, [summary]) }));
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
      set((s) => ({ articles: mergeSummaries(s.articles, added) }));
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
      set((s) => ({ articles: mergeSummaries(s.articles, added), dialog: null }));
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
      }));
      return true;
    } catch (err) {
      get().reportError(err, 'Could not delete the article');
      return false;
    }
  },
});
