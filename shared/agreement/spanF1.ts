/**
 * Pairwise span F1, as NER papers report it, between two annotators over the articles both
 * coded. Either annotator may be taken as the reference: the measures are symmetric, swapping
 * them swaps precision and recall.
 *  - exact: two spans match when they have the same label and the same pieces (start, end and
 *    fragments); spans are matched one to one, so F1 = 2 * matches / (|A| + |B|);
 *  - overlap: a span of A is matched when some span of B with the same label shares at least
 *    one character with it (and the other way round): precision = matched A / |A|,
 *    recall = matched B / |B|, F1 = 2PR / (P + R).
 */
import { undefinedBecause, type F1 } from './coefficient';
import { PerLayer, piecesKey as exactKey, rangesOf, type AgreementArticle, type LayerSpan, type TextRange } from './input';

export interface LabelledF1 {
  overall: F1;
  byLabel: Record<string, F1>;
}

interface Counts {
  a: number;
  b: number;
  exact: number;
  matchedA: number;
  matchedB: number;
}

const zero = (): Counts => ({ a: 0, b: 0, exact: 0, matchedA: 0, matchedB: 0 });

function f1(matchedA: number, a: number, matchedB: number, b: number): F1 {
  if (a + b === 0) return undefinedBecause('neither annotator marked a span');
  const precision = a === 0 ? 0 : matchedA / a;
  const recall = b === 0 ? 0 : matchedB / b;
  return { value: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall), precision, recall };
}

/** Pieces of one label, sorted by start, with the running maximum of their ends. */
interface PieceIndex {
  starts: number[];
  maxEnd: number[];
}

function indexPieces(spans: readonly LayerSpan[]): PieceIndex {
  const pieces: TextRange[] = spans.flatMap((s) => rangesOf(s));
  pieces.sort((x, y) => x.start - y.start);
  const starts = pieces.map((p) => p.start);
  const maxEnd: number[] = [];
  let m = -Infinity;
  for (const p of pieces) maxEnd.push((m = Math.max(m, p.end)));
  return { starts, maxEnd };
}

/** True when some indexed piece shares a character with [start, end). */
function overlapsAny(index: PieceIndex, { start, end }: TextRange): boolean {
  // The last piece starting before `end`; any piece before it that ends after `start` overlaps.
  let lo = 0;
  let hi = index.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (index.starts[mid] < end) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && index.maxEnd[lo - 1] > start;
}

/** One annotator's spans of one label in one article, with their exact keys and piece index. */
interface LabelSpans {
  spans: readonly LayerSpan[];
  keys: string[];
  index: PieceIndex;
}

const NONE: LabelSpans = { spans: [], keys: [], index: { starts: [], maxEnd: [] } };

/** Each annotator's spans per label and article, indexed once for all the pairs of a report. */
export class LabelledSpans extends PerLayer<Map<string, LabelSpans>> {
  constructor(labels: ReadonlySet<string>) {
    super((article, annotator) => {
      const lists = new Map<string, LayerSpan[]>();
      for (const s of article.layers[annotator].spans) {
        if (!labels.has(s.labelId)) continue;
        let list = lists.get(s.labelId);
        if (!list) lists.set(s.labelId, (list = []));
        list.push(s);
      }
      return new Map([...lists].map(([label, spans]) => [label, { spans, keys: spans.map(exactKey), index: indexPieces(spans) }]));
    });
  }
}

function countArticle(a: LabelSpans, b: LabelSpans, counts: Counts) {
  counts.a += a.spans.length;
  counts.b += b.spans.length;
  const unmatched = new Map<string, number>();
  for (const key of a.keys) unmatched.set(key, (unmatched.get(key) ?? 0) + 1);
  for (const key of b.keys) {
    const left = unmatched.get(key) ?? 0;
    if (left > 0) {
      counts.exact++;
      unmatched.set(key, left - 1);
    }
  }
  for (const s of a.spans) if (rangesOf(s).some((r) => overlapsAny(b.index, r))) counts.matchedA++;
  for (const s of b.spans) if (rangesOf(s).some((r) => overlapsAny(a.index, r))) counts.matchedB++;
}

/** Exact-match and overlap F1 of annotators `a` and `b` over `articles` (all coded by both). */
export function spanF1(
  articles: readonly AgreementArticle[],
  a: string,
  b: string,
  spans: LabelledSpans,
  labels: ReadonlySet<string>,
): { exact: LabelledF1; overlap: LabelledF1 } {
  const perLabel = new Map<string, Counts>([...labels].map((l) => [l, zero()]));
  for (const article of articles) {
    const spansA = spans.of(article, a);
    const spansB = spans.of(article, b);
    for (const label of new Set([...spansA.keys(), ...spansB.keys()])) countArticle(spansA.get(label) ?? NONE, spansB.get(label) ?? NONE, perLabel.get(label)!);
  }
  const total = zero();
  for (const c of perLabel.values()) for (const k of Object.keys(total) as (keyof Counts)[]) total[k] += c[k];
  const exactOf = (c: Counts) => f1(c.exact, c.a, c.exact, c.b);
  const overlapOf = (c: Counts) => f1(c.matchedA, c.a, c.matchedB, c.b);
  const labelled = (of: (c: Counts) => F1): LabelledF1 => ({
    overall: of(total),
    byLabel: Object.fromEntries([...perLabel].map(([l, c]) => [l, of(c)])),
  });
  return { exact: labelled(exactOf), overlap: labelled(overlapOf) };
}
