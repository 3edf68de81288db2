/**
 * What the Network view computes (pure): the description that names the canvas, the edges
 * table, the exported files, the drawn-edge cap and the layouts; and that the whole pipeline
 * stays bounded at 2,000 actors and 20,000 statements (at most EDGE_CAP edges drawn, a force
 * layout that advances in time slices).
 */
import { describe, expect, it } from 'vitest';
import { generateNetworkCorpus } from '../../../shared/network/benchmark';
import { buildAnalysisRows } from '../../../shared/network/statementsTable';
import { row, WORKED_EXAMPLE_ENTITIES, workedExampleStatements } from '../../../shared/network/testRows';
import { buildNetwork, describeNetwork, edgeCount, exportFile, filterOf, topEdges } from './networkModel';
import { autoMinWeight, drawnEdges, ForceLayout, sortedWeightsOf, twoModeLayout } from './networkLayout';
import type { Network } from '../../../shared/network/networks';

// The worked example of docs/networks.md: Alice Ames, Bob Brandt, Carol Chen; Tax cut, Wind power.
const entities = WORKED_EXAMPLE_ENTITIES;
const rows = buildAnalysisRows(workedExampleStatements(), entities);

describe('the Network view model', () => {
  it('describes each network in one sentence (the canvas\'s accessible name)', () => {
    const two = buildNetwork(rows, 'two-mode');
    expect(describeNetwork(two, 1, 8)).toBe('Two-mode network of 3 actors and 2 concepts: 8 edges (3 support, 3 oppose, 2 neutral).');
    expect(describeNetwork(two, 2, 1)).toBe(
      'Two-mode network of 3 actors and 2 concepts: 8 edges (3 support, 3 oppose, 2 neutral). Showing 1 edge of weight 2 or more.',
    );
    expect(describeNetwork(buildNetwork(rows, 'actor-conflict'), 1, 3)).toBe('Actor conflict network of 3 actors: 3 edges (3 conflict).');
    expect(describeNetwork(buildNetwork(rows, 'concept-congruence'), 1, 1)).toBe('Concept congruence network of 2 concepts: 1 edge (1 congruence).');
    expect(describeNetwork(buildNetwork([], 'actor-congruence'), 1, 0)).toBe('Actor congruence network of 0 actors: 0 edges.');
  });

  it('lists the heaviest edges first, or the edges of one node', () => {
    const conflict = buildNetwork(rows, 'actor-conflict');
    expect(topEdges(conflict, 2).map((e) => `${e.source} ${e.relation} ${e.target} ${e.weight}`)).toEqual(['Bob Brandt conflict Carol Chen 2', 'Alice Ames conflict Bob Brandt 1']);
    const alice = conflict.nodes.findIndex((n) => n.label === 'Alice Ames');
    expect(topEdges(conflict, 25, alice).map((e) => e.target)).toEqual(['Bob Brandt', 'Carol Chen']);
    expect([edgeCount(conflict, null), edgeCount(conflict, alice)]).toEqual([3, 2]);
  });

  it('turns the view settings into a filter: empty dates do not filter, lists do', () => {
    expect(filterOf({ from: '', to: '2020-12-31', statuses: ['done'], polarities: [] })).toEqual({ to: '2020-12-31', statuses: ['done'], polarities: [] });
    expect(buildAnalysisRows([row('alice', 'support', 'tax')], entities, filterOf({ from: '', to: '', statuses: ['done'], polarities: [] }))).toEqual([]);
  });

  it('names the exported files after the network and gives their text', () => {
    const congruence = buildNetwork(rows, 'actor-congruence');
    const files = (['graphml', 'gexf', 'edges-csv', 'nodes-csv', 'statements-csv'] as const).map((k) => exportFile(k, congruence, rows));
    expect(files.map((f) => [f.fileName, f.mimeType, f.encoding])).toEqual([
      ['network-actor-congruence.graphml', 'application/graphml+xml', 'utf8'],
      ['network-actor-congruence.gexf', 'application/gexf+xml', 'utf8'],
      ['network-actor-congruence-edges.csv', 'text/csv', 'utf8'],
      ['network-actor-congruence-nodes.csv', 'text/csv', 'utf8'],
      ['statements.csv', 'text/csv', 'utf8'],
    ]);
    expect(files[2].content).toBe(
      'source,target,weight,polarity,source_label,target_label\r\na1,a2,1,congruence,Alice Ames,Bob Brandt\r\na1,a3,1,congruence,Alice Ames,Carol Chen\r\na2,a3,1,congruence,Bob Brandt,Carol Chen\r\n',
    );
    expect(files[4].content.trimEnd().split('\r\n')).toHaveLength(10);
  });

  it('sorts edge weights ascending, by counting when they are whole numbers', () => {
    const withWeights = (weights: number[]): Network => ({
      kind: 'actor-congruence',
      nodes: [],
      edges: { length: weights.length, source: new Int32Array(weights.length), target: new Int32Array(weights.length), weight: Float64Array.from(weights), polarity: new Uint8Array(weights.length) },
    });
    expect([...sortedWeightsOf(withWeights([3, 1, 2, 1, 7, 0]))]).toEqual([0, 1, 1, 2, 3, 7]);
    expect([...sortedWeightsOf(withWeights([2.5, 1, 0.5]))]).toEqual([0.5, 1, 2.5]);
    expect([...sortedWeightsOf(withWeights([1e9, 2]))]).toEqual([2, 1e9]);
    expect(autoMinWeight(withWeights([1, 1, 1, 2, 2, 3]), 3)).toBe(2);
    expect(autoMinWeight(withWeights([1, 1, 1, 2, 2, 3]), 2)).toBe(3);
  });

  it('lays out two-mode networks in two columns, actors left', () => {
    const two = buildNetwork(rows, 'two-mode');
    const layout = twoModeLayout(two);
    two.nodes.forEach((n, i) => expect(layout.x[i] < 0.5).toBe(n.type === 'actor'));
    for (const v of [...layout.y]) expect(v >= 0 && v <= 1).toBe(true);
  });
});

describe('at 2,000 actors and 20,000 statements', () => {
  const corpus = generateNetworkCorpus();
  const analysis = buildAnalysisRows(corpus.rows, corpus.entities);

  it('draws at most EDGE_CAP edges by default and lays them out in time slices', () => {
    const cap = 4000;
    for (const kind of ['two-mode', 'actor-congruence', 'actor-conflict'] as const) {
      const net = buildNetwork(analysis, kind);
      const min = autoMinWeight(net, cap);
      const drawn = drawnEdges(net, min);
      expect(drawn.order.length, kind).toBeLessThanOrEqual(cap);
      expect(drawn.order.length, kind).toBeGreaterThan(0);
      // A lower minimum weight would draw more than the cap.
      if (min > 1) expect(drawnEdges(net, min - 1).order.length).toBeGreaterThan(cap);
      if (kind === 'two-mode') continue;
      const force = new ForceLayout(net, drawn);
      const started = performance.now();
      force.run(12);
      // One slice stays near its budget (a frame), however large the network: at most one step over.
      expect(performance.now() - started).toBeLessThan(250);
      expect(force.iteration).toBeGreaterThan(0);
      const { x, y } = force.result();
      expect(x).toHaveLength(net.nodes.length);
      for (let i = 0; i < x.length; i++) expect(Number.isFinite(x[i]) && Number.isFinite(y[i])).toBe(true);
    }
  });
});
