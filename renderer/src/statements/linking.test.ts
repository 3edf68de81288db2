import { describe, expect, it } from 'vitest';
import type { Label, Span, Statement } from '../../../shared/domain/model';
import { TEST_LABELS } from '../test/fakeApi';
import { pickIntoDraft, roleOfLabel, roleOfSpan, spanUsage, stanceBetween, usesSpan } from './linking';

const T = '2026-01-01T00:00:00.000Z';
const span = (id: string, labelId: string, start: number, end: number): Span => ({ id, labelId, start, end, annotator: 'a', createdAt: T, updatedAt: T });
const statement = (id: string, actorSpanId: string, claimSpanId: string, stanceSpanId?: string): Statement => ({
  id, actorSpanId, claimSpanId, polarity: 'support', ...(stanceSpanId ? { stanceSpanId } : {}), annotator: 'a', createdAt: T, updatedAt: T,
});

describe('roles of labels', () => {
  it('reads the role from the id or the name, case-insensitively; a concept label is a claim', () => {
    expect(roleOfLabel({ id: 'l1', name: 'Speaker Actor' })).toBe('actor');
    expect(roleOfLabel({ id: 'CLAIM', name: 'x' })).toBe('claim');
    expect(roleOfLabel({ id: 'l2', name: 'Concept' })).toBe('claim');
    expect(roleOfLabel({ id: 'stance-verb', name: 'Verb' })).toBe('stance');
    expect(roleOfLabel({ id: 'place', name: 'Location' })).toBeNull();
    expect(roleOfLabel(undefined)).toBeNull();
  });

  it('falls back to the label id of a span whose label is not in the schema', () => {
    const labels: Label[] = [{ id: 'l7', name: 'Claim', color: '#000' }];
    expect(roleOfSpan({ labelId: 'l7' }, labels)).toBe('claim');
    expect(roleOfSpan({ labelId: 'old-actor' }, labels)).toBe('actor');
    expect(roleOfSpan(undefined, labels)).toBeNull();
  });
});

describe('pickIntoDraft', () => {
  const empty = { articleId: 'art1' };

  it('puts a span into the slot of its role, else into the first free of actor and claim', () => {
    expect(pickIntoDraft(empty, 'c', 'claim')).toEqual({ articleId: 'art1', claimSpanId: 'c' });
    expect(pickIntoDraft(empty, 'x', null)).toEqual({ articleId: 'art1', actorSpanId: 'x' });
    expect(pickIntoDraft({ ...empty, actorSpanId: 'a' }, 'x', null)).toEqual({ articleId: 'art1', actorSpanId: 'a', claimSpanId: 'x' });
    // A second actor with the actor slot taken goes to the free claim slot.
    expect(pickIntoDraft({ ...empty, actorSpanId: 'a' }, 'a2', 'actor')).toEqual({ articleId: 'art1', actorSpanId: 'a', claimSpanId: 'a2' });
  });

  it('replaces the slot of its role once both are full', () => {
    const full = { ...empty, actorSpanId: 'a', claimSpanId: 'c' };
    expect(pickIntoDraft(full, 'a2', 'actor')).toEqual({ ...full, actorSpanId: 'a2' });
    expect(pickIntoDraft(full, 'c2', 'claim')).toEqual({ ...full, claimSpanId: 'c2' });
    expect(pickIntoDraft(full, 'o', null)).toEqual({ ...full, claimSpanId: 'o' });
  });

  it('takes a stance picked by hand over one that was found, and never takes a span twice', () => {
    const found = { ...empty, actorSpanId: 'a', claimSpanId: 'c', stanceSpanId: 's1', stanceFound: true };
    expect(pickIntoDraft(found, 's2', 'stance')).toEqual({ articleId: 'art1', actorSpanId: 'a', claimSpanId: 'c', stanceSpanId: 's2' });
    expect(pickIntoDraft(found, 'a', 'claim')).toBe(found);
    expect(pickIntoDraft(found, 's1', 'stance')).toBe(found);
  });
});

describe('stanceBetween', () => {
  const text = 'Khaji underscored the policy. Endo\nrejected talks.';
  const at = (w: string) => [text.indexOf(w), text.indexOf(w) + w.length] as const;
  const actor = span('a', 'actor', ...at('Khaji'));
  const verb = span('v', 'stance', ...at('underscored'));
  const claim = span('c', 'claim', ...at('the policy'));

  it('finds the one Stance span wholly between actor and claim, in either order', () => {
    const article = { text, spans: [actor, verb, claim] };
    expect(stanceBetween(article, actor, claim, TEST_LABELS)?.id).toBe('v');
    expect(stanceBetween(article, claim, actor, TEST_LABELS)?.id).toBe('v');
  });

  it('finds none when two stances lie between, when none does, or across a paragraph break', () => {
    const underscored = at('underscored');
    const second = span('v2', 'stance', underscored[0], underscored[0] + 5);
    expect(stanceBetween({ text, spans: [actor, verb, second, claim] }, actor, claim, TEST_LABELS)).toBeUndefined();
    expect(stanceBetween({ text, spans: [actor, claim] }, actor, claim, TEST_LABELS)).toBeUndefined();
    const endo = span('e', 'actor', ...at('Endo'));
    const rejected = span('r', 'stance', ...at('rejected'));
    const talks = span('t', 'claim', ...at('talks'));
    expect(stanceBetween({ text, spans: [endo, rejected, talks] }, endo, talks, TEST_LABELS)).toBeUndefined();
  });
});

describe('which statements a span takes part in', () => {
  const statements = [statement('st1', 'a', 'c'), statement('st2', 'a2', 'c2', 'a'), statement('st3', 'x', 'y')];

  it('removes the statements it is actor or claim of, and only unstances those it is the stance of', () => {
    const usage = spanUsage(statements, 'a');
    expect(usage.removed.map((s) => s.id)).toEqual(['st1']);
    expect(usage.unstanced.map((s) => s.id)).toEqual(['st2']);
    expect(spanUsage(statements, 'c2')).toEqual({ removed: [statements[1]], unstanced: [] });
    expect(statements.filter((s) => usesSpan(s, 'a')).map((s) => s.id)).toEqual(['st1', 'st2']);
  });
});
