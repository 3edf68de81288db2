/**
 * The library's table of articles. Rows open on click or Enter (the title is a button). A long
 * list has only the rows on screen in the page (useRowWindow); each carries its place in the
 * whole list as aria-rowindex, and the table its size as aria-rowcount. Rows of the library
 * still on their way (see loadLibrary) are placeholder rows: the count, the scrollbar and the
 * row indexes are those of the whole list from the first page on.
 */
import { memo, useMemo, useRef } from 'react';
import type { CurationProgress } from '../../../shared/api/teamContract';
import type { ArticleStatus, ArticleSummary, Label } from '../../../shared/domain/model';
import { useWorkbench, useWorkbenchStore } from '../store/StoreContext';
import { selectLabels } from '../store/workspaceSlice';
import { useRowWindow } from './useRowWindow';

export const STATUS_TEXT: Record<ArticleStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  done: 'Done',
};

const COLUMNS = 7;

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

interface ArticleRowProps {
  article: ArticleSummary;
  /** Curation progress, for an article with collected layers. */
  progress: CurationProgress | undefined;
  labels: readonly Label[];
  checked: boolean;
  /** 1-based, counting the header row: the row's place in the whole (filtered) list. */
  rowIndex: number;
  measure: ((row: HTMLTableRowElement | null) => void) | undefined;
}

const ArticleRow = memo(function ArticleRow({ article, progress, labels, checked, rowIndex, measure }: ArticleRowProps) {
  const store = useWorkbenchStore();
  const open = () => {
    if (!article.error) void store.getState().openArticle(article.id);
  };
  return (
    <tr
      ref={measure}
      data-index={rowIndex - 2}
      aria-rowindex={rowIndex}
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
        {progress && (
          <p className="muted small curation-progress">
            {progress.places === 0
              ? `${progress.layers} layers agree`
              : progress.open === 0
                ? `Curated (${progress.places} ${progress.places === 1 ? 'place' : 'places'})`
                : `${progress.open} of ${progress.places} ${progress.places === 1 ? 'place' : 'places'} to curate`}
          </p>
        )}
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
});

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

interface LibraryTableProps {
  shown: readonly ArticleSummary[];
  filter: string;
  loaded: boolean;
  /** Whether every article has been listed: until then "select all" would leave out the rest, so it waits. */
  complete: boolean;
  /** Rows still to come after `shown` (0 when filtered: where they would fall is not known). */
  pendingRows: number;
  /** The element that scrolls the table (the library's main area), once in the page. */
  scroller: HTMLElement | null;
}

export const LibraryTable = memo(function LibraryTable({ shown, filter, loaded, complete, pendingRows, scroller }: LibraryTableProps) {
  const store = useWorkbenchStore();
  const checkedIds = useWorkbench((s) => s.checkedIds);
  const labels = useWorkbench(selectLabels);
  const progress = useWorkbench((s) => s.curationProgress);
  const checked = useMemo(() => new Set(checkedIds), [checkedIds]);
  const allChecked = shown.length > 0 && shown.every((a) => checked.has(a.id));
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const count = shown.length + pendingRows;
  const rows = useRowWindow(count, (i) => (i < shown.length ? shown[i].id : `pending-${i}`), scroller, bodyRef);

  return (
    <table className={rows.windowed ? 'library-table is-windowed' : 'library-table'} aria-rowcount={rows.windowed ? count + 1 : undefined}>
      <caption className="visually-hidden">Articles</caption>
      <thead>
        <tr aria-rowindex={1}>
          <th scope="col" className="col-check">
            <input
              type="checkbox"
              aria-label="Select all articles"
              title={complete ? undefined : 'Select all: once every article is listed'}
              disabled={!complete}
              checked={complete && allChecked}
              onChange={() => store.getState().setChecked(allChecked ? [] : shown.map((a) => a.id))}
            />
          </th>
          <th scope="col" className="col-title">Title</th>
          <th scope="col" className="col-source">Source</th>
          <th scope="col" className="col-date">Date</th>
          <th scope="col" className="col-status">Status</th>
          <th scope="col" className="col-spans">Spans</th>
          <th scope="col" className="col-actions">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody ref={bodyRef}>
        {rows.before > 0 && <Spacer height={rows.before} />}
        {rows.indexes.map((i) =>
          i < shown.length ? (
            <ArticleRow
              key={shown[i].id}
              article={shown[i]}
              progress={progress[shown[i].id]}
              labels={labels}
              checked={checked.has(shown[i].id)}
              rowIndex={i + 2}
              measure={rows.measure}
            />
          ) : (
            <tr key={`pending-${i}`} ref={rows.measure} data-index={i} aria-rowindex={i + 2} className="pending-row">
              <td colSpan={COLUMNS} className="muted">
                Loading…
              </td>
            </tr>
          ),
        )}
        {rows.after > 0 && <Spacer height={rows.after} />}
        {count === 0 && loaded && (
          <tr>
            <td colSpan={COLUMNS} className="muted empty-row">
              {complete ? 'No article matches' : 'No article listed so far matches'} “{filter}”.
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
});

/** Stands in for rows not in the page; hidden from assistive technology (it is not a row of the table). */
function Spacer({ height }: { height: number }) {
  return (
    <tr aria-hidden="true" className="spacer-row">
      <td colSpan={COLUMNS} style={{ height }} />
    </tr>
  );
}
