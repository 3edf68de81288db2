/** spanAlpha fills alpha_U's tracks directly; it must give what alphaUnitizing gives from one unit object per merged piece. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AgreementArticle, AnnotatorLayer } from './input';
import { MergedPieces, mergedPieces, spanAlpha } from './spanAlpha';
import { alphaUnitizing, type UnitizingUnit } from './unitizing';

const LABELS = new Set(['actor', 'claim']);
const RATERS = ['a', 'b', 'c'];

function layerArb(length: number): fc.Arbitrary<AnnotatorLayer> {
  // Some spans reach past the text or lie wholly outside it: they are clipped or dropped.
  const rangeArb = fc.tuple(fc.integer({ min: -3, max: length + 3 }), fc.integer({ min: 0, max: 12 })).map(([start, n]) => ({ start, end: start + n }));
  const spanArb = fc.tuple(rangeArb, fc.constantFrom('actor', 'claim', 'other'), fc.option(fc.array(rangeArb, { minLength: 2, maxLength: 3 }), { nil: undefined }));
  return fc.array(spanArb, { maxLength: 8 }).map((raw) => ({
    spans: raw.map(([r, labelId, fragments], k) => ({ id: `s${k}`, labelId, ...r, ...(fragments ? { fragments } : {}) })),
    statements: [],
  }));
}

const studyArb = fc.array(
  fc
    .integer({ min: 1, max: 40 })
    .chain((length) => fc.tuple(layerArb(length), layerArb(length), layerArb(length)).map(([a, b, c]): AgreementArticle => ({ id: 'x', text: 'x'.repeat(length), layers: { a, b, c } }))),
  { minLength: 1, maxLength: 4 },
);

function viaUnits(articles: readonly AgreementArticle[], raters: readonly string[]) {
  const units: UnitizingUnit[] = [];
  let offset = 0;
  for (const article of articles) {
    raters.forEach((annotator, rater) => {
      for (const [category, pieces] of mergedPieces(article, annotator, LABELS))
        for (const p of pieces) units.push({ begin: offset + p.start, length: p.end - p.start, rater, category });
    });
    offset += article.text.length;
  }
  const result = alphaUnitizing({ begin: 0, length: offset, raters: raters.length, units });
  return { overall: result.overall, byLabel: Object.fromEntries(result.byCategory) };
}

describe('spanAlpha', () => {
  it('equals alphaUnitizing over one unit per merged piece, for pairs and all three raters', () => {
    fc.assert(
      fc.property(studyArb, (articles) => {
        const pieces = new MergedPieces(LABELS);
        for (const raters of [['a', 'b'], ['b', 'c'], RATERS]) expect(spanAlpha(articles, raters, pieces)).toEqual(viaUnits(articles, raters));
      }),
      { numRuns: 500 },
    );
  });
});
