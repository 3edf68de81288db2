/**
 * The invariants of an article that its zod schema cannot state, because they relate a record
 * to the text or to other records: every span lies inside the text, is not empty or reversed,
 * and starts and ends on whole characters (never between the halves of a surrogate pair); span
 * and statement ids are unique; statements refer to spans of the article.
 *
 * One rule for every place a span enters: `applyEdits` (API edits, undo, journal replay), the
 * import plan and the codecs' bad-record screening, and article files on load. Offsets count
 * UTF-16 code units, end exclusive (see model.ts).
 */
import { splitsSurrogatePair } from '../text/offsets';
import type { Article, OffsetRange } from './model';

/** The offsets of a span: its extent and, for a discontinuous span, its pieces. */
export interface SpanExtent {
  start: number;
  end: number;
  fragments?: readonly OffsetRange[];
}

/**
 * What is wrong with a span's offsets in `text`, as a phrase that follows "span <id>", or
 * undefined when they are fine. The checks are O(number of fragments).
 */
export function spanExtentProblem(text: string, span: SpanExtent): string | undefined {
  const { start, end, fragments } = span;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0) return `has offsets ${start}-${end}, which are not non-negative integers`;
  if (end < start) return `is reversed (end ${end} before start ${start}, in UTF-16 units)`;
  if (end === start) return `is empty (start and end are both ${start}, in UTF-16 units)`;
  if (end > text.length) return `ends at ${end}, beyond the text (${text.length} UTF-16 units)`;
  if (fragments) {
    const inOrder =
      fragments.length >= 2 &&
      fragments[0].start === start &&
      fragments[fragments.length - 1].end === end &&
      fragments.every((f, i) => f.end > f.start && (i === 0 || f.start >= fragments[i - 1].end));
    if (!inOrder) return 'has fragments that are not sorted, disjoint, non-empty and bounded by start/end';
  }
  const split = splitOffset(text, start, end, fragments);
  if (split !== undefined) return `has offset ${split}, which splits a surrogate pair (a character such as an emoji would be cut in half)`;
  return undefined;
}

/** The first of a span's boundaries that falls inside a surrogate pair (no allocation: this runs per span on load). */
function splitOffset(text: string, start: number, end: number, fragments: readonly OffsetRange[] | undefined): number | undefined {
  if (splitsSurrogatePair(text, start)) return start;
  if (fragments) for (const f of fragments) for (const offset of [f.start, f.end]) if (splitsSurrogatePair(text, offset)) return offset;
  return splitsSurrogatePair(text, end) ? end : undefined;
}

/** How many problems `articleProblems` lists before it stops looking. */
export const LISTED_PROBLEMS = 5;

/**
 * The first few ways `article` breaks the invariants above (empty when it keeps them all),
 * each naming the span or statement and its offsets. One pass over spans and statements with
 * hash sets: O(n), so checking every article file on load costs little next to parsing it.
 */
export function articleProblems(article: Pick<Article, 'text' | 'spans' | 'statements'>, limit = LISTED_PROBLEMS): string[] {
  const problems: string[] = [];
  const note = (problem: string) => problems.push(problem) >= limit;
  const spanIds = new Set<string>();
  for (const s of article.spans) {
    const range = spanExtentProblem(article.text, s);
    if (range && note(`span ${s.id} (${s.start}-${s.end}) ${range}`)) return problems;
    if (spanIds.has(s.id) && note(`span id ${s.id} appears twice (${s.start}-${s.end})`)) return problems;
    spanIds.add(s.id);
  }
  const statementIds = new Set<string>();
  const missing = (statementId: string, role: string, ref: string | undefined) =>
    ref !== undefined && !spanIds.has(ref) && note(`statement ${statementId} refers to missing ${role} span ${ref}`);
  for (const st of article.statements) {
    if (statementIds.has(st.id) && note(`statement id ${st.id} appears twice`)) return problems;
    statementIds.add(st.id);
    // Role by role, without a list per statement (this runs for every statement of every article loaded or imported).
    if (missing(st.id, 'actor', st.actorSpanId) || missing(st.id, 'claim', st.claimSpanId) || missing(st.id, 'stance', st.stanceSpanId)) return problems;
  }
  return problems;
}
