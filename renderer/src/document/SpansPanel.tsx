/**
 * The side panel region "Spans": the open article's spans grouped by label, in reading
 * order. Each entry is a button named "<Label>: <text>"; activating it selects the span and
 * scrolls its highlight into view. The list follows the text with `useDeferredValue`, so
 * typing a label key repaints the text first; long groups render in pages.
 */
import { memo, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { Label, Span } from '../../../shared/domain/model';
import { useDocument, useWorkbench, useWorkbenchDocument, useWorkbenchStore } from '../store/StoreContext';
import { selectLabels } from '../store/workspaceSlice';
import { selectSelectedSpan } from '../store/selectionSlice';
import { spanIndexInOrder } from '../../../shared/domain/edits';
import { shorten, spanText } from './spanText';
import { useAfterPaint } from '../components/useAfterPaint';
import { frames } from '../scheduling/appScheduler';
import { WAIT_FOR_FRAME } from '../scheduling/frameScheduler';

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

/** Edits of at most this many spans update the groups in place of regrouping every span. */
const SMALL_EDIT = 16;

/**
 * The groups of `spans`, derived from the groups of `prev` when the two arrays differ in a few
 * spans only (one label key, one delete, an undo): the groups those spans are in get new arrays,
 * the others stay the same objects, so their lists do not re-render. Null: regroup everything.
 */
function regroup(prev: readonly Span[], prevGroups: readonly Group[], spans: readonly Span[]): Group[] | null {
  let a = 0;
  const shorter = Math.min(prev.length, spans.length);
  while (a < shorter && prev[a] === spans[a]) a++;
  let b = 0;
  while (b < shorter - a && prev[prev.length - 1 - b] === spans[spans.length - 1 - b]) b++;
  const removed = prev.slice(a, prev.length - b);
  const added = spans.slice(a, spans.length - b);
  if (removed.length + added.length > SMALL_EDIT) return null;
  const next = new Map<string, Span[]>();
  const arrayOf = (labelId: string): Span[] | null => {
    let arr = next.get(labelId);
    if (!arr) {
      const g = prevGroups.find((g) => g.label.id === labelId);
      if (!g) return null;
      next.set(labelId, (arr = g.spans.slice()));
    }
    return arr;
  };
  for (const s of removed) {
    const arr = arrayOf(s.labelId);
    if (!arr) return null;
    const i = spanIndexInOrder(arr, s);
    const at = arr[i] === s ? i : arr.indexOf(s);
    if (at < 0) return null;
    arr.splice(at, 1);
  }
  for (const s of added) {
    const arr = arrayOf(s.labelId);
    if (!arr) return null;
    arr.splice(spanIndexInOrder(arr, s), 0, s);
  }
  return prevGroups.map((g) => {
    const arr = next.get(g.label.id);
    return arr ? { label: g.label, spans: arr } : g;
  });
}

export function SpansPanel() {
  // Deferred, starting empty: opening an article paints its text before the list is built;
  // and a frame after the text, so a label key's highlight is painted first (see useAfterPaint).
  // (The other order, waiting for the paint first, made an opened article's highlights later.)
  const spans = useAfterPaint(useDeferredValue(useDocument((doc) => doc.article?.spans ?? NO_SPANS), NO_SPANS));
  const labels = useWorkbench(selectLabels);
  const loading = useDocument((doc) => doc.annotationsPending);
  const last = useRef<{ spans: readonly Span[]; labels: readonly Label[]; groups: Group[] } | null>(null);
  const groups = useMemo(() => {
    const prev = last.current;
    return (prev && prev.labels === labels && regroup(prev.spans, prev.groups, spans)) || groupSpans(spans, labels);
  }, [spans, labels]);
  // What the next regroup starts from.
  useEffect(() => {
    last.current = { spans, labels, groups };
  }, [spans, labels, groups]);
  return (
    <section className="spans-panel" aria-label="Spans">
      <h2 className="panel-title">
        Spans <span className="count">{spans.length}</span>
      </h2>
      {spans.length === 0 && <p className="muted">{loading ? 'Loading spans…' : 'No spans yet. Select text and press a label key.'}</p>}
      {groups.map((g) => (g.spans.length ? <SpanGroup key={g.label.id} group={g} /> : null))}
    </section>
  );
}

/** Around the selected span when it lies beyond the rendered page, so it is always in the list. */
const WINDOW = 12;

/** Index of `span` in `spans` (reading order, see compareSpanPosition), or -1. */
function indexInGroup(spans: readonly Span[], span: Span): number {
  const lo = spanIndexInOrder(spans, span);
  if (spans[lo]?.id === span.id) return lo;
  // Not in reading order after all (never expected), or not in the list yet (it follows the
  // store a frame later): look it up the slow way. Runs after the paint, never at a key.
  return spans.findIndex((s) => s.id === span.id);
}

/**
 * One label's group. Its selection is shown a frame after the text, as the list is (a label key
 * selects its new span): this wrapper re-renders at the key, the list only after the paint.
 */
const SpanGroup = memo(function SpanGroup({ group }: { group: Group }) {
  const selected = useAfterPaint(useWorkbenchDocument(selectSelectedSpan)) ?? null;
  return <SpanGroupList group={group} selected={selected} />;
});

const SpanGroupList = memo(function SpanGroupList({ group, selected }: { group: Group; selected: Span | null }) {
  const store = useWorkbenchStore();
  const text = useDocument((doc) => doc.article?.text ?? '');
  const [limit, setLimit] = useState(PAGE);
  const total = group.spans.length;
  // The selected span's index when it lies beyond the rendered page, else -1. Entries get
  // `selected` as a prop, so selecting re-renders this group's list, not every entry's own
  // subscription on every store change (thousands of them).
  const selectedIndex = useMemo(() => {
    if (!selected || selected.labelId !== group.label.id || total <= limit) return -1;
    const index = indexInGroup(group.spans, selected);
    return index >= limit ? index : -1;
  }, [selected, group, total, limit]);
  const selectedId = selected?.id ?? null;
  const onSelect = useCallback((id: string) => store.getState().selectSpan(id, { scroll: true, moveCaret: true }), [store]);
  // Rendered: the first `limit` spans, plus a window around the selected span when it is further down.
  const ranges: [number, number][] = [[0, Math.min(limit, total)]];
  if (selectedIndex >= limit) ranges.push([Math.max(limit, selectedIndex - WINDOW), Math.min(total, selectedIndex + WINDOW + 1)]);
  const headingId = `group-${group.label.id}`;
  const item = (s: Span) => (
    <SpanItem key={s.id} span={s} selected={s.id === selectedId} text={text} labelName={group.label.name} color={group.label.color} onSelect={onSelect} />
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
});

const SpanItem = memo(function SpanItem(props: {
  span: Span;
  selected: boolean;
  text: string;
  labelName: string;
  color: string;
  onSelect(id: string): void;
}) {
  const { span, selected, text, labelName, color, onSelect } = props;
  const ref = useRef<HTMLButtonElement>(null);
  // In the next frame, with the layout the paint needs anyway: scrolling here, right after a
  // label key changed the article, would make Chromium lay out the whole text an extra time.
  useEffect(() => {
    if (!selected) return;
    return frames().nextFrame(() => ref.current?.scrollIntoView?.({ block: 'nearest' }), WAIT_FOR_FRAME);
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
