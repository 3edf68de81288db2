import { describe, expect, it } from 'vitest';
import { benchmarkNetwork, generateNetworkCorpus } from './benchmark';
import { actorConflictNetwork, actorCongruenceNetwork, twoModeNetwork } from './networks';
import { buildAnalysisRows } from './statementsTable';

describe('network performance', () => {
  // Speed is measured by `npm run bench`, never asserted here: this checks the generated corpus
  // has the size the benchmark claims and that every network is computed over it.
  it('computes every network of the 2,000-actor, 20,000-statement benchmark corpus', () => {
    const { rows: statementRows, entities } = generateNetworkCorpus();
    expect(statementRows).toHaveLength(20_000);
    const rows = buildAnalysisRows(statementRows, entities);
    const twoMode = twoModeNetwork(rows);
    const congruence = actorCongruenceNetwork(rows);
    const conflict = actorConflictNetwork(rows);
    expect(twoMode.nodes.filter((n) => n.type === 'actor').length).toBeGreaterThan(1_900);
    expect(congruence.edges.length).toBeGreaterThan(100_000);
    expect(conflict.edges.length).toBeGreaterThan(100_000);
  });

  it('benchmarkNetwork reports a figure per step', () => {
    const figures = benchmarkNetwork({ size: { actors: 50, concepts: 10, statements: 500, articles: 20 }, runs: 1 });
    expect(figures.map((f) => f.unit).filter((u) => u === 'ms')).toHaveLength(10);
    for (const f of figures) expect(Number.isFinite(f.value)).toBe(true);
  });
});
