/**
 * The library: a table of articles (title, source, date, status, span counts per label),
 * a filter, and the actions that add, import, export and delete articles. The filter
 * box answers each keystroke at once; the table follows a moment later (useDeferredValue),
 * so typing never waits for 100,000 titles to be matched. While the rows after the first page
 * are still arriving, the counts give the library's total and say so, and the unfiltered table
 * holds a placeholder row for each row still to come.
 */
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { ArticleSummary } from '../../../shared/domain/model';
import { useWorkbench, useWorkbenchStore } from '../store/StoreContext';
import { filterArticles } from '../store/librarySlice';
import { LibraryTable } from './LibraryTable';
import { useWarmSearchKeys } from './useWarmSearchKeys';
import { WorkspaceNotices } from './WorkspaceNotices';

export { STATUS_TEXT } from './LibraryTable';

function LibraryToolbar() {
  const store = useWorkbenchStore();
  const filter = useWorkbench((s) => s.filter);
  const checkedCount = useWorkbench((s) => s.checkedIds.length);
  const filesRef = useRef<HTMLInputElement>(null);
  const jsonlRef = useRef<HTMLInputElement>(null);
  return (
    <div className="library-toolbar">
      <div className="search">
        <span className="search-icon" aria-hidden="true">⌕</span>
        <input
          type="search"
          aria-label="Filter articles"
          placeholder="Filter by title, source or date"
          value={filter}
          onChange={(e) => store.getState().setFilter(e.target.value)}
        />
      </div>
      <div className="toolbar-actions">
        <button type="button" className="button primary" onClick={() => store.getState().openDialog({ kind: 'addArticle' })}>
          Add article
        </button>
        <label className="button file-button">
          Import files
          <input
            ref={filesRef}
            type="file"
            multiple
            accept=".txt,.md"
            className="visually-hidden"
            onChange={async (e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              if (files.length) await store.getState().importTextFiles(files);
            }}
          />
        </label>
        <button type="button" className="button" onClick={() => store.getState().openDialog({ kind: 'import' })}>
          Import…
        </button>
        <button
          type="button"
          className="button"
          onClick={() => store.getState().openDialog({ kind: 'export' })}
          title="Export articles in any format: JSONL, brat, doccano, Label Studio, W3C, CoNLL, CSV"
        >
          Export…
        </button>
        <label className="button file-button">
          Import JSONL
          <input
            ref={jsonlRef}
            type="file"
            accept=".jsonl,.ndjson,.json"
            className="visually-hidden"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) await store.getState().previewJsonl(file);
            }}
          />
        </label>
        <button
          type="button"
          className="button"
          onClick={() => store.getState().exportJsonl()}
          title={checkedCount ? 'Export the checked articles as JSONL' : 'Export every article as JSONL'}
        >
          Export JSONL
          {checkedCount > 0 && <span className="button-note"> ({checkedCount} selected)</span>}
        </button>
      </div>
    </div>
  );
}

export function LibraryView() {
  const articles = useWorkbench((s) => s.articles);
  const filter = useDeferredValue(useWorkbench((s) => s.filter));
  const loaded = useWorkbench((s) => s.libraryLoaded);
  const arriving = useWorkbench((s) => s.libraryTotal);
  const total = arriving ?? articles.length;
  const shown = useMemo(() => filterArticles(articles, filter), [articles, filter]);
  // Counted once the last page is in: until then each page would count the whole list again.
  const done = useMemo(() => (arriving === null ? countDone(articles) : 0), [articles, arriving]);
  useWarmSearchKeys(articles);
  const [scroller, setScroller] = useState<HTMLElement | null>(null);
  const store = useWorkbenchStore();
  // Curation progress changes with every decision in an article: read again whenever the library shows.
  useEffect(() => {
    void store.getState().loadCurationProgress();
  }, [store]);

  return (
    <main className="library" ref={setScroller}>
      <div className="library-head">
        <div>
          <h1>Library</h1>
          <p className="muted small">
            {total} article{total === 1 ? '' : 's'} ·{' '}
            {arriving === null ? `${done} done` : `loading… (${articles.length} of ${total} listed)`}
          </p>
        </div>
      </div>
      <LibraryToolbar />
      <WorkspaceNotices />
      {arriving !== null && filter.trim() && (
        <p className="muted small library-loading" role="status">
          The filter looks through the {articles.length} of {total} articles listed so far; the rest are loading.
        </p>
      )}
      {loaded && total === 0 ? (
        <div className="empty-state">
          <h2>No articles yet</h2>
          <p>Add one by pasting its text, or import .txt / .md files or a JSONL export.</p>
        </div>
      ) : (
        <LibraryTable
          shown={shown}
          filter={filter}
          loaded={loaded}
          complete={arriving === null}
          // Only the whole list has a known place for the rows still to come.
          pendingRows={arriving === null || filter.trim() ? 0 : Math.max(0, arriving - articles.length)}
          scroller={scroller}
        />
      )}
    </main>
  );
}

function countDone(articles: readonly ArticleSummary[]): number {
  let n = 0;
  for (const a of articles) if (a.status === 'done') n++;
  return n;
}
