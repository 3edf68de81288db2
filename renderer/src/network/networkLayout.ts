/**
 * Node positions for drawing a network, in unit coordinates (0..1 on both axes), deterministic
 * for the same network:
 *
 * - two-mode: actors in a left column, concepts in a right one. Actors start in order of
 *   activity; then each side is ordered by the mean position of its neighbours (two barycentre
 *   sweeps), which removes most edge crossings.
 * - one-mode: nodes start on a circle (in network order) and a force layout (Fruchterman-
 *   Reingold) refines them. `ForceLayout.run(ms)` advances it for a time budget, so the view
 *   can compute it in slices between frames; repulsion uses a grid (only nearby nodes push each
 *   other), so an iteration costs about O(nodes + edges) even for thousands of actors.
 */
import type { Network } from '../../../shared/network/networks';

export interface Layout {
  x: Float32Array;
  y: Float32Array;
}

/** The edges a drawing uses (weight at least minWeight), as index lists. */
export interface DrawnEdges {
  /** Edge indices into network.edges, lightest first (heavy edges are drawn last, on top). */
  order: Int32Array;
  maxWeight: number;
}

export function drawnEdges(network: Network, minWeight: number): DrawnEdges {
  const e = network.edges;
  const keep: number[] = [];
  let maxWeight = 0;
  for (let i = 0; i < e.length; i++)
    if (e.weight[i] >= minWeight) {
      keep.push(i);
      if (e.weight[i] > maxWeight) maxWeight = e.weight[i];
    }
  keep.sort((a, b) => e.weight[a] - e.weight[b] || a - b);
  return { order: Int32Array.from(keep), maxWeight };
}

/**
 * The edge weights in ascending order. Weights are counts, so a counting sort (O(edges + max
 * weight)) does it; a projection has 400,000 edges, which a comparison sort takes ~100 ms over.
 * Falls back to the typed-array sort for fractional or very large weights.
 */
export function sortedWeightsOf(network: Network): Float64Array {
  const w = network.edges.weight;
  const n = network.edges.length;
  let max = 0;
  let integral = true;
  for (let i = 0; i < n; i++) {
    const v = w[i];
    if (v > max) max = v;
    if (integral && (v < 0 || !Number.isInteger(v))) integral = false;
  }
  if (!integral || max > 4 * n + 1024) return Float64Array.from(w.subarray(0, n)).sort();
  const counts = new Uint32Array(max + 1);
  for (let i = 0; i < n; i++) counts[w[i]]++;
  const out = new Float64Array(n);
  let k = 0;
  for (let v = 0; v <= max; v++) for (let c = counts[v]; c > 0; c--) out[k++] = v;
  return out;
}

/** The smallest whole minimum weight that keeps at most `cap` edges (1 when all fit). */
export function autoMinWeight(network: Network, cap: number, sortedWeights?: Float64Array): number {
  const n = network.edges.length;
  if (n <= cap) return 1;
  const weights = sortedWeights ?? sortedWeightsOf(network);
  // weights ascending: the cap-th heaviest is at n - cap; everything above the one below it stays.
  return Math.floor(weights[n - cap - 1]) + 1;
}

export function twoModeLayout(network: Network): Layout {
  const n = network.nodes.length;
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  const actors: number[] = [];
  const concepts: number[] = [];
  network.nodes.forEach((node, i) => (node.type === 'actor' ? actors : concepts).push(i));
  const pos = new Float64Array(n);
  const place = (list: number[]) => list.forEach((node, k) => (pos[node] = list.length > 1 ? k / (list.length - 1) : 0.5));
  // Most active actors first, then concepts by their actors' mean position, and once more each side.
  actors.sort((a, b) => network.nodes[b].statements - network.nodes[a].statements || a - b);
  place(actors);
  const e = network.edges;
  const sweep = (list: number[]) => {
    const sum = new Float64Array(n);
    const weight = new Float64Array(n);
    for (let i = 0; i < e.length; i++) {
      const s = e.source[i];
      const t = e.target[i];
      const w = e.weight[i];
      sum[t] += pos[s] * w;
      weight[t] += w;
      sum[s] += pos[t] * w;
      weight[s] += w;
    }
    const key = (i: number) => (weight[i] ? sum[i] / weight[i] : pos[i]);
    list.sort((a, b) => key(a) - key(b) || a - b);
    place(list);
  };
  place(concepts);
  sweep(concepts);
  sweep(actors);
  sweep(concepts);
  for (const i of actors) {
    x[i] = 0.27;
    y[i] = pos[i];
  }
  for (const i of concepts) {
    x[i] = 0.67;
    y[i] = pos[i];
  }
  return { x, y };
}

export function circleLayout(n: number): Layout {
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / Math.max(1, n) - Math.PI / 2;
    x[i] = 0.5 + 0.45 * Math.cos(a);
    y[i] = 0.5 + 0.45 * Math.sin(a);
  }
  return { x, y };
}

/**
 * Fruchterman-Reingold in the unit square, advanced in time slices. Only nodes with a drawn
 * edge take part; the others (isolates at the current minimum weight) sit on a ring around
 * them, in network order, so they neither crowd the picture nor cost layout time.
 */
export class ForceLayout {
  /** Positions of the simulated nodes (index into `active`). */
  readonly layout: Layout;
  iteration = 0;
  readonly iterations: number;
  private readonly n: number;
  private readonly total: number;
  private readonly active: Int32Array;
  private readonly isolated: Int32Array;
  private readonly k: number;
  private readonly src: Int32Array;
  private readonly tgt: Int32Array;
  private readonly w: Float64Array;
  private readonly dx: Float64Array;
  private readonly dy: Float64Array;
  private readonly cellX: Int32Array;
  private readonly cellY: Int32Array;
  private readonly members: Int32Array;

  constructor(network: Network, edges: DrawnEdges, options: { iterations?: number } = {}) {
    this.total = network.nodes.length;
    const slot = new Int32Array(this.total).fill(-1);
    for (const i of edges.order) {
      slot[network.edges.source[i]] = 0;
      slot[network.edges.target[i]] = 0;
    }
    const active: number[] = [];
    const isolated: number[] = [];
    for (let i = 0; i < this.total; i++) {
      if (slot[i] === 0) {
        slot[i] = active.length;
        active.push(i);
      } else isolated.push(i);
    }
    this.active = Int32Array.from(active);
    this.isolated = Int32Array.from(isolated);
    this.n = active.length;
    this.layout = circleLayout(this.n);
    this.k = Math.min(0.25, 0.9 / Math.sqrt(Math.max(1, this.n)));
    this.iterations = options.iterations ?? (this.n > 1000 ? 150 : 300);
    const m = edges.order.length;
    this.src = new Int32Array(m);
    this.tgt = new Int32Array(m);
    this.w = new Float64Array(m);
    const maxW = edges.maxWeight || 1;
    for (let j = 0; j < m; j++) {
      const i = edges.order[j];
      this.src[j] = slot[network.edges.source[i]];
      this.tgt[j] = slot[network.edges.target[i]];
      this.w[j] = 0.5 + network.edges.weight[i] / maxW;
    }
    this.dx = new Float64Array(this.n);
    this.dy = new Float64Array(this.n);
    this.cellX = new Int32Array(this.n);
    this.cellY = new Int32Array(this.n);
    this.members = new Int32Array(this.n);
  }

  get done(): boolean {
    return this.iteration >= this.iterations || this.n < 2;
  }

  /** Positions of every node of the network: the simulated ones fitted inside, isolates on the ring. */
  result(): Layout {
    const x = new Float32Array(this.total);
    const y = new Float32Array(this.total);
    const ring = this.isolated.length > 0;
    const inner = fitLayout(this.layout, ring ? 0.12 : 0.04);
    this.active.forEach((node, j) => {
      x[node] = inner.x[j];
      y[node] = inner.y[j];
    });
    const m = this.isolated.length;
    this.isolated.forEach((node, j) => {
      const a = (2 * Math.PI * j) / m - Math.PI / 2;
      x[node] = 0.5 + 0.49 * Math.cos(a);
      y[node] = 0.5 + 0.49 * Math.sin(a);
    });
    return { x, y };
  }

  /** Run iterations for up to `ms` milliseconds; returns whether the layout is finished. */
  run(ms: number): boolean {
    const until = performance.now() + ms;
    while (!this.done) {
      this.step();
      if (performance.now() >= until) break;
    }
    return this.done;
  }

  step(): void {
    const { n, k, dx, dy } = this;
    const { x, y } = this.layout;
    dx.fill(0);
    dy.fill(0);
    const k2 = k * k;
    // Repulsion between nodes closer than 2k, found through a grid of cells 2k wide. The grid is
    // flat (nodes bucketed by cell in index order, a counting sort), so a step allocates only
    // typed arrays: at 2,000 nodes a step fits in a frame.
    const cell = 2 * k;
    const cols = Math.max(1, Math.ceil(1.4 / cell));
    const cellX = this.cellX;
    const cellY = this.cellY;
    const cells = cols * cols;
    const start = new Int32Array(cells + 1);
    for (let i = 0; i < n; i++) {
      const cx = Math.min(cols - 1, Math.max(0, Math.floor((x[i] + 0.2) / cell)));
      const cy = Math.min(cols - 1, Math.max(0, Math.floor((y[i] + 0.2) / cell)));
      cellX[i] = cx;
      cellY[i] = cy;
      start[cy * cols + cx + 1]++;
    }
    for (let c = 0; c < cells; c++) start[c + 1] += start[c];
    const fill = start.slice(0, cells);
    const members = this.members;
    for (let i = 0; i < n; i++) members[fill[cellY[i] * cols + cellX[i]]++] = i;
    const cell2 = cell * cell;
    for (let i = 0; i < n; i++) {
      const cx = cellX[i];
      const cy = cellY[i];
      for (let gy = cy - 1; gy <= cy + 1; gy++)
        for (let gx = cx - 1; gx <= cx + 1; gx++) {
          if (gx < 0 || gy < 0 || gx >= cols || gy >= cols) continue;
          const c = gy * cols + gx;
          for (let m = start[c], end = start[c + 1]; m < end; m++) {
            const j = members[m];
            if (j <= i) continue;
            let ddx = x[i] - x[j];
            let ddy = y[i] - y[j];
            let d2 = ddx * ddx + ddy * ddy;
            if (d2 > cell2) continue;
            if (d2 < 1e-12) {
              // Same place: push apart along a direction fixed by the indices (deterministic).
              ddx = Math.cos(i * 2.399 + j) * 1e-4;
              ddy = Math.sin(i * 2.399 + j) * 1e-4;
              d2 = ddx * ddx + ddy * ddy;
            }
            const f = k2 / d2;
            dx[i] += ddx * f;
            dy[i] += ddy * f;
            dx[j] -= ddx * f;
            dy[j] -= ddy * f;
          }
        }
    }
    // Attraction along edges.
    for (let e = 0; e < this.src.length; e++) {
      const a = this.src[e];
      const b = this.tgt[e];
      const ddx = x[a] - x[b];
      const ddy = y[a] - y[b];
      const d = Math.sqrt(ddx * ddx + ddy * ddy) || 1e-6;
      const f = (d / k) * this.w[e];
      dx[a] -= ddx * f;
      dy[a] -= ddy * f;
      dx[b] += ddx * f;
      dy[b] += ddy * f;
    }
    // Gravity towards the centre keeps isolates and small components in view.
    const temperature = 0.1 * (1 - this.iteration / this.iterations) + 0.002;
    for (let i = 0; i < n; i++) {
      dx[i] += (0.5 - x[i]) * 0.05;
      dy[i] += (0.5 - y[i]) * 0.05;
      const len = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1;
      const step = Math.min(len, temperature);
      x[i] += (dx[i] / len) * step;
      y[i] += (dy[i] / len) * step;
    }
    this.iteration++;
  }
}

/** Scale positions into [pad, 1 - pad] on both axes (after a force layout drifted). */
export function fitLayout(layout: Layout, pad = 0.04): Layout {
  const { x, y } = layout;
  if (!x.length) return layout;
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < x.length; i++) {
    x0 = Math.min(x0, x[i]);
    x1 = Math.max(x1, x[i]);
    y0 = Math.min(y0, y[i]);
    y1 = Math.max(y1, y[i]);
  }
  const span = Math.max(x1 - x0, y1 - y0) || 1;
  const s = (1 - 2 * pad) / span;
  const ox = (1 - (x1 - x0) * s) / 2;
  const oy = (1 - (y1 - y0) * s) / 2;
  const nx = new Float32Array(x.length);
  const ny = new Float32Array(y.length);
  for (let i = 0; i < x.length; i++) {
    nx[i] = ox + (x[i] - x0) * s;
    ny[i] = oy + (y[i] - y0) * s;
  }
  return { x: nx, y: ny };
}
