import { describe, expect, it } from 'vitest';
import { benchmarkNetwork, generateNetworkCorpus } from './benchmark';
import { actorConflictNetwork, actorCongruenceNetwork, twoModeNetwork } from './networks';
import { buildAnalysisRows } from './statementsTable';

describe('network performance', () => {
  it('computes the networks of 2,000 actors and 20,000 statements without visiting all actor pairs per concept', () => {
    const { rows: statementRows, entities } = generateNetworkCorpus();
    expect(statementRows).toHaveLength(20_000);
    const t0 = performance.now();
    const rows = buildAnalysisRows(statementRows, entities);
    const twoMode = twoModeNetwork(rows);
    const congruence = actorCongruenceNetwork(rows);
    const conflict = actorConflictNetwork(rows);
    const elapsed = performance.now() - t0;
    expect(twoMode.nodes.filter((n) => n.type === 'actor').length).toBeGreaterThan(1_900);
    expect(congruence.edges.length).toBeGreaterThan(100_000);
    expect(conflict.edges.length).toBeGreaterThan(100_000);
    // Typically ~100 ms for all four steps; the bound only catches an accidental blow-up
    // (all pairs of actors for every concept is ~300 million steps) on a busy test machine.
    expect(elapsed).toBeLessThan(8_000);
  });

  it('benchmarkNetwork reports a figure per step', () => {
    const figures = benchmarkNetwork({ size: { actors: 50, concepts: 10, statements: 500, articles: 20 }, runs: 1 });
    expect(figures.map((f) => f.unit).filter((u) => u === 'ms')).toHaveLength(10);
    for (const f of figures) expect(Number.isFinite(f.value)).toBe(true);
  });
});
