/** Word labelling against a straightforward reference: every word, every span, Intl.Segmenter over the whole text. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AgreementArticle, AnnotatorLayer, LayerSpan } from './input';
import { OUTSIDE, WordCoding } from './words';

function referenceCategories(text: string, spans: readonly LayerSpan[]): string[] {
  const categories: string[] = [];
  for (const seg of new Intl.Segmenter(undefined, { granularity: 'word' }).segment(text)) {
    if (!seg.isWordLike) continue;
    const start = seg.index;
    const end = start + seg.segment.length;
    const labels = new Set<string>();
    for (const span of spans)
      for (const r of span.fragments ?? [{ start: span.start, end: span.end }]) if (r.start < end && r.end > start) labels.add(span.labelId);
    categories.push(labels.size === 0 ? OUTSIDE : [...labels].sort().join('+'));
  }
  return categories;
}

/** The reference confusion matrix of two layers: category pair -> words. */
function referenceConfusion(articles: readonly AgreementArticle[]): Map<string, number> {
  const cells = new Map<string, number>();
  for (const { text, layers } of articles) {
    const a = referenceCategories(text, layers.a.spans);
    const b = referenceCategories(text, layers.b.spans);
    a.forEach((ca, w) => cells.set(`${ca}|${b[w]}`, (cells.get(`${ca}|${b[w]}`) ?? 0) + 1));
  }
  return cells;
}

const PIECES = [
  'Khaji', 'said', 'U.S.', "don't", 'café', 'cafe\u0301', 'Łódź', '3.14', '1,000', '12:30', 'snake_case', 'שלום', 'مرحبا', '東京都',
  'ภาษาไทย', '\u{1f431}', '\u{1f1ef}\u{1f1f5}', '\u{1f44d}\u{1f3fd}', '\u{1f468}\u200d\u{1f469}', ' ', ' ', '\n', '\r\n', '.', ',', '\u2019', '\u2014',
];
const LABELS = ['actor', 'claim', 'stance'];

const textArb = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 30 }).map((p) => p.join(''));

function layerArb(text: string): fc.Arbitrary<AnnotatorLayer> {
  const rangeArb = fc.tuple(fc.nat(text.length - 1), fc.integer({ min: 1, max: 12 })).map(([start, length]) => ({ start, end: Math.min(text.length, start + length) }));
  const spanArb = fc.tuple(rangeArb, fc.constantFrom(...LABELS), fc.option(fc.array(rangeArb, { minLength: 2, maxLength: 3 }), { nil: undefined }));
  return fc.array(spanArb, { maxLength: 10 }).map((raw) => ({
    spans: raw.map(([r, labelId, fragments], k) => {
      if (!fragments) return { id: `s${k}`, labelId, ...r };
      const sorted = [...fragments].sort((x, y) => x.start - y.start);
      return { id: `s${k}`, labelId, start: sorted[0].start, end: Math.max(...sorted.map((f) => f.end)), fragments: sorted };
    }),
    statements: [],
  }));
}

const studyArb = fc.array(
  textArb.chain((text) => fc.tuple(layerArb(text), layerArb(text)).map(([a, b]): AgreementArticle => ({ id: 'x', text, layers: { a, b } }))),
  { minLength: 1, maxLength: 4 },
);

describe('WordCoding', () => {
  it('labels every word as the straightforward reference does (random texts, nested and discontinuous spans)', () => {
    fc.assert(
      fc.property(studyArb, (articles) => {
        const { confusion } = new WordCoding(LABELS).pair(articles, 'a', 'b');
        const cells = new Map<string, number>();
        confusion.categories.forEach((ca, i) =>
          confusion.categories.forEach((cb, j) => {
            if (confusion.counts[i][j] > 0) cells.set(`${ca}|${cb}`, confusion.counts[i][j]);
          }),
        );
        expect(cells).toEqual(referenceConfusion(articles));
      }),
      { numRuns: 500 },
    );
  });
});
