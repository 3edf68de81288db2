/**
 * statementsToRelations: each statement as polarity relations (actor → claim, or actor → stance
 * → claim), in statement order, each relation once.
 */
import { describe, expect, it } from 'vitest';
import type { Statement } from '../domain/model';
import { statementsToRelations } from './statementRelations';

const T = '2024-05-01T10:00:00.000Z';
const st = (id: string, actorSpanId: string, claimSpanId: string, polarity: Statement['polarity'], stanceSpanId?: string): Statement => ({
  id,
  actorSpanId,
  claimSpanId,
  polarity,
  ...(stanceSpanId ? { stanceSpanId } : {}),
  annotator: '',
  createdAt: T,
  updatedAt: T,
});

describe('statementsToRelations', () => {
  it('gives each relation once, in statement order, however many start at one span', () => {
    const relations = statementsToRelations([
      st('1', 'a', 'c1', 'support'),
      st('2', 'a', 'c1', 'support'), // the same relation again
      st('3', 'a', 'c1', 'oppose'), // same spans, another polarity
      st('4', 'a', 'c2', 'support'),
      st('5', 'a', 'c1', 'oppose'), // again, now from a span with three relations
      st('6', 'b', 's', 'neutral', 'stance'),
      st('7', 'b', 'c3', 'neutral', 'stance'), // shares its first hop with 6
    ]);
    expect(relations).toEqual([
      { from: 'a', to: 'c1', label: 'support' },
      { from: 'a', to: 'c1', label: 'oppose' },
      { from: 'a', to: 'c2', label: 'support' },
      { from: 'b', to: 'stance', label: 'neutral' },
      { from: 'stance', to: 's', label: 'neutral' },
      { from: 'stance', to: 'c3', label: 'neutral' },
    ]);
  });

  it('holds as many relations as a brute-force count of distinct ones, on random statements', () => {
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const polarities = ['support', 'oppose', 'neutral'] as const;
    for (let round = 0; round < 50; round++) {
      const statements = Array.from({ length: 1 + random(30) }, (_, i) =>
        st(String(i), `s${random(5)}`, `s${random(5)}`, polarities[random(3)], random(2) ? `s${random(5)}` : undefined),
      );
      const expected = new Set<string>();
      for (const s of statements)
        for (const [from, to] of s.stanceSpanId ? [[s.actorSpanId, s.stanceSpanId], [s.stanceSpanId, s.claimSpanId]] : [[s.actorSpanId, s.claimSpanId]])
          expected.add(JSON.stringify([from, to, s.polarity]));
      const relations = statementsToRelations(statements);
      expect(relations.map((r) => JSON.stringify([r.from, r.to, r.label])).sort()).toEqual([...expected].sort());
    }
  });
});
