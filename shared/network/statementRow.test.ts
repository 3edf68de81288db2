import { describe, expect, it } from 'vitest';
import { ArticleSchema, type Article } from '../domain/model';
import { StatementRowSchema, statementRowsOf } from './statementRow';

const T = '2026-01-01T00:00:00.000Z';
const span = (id: string, start: number, end: number, extra: object = {}) => ({
  id, labelId: 'actor', start, end, annotator: 'ann', createdAt: T, updatedAt: T, ...extra,
});

// "Die Ministerin 😀 hat heute entschieden, die Steuer zu senken." — the emoji is two UTF-16 code units.
const TEXT = 'Die Ministerin 😀 hat heute entschieden, die Steuer zu senken.';
const at = (s: string) => TEXT.indexOf(s);

function article(): Article {
  return ArticleSchema.parse({
    id: 'a1',
    title: 'Steuern',
    date: '2026-02-03',
    status: 'done',
    createdAt: T,
    updatedAt: T,
    text: TEXT,
    spans: [
      span('actor', at('Die Ministerin'), at('Die Ministerin') + 'Die Ministerin'.length, { entityId: 'e-min' }),
      // Discontinuous claim "hat … entschieden": two fragments with "heute" left out.
      span('claim', at('hat'), at('entschieden') + 'entschieden'.length, {
        labelId: 'claim',
        fragments: [
          { start: at('hat'), end: at('hat') + 3 },
          { start: at('entschieden'), end: at('entschieden') + 'entschieden'.length },
        ],
      }),
      span('stance', at('die Steuer'), at('senken'), { labelId: 'stance' }),
    ],
    statements: [
      { id: 'st1', actorSpanId: 'actor', claimSpanId: 'claim', polarity: 'support', annotator: 'ann', createdAt: T, updatedAt: T },
      { id: 'st2', actorSpanId: 'actor', claimSpanId: 'stance', stanceSpanId: 'claim', polarity: 'oppose', annotator: 'bob', createdAt: T, updatedAt: T },
    ],
  });
}

describe('statementRowsOf', () => {
  it('flattens each statement with its article, spans, entity links and UTF-16 offsets', () => {
    const [first] = statementRowsOf(article());
    expect(StatementRowSchema.parse(first)).toEqual(first);
    expect(first).toEqual({
      articleId: 'a1',
      articleTitle: 'Steuern',
      articleDate: '2026-02-03',
      articleStatus: 'done',
      statementId: 'st1',
      polarity: 'support',
      actorSpanId: 'actor',
      actorText: 'Die Ministerin',
      actorEntityId: 'e-min',
      claimSpanId: 'claim',
      claimText: 'hat entschieden',
      actorStart: 0,
      actorEnd: 14,
      // After the emoji (2 code units): "hat" starts at 18, not 17.
      claimStart: 18,
      claimEnd: 39,
      // The pieces, so the statements CSV can give back claimText (the extent covers "heute").
      claimFragments: [
        { start: 18, end: 21 },
        { start: 28, end: 39 },
      ],
      annotator: 'ann',
    });
  });

  it('reads a discontinuous span as its fragments joined by a space, also as the stance', () => {
    const rows = statementRowsOf(article());
    expect(rows.map((r) => r.claimText)).toEqual(['hat entschieden', 'die Steuer zu ']);
    expect(rows[1]).toMatchObject({ stanceSpanId: 'claim', stanceText: 'hat entschieden', polarity: 'oppose', annotator: 'bob' });
    expect(rows[1]).not.toHaveProperty('conceptId');
  });
});
