/**
 * The pieces one paragraph is rendered as: consecutive stretches of its text, each with the
 * ids of the spans covering it (outermost first). Built on `segmentSpans` from shared/text;
 * uncovered stretches are filled in so the pieces tile the paragraph exactly.
 */
import type { Span } from '../../../shared/domain/model';
import { segmentSpans } from '../../../shared/text/segments';
import type { TextRange } from '../session/paragraphBuckets';

export interface Piece {
  start: number;
  end: number;
  spanIds: readonly string[];
}

const NONE: readonly string[] = [];

export function paragraphPieces(range: TextRange, spans: readonly Span[]): Piece[] {
  if (range.end <= range.start) return [];
  if (!spans.length) return [{ start: range.start, end: range.end, spanIds: NONE }];
  const segments = segmentSpans(spans, range.start, range.end);
  const pieces: Piece[] = [];
  let at = range.start;
  for (const seg of segments) {
    const start = Math.max(seg.start, range.start);
    const end = Math.min(seg.end, range.end);
    if (end <= start || start < at) continue;
    if (start > at) pieces.push({ start: at, end: start, spanIds: NONE });
    pieces.push({ start, end, spanIds: seg.spanIds.length ? seg.spanIds : NONE });
    at = end;
  }
  if (at < range.end) pieces.push({ start: at, end: range.end, spanIds: NONE });
  return pieces;
}
