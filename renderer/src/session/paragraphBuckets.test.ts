import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareSpanPosition } from '../../../shared/domain/edits';
import type { Span } from '../../../shared/domain/model';
import { splitParagraphs } from '../../../shared/text/paragraphs';
import { buildBuckets, paragraphAt, paragraphsOverlapping, rebuildBuckets, updateBuckets } from './paragraphBuckets';

const T = '2026-01-01T00:00:00.000Z';
const span = (id: string, start: number, end: number, labelId = 'actor'): Span => ({
  id,
  labelId,
  start,
  end,
  annotator: '',
  createdAt: T,
  updatedAt: T,
});

const text = 'first para\nsecond para\n\nfourth para';
const paras = splitParagraphs(text);

describe('paragraph buckets', () => {
  it('gives each paragraph the spans that overlap it, a crossing span to both', () => {
    const spans = [span('a', 0, 5), span('b', 6, 15), span('c', 12, 18)].sort(compareSpanPosition);
    const buckets = buildBuckets(paras, spans);
    expect(buckets[0].map((s) => s.id)).toEqual(['a', 'b']);
    expect(buckets[1].map((s) => s.id)).toEqual(['b', 'c']);
    expect(buckets[2]).toEqual([]);
    expect(buckets[3]).toEqual([]);
  });

  it('keeps the identity of buckets an edit did not touch', () => {
    const a = span('a', 0, 5);
    const before = buildBuckets(paras, [a]);
    const added = span('n', 12, 18);
    const after = updateBuckets(paras, before, [], [added]);
    expect(after[0]).toBe(before[0]);
    expect(after[3]).toBe(before[3]);
    expect(after[1].map((s) => s.id)).toEqual(['n']);
    const relabelled = { ...added, labelId: 'claim' };
    const again = updateBuckets(paras, after, [added], [relabelled]);
    expect(again[1][0]).toBe(relabelled);
    expect(again[0]).toBe(before[0]);
    const removed = updateBuckets(paras, again, [relabelled], []);
    expect(removed[1]).toEqual([]);
  });

  it('rebuild keeps unchanged buckets by content', () => {
    const spans = [span('a', 0, 5), span('b', 12, 18)];
    const first = buildBuckets(paras, spans);
    const second = rebuildBuckets(paras, [spans[0]], first);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).toEqual([]);
  });

  it('finds paragraphs by offset', () => {
    expect(paragraphAt(paras, 0)).toBe(0);
    expect(paragraphAt(paras, paras[1].start)).toBe(1);
    expect(paragraphAt(paras, paras[0].end)).toBe(0);
    expect(paragraphsOverlapping(paras, 10, 11)).toEqual([1, 1]);
  });

  it('incremental updates agree with a full rebuild (property)', () => {
    const arbSpan = fc
      .tuple(fc.integer({ min: 0, max: text.length - 1 }), fc.integer({ min: 1, max: 15 }), fc.constantFrom('actor', 'claim'))
      .map(([s, len, l]) => [s, Math.min(text.length, s + len), l] as const);
    fc.assert(
      fc.property(fc.array(arbSpan, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 6 }), (raw, removeIdx) => {
        let spans: Span[] = [];
        let buckets = buildBuckets(paras, spans);
        raw.forEach(([s, e, l], i) => {
          const sp = span(`s${i}`, s, e, l);
          spans = [...spans, sp].sort(compareSpanPosition);
          buckets = updateBuckets(paras, buckets, [], [sp]);
        });
        for (const r of removeIdx) {
          if (!spans.length) break;
          const victim = spans[r % spans.length];
          spans = spans.filter((s) => s !== victim);
          buckets = updateBuckets(paras, buckets, [victim], []);
        }
        expect(buckets.map((b) => b.map((s) => s.id))).toEqual(buildBuckets(paras, spans).map((b) => b.map((s) => s.id)));
      }),
    );
  });

  it('gives each paragraph exactly the spans that cover part of it, in reading order, whatever order they come in (property)', () => {
    const arbSpan = fc
      .tuple(fc.integer({ min: 0, max: text.length - 1 }), fc.integer({ min: 1, max: 20 }), fc.boolean())
      .map(([s, len, split]) => {
        const end = Math.min(text.length, s + len);
        // A discontinuous span: two fragments with a gap, possibly across a paragraph break.
        const mid = Math.floor((s + end) / 2);
        return split && end - s >= 4 ? { start: s, end, fragments: [{ start: s, end: mid - 1 }, { start: mid + 1, end }] } : { start: s, end };
      });
    fc.assert(
      fc.property(fc.array(arbSpan, { maxLength: 15 }), fc.boolean(), (raw, shuffle) => {
        const spans = raw.map((r, i) => ({ ...span(`s${i}`, r.start, r.end), ...(r.fragments ? { fragments: r.fragments } : {}) }));
        const sorted = [...spans].sort(compareSpanPosition);
        const given = shuffle ? [...sorted].reverse() : sorted;
        const expected = paras.map((p) =>
          p.end <= p.start
            ? []
            : sorted.filter((sp) => (sp.fragments ?? [sp]).some((f) => f.start < p.end && f.end > p.start)).map((sp) => sp.id),
        );
        expect(buildBuckets(paras, given).map((b) => b.map((sp) => sp.id))).toEqual(expected);
      }),
    );
  });
});
