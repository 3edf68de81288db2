/**
 * Curation into gold: agreed spans offered at once, each disagreement one decision that copies
 * the chosen annotator's spans into gold and is recorded (so "take neither" is remembered), and
 * undo takes a decision back. Offsets are UTF-16 code units, on Persian text with an emoji.
 */
import { describe, expect, it } from 'vitest';
import { applyEdits, invertEdits } from '../domain/edits';
import type { Article, Span } from '../domain/model';
import { acceptAgreedEdits, curationPlan, decisionEdits, spanCurationPlaces, spanPlaceIndexes, spanPlacesAt, type CuratedLayer, type CurationContext, type SpanPlaceIndexes } from './curation';

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

describe('the order of agreed spans and options', () => {
  it("follows each layer's own order, whatever order the layers hold their spans in", () => {
    const ann = [span('a2', 'claim', 'مذاکرات', 'ann'), span('a1', 'actor', 'ظریف', 'ann'), span('a3', 'claim', 'ادامه', 'ann')];
    const bob = [span('b1', 'actor', 'ظریف', 'bob'), span('b3', 'claim', 'ادامه', 'bob'), span('b2', 'claim', 'مذاکرات', 'bob'), span('b4', 'actor', 'مذاکرات ادامه', 'bob')];
    const plan = curationPlan(gold(), [
      { annotator: 'bob', spans: bob, statements: [] },
      { annotator: 'ann', spans: ann, statements: [] },
    ]);
    // Agreed: the first layer given (bob's) in its order; the same spans again in ann's layer add nothing.
    expect(plan.agreed.map((s) => s.id)).toEqual(['b1', 'b3', 'b2']);
    // One place (bob's extra span overlaps two agreed ones), each option in its layer's order.
    expect(plan.items.map((i) => i.options.map((o) => o.spans.map((s) => s.id)))).toEqual([[['a2', 'a3'], ['b3', 'b2', 'b4']]]);
    // Gold holding one of them (another id, same label and pieces): not offered again.
    expect(curationPlan(gold([span('g1', 'claim', 'ادامه', 'lea')]), [{ annotator: 'bob', spans: bob, statements: [] }, { annotator: 'ann', spans: ann, statements: [] }]).agreed.map((s) => s.id)).toEqual(['b1', 'b2']);
  });
});

describe('span places sent as positions', () => {
  const ann = [span('a2', 'claim', 'مذاکرات', 'ann'), span('a1', 'actor', 'ظریف', 'ann')];
  const bob = [span('b1', 'actor', 'ظریف', 'bob'), span('b2', 'claim', 'مذاکرات ادامه دارد', 'bob')];
  const both: CuratedLayer[] = [
    { annotator: 'bob', spans: bob, statements: [] },
    { annotator: 'ann', spans: ann, statements: [] },
  ];

  it('point at the same spans after a trip through JSON, as the service sends them to the page', () => {
    const sent = JSON.parse(JSON.stringify(spanPlaceIndexes(both))) as SpanPlaceIndexes;
    expect(sent).toEqual({ annotators: ['ann', 'bob'], agreedFrom: 'bob', agreed: [0], items: [{ start: at('مذاکرات'), end: at('دارد') + 4, options: [[0], [1]] }] });
    // The page's layers are other objects with the same spans (thin copies, unpacked): the same plan.
    const received = both.map((l) => ({ ...l, spans: l.spans.map(({ annotator: _a, createdAt: _c, updatedAt: _u, ...rest }) => rest) }));
    const places = spanPlacesAt(sent, received)!;
    expect(places).toEqual(spanCurationPlaces(received));
    expect(places.items[0].options[1].spans[0]).toBe(received[0].spans[1]);
  });

  it('are refused for other layers: another annotator, or a position past a layer\'s end', () => {
    const sent = spanPlaceIndexes(both);
    expect(spanPlacesAt(sent, [both[0], { ...both[1], annotator: 'cy' }])).toBeNull();
    expect(spanPlacesAt(sent, [both[0]])).toBeNull();
    expect(spanPlacesAt(sent, [{ ...both[0], spans: [bob[0]] }, both[1]])).toBeNull();
    expect(spanPlacesAt({ ...sent, agreed: [5] }, both)).toBeNull();
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

describe('statements', () => {
  const st = (id: string, actor: string, claim: string, polarity: 'support' | 'oppose', annotator: string) => ({ id, actorSpanId: actor, claimSpanId: claim, polarity, annotator, createdAt: T, updatedAt: T });
  // Both link "ظریف" to "مذاکرات"; ann says support, bob oppose. Both also agree on nothing else.
  const withStatements: CuratedLayer[] = [
    { annotator: 'ann', spans: [span('a1', 'actor', 'ظریف', 'ann'), span('a2', 'claim', 'مذاکرات', 'ann')], statements: [st('as1', 'a1', 'a2', 'support', 'ann')] },
    { annotator: 'bob', spans: [span('b1', 'actor', 'ظریف', 'bob'), span('b2', 'claim', 'مذاکرات', 'bob')], statements: [st('bs1', 'b1', 'b2', 'oppose', 'bob')] },
  ];

  it('makes a unit the annotators valued differently an item; taking one copies its statement onto gold spans, reusing those gold has', () => {
    let g = gold();
    const plan = curationPlan(g, withStatements);
    expect(plan.agreed.map((s) => TEXT.slice(s.start, s.end))).toEqual(['ظریف', 'مذاکرات']);
    const item = plan.items.find((i) => i.kind === 'statement')!;
    expect(item.label).toBe('unlinked: ظریف → unlinked: مذاکرات');
    expect(item.options.map((o) => [o.annotator, o.statements.map((s) => s.polarity)])).toEqual([
      ['ann', ['support']],
      ['bob', ['oppose']],
    ]);
    g = applyEdits(g, acceptAgreedEdits(plan, ctx(g), withStatements));
    const goldIds = g.spans.map((s) => s.id);
    g = applyEdits(g, decisionEdits(item, { take: 'annotator', index: 1 }, ctx(g)));
    // No new span: the statement links the gold spans accepted before.
    expect(g.spans.map((s) => s.id)).toEqual(goldIds);
    expect(g.statements.map((s) => [s.polarity, s.annotator, goldIds.includes(s.actorSpanId), goldIds.includes(s.claimSpanId)])).toEqual([['oppose', 'lea', true, true]]);
    expect(curationPlan(g, withStatements).items.find((i) => i.kind === 'statement')!.decided).toBe(true);
  });

  it('offers statements all annotators valued alike for acceptance, once', () => {
    const same = withStatements.map((l) => ({ ...l, statements: l.statements.map((s) => ({ ...s, polarity: 'support' as const })) }));
    let g = gold();
    const plan = curationPlan(g, same);
    expect(plan.items.filter((i) => i.kind === 'statement')).toEqual([]);
    expect(plan.agreedStatements.map((s) => s.id)).toEqual(['as1']);
    g = applyEdits(g, acceptAgreedEdits(plan, ctx(g), same));
    expect(g.statements).toHaveLength(1);
    expect(curationPlan(g, same).agreedStatements).toEqual([]);
  });
});
