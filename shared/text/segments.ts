/**
 * Overlapping highlights as flat pieces the renderer can draw: `segmentSpans` cuts a stretch
 * of text (usually one paragraph) into maximal fragments covered by one constant set of spans,
 * and `SpanIndex` finds the spans a paragraph needs without scanning all of them.
 *
 * OFFSET CONTRACT: all offsets are UTF-16 code units (JavaScript string indices, DOM Range
 * offsets), `start` inclusive and `end` exclusive.
 */
import { compareSpans } from './spanOrder';

/** What these algorithms need of a span. A discontinuous span covers only its `fragments`. */
export interface SpanExtent {
  id: string;
  start: number;
  end: number;
  fragments?: readonly { start: number; end: number }[];
}

/** A stretch of text covered by the same spans throughout; `spanIds` outermost first. */
export interface Fragment {
  start: number;
  end: number;
  spanIds: string[];
}

/**
 * Stacking order for nested highlights: the longest span first (it is drawn outermost), then
 * the earliest start, then id. Length is the span's whole extent (`end - start`), not the part
 * inside the range, so a span keeps its place in the stack across paragraphs.
 */
function compareOutermostFirst(a: SpanExtent, b: SpanExtent): number {
  return b.end - b.start - (a.end - a.start) || a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The pieces of text a span covers: its fragments when it is discontinuous, else start..end. */
function piecesOf(span: SpanExtent): readonly { start: number; end: number }[] {
  return span.fragments?.length ? span.fragments : [span];
}

/**
 * Splits [rangeStart, rangeEnd) into consecutive fragments, each covered by one constant set
 * of spans (possibly none), with neighbouring fragments always differing in that set. Spans
 * are clipped to the range. An empty range gives no fragments.
 *
 * A sweep over the sorted piece boundaries: O((n + k) log n) for n spans and k ids in the
 * output, so a paragraph's cost depends on its own spans only (see SpanIndex).
 */
export function segmentSpans(spans: readonly SpanExtent[], rangeStart: number, rangeEnd: number): Fragment[] {
  if (!(rangeEnd > rangeStart)) return [];
  // rank = position in stacking order, so "sort the covering ids" is a numeric sort.
  const byStack = spans.map((_, i) => i).sort((i, j) => compareOutermostFirst(spans[i], spans[j]));
  const rankOf = new Int32Array(spans.length);
  byStack.forEach((spanIndex, rank) => (rankOf[spanIndex] = rank));

  // Boundary events: +1 where a clipped piece starts, -1 where it ends.
  const events: { at: number; rank: number; delta: 1 | -1 }[] = [];
  spans.forEach((span, i) => {
    for (const piece of piecesOf(span)) {
      const start = Math.max(piece.start, rangeStart);
      const end = Math.min(piece.end, rangeEnd);
      if (end <= start) continue;
      events.push({ at: start, rank: rankOf[i], delta: 1 }, { at: end, rank: rankOf[i], delta: -1 });
    }
  });
  events.sort((a, b) => a.at - b.at);

  const fragments: Fragment[] = [];
  // Counts, not flags: malformed input may overlap a span's own fragments.
  const coverCount = new Map<number, number>();
  let covering: number[] = []; // ranks, ascending
  let fragmentStart = rangeStart;
  const emitUpTo = (end: number) => {
    if (end <= fragmentStart) return;
    fragments.push({ start: fragmentStart, end, spanIds: covering.map((rank) => spans[byStack[rank]].id) });
    fragmentStart = end;
  };

  for (let e = 0; e < events.length; ) {
    const at = events[e].at;
    for (; e < events.length && events[e].at === at; e++) {
      const { rank, delta } = events[e];
      const count = (coverCount.get(rank) ?? 0) + delta;
      if (count) coverCount.set(rank, count);
      else coverCount.delete(rank);
    }
    const next = [...coverCount.keys()].sort((a, b) => a - b);
    // A span whose piece ends where its next piece starts leaves the set unchanged: no cut.
    if (!sameRanks(next, covering)) {
      emitUpTo(at);
      covering = next;
    }
  }
  emitUpTo(rangeEnd);
  return fragments;
}

function sameRanks(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The spans of one article, indexed so that "which spans touch this paragraph?" costs
 * O(log n + k) rather than a scan of all n spans. Built once per version of the span list
 * (O(n log n)); immutable.
 *
 * Layout: spans sorted by compareSpans, read as an implicit balanced binary search tree
 * (the node of a sub-array is its middle element) in which every node knows the largest
 * `end` in its subtree. A query skips any subtree that ends before the range, and stops
 * going right once spans start after it.
 */
export class SpanIndex<T extends SpanExtent> {
  /** The spans in reading order (compareSpans). */
  readonly sorted: readonly T[];
  private readonly subtreeMaxEnd: Float64Array;

  constructor(spans: readonly T[]) {
    this.sorted = [...spans].sort(compareSpans);
    this.subtreeMaxEnd = new Float64Array(this.sorted.length);
    this.build(0, this.sorted.length);
  }

  /**
   * Spans covering at least one offset of [start, end), in reading order. A discontinuous
   * span counts only if one of its fragments does, not if the range falls in a gap.
   */
  overlapping(start: number, end: number): T[] {
    const found: T[] = [];
    if (end > start) this.collect(0, this.sorted.length, start, end, found);
    return found;
  }

  private build(lo: number, hi: number): number {
    if (lo >= hi) return -Infinity;
    const mid = (lo + hi) >>> 1;
    const maxEnd = Math.max(this.sorted[mid].end, this.build(lo, mid), this.build(mid + 1, hi));
    this.subtreeMaxEnd[mid] = maxEnd;
    return maxEnd;
  }

  // In-order walk, so results come out sorted. Depth is log2(n): recursion is safe.
  private collect(lo: number, hi: number, start: number, end: number, found: T[]): void {
    if (lo >= hi) return;
    const mid = (lo + hi) >>> 1;
    if (this.subtreeMaxEnd[mid] <= start) return;
    this.collect(lo, mid, start, end, found);
    const span = this.sorted[mid];
    if (span.start >= end) return; // it and everything to its right start too late
    if (piecesOf(span).some((p) => p.start < end && p.end > start)) found.push(span);
    this.collect(mid + 1, hi, start, end, found);
  }
}
