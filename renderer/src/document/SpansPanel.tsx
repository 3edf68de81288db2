/**
 * The side panel region "Spans": the open article's spans grouped by label, in reading
 * order. Each entry is a button named "<Label>: <text>"; activating it selects the span and
 * scrolls its highlight into view. The list follows the text with `useDeferredValue`, so
 * typing a label key repaints the text first; long groups render in pages.
 */
import { memo, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { Label, Span } from '../../../shared/domain/model';
import { useWorkbench, useWorkbenchStore } from '../store/StoreContext';
import { selectLabels } from '../store/workspaceSlice';
import { shorten, spanText } from './spanText';

const NO_SPANS: readonly Span[] = [];
const PAGE = 200;

interface Group {
  label: Label;
  spans: Span[];
}

function groupSpans(spans: readonly Span[], labels: readonly Label[]): Group[] {
  const groups = new Map<string, Group>(labels.map((l) => [l.id, { label: l, spans: [] }]));
  for (const s of spans) {
    let g = groups.get(s.labelId);
    if (!g) {
      g = { label: { id: s.labelId, name: s.labelId, color: '#6b7280' }, spans: [] };
      groups.set(s.labelId, g);
    }
    g.spans.push(s);
  }
  return [...groups.values()];
}

export function SpansPanel() {
  // Deferred, starting empty: opening an article paints its text before the list is built.
  const spans = useDeferredValue(useWorkbench((s) => s.article?.spans ?? NO_SPANS), NO_SPANS);
  const labels = useWorkbench(selectLabels);
  const groups = useMemo(() => groupSpans(spans, labels), [spans, labels]);
  return (
    <section className="spans-panel" aria-label="Spans">
      <h2 className="panel-title">
        Spans <span className="count">{spans.length}</span>
      </h2>
      {spans.length === 0 && <p className="muted">No spans yet. Select text and press a label key.</p>}
      {groups.map((g) => (g.spans.length ? <SpanGroup key={g.label.id} group={g} /> : null))}
    </section>
  );
}

/** Around the selected span when it lies beyond the rendered page, so it is always in the list. */
const WINDOW = 12;

function SpanGroup({ group }: { group: Group }) {
  const store = useWorkbenchStore();
  const text = useWorkbench((s) => s.article?.text ?? '');
  const selectedId = useWorkbench((s) => s.selectedSpanId);
  const [limit, setLimit] = useState(PAGE);
  const onSelect = useCallback((id: string) => store.getState().selectSpan(id, { scroll: true, moveCaret: true }), [store]);
  const total = group.spans.length;
  const selectedIndex = selectedId && total > limit ? group.spans.findIndex((s) => s.id === selectedId) : -1;
  // Rendered: the first `limit` spans, plus a window around the selected span when it is further down.
  const ranges: [number, number][] = [[0, Math.min(limit, total)]];
  if (selectedIndex >= limit) ranges.push([Math.max(limit, selectedIndex - WINDOW), Math.min(total, selectedIndex + WINDOW + 1)]);
  const headingId = `group-${group.label.id}`;
  const item = (s: Span) => (
    <SpanItem
      key={s.id}
      span={s}
      text={text}
      labelName={group.label.name}
      color={group.label.color}
      selected={s.id === selectedId}
      onSelect={onSelect}
    />
  );
  const showAll = (
    <button type="button" className="link-button" onClick={() => setLimit(total)}>
      Show all {total} {group.label.name} spans
    </button>
  );
  const rendered = ranges.reduce((n, [a, b]) => n + b - a, 0);
  return (
    <div className="span-group">
      <h3 id={headingId} className="group-title">
        <span className="swatch" style={{ backgroundColor: group.label.color }} aria-hidden="true" />
        {group.label.name} <span className="count">{total}</span>
      </h3>
      <ul aria-labelledby={headingId}>
        {group.spans.slice(ranges[0][0], ranges[0][1]).map(item)}
        {ranges[1] && ranges[1][0] > ranges[0][1] && (
          <li className="gap" aria-hidden="true">
            ⋯ {ranges[1][0] - ranges[0][1]} more ⋯
          </li>
        )}
        {ranges[1] && group.spans.slice(ranges[1][0], ranges[1][1]).map(item)}
      </ul>
      {rendered < total && showAll}
    </div>
  );
}

const SpanItem = memo(function SpanItem(props: {
  span: Span;
  text: string;
  labelName: string;
  color: string;
  selected: boolean;
  onSelect(id: string): void;
}) {
  const { span, text, labelName, color, selected, onSelect } = props;
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [selected]);
  const content = shorten(spanText(text, span));
  const noteId = span.note ? `note-${span.id}` : undefined;
  return (
    <li>
      <button
        ref={ref}
        type="button"
        className={selected ? 'span-item is-selected' : 'span-item'}
        style={{ borderInlineStartColor: color }}
        aria-label={`${labelName}: ${content}`}
        aria-describedby={noteId}
        aria-current={selected ? 'true' : undefined}
        onClick={() => onSelect(span.id)}
      >
        <span className="span-item-text" dir="auto">
          {content}
        </span>
        {span.note && (
          <span id={noteId} className="span-item-note" dir="auto">
            {shorten(span.note, 120)}
          </span>
        )}
      </button>
    </li>
  );
});
