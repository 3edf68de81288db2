/**
 * Per-paragraph span lists ("buckets") for rendering. Each paragraph component receives only
 * the spans that overlap it, and a bucket keeps its identity while none of its spans changed,
 * so React.memo skips every paragraph an edit did not touch. Buckets are in reading order
 * (compareSpanPosition), like the article's span array.
 */
import { compareSpanPosition } from '../../../shared/domain/edits';
import type { Span } from '../../../shared/domain/model';

export interface TextRange {
  start: number;
  end: number;
}

export type Bucket = readonly Span[];
const EMPTY: Bucket = Object.freeze([]) as Bucket;

/** Index of the first paragraph whose end is after `offset` (paragraphs are sorted and disjoint). */
export function firstParagraphEndingAfter(paragraphs: readonly TextRange[], offset: number): number {
  let lo = 0;
  let hi = paragraphs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (paragraphs[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the paragraph containing `offset` (start <= offset <= end), or the nearest one before it. */
export function paragraphAt(paragraphs: readonly TextRange[], offset: number): number {
  let lo = 0;
  let hi = paragraphs.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (paragraphs[mid].start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Paragraph indices [from, to) that a range overlaps (a span covering only a line break overlaps none). */
export function paragraphsOverlapping(paragraphs: readonly TextRange[], start: number, end: number): [number, number] {
  const from = firstParagraphEndingAfter(paragraphs, start);
  let to = from;
  while (to < paragraphs.length && paragraphs[to].start < end) to++;
  return [from, to];
}

/** Whether a span covers part of a paragraph (a discontinuous span only through its fragments). */
function overlaps(p: TextRange, s: Span): boolean {
  if (p.end <= p.start) return false;
  const pieces = s.fragments?.length ? s.fragments : [s];
  return pieces.some((f) => f.start < p.end && f.end > p.start);
}

/**
 * Buckets for all paragraphs in one pass over the spans: each span is added to the paragraphs
 * it overlaps (a binary search for the first, then a walk). Spans given in reading order (as
 * `article.spans` is stored) fill every bucket in reading order; any other order is sorted
 * first. Allocates one array per paragraph with spans, nothing per span: opening an article
 * with 20,000 spans used to spend more time here, and in the garbage collector after it, than
 * in drawing the first screen.
 */
export function buildBuckets(paragraphs: readonly TextRange[], spans: readonly Span[]): Bucket[] {
  const buckets: Bucket[] = new Array<Bucket>(paragraphs.length).fill(EMPTY);
  if (!spans.length) return buckets;
  const ordered = inReadingOrder(spans) ? spans : spans.slice().sort(compareSpanPosition);
  for (const s of ordered) {
    const [from, to] = paragraphsOverlapping(paragraphs, s.start, s.end);
    for (let i = from; i < to; i++) {
      const p = paragraphs[i];
      if (p.end <= p.start || (s.fragments?.length && !overlaps(p, s))) continue;
      const bucket = buckets[i];
      if (bucket === EMPTY) buckets[i] = [s];
      else (bucket as Span[]).push(s);
    }
  }
  return buckets;
}

function inReadingOrder(spans: readonly Span[]): boolean {
  for (let i = 1; i < spans.length; i++) if (compareSpanPosition(spans[i - 1], spans[i]) > 0) return false;
  return true;
}

function sameItems(a: Bucket, b: Bucket): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Full rebuild that keeps the previous bucket object wherever its contents are unchanged. */
export function rebuildBuckets(paragraphs: readonly TextRange[], spans: readonly Span[], previous: readonly Bucket[]): Bucket[] {
  const next = buildBuckets(paragraphs, spans);
  if (previous.length !== next.length) return next;
  return next.map((b, i) => (sameItems(b, previous[i]) ? previous[i] : b));
}

/**
 * Incremental update after some spans changed: `before` are the old versions of the changed
 * spans (absent for added ones), `after` the new versions (absent for removed ones). Only the
 * buckets of paragraphs those spans touch are rebuilt; all others keep their identity.
 */
export function updateBuckets(
  paragraphs: readonly TextRange[],
  previous: readonly Bucket[],
  before: readonly Span[],
  after: readonly Span[],
): Bucket[] {
  const changedIds = new Set<string>();
  for (const s of before) changedIds.add(s.id);
  for (const s of after) changedIds.add(s.id);
  const touched = new Set<number>();
  for (const s of [...before, ...after]) {
    const [from, to] = paragraphsOverlapping(paragraphs, s.start, s.end);
    for (let i = from; i < to; i++) touched.add(i);
  }
  if (!touched.size) return previous as Bucket[];
  const next = previous.slice();
  for (const i of touched) {
    const p = paragraphs[i];
    const kept = previous[i].filter((s) => !changedIds.has(s.id));
    const added = after.filter((s) => overlaps(p, s));
    if (!added.length && kept.length === previous[i].length) continue;
    const merged = kept.concat(added);
    merged.sort(compareSpanPosition);
    next[i] = merged.length ? merged : EMPTY;
  }
  return next;
}
