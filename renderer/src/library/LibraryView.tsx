/**
 * The library: a table of articles (title, source, date, status, span counts per label),
 * a filter, and the actions that add, import, export and delete articles. The filter
 * box answers each keystroke at once; the table follows a moment later (useDeferredValue),
 * so typing never waits for 100,000 titles to be matched.
 */
import { useDeferredValue, useMemo, useRef, useState } from 'react';
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
  const shown = useMemo(() => filterArticles(articles, filter), [articles, filter]);
  const done = useMemo(() => countDone(articles), [articles]);
  useWarmSearchKeys(articles);
  const [scroller, setScroller] = useState<HTMLElement | null>(null);

  return (
    <main className="library" ref={setScroller}>
      <div className="library-head">
        <div>
          <h1>Library</h1>
          <p className="muted small">
            {articles.length} article{articles.length === 1 ? '' : 's'} · {done} done
          </p>
        </div>
      </div>
      <LibraryToolbar />
      <WorkspaceNotices />
      {loaded && articles.length === 0 ? (
        <div className="empty-state">
          <h2>No articles yet</h2>
          <p>Add one by pasting its text, or import .txt / .md files or a JSONL export.</p>
        </div>
      ) : (
        <LibraryTable shown={shown} filter={filter} loaded={loaded} scroller={scroller} />
      )}
    </main>
  );
}

function countDone(articles: readonly ArticleSummary[]): number {
  let n = 0;
  for (const a of articles) if (a.status === 'done') n++;
  return n;
}
