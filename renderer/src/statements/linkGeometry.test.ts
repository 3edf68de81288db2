import { describe, expect, it } from 'vitest';
import { anchorOf, arcPath, lineBoxes } from './linkGeometry';

describe('link geometry', () => {
  it('merges the pieces of a span into one box per line, top to bottom, skipping empty rects', () => {
    const boxes = lineBoxes([
      { x: 10, y: 40, w: 30, h: 20 },
      { x: 100, y: 0, w: 20, h: 20 },
      { x: 60, y: 2, w: 40, h: 16 },
      { x: 0, y: 0, w: 0, h: 0 },
    ]);
    expect(boxes).toEqual([
      { x: 60, y: 0, w: 60, h: 20 },
      { x: 10, y: 40, w: 30, h: 20 },
    ]);
    expect(anchorOf(boxes)).toEqual({ x: 90, y: 0 });
    expect(anchorOf([])).toBeNull();
  });

  it('arcs above the text: higher for links far apart on one line, a fixed lift across lines', () => {
    const near = arcPath({ x: 0, y: 100 }, { x: 40, y: 100 });
    const far = arcPath({ x: 0, y: 100 }, { x: 400, y: 100 });
    expect(near.d).toBe('M 0 100 C 0 78, 40 78, 40 100');
    expect(near.mid).toEqual({ x: 20, y: 83.5 });
    expect(far.mid.y).toBe(100 - 0.75 * 56); // the lift is capped at 56
    expect(arcPath({ x: 0, y: 100 }, { x: 0, y: 140 }).d).toBe('M 0 100 C 0 70, 0 110, 0 140');
  });
});
