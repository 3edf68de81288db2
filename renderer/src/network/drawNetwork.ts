/**
 * Painting a network on a 2D canvas: edges batched by colour and width (a few strokes for
 * thousands of edges), nodes sized by statements, labels placed greedily without overlaps
 * (highlighted node and its neighbours first, then the most active nodes). Also the inverse:
 * which node is under a point. Coordinates: layout units (0..1) → canvas pixels through the
 * view transform (zoom k, pan tx/ty).
 */
import { EDGE_COLOURS, EDGE_POLARITIES, type Network } from '../../../shared/network/networks';
import type { DrawnEdges, Layout } from './networkLayout';

export interface ViewTransform {
  k: number;
  tx: number;
  ty: number;
}

export interface DrawParams {
  network: Network;
  layout: Layout;
  edges: DrawnEdges;
  width: number;
  height: number;
  view: ViewTransform;
  /** The node whose edges stand out (hovered or selected), or null. */
  focus: number | null;
  /** A second highlighted node (the selected one while another is hovered). */
  selected: number | null;
}

const PAD = 28;
const LABEL_FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const LABEL_FONT_BOLD = '600 12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** Where node i is on the canvas. */
export function nodePoint(p: Pick<DrawParams, 'layout' | 'width' | 'height' | 'view'>, i: number): [number, number] {
  const w = p.width - 2 * PAD;
  const h = p.height - 2 * PAD;
  const px = PAD + p.layout.x[i] * w;
  const py = PAD + p.layout.y[i] * h;
  return [px * p.view.k + p.view.tx, py * p.view.k + p.view.ty];
}

export function nodeRadius(network: Network, i: number, maxStatements: number): number {
  // Thousands of nodes get smaller dots, so the edges between them stay visible.
  const n = network.nodes.length;
  const [base, extra] = n > 1000 ? [1.6, 4.5] : n > 250 ? [2.2, 5.5] : [3, 6];
  return base + extra * Math.sqrt(network.nodes[i].statements / Math.max(1, maxStatements));
}

export function maxStatementsOf(network: Network): number {
  let m = 1;
  for (const n of network.nodes) if (n.statements > m) m = n.statements;
  return m;
}

/** The node under (x, y) in canvas pixels, within a few pixels of its circle; the nearest wins. */
export function nodeAt(p: Pick<DrawParams, 'network' | 'layout' | 'width' | 'height' | 'view'>, x: number, y: number): number | null {
  const max = maxStatementsOf(p.network);
  let best: number | null = null;
  let bestD = Infinity;
  for (let i = 0; i < p.network.nodes.length; i++) {
    const [nx, ny] = nodePoint(p, i);
    const r = nodeRadius(p.network, i, max) + 4;
    const d = (nx - x) ** 2 + (ny - y) ** 2;
    if (d <= r * r && d < bestD) {
      best = i;
      bestD = d;
    }
  }
  return best;
}

/**
 * Which nodes have at least one drawn edge (1) and which are isolates at the current minimum
 * weight (0). With an edge drawn at all, isolates are painted as faint small dots without
 * labels: in a projection of 2,000 actors most of them are, and at full strength their ring
 * would outweigh the network.
 */
export function linkedNodes(network: Network, edges: DrawnEdges): Uint8Array {
  const linked = new Uint8Array(network.nodes.length);
  const e = network.edges;
  for (const i of edges.order) {
    linked[e.source[i]] = 1;
    linked[e.target[i]] = 1;
  }
  return linked;
}

/** Indices of the nodes linked to `node` by a drawn edge. */
export function neighboursOf(network: Network, edges: DrawnEdges, node: number): Set<number> {
  const out = new Set<number>();
  const e = network.edges;
  for (const i of edges.order) {
    if (e.source[i] === node) out.add(e.target[i]);
    else if (e.target[i] === node) out.add(e.source[i]);
  }
  return out;
}

function truncate(ctx: CanvasRenderingContext2D, text: string, max: number): string {
  if (ctx.measureText(text).width <= max) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ctx.measureText(text.slice(0, mid) + '…').width <= max) lo = mid;
    else hi = mid - 1;
  }
  return text.slice(0, lo) + '…';
}

export function drawNetwork(ctx: CanvasRenderingContext2D, p: DrawParams): void {
  const { network, edges, width, height } = p;
  const e = network.edges;
  const twoMode = network.kind === 'two-mode';
  ctx.clearRect(0, 0, width, height);
  const n = network.nodes.length;
  if (!n) return;
  const points = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const [x, y] = nodePoint(p, i);
    points[2 * i] = x;
    points[2 * i + 1] = y;
  }
  const focusSet = p.focus !== null ? neighboursOf(network, edges, p.focus) : null;
  const touches = (i: number) => p.focus !== null && (e.source[i] === p.focus || e.target[i] === p.focus);

  // Edges, batched: one path per (relation, width step, highlighted).
  const batches = new Map<string, { path: Path2D; colour: string; width: number; alpha: number; top: boolean }>();
  const maxW = edges.maxWeight || 1;
  for (const i of edges.order) {
    const polarity = EDGE_POLARITIES[e.polarity[i]];
    const lw = Math.round((0.75 + 5.25 * Math.sqrt(e.weight[i] / maxW)) * 2) / 2;
    const top = touches(i);
    const alpha = p.focus === null ? 0.55 : top ? 0.95 : 0.07;
    const key = `${polarity}|${lw}|${top}`;
    let b = batches.get(key);
    if (!b) batches.set(key, (b = { path: new Path2D(), colour: EDGE_COLOURS[polarity], width: lw, alpha, top }));
    const s = e.source[i];
    const t = e.target[i];
    const x1 = points[2 * s];
    const y1 = points[2 * s + 1];
    const x2 = points[2 * t];
    const y2 = points[2 * t + 1];
    b.path.moveTo(x1, y1);
    if (twoMode) {
      // Parallel edges (one per polarity) bow apart a little.
      const off = polarity === 'oppose' ? 5 : polarity === 'neutral' ? -5 : 0;
      const dx = (x2 - x1) * 0.45;
      b.path.bezierCurveTo(x1 + dx, y1 + off, x2 - dx, y2 + off, x2, y2);
    } else b.path.lineTo(x2, y2);
  }
  ctx.lineCap = 'round';
  for (const top of [false, true])
    for (const b of batches.values()) {
      if (b.top !== top) continue;
      ctx.globalAlpha = b.alpha;
      ctx.strokeStyle = b.colour;
      ctx.lineWidth = b.width;
      ctx.stroke(b.path);
    }
  ctx.globalAlpha = 1;

  // Nodes; isolates (no drawn edge) faint and small, unless highlighted.
  const maxS = maxStatementsOf(network);
  const linked = linkedNodes(network, edges);
  const fadeIsolates = edges.order.length > 0;
  const isIsolate = (i: number) => fadeIsolates && !linked[i] && i !== p.focus && i !== p.selected;
  for (let i = 0; i < n; i++) {
    const dim = p.focus !== null && i !== p.focus && !focusSet!.has(i);
    const isolate = isIsolate(i);
    const r = isolate ? Math.min(2, nodeRadius(network, i, maxS)) : nodeRadius(network, i, maxS);
    ctx.globalAlpha = isolate ? 0.3 : dim ? 0.25 : 1;
    ctx.beginPath();
    ctx.arc(points[2 * i], points[2 * i + 1], r, 0, Math.PI * 2);
    ctx.fillStyle = network.nodes[i].colour;
    ctx.fill();
    if (r > 2.5) {
      ctx.lineWidth = 1.25;
      ctx.strokeStyle = '#ffffff';
      ctx.stroke();
    }
  }
  ctx.globalAlpha = 1;
  for (const ring of [p.selected, p.focus]) {
    if (ring === null) continue;
    ctx.beginPath();
    ctx.arc(points[2 * ring], points[2 * ring + 1], nodeRadius(network, ring, maxS) + 3.5, 0, Math.PI * 2);
    ctx.lineWidth = 2;
    ctx.strokeStyle = '#1f2328';
    ctx.stroke();
  }

  // Labels: highlighted first, then by activity; skipped where they would overlap.
  const order = [...Array(n).keys()].sort((a, b) => network.nodes[b].statements - network.nodes[a].statements || a - b);
  const priority: number[] = [];
  if (p.focus !== null) priority.push(p.focus, ...[...focusSet!].sort((a, b) => network.nodes[b].statements - network.nodes[a].statements));
  if (p.selected !== null && p.selected !== p.focus) priority.push(p.selected);
  const seen = new Set<number>();
  const taken: [number, number, number, number][] = [];
  const maxLabels = 400;
  ctx.textBaseline = 'middle';
  for (const i of [...priority, ...order]) {
    if (seen.has(i) || seen.size >= maxLabels) continue;
    seen.add(i);
    const strong = i === p.focus || i === p.selected;
    const dim = p.focus !== null && !strong && !focusSet!.has(i);
    if (dim || isIsolate(i)) continue;
    ctx.font = strong ? LABEL_FONT_BOLD : LABEL_FONT;
    const r = nodeRadius(network, i, maxS);
    const x = points[2 * i];
    const y = points[2 * i + 1];
    if (x < -50 || x > width + 50 || y < -10 || y > height + 10) continue;
    const leftSide = twoMode ? network.nodes[i].type === 'actor' : false;
    const room = twoMode ? (leftSide ? x - r - 8 : width - x - r - 8) : 180;
    const text = truncate(ctx, network.nodes[i].label, Math.max(40, Math.min(room, twoMode ? 340 : 260)));
    const w = ctx.measureText(text).width;
    const lx = leftSide ? x - r - 5 - w : x + r + 5;
    const box: [number, number, number, number] = [lx - 2, y - 8, lx + w + 2, y + 8];
    if (!strong && taken.some((t) => box[0] < t[2] && box[2] > t[0] && box[1] < t[3] && box[3] > t[1])) continue;
    taken.push(box);
    ctx.lineWidth = 3;
    ctx.strokeStyle = 'rgba(255,255,255,0.9)';
    ctx.textAlign = 'left';
    ctx.strokeText(text, lx, y);
    ctx.fillStyle = strong ? '#111827' : '#374151';
    ctx.fillText(text, lx, y);
  }
}
