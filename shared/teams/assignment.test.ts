/** Assignment by properties: balanced loads, two distinct coders per double, pairs spread, deterministic. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignArticles, pairSchedule, parseShare, type Assignment } from './assignment';

const annotatorsArb = fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/), { minLength: 2, maxLength: 9 });
const idsArb = fc.uniqueArray(fc.stringMatching(/^[a-z0-9]{1,6}$/), { minLength: 0, maxLength: 80 });
const shareArb = fc.integer({ min: 0, max: 100 }).map((p) => p / 100);
const seedArb = fc.integer({ min: 0, max: 2 ** 31 - 1 });

function coders(result: Assignment): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [who, ids] of result.byAnnotator) for (const id of ids) out.set(id, [...(out.get(id) ?? []), who]);
  return out;
}
const loads = (result: Assignment) => [...result.byAnnotator.values()].map((ids) => ids.length);
const spread = (values: number[]) => Math.max(...values) - Math.min(...values);

describe('assignArticles with a double-coded share', () => {
  it('codes every article once or twice, the share twice, by distinct annotators, loads within one', () => {
    fc.assert(
      fc.property(idsArb, annotatorsArb, shareArb, seedArb, (ids, people, share, seed) => {
        const result = assignArticles(ids, people, { kind: 'double', share }, seed);
        const who = coders(result);
        expect([...who.keys()].sort()).toEqual([...ids].sort());
        for (const id of ids) {
          const c = who.get(id)!;
          expect(new Set(c).size).toBe(c.length);
          expect(c.length).toBe(result.doubleCoded.includes(id) ? 2 : 1);
        }
        expect(result.doubleCoded.length).toBe(Math.round(ids.length * share));
        expect(spread(loads(result))).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('spreads the double-coded articles over every pair of annotators: pair counts differ by at most one', () => {
    fc.assert(
      fc.property(idsArb, annotatorsArb, shareArb, seedArb, (ids, people, share, seed) => {
        const result = assignArticles(ids, people, { kind: 'double', share }, seed);
        const who = coders(result);
        const pairs = new Map<string, number>();
        for (const a of people) for (const b of people) if (a < b) pairs.set(`${a}|${b}`, 0);
        for (const id of result.doubleCoded) {
          const key = [...who.get(id)!].sort().join('|');
          pairs.set(key, pairs.get(key)! + 1);
        }
        expect(spread([...pairs.values()])).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('is the same for the same seed, whatever order articles and annotators are given in; lists keep the articles\' order', () => {
    fc.assert(
      fc.property(idsArb, annotatorsArb, shareArb, seedArb, (ids, people, share, seed) => {
        const plan = { kind: 'double' as const, share };
        const once = assignArticles(ids, people, plan, seed);
        const again = assignArticles([...ids].reverse(), [...people].reverse(), plan, seed);
        for (const p of people) {
          expect([...again.byAnnotator.get(p)!].sort()).toEqual([...once.byAnnotator.get(p)!].sort());
          expect(once.byAnnotator.get(p)).toEqual(ids.filter((id) => once.byAnnotator.get(p)!.includes(id)));
        }
      }),
    );
  });

  it('draws different assignments from different seeds', () => {
    const ids = Array.from({ length: 40 }, (_, i) => `a${i}`);
    const by = (seed: number) => JSON.stringify([...assignArticles(ids, ['ann', 'bob', 'cy'], { kind: 'double', share: 0.2 }, seed).byAnnotator]);
    expect(by(1)).toBe(by(1));
    expect(new Set([1, 2, 3, 4].map(by)).size).toBeGreaterThan(1);
  });

  it('refuses double coding with one annotator, a name twice (also in another case), and unusable names', () => {
    expect(() => assignArticles(['a1', 'a2'], ['ann'], { kind: 'double', share: 1 }, 1)).toThrow('at least two annotators');
    expect(assignArticles(['a1', 'a2'], ['ann'], { kind: 'double', share: 0 }, 1).byAnnotator.get('ann')).toEqual(['a1', 'a2']);
    expect(() => assignArticles(['a1'], ['ann', 'Ann'], { kind: 'all' }, 1)).toThrow('"Ann" is given twice (as "ann"');
    expect(() => assignArticles(['a1'], ['../x'], { kind: 'all' }, 1)).toThrow('annotator name "../x"');
    expect(() => assignArticles(['a1'], [], { kind: 'all' }, 1)).toThrow('no annotators');
  });
});

describe('assignArticles, every annotator codes every article', () => {
  it('gives everyone every article', () => {
    fc.assert(
      fc.property(idsArb, annotatorsArb, seedArb, (ids, people, seed) => {
        const result = assignArticles(ids, people, { kind: 'all' }, seed);
        for (const p of people) expect(result.byAnnotator.get(p)).toEqual(ids);
        expect(result.doubleCoded).toEqual(ids);
      }),
    );
  });
});

describe('pairSchedule', () => {
  it('lists every pair once, with loads within one after every pair', () => {
    for (let k = 2; k <= 12; k++) {
      const schedule = pairSchedule(k);
      expect(new Set(schedule.map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`)).size).toBe((k * (k - 1)) / 2);
      expect(schedule.length).toBe((k * (k - 1)) / 2);
      const load = Array<number>(k).fill(0);
      for (const [a, b] of schedule) {
        expect(a).not.toBe(b);
        load[a]++;
        load[b]++;
        expect(spread(load)).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('parseShare', () => {
  it('reads percentages and refuses anything else', () => {
    expect(parseShare('20%')).toBe(0.2);
    expect(parseShare('12.5 %')).toBe(0.125);
    expect(parseShare('100%')).toBe(1);
    for (const bad of ['20', '0.2', '101%', '-5%', 'x%']) expect(() => parseShare(bad)).toThrow('a percentage from 0% to 100%');
  });
});
