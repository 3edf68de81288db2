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
 * a concept, so the cost follows the number of co-occurring pairs, never actors squared.
 */
import type { ActorType, Polarity } from '../domain/model';
import type { AnalysisRow, NodeRef } from './statementsTable';

export const POLARITIES: readonly Polarity[] = ['support', 'oppose', 'neutral'];

/** Polarity of a two-mode edge; 'mixed' only in the combined mode; projections name their relation. */
export type EdgePolarity = Polarity | 'mixed' | 'congruence' | 'conflict';

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

export interface NetworkEdge {
  /** Node ids. Two-mode edges go actor -> concept; projection edges have source before target in node order. */
  source: string;
  target: string;
  weight: number;
  polarity: EdgePolarity;
  colour: string;
  /** Combined two-mode edges only: statements per polarity behind the edge. */
  counts?: PolarityCounts;
}

export type NetworkKind = 'two-mode' | 'actor-congruence' | 'actor-conflict' | 'concept-congruence' | 'concept-conflict';

/**
 * An undirected network. Nodes are sorted (actors first, then concepts; each by label); edges by
 * source, then target (then polarity). Edges carry no id: exporters number them e1, e2, … in order.
 */
export interface Network {
  kind: NetworkKind;
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

export interface TwoModeOptions {
  /**
   * 'per-polarity' (default, as DNA): one edge per (actor, concept, polarity).
   * 'combined': one edge per (actor, concept) with `counts`; polarity 'mixed' when the actor
   * both supports and opposes the concept, else support, else oppose, else neutral.
   */
  edges?: 'per-polarity' | 'combined';
}

export interface ProjectionOptions {
  /** Whether two neutral statements on the same concept make a congruence (default true, as in DNA). */
  neutralAgrees?: boolean;
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

const POLARITY_BIT: Record<Polarity, number> = { support: 1, oppose: 2, neutral: 4 };
const POLARITY_INDEX: Record<Polarity, number> = { support: 0, oppose: 1, neutral: 2 };

/** The actors x concepts network. */
export function twoModeNetwork(rows: readonly AnalysisRow[], options: TwoModeOptions = {}): Network {
  const actors = collectSide(rows, (r) => r.actor);
  const concepts = collectSide(rows, (r) => r.concept);
  const nC = concepts.refs.length;
  // (actor, concept) cell -> slot; slot * 3 + polarity -> statements.
  const slots = new Map<number, number>();
  const counts = new Uint32Array(rows.length * 3);
  for (let k = 0; k < rows.length; k++) {
    const cell = actors.rowIndex[k] * nC + concepts.rowIndex[k];
    let slot = slots.get(cell);
    if (slot === undefined) slots.set(cell, (slot = slots.size));
    counts[slot * 3 + POLARITY_INDEX[rows[k].polarity]]++;
  }
  const actorNodes = toNodes(actors, 'a');
  const conceptNodes = toNodes(concepts, 'c');
  const cells = Float64Array.from(slots.keys()).sort();
  const edges: NetworkEdge[] = [];
  const combined = options.edges === 'combined';
  for (const cell of cells) {
    const base = slots.get(cell)! * 3;
    const [s, o, n] = [counts[base], counts[base + 1], counts[base + 2]];
    const source = actorNodes[Math.floor(cell / nC)].id;
    const target = conceptNodes[cell % nC].id;
    if (combined) {
      const polarity: EdgePolarity = s > 0 && o > 0 ? 'mixed' : s > 0 ? 'support' : o > 0 ? 'oppose' : 'neutral';
      edges.push({ source, target, weight: s + o + n, polarity, colour: EDGE_COLOURS[polarity], counts: { support: s, oppose: o, neutral: n } });
    } else {
      if (s > 0) edges.push({ source, target, weight: s, polarity: 'support', colour: EDGE_COLOURS.support });
      if (o > 0) edges.push({ source, target, weight: o, polarity: 'oppose', colour: EDGE_COLOURS.oppose });
      if (n > 0) edges.push({ source, target, weight: n, polarity: 'neutral', colour: EDGE_COLOURS.neutral });
    }
  }
  return { kind: 'two-mode', nodes: [...actorNodes, ...conceptNodes], edges };
}

/**
 * Pair accumulator over node indices i < j. Dense (a triangular typed array) while that stays
 * small, a Map otherwise; either way only pairs that co-occur are ever touched.
 */
class PairCounter {
  private readonly dense: Uint32Array | null;
  private readonly sparse = new Map<number, number>();
  constructor(private readonly n: number) {
    const cells = (n * (n - 1)) / 2;
    this.dense = cells <= 4_000_000 ? new Uint32Array(Math.max(cells, 0)) : null;
  }
  private cell(i: number, j: number): number {
    // Row-major upper triangle without the diagonal.
    return i * this.n - (i * (i + 1)) / 2 + (j - i - 1);
  }
  add(a: number, b: number) {
    if (a === b) return;
    const i = a < b ? a : b;
    const j = a < b ? b : a;
    if (this.dense) this.dense[this.cell(i, j)]++;
    else {
      const k = i * this.n + j;
      this.sparse.set(k, (this.sparse.get(k) ?? 0) + 1);
    }
  }
  /** Calls `visit` for every non-zero pair, in (i, j) order. */
  forEach(visit: (i: number, j: number, count: number) => void) {
    if (this.dense) {
      const d = this.dense;
      let k = 0;
      for (let i = 0; i < this.n; i++)
        for (let j = i + 1; j < this.n; j++, k++) if (d[k] !== 0) visit(i, j, d[k]);
      return;
    }
    const keys = Float64Array.from(this.sparse.keys()).sort();
    for (const k of keys) visit(Math.floor(k / this.n), k % this.n, this.sparse.get(k)!);
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

  // For each "via" node (a concept, for actor networks): which own nodes took which polarity,
  // as a bitmask per own node. Distinctness per (via, own, polarity) is what "binary" means.
  const groups = new Map<string, Map<number, number>>();
  for (let k = 0; k < rows.length; k++) {
    const viaKey = viaSide(rows[k]).key;
    let g = groups.get(viaKey);
    if (!g) groups.set(viaKey, (g = new Map()));
    const i = own.rowIndex[k];
    g.set(i, (g.get(i) ?? 0) | POLARITY_BIT[rows[k].polarity]);
  }

  const counter = new PairCounter(nodes.length);
  const agreeing: Polarity[] = request.neutralAgrees === false ? ['support', 'oppose'] : ['support', 'oppose', 'neutral'];
  const by: Record<Polarity, number[]> = { support: [], oppose: [], neutral: [] };
  for (const g of groups.values()) {
    if (g.size < 2) continue;
    by.support.length = by.oppose.length = by.neutral.length = 0;
    for (const [i, mask] of g) {
      if (mask & 1) by.support.push(i);
      if (mask & 2) by.oppose.push(i);
      if (mask & 4) by.neutral.push(i);
    }
    if (request.relation === 'congruence') {
      for (const p of agreeing) {
        const list = by[p];
        for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) counter.add(list[x], list[y]);
      }
    } else {
      // An actor that both supports and opposes a concept conflicts with itself: not an edge.
      for (const a of by.support) for (const b of by.oppose) counter.add(a, b);
    }
  }

  const polarity = request.relation;
  const colour = EDGE_COLOURS[polarity];
  const edges: NetworkEdge[] = [];
  counter.forEach((i, j, weight) => edges.push({ source: nodes[i].id, target: nodes[j].id, weight, polarity, colour }));
  return { kind: `${request.mode}-${request.relation}`, nodes, edges };
}

export const actorCongruenceNetwork = (rows: readonly AnalysisRow[], options: ProjectionOptions = {}) =>
  projectNetwork(rows, { ...options, mode: 'actor', relation: 'congruence' });
export const actorConflictNetwork = (rows: readonly AnalysisRow[]) => projectNetwork(rows, { mode: 'actor', relation: 'conflict' });
export const conceptCongruenceNetwork = (rows: readonly AnalysisRow[], options: ProjectionOptions = {}) =>
  projectNetwork(rows, { ...options, mode: 'concept', relation: 'congruence' });
export const conceptConflictNetwork = (rows: readonly AnalysisRow[]) => projectNetwork(rows, { mode: 'concept', relation: 'conflict' });

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
