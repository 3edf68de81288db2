import { describe, expect, it } from 'vitest';
import { intervalsWithin, itemsWithin, laneIntervals, laneLayers, laneLineHeight, laneRule, laneStyles } from './laneLayout';

describe('laneIntervals', () => {
  it('merges overlapping and touching spans into sorted, disjoint intervals, fragments as their own pieces', () => {
    const spans = [
      { start: 0, end: 5 },
      { start: 3, end: 8 }, // overlaps the first
      { start: 8, end: 10 }, // touches it
      { start: 20, end: 40, fragments: [{ start: 20, end: 24 }, { start: 30, end: 40 }] },
      { start: 12, end: 12 }, // empty: nothing to draw
      { start: 26, end: 28 }, // between the fragments, out of reading order by its pieces
    ];
    expect(laneIntervals(spans)).toEqual([0, 10, 20, 24, 26, 28, 30, 40]);
  });

  it('sorts a layer whose spans are not in reading order', () => {
    expect(laneIntervals([{ start: 50, end: 60 }, { start: 10, end: 20 }, { start: 15, end: 55 }])).toEqual([10, 60]);
    expect(laneIntervals([])).toEqual([]);
  });
});

describe('intervalsWithin', () => {
  const lane = laneIntervals([{ start: 2, end: 6 }, { start: 10, end: 30 }, { start: 40, end: 42 }]);

  it('finds the intervals a paragraph overlaps and clips them to it', () => {
    expect(intervalsWithin(lane, 0, 12)).toEqual([2, 6, 10, 12]);
    expect(intervalsWithin(lane, 12, 20)).toEqual([12, 20]);
    expect(intervalsWithin(lane, 25, 45)).toEqual([25, 30, 40, 42]);
  });

  it('finds nothing between intervals, at their ends, or past the last', () => {
    expect(intervalsWithin(lane, 6, 10)).toEqual([]);
    expect(intervalsWithin(lane, 30, 40)).toEqual([]);
    expect(intervalsWithin(lane, 42, 100)).toEqual([]);
    expect(intervalsWithin([], 0, 100)).toEqual([]);
  });

  it('agrees with a plain scan over many intervals', () => {
    const spans = Array.from({ length: 500 }, (_, i) => ({ start: i * 10 + (i % 3), end: i * 10 + 5 + (i % 4) }));
    const big = laneIntervals(spans);
    for (const [from, to] of [[0, 7], [333, 999], [4995, 5100], [1234, 1235]]) {
      const scan: number[] = [];
      for (let k = 0; k < big.length; k += 2)
        if (big[k] < to && big[k + 1] > from) scan.push(Math.max(big[k], from), Math.min(big[k + 1], to));
      expect(intervalsWithin(big, from, to)).toEqual(scan);
    }
  });
});

describe('itemsWithin', () => {
  // Items 10 px high with a 5 px gap, and an empty one (a blank line) at 3.
  const boxes = Array.from({ length: 8 }, (_, i) => (i === 3 ? { top: 45, bottom: 45 } : { top: i * 15, bottom: i * 15 + 10 }));
  const read: number[] = [];
  const extent = (i: number) => (read.push(i), boxes[i]);

  it('finds the items that meet a window, reading only a few boxes', () => {
    expect(itemsWithin(8, extent, 12, 50)).toEqual([1, 4]);
    expect(itemsWithin(8, extent, 20, 31)).toEqual([1, 3]);
    expect(itemsWithin(8, extent, 64, 1000)).toEqual([4, 8]);
    read.length = 0;
    expect(itemsWithin(8, extent, 91, 92)).toEqual([6, 7]);
    expect(read.length).toBeLessThanOrEqual(6);
  });

  it('finds none in a gap, above or below them all', () => {
    expect(itemsWithin(8, extent, 10, 15)).toEqual([1, 1]);
    expect(itemsWithin(8, extent, -50, -1)).toEqual([0, 0]);
    expect(itemsWithin(8, extent, 200, 300)).toEqual([8, 8]);
    expect(itemsWithin(0, extent, 0, 100)).toEqual([0, 0]);
  });
});

describe('laneLayers', () => {
  it('keeps the coded layers in the order of the Curation plan (UTF-16 code units), leaving out never-started ones', () => {
    const layer = (annotator: string, status: 'not_started' | 'in_progress' | 'done', spans: { start: number; end: number }[] = []) => ({
      annotator,
      status,
      spans,
      statements: [],
    });
    const layers = [layer('bob', 'done'), layer('Zoe', 'in_progress'), layer('cem', 'not_started'), layer('ann', 'not_started', [{ start: 0, end: 1 }])];
    expect(laneLayers(layers).map((l) => l.annotator)).toEqual(['Zoe', 'ann', 'bob']);
  });
});

describe('laneStyles', () => {
  it('gives every lane its own highlight name, colour, line style and row', () => {
    const styles = laneStyles(['ann', 'bob', 'cem']);
    expect(styles.map((s) => s.name)).toEqual(['wb-lane-1', 'wb-lane-2', 'wb-lane-3']);
    expect(styles.map((s) => s.line)).toEqual(['solid', 'dashed', 'dotted']);
    expect(new Set(styles.map((s) => s.color)).size).toBe(3);
    // Rows top to bottom, far enough apart for each line's thickness.
    for (let k = 1; k < styles.length; k++) expect(styles[k].offset - styles[k - 1].offset).toBeGreaterThanOrEqual(styles[k - 1].thickness);
  });

  it('never gives two of 40 lanes the same colour and line style, and makes the lines taller for each row', () => {
    const many = laneStyles(Array.from({ length: 40 }, (_, i) => `a${i}`));
    expect(new Set(many.map((s) => `${s.color} ${s.line}`)).size).toBe(40);
    expect(new Set(many.map((s) => s.name)).size).toBe(40);
    expect(laneLineHeight(0)).toBe(1.9);
    // Each further row adds its height to the line.
    expect(laneLineHeight(3) - laneLineHeight(2)).toBeCloseTo(many[2].offset - many[1].offset);
    expect(laneLineHeight(3)).toBeCloseTo(2.3);
  });

  it('writes a ::highlight() rule with the lane\'s decoration', () => {
    const [style] = laneStyles(['ann']);
    expect(laneRule(style)).toBe(
      `::highlight(wb-lane-1) { text-decoration-line: underline; text-decoration-style: solid; text-decoration-color: ${style.color}; ` +
        `text-decoration-thickness: ${style.thickness}em; text-underline-offset: ${style.offset}em; text-decoration-skip-ink: none; }`,
    );
  });
});
