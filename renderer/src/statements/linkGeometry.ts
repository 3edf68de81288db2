/**
 * Where statement links are drawn: the boxes a span's highlight occupies (one per line,
 * measured from the highlight elements' client rects, in the scroll container's content
 * coordinates, so they scroll with the text) and the curved arrow from actor to claim.
 */

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
export interface Point {
  x: number;
  y: number;
}

/** Merge rects of one span into one box per line (a span is split into pieces where other spans start or end). */
export function lineBoxes(rects: readonly Box[]): Box[] {
  const lines: Box[] = [];
  for (const r of rects) {
    if (r.w <= 0 && r.h <= 0) continue;
    const mid = r.y + r.h / 2;
    const line = lines.find((l) => mid >= l.y && mid <= l.y + l.h);
    if (!line) {
      lines.push({ ...r });
      continue;
    }
    const x0 = Math.min(line.x, r.x);
    const x1 = Math.max(line.x + line.w, r.x + r.w);
    const y0 = Math.min(line.y, r.y);
    const y1 = Math.max(line.y + line.h, r.y + r.h);
    Object.assign(line, { x: x0, y: y0, w: x1 - x0, h: y1 - y0 });
  }
  return lines.sort((a, b) => a.y - b.y || a.x - b.x);
}

/** The point a link leaves from or arrives at: the top middle of the span's first line. */
export function anchorOf(boxes: readonly Box[]): Point | null {
  const b = boxes[0];
  return b ? { x: b.x + b.w / 2, y: b.y } : null;
}

/**
 * A curve from `a` to `b` that rises above the text between them (into the line gap), and its
 * highest middle point (where the polarity badge sits).
 */
export function arcPath(a: Point, b: Point): { d: string; mid: Point } {
  const dx = Math.abs(b.x - a.x);
  const sameLine = Math.abs(a.y - b.y) < 4;
  const lift = sameLine ? Math.min(56, 16 + dx * 0.15) : 30;
  const c1 = { x: a.x, y: a.y - lift };
  const c2 = { x: b.x, y: b.y - lift };
  // Cubic Bézier at t = 0.5.
  const mid = { x: (a.x + 3 * c1.x + 3 * c2.x + b.x) / 8, y: (a.y + 3 * c1.y + 3 * c2.y + b.y) / 8 };
  const f = (n: number) => Math.round(n * 10) / 10;
  return { d: `M ${f(a.x)} ${f(a.y)} C ${f(c1.x)} ${f(c1.y)}, ${f(c2.x)} ${f(c2.y)}, ${f(b.x)} ${f(b.y)}`, mid };
}

/** A DOMRect in the content coordinates of a scroll container (what an absolutely placed child of it uses). */
export function toContentBox(rect: Pick<DOMRect, 'left' | 'top' | 'width' | 'height'>, container: Element): Box {
  const c = container.getBoundingClientRect();
  return {
    x: rect.left - c.left - container.clientLeft + container.scrollLeft,
    y: rect.top - c.top - container.clientTop + container.scrollTop,
    w: rect.width,
    h: rect.height,
  };
}

/** The line boxes of one span's highlight inside the text root, in the container's content coordinates. */
export function measureSpan(root: Element, container: Element, spanId: string): Box[] {
  const rects: Box[] = [];
  for (const el of root.querySelectorAll(`[data-span-ids~="${CSS.escape(spanId)}"]`))
    for (const r of el.getClientRects()) rects.push(toContentBox(r, container));
  return lineBoxes(rects);
}
