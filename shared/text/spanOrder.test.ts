import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareSpanPosition } from '../domain/edits';
import { compareSpans, nextSpanId, type OrderedSpan } from './spanOrder';

const span = (id: string, start: number, end: number): OrderedSpan => ({ id, start, end });

const spansArb = fc.uniqueArray(
  fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'), start: fc.nat(20), length: fc.integer({ min: 1, max: 10 }) }),
  { selector: (s) => s.id, maxLength: 8 },
).map((rows) => rows.map((r) => span(r.id, r.start, r.start + r.length)));

describe('compareSpans', () => {
  it('orders by start, then the longer span first, then by id', () => {
    const spans = [span('z', 5, 6), span('b', 0, 3), span('a', 0, 3), span('c', 0, 9)];
    expect(spans.sort(compareSpans).map((s) => s.id)).toEqual(['c', 'a', 'b', 'z']);
  });

  it('agrees with the order applyEdits keeps article.spans in', () => {
    fc.assert(
      fc.property(spansArb, (spans) => {
        for (const a of spans) for (const b of spans) expect(Math.sign(compareSpans(a, b))).toBe(Math.sign(compareSpanPosition(a, b)));
      }),
      { numRuns: 100 },
    );
  });
});

describe('nextSpanId', () => {
  const spans = [span('late', 20, 25), span('outer', 0, 10), span('inner', 0, 4), span('mid', 6, 8)];

  it('walks forward in reading order, entering an enclosing span before the ones inside it', () => {
    expect(nextSpanId(spans, 'outer', 1)).toBe('inner');
    expect(nextSpanId(spans, 'inner', 1)).toBe('mid');
    expect(nextSpanId(spans, 'mid', 1)).toBe('late');
  });

  it('walks backward in reading order', () => {
    expect(nextSpanId(spans, 'late', -1)).toBe('mid');
    expect(nextSpanId(spans, 'inner', -1)).toBe('outer');
  });

  it('wraps around at both ends', () => {
    expect(nextSpanId(spans, 'late', 1)).toBe('outer');
    expect(nextSpanId(spans, 'outer', -1)).toBe('late');
  });

  it('starts at the first span going forward and the last going back when nothing is selected', () => {
    expect(nextSpanId(spans, null, 1)).toBe('outer');
    expect(nextSpanId(spans, null, -1)).toBe('late');
    expect(nextSpanId(spans, 'deleted', 1)).toBe('outer');
  });

  it('returns null without spans and the only span when there is one', () => {
    expect(nextSpanId([], null, 1)).toBeNull();
    expect(nextSpanId([span('x', 1, 2)], 'x', 1)).toBe('x');
  });

  it('visits every span once per lap, in sorted order, in either direction', () => {
    fc.assert(
      fc.property(spansArb, fc.constantFrom<1 | -1>(1, -1), (spans, direction) => {
        const sorted = [...spans].sort(compareSpans).map((s) => s.id);
        const expected = direction === 1 ? sorted : sorted.reverse();
        const visited: string[] = [];
        let id = nextSpanId(spans, null, direction);
        for (let i = 0; i < spans.length; i++) {
          visited.push(id!);
          id = nextSpanId(spans, id, direction);
        }
        expect(visited).toEqual(expected);
        expect(id).toBe(expected[0] ?? null);
      }),
      { numRuns: 200 },
    );
  });
});
