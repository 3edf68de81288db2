/**
 * Discourse networks from analysis rows, after Leifeld's Discourse Network Analyzer (DNA):
 *
 * - the two-mode (affiliation) network actors x concepts, one edge per (actor, concept,
 *   polarity) whose weight is the number of statements (DNA keeps agreement values apart);
 * - one-mode projections on actors (or on concepts): CONGRUENCE counts the (concept, polarity)
 *   pairs two actors share, CONFLICT counts the concepts on which one supports and the other
 *   opposes. Plain counts, no normalisation. docs/networks.md has the definitions and a worked
 *   example.
 *
 * Projections group actors by concept (and polarity) and only touch pairs that actually share
 * a concept, so the cost follows the number of co-occurring pairs, never actors squared. Edges
 * are stored as typed-array columns: a congruence network of 2,000 actors easily has 400,000
 * edges, and one object per edge would cost more than computing them. `edgeList` gives objects.
 */
import type { ActorType, Polarity } from '../domain/model';
import type { AnalysisRow, NodeRef } from './statementsTable';

export const POLARITIES: readonly Polarity[] = ['support', 'oppose', 'neutral'];

/**
 * What an edge stands for: a two-mode edge's polarity ('mixed' only in the combined mode), or a
 * projection's relation. Edge columns store the index into this list.
 */
export const EDGE_POLARITIES = ['support', 'oppose', 'neutral', 'mixed', 'congruence', 'conflict'] as const;
export type EdgePolarity = (typeof EDGE_POLARITIES)[number];

export const EDGE_COLOURS: Readonly<Record<EdgePolarity, string>> = {
  support: '#16a34a',
  oppose: '#dc2626',
  neutral: '#9ca3af',
  mixed: '#9333ea',
  congruence: '#16a34a',
  conflict: '#dc2626',
};

/** Node colours follow the label colours of the default schema (Actor blue, Claim green). */
export const NODE_COLOURS: Readonly<Record<'actor' | 'concept', string>> = {
  actor: '#2563eb',
  concept: '#059669',
};

export type PolarityCounts = Record<Polarity, number>;

export interface NetworkNode {
  /** "a1", "a2", … for actors, "c1", … for concepts: valid XML ids, stable for the same data. */
  id: string;
  /** The NodeRef key (entity or normalised text) this node stands for. */
  key: string;
  label: string;
  type: 'actor' | 'concept';
  entityId?: string;
  actorType?: ActorType;
  /** Number of statements (after filters) this actor made / this concept is the object of. */
  statements: number;
  colour: string;
}

/** Edge i is (source[i], target[i], weight[i], EDGE_POLARITIES[polarity[i]]). */
export interface EdgeColumns {
  length: number;
  /** Indices into Network.nodes. Two-mode edges go actor -> concept; projection edges have source < target. */
  source: Int32Array;
  target: Int32Array;
  weight: Float64Array;
  /** Index into EDGE_POLARITIES. */
  polarity: Uint8Array;
  /** Combined two-mode networks only: support, oppose, neutral statements of edge i at 3i, 3i+1, 3i+2. */
  counts?: Uint32Array;
}

export type NetworkKind = 'two-mode' | 'actor-congruence' | 'actor-conflict' | 'concept-congruence' | 'concept-conflict';

/**
 * An undirected network. Nodes are sorted (actors first, then concepts; each by label); edges by
 * source, then target, then polarity.
 */
export interface Network {
  kind: NetworkKind;
  nodes: NetworkNode[];
  edges: EdgeColumns;
}

/** One edge as an object (for lists, tooltips and tests). */
export interface NetworkEdge {
  /** Position in the edge columns; exporters call it "e<index + 1>". */
  index: number;
  /** Node ids. */
  source: string;
  target: string;
  weight: number;
  polarity: EdgePolarity;
  colour: string;
  counts?: PolarityCounts;
}

export interface TwoModeOptions {
  /**
   * 'per-polarity' (default, as DNA): one edge per (actor, concept, polarity).
   * 'combined': one edge per (actor, concept) with `counts`; polarity 'mixed' when the actor
   * both supports and opposes the concept, else support, else oppose, else neutral.
   */
  edges?: 'per-polarity' | 'combined';
  /** Tests only: grid size up to which dense typed arrays are used instead of Maps. */
  denseLimit?: number;
}

export interface ProjectionOptions {
  /** Whether two neutral statements on the same concept make a congruence (default true, as in DNA). */
  neutralAgrees?: boolean;
  /** Tests only: grid size up to which dense typed arrays are used instead of Maps. */
  denseLimit?: number;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
// One collator for all comparisons: String#localeCompare builds one per call, which dominates sorting.
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Node order: by label (case- and accent-insensitive, numbers by value), then exactly, then by key. */
export function compareRefs(a: Pick<NodeRef, 'label' | 'key'>, b: Pick<NodeRef, 'label' | 'key'>): number {
  return collator.compare(a.label, b.label) || compareText(a.label, b.label) || compareText(a.key, b.key);
}

interface Side {
  refs: NodeRef[];
  statements: number[];
  /** For each row, the index (in sorted order) of its node on this side. */
  rowIndex: Int32Array;
}

/** The distinct nodes of one side, sorted, and which node each row belongs to. */
function collectSide(rows: readonly AnalysisRow[], pick: (r: AnalysisRow) => NodeRef): Side {
  const firstSeen = new Map<string, number>();
  const refs: NodeRef[] = [];
  const counts: number[] = [];
  const rowIndex = new Int32Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const ref = pick(rows[k]);
    let i = firstSeen.get(ref.key);
    if (i === undefined) {
      i = refs.length;
      firstSeen.set(ref.key, i);
      refs.push(ref);
      counts.push(0);
    }
    counts[i]++;
    rowIndex[k] = i;
  }
  const order = refs.map((_, i) => i).sort((a, b) => compareRefs(refs[a], refs[b]));
  const rank = new Int32Array(refs.length);
  order.forEach((old, i) => (rank[old] = i));
  for (let k = 0; k < rowIndex.length; k++) rowIndex[k] = rank[rowIndex[k]];
  return { refs: order.map((i) => refs[i]), statements: order.map((i) => counts[i]), rowIndex };
}

function toNodes(side: Side, prefix: 'a' | 'c'): NetworkNode[] {
  return side.refs.map((ref, i) => {
    const node: NetworkNode = {
      id: `${prefix}${i + 1}`,
      key: ref.key,
      label: ref.label,
      type: ref.type,
      statements: side.statements[i],
      colour: NODE_COLOURS[ref.type],
    };
    if (ref.entityId) node.entityId = ref.entityId;
    if (ref.actorType) node.actorType = ref.actorType;
    return node;
  });
}

/** Appends edges to growing typed arrays. */
class EdgeBuilder {
  length = 0;
  private source: Int32Array;
  private target: Int32Array;
  private weight: Float64Array;
  private polarity: Uint8Array;
  private counts: Uint32Array | null;
  constructor(withCounts: boolean, capacity = 1024) {
    const n = Math.max(capacity, 1);
    this.source = new Int32Array(n);
    this.target = new Int32Array(n);
    this.weight = new Float64Array(n);
    this.polarity = new Uint8Array(n);
    this.counts = withCounts ? new Uint32Array(3 * n) : null;
  }
  push(source: number, target: number, weight: number, polarity: number, s = 0, o = 0, n = 0) {
    if (this.length === this.source.length) this.grow();
    const i = this.length++;
    this.source[i] = source;
    this.target[i] = target;
    this.weight[i] = weight;
    this.polarity[i] = polarity;
    if (this.counts) {
      this.counts[3 * i] = s;
      this.counts[3 * i + 1] = o;
      this.counts[3 * i + 2] = n;
    }
  }
  private grow() {
    const size = this.source.length * 2;
    const grown = <T extends Int32Array | Float64Array | Uint8Array | Uint32Array>(a: T, make: (n: number) => T, factor = 1) => {
      const b = make(size * factor);
      b.set(a);
      return b;
    };
    this.source = grown(this.source, (n) => new Int32Array(n));
    this.target = grown(this.target, (n) => new Int32Array(n));
    this.weight = grown(this.weight, (n) => new Float64Array(n));
    this.polarity = grown(this.polarity, (n) => new Uint8Array(n));
    if (this.counts) this.counts = grown(this.counts, (n) => new Uint32Array(n), 3);
  }
  finish(): EdgeColumns {
    const n = this.length;
    // Exactly full (capacity was known): hand the arrays over without copying.
    const fit = <T extends Int32Array | Float64Array | Uint8Array | Uint32Array>(a: T, size: number) =>
      (a.length === size ? a : a.slice(0, size)) as T;
    const columns: EdgeColumns = {
      length: n,
      source: fit(this.source, n),
      target: fit(this.target, n),
      weight: fit(this.weight, n),
      polarity: fit(this.polarity, n),
    };
    if (this.counts) columns.counts = fit(this.counts, 3 * n);
    return columns;
  }
}

const POLARITY_BIT: Record<Polarity, number> = { support: 1, oppose: 2, neutral: 4 };
const POLARITY_INDEX: Record<Polarity, number> = { support: 0, oppose: 1, neutral: 2 };
const MIXED = EDGE_POLARITIES.indexOf('mixed');

/** The actors x concepts network. */
export function twoModeNetwork(rows: readonly AnalysisRow[], options: TwoModeOptions = {}): Network {
  const actors = collectSide(rows, (r) => r.actor);
  const concepts = collectSide(rows, (r) => r.concept);
  const nA = actors.refs.length;
  const nC = concepts.refs.length;
  // Statements per (actor, concept, polarity). Cells are numbered actor * nC + concept, so
  // ascending cells are edges in (actor, concept) order. Dense while the grid is small.
  const cellOf = (k: number) => actors.rowIndex[k] * nC + concepts.rowIndex[k];
  let cells: ArrayLike<number>;
  let countsAt: (c: number) => [number, number, number];
  if (nA * nC <= (options.denseLimit ?? 1_000_000)) {
    const grid = new Uint32Array(nA * nC * 3);
    for (let k = 0; k < rows.length; k++) grid[cellOf(k) * 3 + POLARITY_INDEX[rows[k].polarity]]++;
    const used: number[] = [];
    for (let c = 0; c < nA * nC; c++) if (grid[3 * c] + grid[3 * c + 1] + grid[3 * c + 2] !== 0) used.push(c);
    cells = used;
    countsAt = (c) => [grid[3 * c], grid[3 * c + 1], grid[3 * c + 2]];
  } else {
    const slots = new Map<number, number>();
    const counts = new Uint32Array(rows.length * 3);
    for (let k = 0; k < rows.length; k++) {
      const cell = cellOf(k);
      let slot = slots.get(cell);
      if (slot === undefined) slots.set(cell, (slot = slots.size));
      counts[slot * 3 + POLARITY_INDEX[rows[k].polarity]]++;
    }
    cells = Float64Array.from(slots.keys()).sort();
    countsAt = (c) => {
      const base = slots.get(c)! * 3;
      return [counts[base], counts[base + 1], counts[base + 2]];
    };
  }
  const combined = options.edges === 'combined';
  let edgeCount = cells.length;
  if (!combined) {
    edgeCount = 0;
    for (let x = 0; x < cells.length; x++) for (const n of countsAt(cells[x])) if (n !== 0) edgeCount++;
  }
  const edges = new EdgeBuilder(combined, edgeCount);
  for (let x = 0; x < cells.length; x++) {
    const cell = cells[x];
    const [s, o, n] = countsAt(cell);
    const actor = Math.floor(cell / nC);
    const concept = nA + (cell % nC);
    if (combined) {
      const polarity = s > 0 && o > 0 ? MIXED : s > 0 ? 0 : o > 0 ? 1 : 2;
      edges.push(actor, concept, s + o + n, polarity, s, o, n);
    } else {
      if (s > 0) edges.push(actor, concept, s, 0);
      if (o > 0) edges.push(actor, concept, o, 1);
      if (n > 0) edges.push(actor, concept, n, 2);
    }
  }
  return { kind: 'two-mode', nodes: [...toNodes(actors, 'a'), ...toNodes(concepts, 'c')], edges: edges.finish() };
}

/**
 * Pair accumulator over node indices i < j. Dense (a triangular typed array) while that stays
 * small, a Map otherwise; either way only pairs that co-occur are ever touched.
 */
class PairCounter {
  private readonly dense: Uint32Array | null;
  /** Dense cell of (i, j), i < j, is rowStart[i] + j (row-major upper triangle, no diagonal). */
  private readonly rowStart: Int32Array;
  private readonly sparse = new Map<number, number>();
  constructor(
    private readonly n: number,
    denseLimit = 4_000_000,
  ) {
    const cells = (n * (n - 1)) / 2;
    this.dense = cells <= denseLimit ? new Uint32Array(Math.max(cells, 0)) : null;
    this.rowStart = new Int32Array(this.dense ? n : 0);
    for (let i = 0; i < this.rowStart.length; i++) this.rowStart[i] = i * n - (i * (i + 1)) / 2 - i - 1;
  }
  private addSparse(i: number, j: number) {
    const k = i * this.n + j;
    this.sparse.set(k, (this.sparse.get(k) ?? 0) + 1);
  }
  /** +1 for every pair of an ascending list of distinct indices. */
  addAllPairs(list: readonly number[]) {
    const d = this.dense;
    for (let x = 0; x < list.length - 1; x++) {
      if (d) {
        const row = this.rowStart[list[x]];
        for (let y = x + 1; y < list.length; y++) d[row + list[y]]++;
      } else for (let y = x + 1; y < list.length; y++) this.addSparse(list[x], list[y]);
    }
  }
  /** +1 for every (a, b) with a from `as`, b from `bs`, a !== b. */
  addCross(as: readonly number[], bs: readonly number[]) {
    const d = this.dense;
    for (const a of as)
      for (const b of bs) {
        if (a === b) continue;
        const i = a < b ? a : b;
        const j = a < b ? b : a;
        if (d) d[this.rowStart[i] + j]++;
        else this.addSparse(i, j);
      }
  }
  /** Every non-zero pair as an edge, in (i, j) order. */
  toEdges(polarity: number): EdgeColumns {
    const d = this.dense;
    if (!d) {
      const keys = Float64Array.from(this.sparse.keys()).sort();
      const edges = new EdgeBuilder(false, keys.length);
      for (const k of keys) edges.push(Math.floor(k / this.n), k % this.n, this.sparse.get(k)!, polarity);
      return edges.finish();
    }
    let count = 0;
    for (let k = 0; k < d.length; k++) if (d[k] !== 0) count++;
    const edges = new EdgeBuilder(false, count);
    let k = 0;
    for (let i = 0; i < this.n; i++)
      for (let j = i + 1; j < this.n; j++, k++) if (d[k] !== 0) edges.push(i, j, d[k], polarity);
    return edges.finish();
  }
}

export interface ProjectionRequest extends ProjectionOptions {
  /** Whose network: actors linked through concepts, or concepts linked through actors. */
  mode: 'actor' | 'concept';
  relation: 'congruence' | 'conflict';
}

/**
 * A one-mode projection of the two-mode network. For actors a, b (concepts: swap the roles):
 *
 *   congruence(a, b) = #{ (c, p) : a and b both made a statement of polarity p on concept c }
 *   conflict(a, b)   = #{ c : a supports c and b opposes c } + #{ c : a opposes c and b supports c }
 *
 * Each actor counts once per (concept, polarity) however many statements it made (DNA's
 * binary aggregation). When each actor takes one polarity per concept, both are simply the
 * number of concepts they agree / disagree on. Neutral statements conflict with nothing; they
 * agree with each other unless `neutralAgrees` is false. Every node of the mode is listed,
 * isolates included.
 */
export function projectNetwork(rows: readonly AnalysisRow[], request: ProjectionRequest): Network {
  const ownSide = request.mode === 'actor' ? (r: AnalysisRow) => r.actor : (r: AnalysisRow) => r.concept;
  const viaSide = request.mode === 'actor' ? (r: AnalysisRow) => r.concept : (r: AnalysisRow) => r.actor;
  const own = collectSide(rows, ownSide);
  const nodes = toNodes(own, request.mode === 'actor' ? 'a' : 'c');

  // Which polarities each own node took on each "via" node (a concept, for actor networks), as
  // a bitmask per (via, own) cell: counting each cell once is what makes the weights binary.
  const nOwn = nodes.length;
  const viaIndex = new Map<string, number>();
  const viaOfRow = new Int32Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const key = viaSide(rows[k]).key;
    let v = viaIndex.get(key);
    if (v === undefined) viaIndex.set(key, (v = viaIndex.size));
    viaOfRow[k] = v;
  }

  const counter = new PairCounter(nOwn, request.denseLimit);
  const agreeing: Polarity[] = request.neutralAgrees === false ? ['support', 'oppose'] : ['support', 'oppose', 'neutral'];
  const by: Record<Polarity, number[]> = { support: [], oppose: [], neutral: [] };
  const countGroup = () => {
    if (request.relation === 'congruence') for (const p of agreeing) counter.addAllPairs(by[p]);
    // An actor that both supports and opposes a concept conflicts with itself: not an edge.
    else counter.addCross(by.support, by.oppose);
    by.support.length = by.oppose.length = by.neutral.length = 0;
  };
  const collect = (i: number, mask: number) => {
    if (mask & 1) by.support.push(i);
    if (mask & 2) by.oppose.push(i);
    if (mask & 4) by.neutral.push(i);
  };

  const nCells = viaIndex.size * nOwn;
  if (nCells <= (request.denseLimit ?? 16_000_000)) {
    const masks = new Uint8Array(nCells);
    for (let k = 0; k < rows.length; k++) masks[viaOfRow[k] * nOwn + own.rowIndex[k]] |= POLARITY_BIT[rows[k].polarity];
    for (let v = 0, base = 0; v < viaIndex.size; v++, base += nOwn) {
      for (let i = 0; i < nOwn; i++) if (masks[base + i] !== 0) collect(i, masks[base + i]);
      countGroup();
    }
  } else {
    const masks = new Map<number, number>();
    for (let k = 0; k < rows.length; k++) {
      const cell = viaOfRow[k] * nOwn + own.rowIndex[k];
      masks.set(cell, (masks.get(cell) ?? 0) | POLARITY_BIT[rows[k].polarity]);
    }
    // Sorted cells come grouped by via node, own nodes ascending within each group.
    const cells = Float64Array.from(masks.keys()).sort();
    for (let c = 0; c < cells.length; c++) {
      collect(cells[c] % nOwn, masks.get(cells[c])!);
      if (c + 1 === cells.length || Math.floor(cells[c + 1] / nOwn) !== Math.floor(cells[c] / nOwn)) countGroup();
    }
  }
  const edges = counter.toEdges(EDGE_POLARITIES.indexOf(request.relation));
  return { kind: `${request.mode}-${request.relation}`, nodes, edges };
}

export const actorCongruenceNetwork = (rows: readonly AnalysisRow[], options: ProjectionOptions = {}) =>
  projectNetwork(rows, { ...options, mode: 'actor', relation: 'congruence' });
export const actorConflictNetwork = (rows: readonly AnalysisRow[]) => projectNetwork(rows, { mode: 'actor', relation: 'conflict' });
export const conceptCongruenceNetwork = (rows: readonly AnalysisRow[], options: ProjectionOptions = {}) =>
  projectNetwork(rows, { ...options, mode: 'concept', relation: 'congruence' });
export const conceptConflictNetwork = (rows: readonly AnalysisRow[]) => projectNetwork(rows, { mode: 'concept', relation: 'conflict' });

/** Edge i as an object. */
export function edgeAt(network: Network, i: number): NetworkEdge {
  const e = network.edges;
  const polarity = EDGE_POLARITIES[e.polarity[i]];
  const edge: NetworkEdge = {
    index: i,
    source: network.nodes[e.source[i]].id,
    target: network.nodes[e.target[i]].id,
    weight: e.weight[i],
    polarity,
    colour: EDGE_COLOURS[polarity],
  };
  if (e.counts) edge.counts = { support: e.counts[3 * i], oppose: e.counts[3 * i + 1], neutral: e.counts[3 * i + 2] };
  return edge;
}

/** The edges as objects, optionally only those of at least `minWeight` (for lists and small drawings). */
export function edgeList(network: Network, options: { minWeight?: number } = {}): NetworkEdge[] {
  const out: NetworkEdge[] = [];
  const min = options.minWeight ?? -Infinity;
  for (let i = 0; i < network.edges.length; i++) if (network.edges.weight[i] >= min) out.push(edgeAt(network, i));
  return out;
}

/** The same network without the edges lighter than `minWeight` (all nodes kept). */
export function withMinWeight(network: Network, minWeight: number): Network {
  const e = network.edges;
  const keep: number[] = [];
  for (let i = 0; i < e.length; i++) if (e.weight[i] >= minWeight) keep.push(i);
  const pick = <T extends Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T) => {
    const b = make(keep.length);
    keep.forEach((i, k) => (b[k] = a[i]));
    return b;
  };
  const edges: EdgeColumns = {
    length: keep.length,
    source: pick(e.source, (n) => new Int32Array(n)),
    target: pick(e.target, (n) => new Int32Array(n)),
    weight: pick(e.weight, (n) => new Float64Array(n)),
    polarity: pick(e.polarity, (n) => new Uint8Array(n)),
  };
  if (e.counts) {
    const counts = new Uint32Array(3 * keep.length);
    keep.forEach((i, k) => counts.set(e.counts!.subarray(3 * i, 3 * i + 3), 3 * k));
    edges.counts = counts;
  }
  return { ...network, edges };
}

export interface PairExplanation {
  /** Concepts and the polarity both actors took (a congruence edge's weight is this list's length). */
  agreements: { concept: NodeRef; polarity: Polarity }[];
  /** Concepts where one supports and the other opposes (a conflict edge's weight is this list's length). */
  conflicts: { concept: NodeRef; a: Polarity; b: Polarity }[];
}

/** Why two actors are linked: the concepts behind their congruence and conflict weights (for tooltips). */
export function explainActorPair(
  rows: readonly AnalysisRow[],
  actorKeyA: string,
  actorKeyB: string,
  options: ProjectionOptions = {},
): PairExplanation {
  const stances = (key: string) => {
    const m = new Map<string, { concept: NodeRef; mask: number }>();
    for (const r of rows) {
      if (r.actor.key !== key) continue;
      const e = m.get(r.concept.key) ?? { concept: r.concept, mask: 0 };
      e.mask |= POLARITY_BIT[r.polarity];
      m.set(r.concept.key, e);
    }
    return m;
  };
  const a = stances(actorKeyA);
  const b = stances(actorKeyB);
  const out: PairExplanation = { agreements: [], conflicts: [] };
  if (actorKeyA === actorKeyB) return out;
  const shared = [...a.values()].filter((x) => b.has(x.concept.key)).sort((x, y) => compareRefs(x.concept, y.concept));
  for (const { concept, mask } of shared) {
    const other = b.get(concept.key)!.mask;
    for (const p of POLARITIES) {
      if (p === 'neutral' && options.neutralAgrees === false) continue;
      if (mask & other & POLARITY_BIT[p]) out.agreements.push({ concept, polarity: p });
    }
    if (mask & POLARITY_BIT.support && other & POLARITY_BIT.oppose) out.conflicts.push({ concept, a: 'support', b: 'oppose' });
    if (mask & POLARITY_BIT.oppose && other & POLARITY_BIT.support) out.conflicts.push({ concept, a: 'oppose', b: 'support' });
  }
  return out;
}
