/**
 * Reading order of spans: the order the article stores them in, the order keyboard
 * navigation walks them in, and the order span lists show them in.
 *
 * OFFSET CONTRACT: `start`/`end` are UTF-16 code units (JavaScript string indices), `start`
 * inclusive and `end` exclusive. Only their order matters here.
 */

export interface OrderedSpan {
  id: string;
  start: number;
  end: number;
}

/**
 * Reading order: earlier start first; at the same start the longer span first (it encloses
 * the shorter one, so it is "entered" first); then by id so the order is total and stable.
 * The same order as `compareSpanPosition` in shared/domain/edits.ts, which keeps
 * `article.spans` sorted (a test checks they agree).
 */
export function compareSpans(a: OrderedSpan, b: OrderedSpan): number {
  return a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The span after (`direction` 1) or before (-1) `currentId` in reading order, wrapping around
 * at either end. With no current span (or an id that is not there any more), the first span
 * going forward and the last going back. Null only when there are no spans.
 *
 * Linear in the number of spans and independent of their array order: one scan for the
 * current span, one for its nearest neighbour in the requested direction.
 */
export function nextSpanId(
  spans: readonly OrderedSpan[],
  currentId: string | null,
  direction: 1 | -1,
): string | null {
  if (!spans.length) return null;
  const current = currentId === null ? undefined : spans.find((s) => s.id === currentId);
  // Signed so that "smallest in direction" is one comparison for both directions.
  const cmp = (a: OrderedSpan, b: OrderedSpan) => direction * compareSpans(a, b);
  let nearest: OrderedSpan | undefined; // the closest span strictly after `current`
  let first: OrderedSpan = spans[0]; // where to wrap to
  for (const s of spans) {
    if (cmp(s, first) < 0) first = s;
    if (current && cmp(s, current) > 0 && (!nearest || cmp(s, nearest) < 0)) nearest = s;
  }
  return (nearest ?? first).id;
}
