import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { segmentSpans, SpanIndex, type SpanExtent } from './segments';
import { compareSpans } from './spanOrder';

const span = (id: string, start: number, end: number, fragments?: [number, number][]): SpanExtent => ({
  id,
  start,
  end,
  ...(fragments ? { fragments: fragments.map(([s, e]) => ({ start: s, end: e })) } : {}),
});
const brief = (fragments: ReturnType<typeof segmentSpans>) => fragments.map((f) => `${f.start}-${f.end}:${f.spanIds.join(',')}`);

/** Spans over offsets 0..30, a quarter of them discontinuous (sorted, disjoint, possibly touching fragments). */
const spanArb = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.nat(29), fc.integer({ min: 1, max: 12 })).map(([s, l]) => ({ start: s, end: s + l })) },
  {
    weight: 1,
    arbitrary: fc
      .uniqueArray(fc.nat(32), { minLength: 4, maxLength: 6 })
      .map((cuts) => cuts.sort((a, b) => a - b))
      .map((cuts) => {
        // Pairs of cuts are pieces; a repeated end/start makes touching fragments.
        const fragments = [];
        for (let i = 0; i + 1 < cuts.length; i += 2) fragments.push({ start: cuts[i], end: cuts[i + 1] });
        if (fragments.length >= 2 && cuts.length % 2 === 1) fragments.push({ start: fragments[fragments.length - 1].end, end: cuts[cuts.length - 1] });
        return fragments.length >= 2 ? { start: fragments[0].start, end: fragments[fragments.length - 1].end, fragments } : fragments[0];
      }),
  },
);
const spansArb = fc
  .array(spanArb, { maxLength: 10 })
  .map((shapes) => shapes.map((shape, i): SpanExtent => ({ id: `s${i % 7}${i}`, ...shape })));
const rangeArb = fc.tuple(fc.nat(35), fc.nat(35)).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);

/** The brute-force answer: ids of spans covering one offset, outermost (longest, earliest, id) first. */
function coveringAt(spans: readonly SpanExtent[], offset: number): string[] {
  return spans
    .filter((s) => (s.fragments ?? [s]).some((p) => p.start <= offset && offset < p.end))
    .sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start || (a.id < b.id ? -1 : 1))
    .map((s) => s.id);
}

describe('segmentSpans', () => {
  it('cuts overlapping spans into fragments, outermost span first', () => {
    const spans = [span('claim', 4, 20), span('actor', 0, 9), span('stance', 6, 8)];
    expect(brief(segmentSpans(spans, 0, 24))).toEqual(['0-4:actor', '4-6:claim,actor', '6-8:claim,actor,stance', '8-9:claim,actor', '9-20:claim', '20-24:']);
  });

  it('stacks the longer of two spans with the same start first, whatever their array order', () => {
    expect(brief(segmentSpans([span('short', 0, 3), span('long', 0, 6)], 0, 6))).toEqual(['0-3:long,short', '3-6:long']);
  });

  it('clips spans to the range and fills uncovered text with empty fragments', () => {
    expect(brief(segmentSpans([span('a', 0, 12), span('b', 14, 30)], 10, 20))).toEqual(['10-12:a', '12-14:', '14-20:b']);
    expect(brief(segmentSpans([], 3, 7))).toEqual(['3-7:']);
  });

  it('covers only the fragments of a discontinuous span, not its gap', () => {
    const spans = [span('d', 2, 10, [[2, 4], [7, 10]])];
    expect(brief(segmentSpans(spans, 0, 12))).toEqual(['0-2:', '2-4:d', '4-7:', '7-10:d', '10-12:']);
  });

  it('does not cut where a discontinuous span’s fragments touch', () => {
    expect(brief(segmentSpans([span('d', 0, 6, [[0, 3], [3, 6]])], 0, 6))).toEqual(['0-6:d']);
  });

  it('gives no fragments for an empty range', () => {
    expect(segmentSpans([span('a', 0, 5)], 3, 3)).toEqual([]);
  });

  it('tiles the range exactly, matches brute force at every offset, and never repeats a set', () => {
    fc.assert(
      fc.property(spansArb, rangeArb, (spans, [rangeStart, rangeEnd]) => {
        const fragments = segmentSpans(spans, rangeStart, rangeEnd);
        if (rangeStart === rangeEnd) {
          expect(fragments).toEqual([]);
          return;
        }
        expect(fragments[0].start).toBe(rangeStart);
        expect(fragments[fragments.length - 1].end).toBe(rangeEnd);
        fragments.forEach((f, i) => {
          expect(f.end).toBeGreaterThan(f.start);
          if (i > 0) {
            expect(f.start).toBe(fragments[i - 1].end);
            expect(f.spanIds).not.toEqual(fragments[i - 1].spanIds);
          }
          for (let offset = f.start; offset < f.end; offset++) expect(f.spanIds).toEqual(coveringAt(spans, offset));
        });
      }),
      { numRuns: 400 },
    );
  });
});

describe('SpanIndex', () => {
  it('finds the spans overlapping a range, in reading order', () => {
    const index = new SpanIndex([span('late', 30, 40), span('whole', 0, 100), span('early', 2, 5), span('mid', 12, 18)]);
    expect(index.overlapping(10, 20).map((s) => s.id)).toEqual(['whole', 'mid']);
    expect(index.overlapping(5, 12).map((s) => s.id)).toEqual(['whole']);
    expect(index.overlapping(0, 200).map((s) => s.id)).toEqual(['whole', 'early', 'mid', 'late']);
    expect(index.overlapping(10, 10)).toEqual([]);
  });

  it('skips a discontinuous span when the range falls in its gap', () => {
    const index = new SpanIndex([span('d', 0, 20, [[0, 3], [15, 20]])]);
    expect(index.overlapping(5, 10)).toEqual([]);
    expect(index.overlapping(2, 10).map((s) => s.id)).toEqual(['d']);
  });

  it('returns the same spans as a full scan, for any spans and range', () => {
    fc.assert(
      fc.property(spansArb, rangeArb, (spans, [start, end]) => {
        const expected = spans
          .filter((s) => start < end && (s.fragments ?? [s]).some((p) => p.start < end && p.end > start))
          .sort(compareSpans);
        expect(new SpanIndex(spans).overlapping(start, end)).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('segments every paragraph of a 1 MB article with 20,000 spans quickly', () => {
    const paragraphLength = 1000;
    const textLength = 1_000_000;
    const spans: SpanExtent[] = [span('everything', 0, textLength)];
    let seed = 1;
    const random = () => ((seed = (seed * 48271) % 0x7fffffff) / 0x7fffffff);
    for (let i = 0; i < 20_000; i++) {
      const start = Math.floor(random() * (textLength - 60));
      spans.push(span(`s${i}`, start, start + 1 + Math.floor(random() * 60)));
    }
    const began = performance.now();
    const index = new SpanIndex(spans);
    let fragments = 0;
    for (let p = 0; p < textLength; p += paragraphLength) {
      fragments += segmentSpans(index.overlapping(p, p + paragraphLength), p, p + paragraphLength).length;
    }
    const elapsed = performance.now() - began;
    expect(fragments).toBeGreaterThan(20_000);
    // Generous bound for slow CI machines: index and segmentation together take ~100 ms here.
    expect(elapsed).toBeLessThan(2_000);
  });
});
