/**
 * What the Network view shows, computed from the statement rows (pure): the filter from the
 * view's settings, the chosen network, the sentence that describes it (the canvas's accessible
 * name), the heaviest edges for the table, and the exported files.
 */
import type { ExportResult } from '../../../shared/api/contract';
import { EDGE_POLARITIES, type EdgePolarity, type Network } from '../../../shared/network/networks';
import { networkExportFile, type NetworkExportKind } from '../../../shared/network/networkExport';
import type { AnalysisRow, StatementFilter } from '../../../shared/network/statementsTable';
import { sortedWeightsOf } from './networkLayout';
import type { NetworkChoice, NetworkSettings } from '../store/types';

export const NETWORK_CHOICES: { id: NetworkChoice; name: string; hint: string }[] = [
  { id: 'two-mode', name: 'Actors × concepts', hint: 'two-mode: one edge per actor, concept and polarity; width = statements' },
  { id: 'actor-congruence', name: 'Actor congruence', hint: 'actors linked by the concepts they take the same side on' },
  { id: 'actor-conflict', name: 'Actor conflict', hint: 'actors linked by the concepts one supports and the other opposes' },
  { id: 'concept-congruence', name: 'Concept congruence', hint: 'concepts linked by actors taking the same side on both' },
  { id: 'concept-conflict', name: 'Concept conflict', hint: 'concepts linked by actors taking opposite sides' },
];

export const RELATION_TEXT: Record<EdgePolarity, string> = {
  support: 'supports',
  oppose: 'opposes',
  neutral: 'neutral on',
  mixed: 'mixed',
  congruence: 'agree',
  conflict: 'disagree',
};

export function filterOf(settings: Pick<NetworkSettings, 'from' | 'to' | 'statuses' | 'polarities'>): StatementFilter {
  return {
    ...(settings.from ? { from: settings.from } : {}),
    ...(settings.to ? { to: settings.to } : {}),
    statuses: settings.statuses,
    polarities: settings.polarities,
  };
}

export { buildNetwork } from '../../../shared/network/networkExport';

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** One sentence for screen readers: what is drawn, how many nodes and edges, by relation. */
export function describeNetwork(network: Network, minWeight: number, drawn: number): string {
  const actors = network.nodes.filter((n) => n.type === 'actor').length;
  const concepts = network.nodes.length - actors;
  const byRelation = new Uint32Array(EDGE_POLARITIES.length);
  for (let i = 0; i < network.edges.length; i++) byRelation[network.edges.polarity[i]]++;
  const relations = EDGE_POLARITIES.map((p, i) => (byRelation[i] ? `${byRelation[i].toLocaleString('en')} ${p}` : ''))
    .filter(Boolean)
    .join(', ');
  const what =
    network.kind === 'two-mode'
      ? `Two-mode network of ${plural(actors, 'actor')} and ${plural(concepts, 'concept')}`
      : `${NETWORK_CHOICES.find((c) => c.id === network.kind)?.name ?? network.kind} network of ${plural(network.nodes.length, network.nodes[0]?.type === 'concept' ? 'concept' : 'actor')}`;
  const shown = drawn < network.edges.length ? ` Showing ${plural(drawn, 'edge')} of weight ${minWeight} or more.` : '';
  return `${what}: ${plural(network.edges.length, 'edge')}${relations ? ` (${relations})` : ''}.${shown}`;
}

export interface EdgeRow {
  index: number;
  source: string;
  target: string;
  relation: EdgePolarity;
  weight: number;
}

/** The heaviest edges (ties: in network order), or only those of one node. */
export function topEdges(network: Network, limit: number, node: number | null = null, sortedWeights?: Float64Array): EdgeRow[] {
  const e = network.edges;
  let picked: number[] = [];
  if (node !== null) {
    for (let i = 0; i < e.length; i++) if (e.source[i] === node || e.target[i] === node) picked.push(i);
  } else if (e.length <= limit) {
    picked = Array.from({ length: e.length }, (_, i) => i);
  } else {
    // Only edges at least as heavy as the limit-th heaviest need sorting (a projection can have 400,000).
    const weights = sortedWeights ?? sortedWeightsOf(network);
    const threshold = weights[e.length - limit];
    for (let i = 0; i < e.length; i++) if (e.weight[i] >= threshold) picked.push(i);
  }
  picked.sort((a, b) => e.weight[b] - e.weight[a] || a - b);
  return picked.slice(0, limit).map((i) => ({
    index: i,
    source: network.nodes[e.source[i]].label,
    target: network.nodes[e.target[i]].label,
    relation: EDGE_POLARITIES[e.polarity[i]],
    weight: e.weight[i],
  }));
}

/** How many edges a node has (all edges when node is null). */
export function edgeCount(network: Network, node: number | null): number {
  if (node === null) return network.edges.length;
  const e = network.edges;
  let n = 0;
  for (let i = 0; i < e.length; i++) if (e.source[i] === node || e.target[i] === node) n++;
  return n;
}

export type ExportKind = NetworkExportKind;

export const EXPORTS: { kind: ExportKind; name: string }[] = [
  { kind: 'graphml', name: 'GraphML' },
  { kind: 'gexf', name: 'GEXF' },
  { kind: 'edges-csv', name: 'CSV edge list' },
  { kind: 'nodes-csv', name: 'CSV node list' },
  { kind: 'statements-csv', name: 'Statements CSV' },
];

/** The file of one export, from the whole (filtered) network, not only the edges drawn. */
export function exportFile(kind: ExportKind, network: Network, rows: readonly AnalysisRow[]): ExportResult {
  return { ...networkExportFile(kind, network, rows), encoding: 'utf8' };
}
