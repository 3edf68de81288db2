/**
 * Curation into gold: agreed spans offered at once, each disagreement one decision that copies
 * the chosen annotator's spans into gold and is recorded (so "take neither" is remembered), and
 * undo takes a decision back. Offsets are UTF-16 code units, on Persian text with an emoji.
 */
import { describe, expect, it } from 'vitest';
import { applyEdits, invertEdits } from '../domain/edits';
import type { Article, Span } from '../domain/model';
import { acceptAgreedEdits, curationPlan, decisionEdits, type CuratedLayer, type CurationContext } from './curation';

const T = '2024-05-01T10:00:00.000Z';
const TEXT = 'ظریف 😮‍💨 گفت که مذاکرات ادامه دارد';
const at = (word: string) => TEXT.indexOf(word);
const span = (id: string, labelId: string, word: string, annotator: string): Span => ({
  id,
  labelId,
  start: at(word),
  end: at(word) + word.length,
  annotator,
  createdAt: T,
  updatedAt: T,
});
const gold = (spans: Span[] = []): Article => ({ id: 'a1', title: 'A', status: 'in_progress', createdAt: T, updatedAt: T, text: TEXT, spans, statements: [] });
const layers: CuratedLayer[] = [
  { annotator: 'bob', spans: [span('b1', 'actor', 'ظریف', 'bob'), span('b2', 'claim', 'مذاکرات ادامه دارد', 'bob')], statements: [] },
  { annotator: 'ann', spans: [span('a1', 'actor', 'ظریف', 'ann'), span('a2', 'claim', 'مذاکرات', 'ann')], statements: [] },
];
let n = 0;
const ctx = (g: Article): CurationContext => ({ gold: g, curator: 'lea', now: T, newId: (p) => `${p}${++n}` });

describe('curation', () => {
  it('offers the agreed spans and one item per disagreement, with each annotator\'s option', () => {
    const plan = curationPlan(gold(), layers);
    expect(plan.annotators).toEqual(['ann', 'bob']);
    expect(plan.agreed.map((s) => TEXT.slice(s.start, s.end))).toEqual(['ظریف']);
    expect(plan.items).toHaveLength(1);
    const [item] = plan.items;
    expect(item.key).toBe(`span:${at('مذاکرات')}-${at('دارد') + 'دارد'.length}`);
    expect(item.options.map((o) => [o.annotator, o.spans.map((s) => TEXT.slice(s.start, s.end))])).toEqual([
      ['ann', ['مذاکرات']],
      ['bob', ['مذاکرات ادامه دارد']],
    ]);
    expect(item.decided).toBe(false);
    // Agreed spans already in gold are not offered again.
    expect(curationPlan(gold([span('g1', 'actor', 'ظریف', 'lea')]), layers).agreed).toEqual([]);
  });

  it('records a decision with the chosen spans, so the item is decided; undo takes it back', () => {
    let g = gold();
    g = applyEdits(g, acceptAgreedEdits(curationPlan(g, layers), ctx(g)));
    expect(g.spans.map((s) => [s.labelId, TEXT.slice(s.start, s.end), s.annotator])).toEqual([['actor', 'ظریف', 'lea']]);

    const item = curationPlan(g, layers).items[0];
    const edits = decisionEdits(item, { take: 'annotator', index: 1 }, ctx(g));
    const after = applyEdits(g, edits);
    expect(after.spans.map((s) => TEXT.slice(s.start, s.end))).toEqual(['ظریف', 'مذاکرات ادامه دارد']);
    expect(curationPlan(after, layers).items[0].decided).toBe(true);

    const undone = applyEdits(after, invertEdits(g, edits));
    expect(undone.spans).toEqual(g.spans);
    expect(curationPlan(undone, layers).items[0].decided).toBe(false);
  });

  it('remembers "take neither", and "take all" copies every option once', () => {
    const g = gold();
    const item = curationPlan(g, layers).items[0];
    const neither = applyEdits(g, decisionEdits(item, { take: 'neither' }, ctx(g)));
    expect(neither.spans).toEqual([]);
    expect(curationPlan(neither, layers).items[0].decided).toBe(true);
    const all = applyEdits(g, decisionEdits(item, { take: 'all' }, ctx(g)));
    expect(all.spans.map((s) => TEXT.slice(s.start, s.end))).toEqual(['مذاکرات ادامه دارد', 'مذاکرات']);
    expect(() => decisionEdits(item, { take: 'annotator', index: 5 }, ctx(g))).toThrow('there is no annotator 6 at this place');
    // Edited by hand: only the decision is recorded.
    expect(decisionEdits(item, { take: 'edited' }, ctx(g))).toEqual([{ type: 'setCurationDecision', key: item.key, decided: true }]);
  });
});

describe('links of copied spans', () => {
  it('keeps a link the registry has, follows a merge, and drops a rejected or undecided proposal', () => {
    const linked = (entityId: string): CuratedLayer => ({ annotator: 'ann', spans: [{ ...span('a1', 'actor', 'ظریف', 'ann'), entityId }], statements: [] });
    const decisions: Record<string, string | undefined> = { known: 'known', merged: 'e7' };
    const copy = (entityId: string) => {
      const g = gold();
      const layersWith = [linked(entityId), { annotator: 'bob', spans: [], statements: [] }];
      const item = curationPlan(g, layersWith).items[0];
      const [edit] = decisionEdits(item, { take: 'annotator', index: 0 }, { ...ctx(g), linkFor: (id) => decisions[id] });
      return edit.type === 'addSpan' ? edit.span.entityId : 'no span';
    };
    expect(copy('known')).toBe('known');
    expect(copy('merged')).toBe('e7');
    expect(copy('rejected')).toBeUndefined();
  });
});
