import { describe, expect, it } from 'vitest';
import { stanceByActor, stanceByConcept } from './charts';
import { buildAnalysisRows } from './statementsTable';
import { actorEntity, conceptEntity, row } from './testRows';

const entities = [actorEntity('alice', 'Alice Ames'), actorEntity('bob', 'Bob Brandt'), conceptEntity('tax', 'Tax cut'), conceptEntity('wind', 'Wind power')];

describe('stance distributions', () => {
  const rows = buildAnalysisRows(
    [
      row('bob', 'support', 'tax'),
      row('alice', 'oppose', 'wind'),
      row('bob', 'oppose', 'tax'),
      row('bob', 'neutral', 'wind'),
      row({ text: 'Carol' }, 'support', 'wind'),
    ],
    entities,
  );

  it('counts statements per polarity for each actor, most active first, ties by label', () => {
    expect(stanceByActor(rows)).toEqual([
      { key: 'actor:bob', label: 'Bob Brandt', entityId: 'bob', support: 1, oppose: 1, neutral: 1, total: 3 },
      { key: 'actor:alice', label: 'Alice Ames', entityId: 'alice', support: 0, oppose: 1, neutral: 0, total: 1 },
      { key: 'actor-text:carol', label: 'unlinked: Carol', support: 1, oppose: 0, neutral: 0, total: 1 },
    ]);
  });

  it('counts statements per polarity for each concept', () => {
    expect(stanceByConcept(rows).map((d) => [d.label, d.support, d.oppose, d.neutral, d.total])).toEqual([
      ['Wind power', 1, 1, 1, 3],
      ['Tax cut', 1, 1, 0, 2],
    ]);
  });

  it('is empty for no statements', () => {
    expect(stanceByActor([])).toEqual([]);
  });
});
