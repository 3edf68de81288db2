import { describe, expect, it } from 'vitest';
import { contentTokens, foldForMatching, suggestEntities } from './suggest';
import { actorEntity, conceptEntity } from './testRows';

const entities = [
  actorEntity('khaji', 'Ali-Asghar Khaji', ['Khaji', 'The Iranian diplomat']),
  actorEntity('endo', 'Akira Endo', ['Japan’s Special Coordinator for Syria']),
  actorEntity('zarif', 'Mohammad Javad Zarif', ['Iranian foreign minister']),
  actorEntity('muller', 'Jürgen Müller'),
  conceptEntity('khaji-plan', 'Khaji plan'),
  conceptEntity('aid', 'Humanitarian aid to Syria'),
];
const ids = (mention: string, kind: 'actor' | 'concept' = 'actor') => suggestEntities(mention, entities, kind).map((s) => s.entity.id);

describe('suggestEntities', () => {
  it('suggests the entity whose alias is the mention, ignoring case', () => {
    const [best] = suggestEntities('the Iranian diplomat', entities, 'actor');
    expect(best).toMatchObject({ entity: { id: 'khaji' }, match: 'alias', matched: 'The Iranian diplomat', score: 0.95 });
  });

  it('ranks an exact name first', () => {
    const [best] = suggestEntities('akira endo', entities, 'actor');
    expect(best).toMatchObject({ entity: { id: 'endo' }, match: 'name', score: 1 });
  });

  it('matches a surname to the full name through shared words', () => {
    expect(ids('Endo')[0]).toBe('endo');
    const [s] = suggestEntities('Asghar Khaji', entities, 'actor');
    expect(s).toMatchObject({ entity: { id: 'khaji' }, match: 'tokens' });
    expect(s.score).toBeLessThan(0.9);
  });

  it('ignores diacritics, punctuation and the possessive', () => {
    expect(ids('Jurgen Muller')).toEqual(['muller']);
    expect(ids('Japan\'s special coordinator for Syria')).toEqual(['endo']);
  });

  it('only suggests entities of the requested kind, and nothing unrelated', () => {
    expect(ids('Khaji')).toEqual(['khaji']);
    expect(ids('Khaji', 'concept')).toEqual(['khaji-plan']);
    expect(ids('the Japanese embassy')).toEqual([]);
    expect(ids('  ')).toEqual([]);
  });

  it('orders partial matches by how much of the mention and the name they cover', () => {
    // "Iranian diplomat" covers all of Khaji's alias; it shares only "iranian" with Zarif's.
    expect(ids('Iranian diplomat')).toEqual(['khaji', 'zarif']);
    expect(suggestEntities('Iranian diplomat', entities, 'actor', { limit: 1 })).toHaveLength(1);
  });

  it('finds the concept of a longer claim text', () => {
    expect(ids('more humanitarian aid to Syria', 'concept')).toEqual(['aid']);
  });
});

describe('matching helpers', () => {
  it('fold case, diacritics and punctuation', () => {
    expect(foldForMatching('  Ali-Asghar  KHAJI’s ')).toBe('ali asghar khaji');
    expect(foldForMatching('Çağlar Şimşek')).toBe('caglar simsek');
    expect(foldForMatching('وزیر خارجه')).toBe('وزیر خارجه');
  });

  it('drop stopwords unless nothing else is left', () => {
    expect(contentTokens('The Iranian diplomat')).toEqual(['iranian', 'diplomat']);
    expect(contentTokens('The')).toEqual(['the']);
  });
});
