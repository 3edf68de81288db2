/**
 * Which library rows are in the page. A small list is rendered whole (every row findable,
 * nothing to measure); above ROW_WINDOW_THRESHOLD only the rows on screen plus an overscan
 * are, with spacers above and below standing in for the rest. Where the list was scrolled
 * to, and the row heights measured, are kept in the store when the library unmounts (an
 * article opened) and given back when it mounts again.
 */
import { useVirtualizer, type VirtualItem } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useState, type RefObject } from 'react';
import { useWorkbenchStore } from '../store/StoreContext';

/** Up to this many rows, all are in the page: rendering 100 rows takes a few milliseconds. */
export const ROW_WINDOW_THRESHOLD = 100;
/** A row with a title and a source link; rows are measured once shown. */
const ROW_HEIGHT_ESTIMATE = 62;
/** Rows rendered beyond each edge of the viewport, so Tab and short scrolls find a row in place. */
const OVERSCAN = 10;

export interface RowWindow {
  /** Indexes of the rows to render, in order. */
  indexes: readonly number[];
  /** Pixels the rows before the first rendered one would take; likewise after the last. */
  before: number;
  after: number;
  /** Whether the list is windowed (rows are missing from the page). */
  windowed: boolean;
  /** Ref callback for each rendered row (it carries `data-index`), so its real height is used. */
  measure: ((row: HTMLTableRowElement | null) => void) | undefined;
}

const NO_ROWS: readonly number[] = [];

export function useRowWindow(
  count: number,
  keyOf: (index: number) => string,
  /** The element that scrolls the rows; null until it is in the page (state, not a ref: a parent's ref is set after its children's effects). */
  scroller: HTMLElement | null,
  bodyRef: RefObject<HTMLElement | null>,
): RowWindow {
  const store = useWorkbenchStore();
  const windowed = count > ROW_WINDOW_THRESHOLD;
  // What the last library left, read once: the list starts where it was.
  const [saved] = useState(() => store.getState().libraryScroll);
  // The rows' distance from the top of the scrolled content (head, toolbar, notices, table head).
  const [margin, setMargin] = useState(0);
  // Restored before the virtualiser's own layout effect meets the scroller, so it reads the
  // restored offset from the element.
  useLayoutEffect(() => {
    if (scroller && saved) scroller.scrollTop = saved.offset;
  }, [scroller, saved]);
  const virtualizer = useVirtualizer({
    count,
    enabled: windowed,
    getScrollElement: () => scroller,
    estimateSize: () => ROW_HEIGHT_ESTIMATE,
    getItemKey: keyOf,
    overscan: OVERSCAN,
    scrollMargin: margin,
    initialOffset: saved?.offset ?? 0,
    initialMeasurementsCache: (saved?.measured as VirtualItem[] | undefined) ?? [],
  });

  // After every render on purpose: anything above the rows (a notice, a toolbar that wraps)
  // moves them. It settles at once: the second pass measures the same top.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (!scroller || !body) return;
    const top = body.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
    if (Math.abs(top - margin) >= 1) setMargin(top);
  });

  // Remember on unmount: the scroller's own offset (also for a small list), tracked as it
  // scrolls since at unmount the element may be gone.
  useLayoutEffect(() => {
    if (!scroller) return;
    let offset = scroller.scrollTop;
    const onScroll = () => {
      offset = scroller.scrollTop;
    };
    scroller.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      scroller.removeEventListener('scroll', onScroll);
      store.getState().rememberLibraryScroll({ offset, measured: virtualizer.options.enabled ? measuredSizes(virtualizer.itemSizeCache) : [] });
    };
    // The scroller goes from null to the element once; the rest is stable for the component's life.
  }, [scroller, store, virtualizer]);

  const measure = useCallback((row: HTMLTableRowElement | null) => virtualizer.measureElement(row), [virtualizer]);

  if (!windowed) return { indexes: allIndexes(count), before: 0, after: 0, windowed, measure: undefined };
  const items = virtualizer.getVirtualItems();
  if (!items.length) return { indexes: NO_ROWS, before: 0, after: virtualizer.getTotalSize(), windowed, measure };
  const first = items[0];
  const last = items[items.length - 1];
  return {
    indexes: items.map((i) => i.index),
    before: first.start - margin,
    after: Math.max(0, virtualizer.getTotalSize() - (last.end - margin)),
    windowed,
    measure,
  };
}

/**
 * The rows measured so far, as the virtualiser takes them back (it seeds its sizes by key and
 * lays the list out again from the first row). Not `takeSnapshot()`: that walks every row of
 * the list, 100,000 of them, while the article is being opened.
 */
function measuredSizes(sizes: ReadonlyMap<VirtualItem['key'], number>): VirtualItem[] {
  const items: VirtualItem[] = [];
  for (const [key, size] of sizes) items.push({ key, size, index: items.length, start: 0, end: size, lane: 0 });
  return items;
}

function allIndexes(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i);
}
