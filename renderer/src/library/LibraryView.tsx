/**
 * The library: a table of articles (title, source, date, status, span counts per label),
 * a filter, and the actions that add, import, export and delete articles. Rows open on
 * click or Enter (the title is a button).
 */
import { useMemo, useRef } from 'react';
import type { ArticleStatus, ArticleSummary, Label } from '../../../shared/domain/model';
import { useWorkbench, useWorkbenchStore } from '../store/StoreContext';
import { filterArticles } from '../store/librarySlice';
import { selectLabels } from '../store/workspaceSlice';
import { WorkspaceNotices } from './WorkspaceNotices';

export const STATUS_TEXT: Record<ArticleStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  done: 'Done',
};

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

function SpanChips({ counts, labels }: { counts: Record<string, number>; labels: readonly Label[] }) {
  const known = labels.filter((l) => counts[l.id]);
  const other = Object.entries(counts).filter(([id]) => !labels.some((l) => l.id === id));
  if (!known.length && !other.length) return <span className="muted">—</span>;
  return (
    <ul className="chips" aria-label="Spans per label">
      {known.map((l) => (
        <li key={l.id} className="chip-count" style={{ '--label-color': l.color } as React.CSSProperties}>
          <span className="swatch" aria-hidden="true" />
          <span className="chip-n">{counts[l.id]}</span> <span className="chip-name">{l.name}</span>
        </li>
      ))}
      {other.map(([id, n]) => (
        <li key={id} className="chip-count">
          <span className="chip-n">{n}</span> <span className="chip-name">{id}</span>
        </li>
      ))}
    </ul>
  );
}

function ArticleRow({ article, labels, checked }: { article: ArticleSummary; labels: readonly Label[]; checked: boolean }) {
  const store = useWorkbenchStore();
  const open = () => {
    if (!article.error) void store.getState().openArticle(article.id);
  };
  return (
    <tr
      className={checked ? 'is-checked' : undefined}
      onClick={(e) => {
        // Clicks on the row's own controls do their own thing.
        if ((e.target as HTMLElement).closest('button, input, a, label')) return;
        open();
      }}
    >
      <td className="col-check">
        <input
          type="checkbox"
          checked={checked}
          aria-label={`Select ${article.title}`}
          onChange={() => store.getState().toggleChecked(article.id)}
        />
      </td>
      <td className="col-title">
        <button type="button" className="title-button" dir="auto" onClick={open} disabled={!!article.error}>
          {article.title}
        </button>
        {article.error && <p className="row-error">{article.error}</p>}
        {article.url && (
          <a className="muted small url" href={article.url} target="_blank" rel="noreferrer noopener">
            {hostOf(article.url)}
          </a>
        )}
      </td>
      <td className="col-source" dir="auto">
        {article.source ?? <span className="muted">—</span>}
      </td>
      <td className="col-date">{article.date ?? <span className="muted">—</span>}</td>
      <td className="col-status">
        <span className={`status status-${article.status}`}>{STATUS_TEXT[article.status]}</span>
      </td>
      <td className="col-spans">
        <SpanChips counts={article.spanCounts} labels={labels} />
      </td>
      <td className="col-actions">
        <button
          type="button"
          className="button ghost small danger-quiet"
          title="Delete this article"
          onClick={() => store.getState().openDialog({ kind: 'deleteArticle', articleId: article.id, title: article.title })}
        >
          Delete
        </button>
      </td>
    </tr>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function LibraryView() {
  const store = useWorkbenchStore();
  const articles = useWorkbench((s) => s.articles);
  const filter = useWorkbench((s) => s.filter);
  const checkedIds = useWorkbench((s) => s.checkedIds);
  const loaded = useWorkbench((s) => s.libraryLoaded);
  const labels = useWorkbench(selectLabels);
  const shown = useMemo(() => filterArticles(articles, filter), [articles, filter]);
  const allChecked = shown.length > 0 && shown.every((a) => checkedIds.includes(a.id));
  const done = articles.filter((a) => a.status === 'done').length;

  return (
    <main className="library">
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
        <table className="library-table">
          <caption className="visually-hidden">Articles</caption>
          <thead>
            <tr>
              <th scope="col" className="col-check">
                <input
                  type="checkbox"
                  aria-label="Select all articles"
                  checked={allChecked}
                  onChange={() => store.getState().setChecked(allChecked ? [] : shown.map((a) => a.id))}
                />
              </th>
              <th scope="col">Title</th>
              <th scope="col">Source</th>
              <th scope="col">Date</th>
              <th scope="col">Status</th>
              <th scope="col">Spans</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((a) => (
              <ArticleRow key={a.id} article={a} labels={labels} checked={checkedIds.includes(a.id)} />
            ))}
            {shown.length === 0 && loaded && (
              <tr>
                <td colSpan={7} className="muted empty-row">
                  No article matches “{filter}”.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      )}
    </main>
  );
}
