/** The agreement report on a small worked example computed by hand, and its properties. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Entity } from '../domain/model';
import { computeAgreement, type AgreementReport } from './agreement';
import type { AgreementArticle, AnnotatorLayer } from './input';
import { alphaUnitizing } from './unitizing';

//                 0    5    10   15   20   25   30
const TEXT = 'Khaji met Endo in Tehran today.';
const layerA: AnnotatorLayer = {
  spans: [
    { id: 'a1', labelId: 'actor', start: 0, end: 5 },
    { id: 'a2', labelId: 'actor', start: 10, end: 14 },
    { id: 'a3', labelId: 'claim', start: 18, end: 30 },
  ],
  statements: [{ id: 'sa', actorSpanId: 'a1', claimSpanId: 'a3', polarity: 'support' }],
};
const layerB: AnnotatorLayer = {
  spans: [
    { id: 'b1', labelId: 'actor', start: 0, end: 5 },
    { id: 'b2', labelId: 'claim', start: 18, end: 24 },
  ],
  statements: [{ id: 'sb', actorSpanId: 'b1', claimSpanId: 'b2', polarity: 'oppose' }],
};
const example: AgreementArticle[] = [
  { id: 'art1', text: TEXT, layers: { ann: layerA, bob: layerB } },
  // Coded by one annotator only: in no pair, no alpha_U, no kappa; its statement units are unpairable.
  { id: 'art2', text: 'Endo spoke.', layers: { ann: { spans: [{ id: 'x', labelId: 'actor', start: 0, end: 4 }], statements: [] } } },
];

describe('computeAgreement on a worked example (two annotators)', () => {
  const report = computeAgreement({ articles: example, entities: [] });
  const pair = report.spans.pairs[0];

  it('chooses annotators, labels and articles', () => {
    expect(report.annotators).toEqual(['ann', 'bob']);
    expect(report.labels).toEqual(['actor', 'claim']);
    expect(report.articles).toEqual({ total: 2, compared: 1, codedByAll: 1 });
    expect(pair.annotators).toEqual(['ann', 'bob']);
    expect(pair.articles).toBe(1);
  });

  it('exact F1: 1 of 3 and 2 spans match (2/5); overlap F1: 2/3 of ann, 2/2 of bob matched (0.8)', () => {
    expect(pair.exactF1.overall).toEqual({ value: 0.4, precision: 1 / 3, recall: 0.5 });
    expect(pair.exactF1.byLabel.actor.value).toBeCloseTo(2 / 3, 12);
    expect(pair.exactF1.byLabel.claim.value).toBe(0);
    expect(pair.overlapF1.overall.value).toBeCloseTo(0.8, 12);
    expect(pair.overlapF1.byLabel.claim.value).toBe(1);
  });

  it("word-level Cohen's kappa: p_o = 4/6, p_e = 1/3, kappa = 0.5; and the confusion matrix", () => {
    // Words: Khaji met Endo in Tehran today. ann: actor O actor O claim claim; bob: actor O O O claim O.
    expect(report.spans.wordKappa.measure).toBe('cohen');
    expect(report.spans.wordKappa.overall.value).toBeCloseTo(0.5, 12);
    expect(pair.confusion).toEqual({
      categories: ['actor', 'claim', 'O'],
      counts: [
        [1, 0, 1],
        [0, 1, 1],
        [0, 0, 2],
      ],
    });
    // actor per word: ann yes,no,yes,no,no,no; bob yes,no,no,no,no,no: p_o = 5/6, p_e = (2*1 + 4*5)/36.
    const pe = 22 / 36;
    expect(pair.cohenKappa.byLabel.actor.value).toBeCloseTo((5 / 6 - pe) / (1 - pe), 12);
  });

  it('alpha_U is that of the same units in one continuum', () => {
    const direct = alphaUnitizing({
      begin: 0,
      length: TEXT.length,
      raters: 2,
      units: [
        { begin: 0, length: 5, rater: 0, category: 'actor' },
        { begin: 10, length: 4, rater: 0, category: 'actor' },
        { begin: 18, length: 12, rater: 0, category: 'claim' },
        { begin: 0, length: 5, rater: 1, category: 'actor' },
        { begin: 18, length: 6, rater: 1, category: 'claim' },
      ],
    });
    expect(report.spans.alphaU.overall).toEqual(direct.overall);
    expect(report.spans.alphaU.byLabel.claim).toEqual(direct.byCategory.get('claim'));
  });

  it('statements: unlinked claims "tehran today" and "tehran" are two units: support/none and none/oppose, alpha -0.2, F1 0', () => {
    const units = report.statements.units.filter((u) => u.articleId === 'art1');
    expect(units.map((u) => u.values)).toEqual([
      { ann: 'support', bob: 'none' },
      { ann: 'none', bob: 'oppose' },
    ]);
    // n = 4 values, 4 weighted mismatches, n_c = 1, 2, 1: alpha = 1 - 3 * 4 / (16 - 6).
    expect(report.statements.alpha.value).toBeCloseTo(-0.2, 12);
    expect(report.statements.pairs[0].f1.value).toBe(0);
  });

  it('actors: both found Khaji; alpha has no variation (null with a reason), F1 1', () => {
    expect(report.actors.alpha).toEqual({ value: null, reason: 'no variation: every pairable value is the same' });
    expect(report.actors.pairs[0].f1.value).toBe(1);
  });

  it('statements linked to one concept are one unit: support against oppose, alpha 0', () => {
    const concept: Entity = { id: 'c1', kind: 'concept', name: 'Tehran', aliases: [], attributes: {} };
    const link = (layer: AnnotatorLayer, claimId: string): AnnotatorLayer => ({
      ...layer,
      spans: layer.spans.map((s) => (s.id === claimId ? { ...s, entityId: 'c1' } : s)),
    });
    const linked = computeAgreement({
      articles: [{ id: 'art1', text: TEXT, layers: { ann: link(layerA, 'a3'), bob: link(layerB, 'b2') } }],
      entities: [concept],
    });
    expect(linked.statements.units.map((u) => [u.key, u.values])).toEqual([
      ['actor-text:khaji\u0000concept:c1', { ann: 'support', bob: 'oppose' }],
    ]);
    expect(linked.statements.alpha.value).toBe(0);
  });

  it('lists the disagreements in reading order, with offsets and each annotator’s spans or values', () => {
    expect(report.disagreements.map((d) => [d.kind, d.articleId, d.range])).toEqual([
      ['statement', 'art1', { start: 0, end: 24 }],
      ['statement', 'art1', { start: 0, end: 30 }],
      ['span', 'art1', { start: 10, end: 14 }],
      ['span', 'art1', { start: 18, end: 30 }],
    ]);
    const claim = report.disagreements[3];
    expect(claim.kind === 'span' && claim.spans).toEqual({
      ann: [{ id: 'a3', labelId: 'claim', start: 18, end: 30 }],
      bob: [{ id: 'b2', labelId: 'claim', start: 18, end: 24 }],
    });
  });

  it('a mixed coding: support and oppose on one unit is "mixed"', () => {
    const both: AnnotatorLayer = { ...layerA, statements: [...layerA.statements, { id: 's2', actorSpanId: 'a1', claimSpanId: 'a3', polarity: 'oppose' }] };
    const r = computeAgreement({ articles: [{ id: 'x', text: TEXT, layers: { ann: both, bob: layerA } }], entities: [] });
    expect(r.statements.units[0].values).toEqual({ ann: 'mixed', bob: 'support' });
  });

  it('with three annotators uses Fleiss, over the articles all three coded', () => {
    const r = computeAgreement({ articles: [{ id: 'x', text: TEXT, layers: { ann: layerA, bob: layerB, cy: layerA } }], entities: [] });
    expect(r.spans.wordKappa.measure).toBe('fleiss');
    expect(r.spans.pairs.map((p) => p.annotators)).toEqual([['ann', 'bob'], ['ann', 'cy'], ['bob', 'cy']]);
    expect(r.spans.pairs[1].overlapF1.overall.value).toBe(1);
    const none = computeAgreement({ articles: example, entities: [], annotators: ['ann', 'bob', 'cy'] });
    expect(none.spans.alphaU.overall).toEqual({ value: null, reason: 'no article was coded by all 3 annotators' });
  });
});

// ---- properties --------------------------------------------------------------------------

const WORDS = ['Khaji', 'met', 'Endo', 'in', 'Tehran', 'on', 'talks', 'and', 'denounced', 'the', 'ceasefire'];
const LABELS = ['actor', 'claim', 'stance'];

const textArb = fc.array(fc.constantFrom(...WORDS), { minLength: 3, maxLength: 25 }).map((w) => w.join(' ') + '.');

function layerArb(text: string): fc.Arbitrary<AnnotatorLayer> {
  const spanArb = fc
    .tuple(fc.nat(text.length - 1), fc.integer({ min: 1, max: 15 }), fc.constantFrom(...LABELS))
    .map(([start, len, labelId]) => ({ labelId, start, end: Math.min(text.length, start + len) }));
  return fc.array(spanArb, { maxLength: 8 }).chain((raw) => {
    const spans = raw.map((s, i) => ({ ...s, id: `s${i}` }));
    const statementArb = fc
      .tuple(fc.nat(Math.max(0, spans.length - 1)), fc.nat(Math.max(0, spans.length - 1)), fc.constantFrom('support', 'oppose', 'neutral' as const))
      .map(([a, c, polarity]) => ({ id: 'st', actorSpanId: `s${a}`, claimSpanId: `s${c}`, polarity }));
    return fc.array(statementArb, { maxLength: spans.length === 0 ? 0 : 4 }).map((statements) => ({ spans, statements: statements.map((st, i) => ({ ...st, id: `st${i}` })) }));
  });
}

/** 1-4 articles, each coded by a non-empty subset of `names`. */
function studyArb(names: readonly string[]): fc.Arbitrary<AgreementArticle[]> {
  const articleArb = textArb.chain((text) =>
    fc.tuple(...names.map(() => fc.option(layerArb(text), { freq: 4 }))).map((layers) => ({
      text,
      layers: Object.fromEntries(names.flatMap((n, i) => (layers[i] ? [[n, layers[i]]] : []))),
    })),
  );
  return fc.array(articleArb, { minLength: 1, maxLength: 4 }).map((list) => list.map((a, i) => ({ id: `art${i}`, ...a })));
}

/** Every coefficient of a report (value or null), by a path naming it. */
function coefficients(report: AgreementReport, rename: (name: string) => string = (n) => n): Map<string, number | null> {
  const out = new Map<string, number | null>();
  const labelled = (path: string, l: { overall: { value: number | null }; byLabel: Record<string, { value: number | null }> }) => {
    out.set(`${path}.overall`, l.overall.value);
    for (const [label, c] of Object.entries(l.byLabel)) out.set(`${path}.${label}`, c.value);
  };
  labelled('alphaU', report.spans.alphaU);
  labelled('wordKappa', report.spans.wordKappa);
  out.set('statements.alpha', report.statements.alpha.value);
  out.set('actors.alpha', report.actors.alpha.value);
  for (const p of report.spans.pairs) {
    const key = p.annotators.map(rename).sort().join('|');
    labelled(`${key}.exactF1`, p.exactF1);
    labelled(`${key}.overlapF1`, p.overlapF1);
    labelled(`${key}.alphaU`, p.alphaU);
    labelled(`${key}.cohen`, p.cohenKappa);
  }
  for (const p of report.statements.pairs) out.set(`${p.annotators.map(rename).sort().join('|')}.statementF1`, p.f1.value);
  for (const p of report.actors.pairs) out.set(`${p.annotators.map(rename).sort().join('|')}.actorF1`, p.f1.value);
  return out;
}

describe('computeAgreement: properties', () => {
  it('identical layers give 1 for every defined coefficient, and no disagreement', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 4 }), studyArb(['only']), (k, study) => {
        const names = ['p', 'q', 'r', 's'].slice(0, k);
        const articles = study.map((a) => ({ ...a, layers: Object.fromEntries(names.map((n) => [n, a.layers.only ?? { spans: [], statements: [] }])) }));
        const report = computeAgreement({ articles, entities: [] });
        for (const [path, value] of coefficients(report)) if (value !== null) expect([path, value]).toEqual([path, expect.closeTo(1, 9)]);
        expect(report.disagreements).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('renaming and reordering annotators changes no coefficient', () => {
    const names = ['ann', 'bob', 'cy'];
    fc.assert(
      fc.property(studyArb(names), fc.shuffledSubarray(['zed', 'amy', 'max'], { minLength: 3, maxLength: 3 }), (articles, newNames) => {
        const rename = (n: string) => newNames[names.indexOf(n)];
        const renamed = articles.map((a) => ({ ...a, layers: Object.fromEntries(Object.entries(a.layers).map(([n, l]) => [rename(n), l])) }));
        const before = coefficients(computeAgreement({ articles, entities: [] }), rename);
        const after = coefficients(computeAgreement({ articles: renamed, entities: [] }));
        expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
        for (const [path, value] of before) {
          const other = after.get(path)!;
          if (value === null) expect([path, other]).toEqual([path, null]);
          else expect([path, other]).toEqual([path, expect.closeTo(value, 9)]);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('every alpha and kappa is at most 1; every F1 lies in [0, 1]', () => {
    fc.assert(
      fc.property(studyArb(['ann', 'bob', 'cy']), (articles) => {
        for (const [path, value] of coefficients(computeAgreement({ articles, entities: [] }))) {
          if (value === null) continue;
          expect([path, value <= 1 + 1e-12]).toEqual([path, true]);
          if (path.includes('F1')) expect([path, value >= 0]).toEqual([path, true]);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('F1 is symmetric: swapping the two annotators swaps precision and recall and keeps F1', () => {
    fc.assert(
      fc.property(studyArb(['ann', 'bob']), (articles) => {
        const swapped = articles.map((a) => ({ ...a, layers: Object.fromEntries(Object.entries(a.layers).map(([n, l]) => [n === 'ann' ? 'bob' : 'ann', l])) }));
        const p = computeAgreement({ articles, entities: [], annotators: ['ann', 'bob'] }).spans.pairs[0];
        const q = computeAgreement({ articles: swapped, entities: [], annotators: ['ann', 'bob'] }).spans.pairs[0];
        for (const which of ['exactF1', 'overlapF1'] as const) {
          const x = p[which].overall;
          const y = q[which].overall;
          if (x.value === null) expect(y.value).toBeNull();
          else if (y.value !== null) {
            expect(y.value).toBeCloseTo(x.value, 12);
            expect(y.precision).toBeCloseTo(x.recall, 12);
            expect(y.recall).toBeCloseTo(x.precision, 12);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
