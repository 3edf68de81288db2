import { describe, expect, it } from 'vitest';
import { buildAnalysisRows, isoDay, normaliseMentionText } from './statementsTable';
import { actorEntity, conceptEntity, row } from './testRows';

const entities = [actorEntity('khaji', 'Ali-Asghar Khaji', ['Khaji']), conceptEntity('aid', 'Humanitarian aid')];

describe('buildAnalysisRows', () => {
  it('counts a linked mention for its entity and an unlinked one for its normalised text', () => {
    const rows = buildAnalysisRows(
      [
        row('khaji', 'support', 'aid', { actorText: 'The Iranian diplomat' }),
        row({ text: 'Akira  Endo' }, 'support', { text: 'more aid to Syria' }),
        row({ text: 'akira endo ' }, 'oppose', { text: 'More  aid to Syria' }),
      ],
      entities,
    );
    expect(rows[0].actor).toEqual({ key: 'actor:khaji', label: 'Ali-Asghar Khaji', type: 'actor', entityId: 'khaji', actorType: 'person' });
    expect(rows[0].actorText).toBe('The Iranian diplomat');
    expect(rows[0].concept).toEqual({ key: 'concept:aid', label: 'Humanitarian aid', type: 'concept', entityId: 'aid' });
    // Differently spaced and cased mentions meet; the label is the first mention's text.
    expect(rows[1].actor).toEqual({ key: 'actor-text:akira endo', label: 'unlinked: Akira Endo', type: 'actor' });
    expect(rows[2].actor).toBe(rows[1].actor);
    expect(rows[1].concept).toEqual({ key: 'claim-text:more aid to syria', label: 'unlinked: more aid to Syria', type: 'concept' });
    expect(rows[2].concept).toBe(rows[1].concept);
  });

  it('treats a link to a deleted entity, or to an entity of the wrong kind, as unlinked', () => {
    const [gone, wrongKind] = buildAnalysisRows(
      [row('deleted-id', 'support', 'aid', { actorText: 'Endo' }), row('aid', 'support', 'khaji', { actorText: 'Aid', claimText: 'Khaji' })],
      entities,
    );
    expect(gone.actor.key).toBe('actor-text:endo');
    expect(wrongKind.actor.key).toBe('actor-text:aid');
    expect(wrongKind.concept.key).toBe('claim-text:khaji');
  });

  it('keeps the offsets, stance and article fields of each row', () => {
    const [r] = buildAnalysisRows(
      [row('khaji', 'oppose', 'aid', { stanceText: 'denounced', articleDate: '2020-11-25', actorStart: 3, actorEnd: 8, claimStart: 20, claimEnd: 31 })],
      entities,
    );
    expect(r).toMatchObject({ polarity: 'oppose', stanceText: 'denounced', articleDate: '2020-11-25', actorStart: 3, actorEnd: 8, claimStart: 20, claimEnd: 31 });
  });
});

describe('filters', () => {
  const dated = [
    row('khaji', 'support', 'aid', { articleDate: '2020-01-01', statementId: 'jan1' }),
    row('khaji', 'oppose', 'aid', { articleDate: '2020-01-31T23:59:00Z', statementId: 'jan31' }),
    row('khaji', 'neutral', 'aid', { articleDate: '2020-02-01', statementId: 'feb1', status: 'in_progress' }),
    row('khaji', 'support', 'aid', { statementId: 'undated' }),
    row('khaji', 'support', 'aid', { articleDate: 'Nov 2020', statementId: 'free-text-date' }),
  ];
  const ids = (filter: Parameters<typeof buildAnalysisRows>[2]) => buildAnalysisRows(dated, entities, filter).map((r) => r.statementId);

  it('date bounds are inclusive and compare the calendar day of the article date', () => {
    expect(ids({ from: '2020-01-01', to: '2020-01-31' })).toEqual(['jan1', 'jan31']);
    expect(ids({ from: '2020-01-31' })).toEqual(['jan31', 'feb1']);
    expect(ids({ to: '2020-01-01' })).toEqual(['jan1']);
  });

  it('excludes undated articles (and dates not written YYYY-MM-DD) only when a date bound is set', () => {
    expect(ids({})).toEqual(['jan1', 'jan31', 'feb1', 'undated', 'free-text-date']);
    expect(ids({ from: '1900-01-01' })).toEqual(['jan1', 'jan31', 'feb1']);
  });

  it('filters by article status and polarity; an empty list keeps nothing', () => {
    expect(ids({ statuses: ['in_progress'] })).toEqual(['feb1']);
    expect(ids({ polarities: ['oppose', 'neutral'] })).toEqual(['jan31', 'feb1']);
    expect(ids({ polarities: [] })).toEqual([]);
  });

  it('rejects a bound that is not a date', () => {
    expect(() => ids({ from: '2020-13-01' })).toThrow(RangeError);
    expect(() => ids({ to: '1/2/2020' })).toThrow(/YYYY-MM-DD/);
  });
});

describe('helpers', () => {
  it('isoDay reads the leading calendar date and rejects impossible ones', () => {
    expect(isoDay('2020-11-25')).toBe('2020-11-25');
    expect(isoDay('2020-11-25T08:00:00+03:30')).toBe('2020-11-25');
    expect(isoDay('2020-02-30')).toBeUndefined();
    expect(isoDay('2020-11')).toBeUndefined();
    expect(isoDay(undefined)).toBeUndefined();
  });

  it('normaliseMentionText folds case, spacing, compatibility forms and typographic quotes', () => {
    expect(normaliseMentionText('  Japan’s\u00a0Special   Coordinator ')).toBe("japan's special coordinator");
    expect(normaliseMentionText('ＵＮ')).toBe('un');
  });
});
