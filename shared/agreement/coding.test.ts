/** The coding coefficients against published worked examples, and their edge cases. */
import { describe, expect, it } from 'vitest';
import { cohenKappa, ConfusionTally, fleissKappa, krippendorffAlphaNominal } from './coding';

describe('krippendorffAlphaNominal', () => {
  it("Krippendorff (2011), 'Computing Krippendorff's Alpha-Reliability', 4 observers x 12 units with missing values: 0.743", () => {
    const _ = null;
    const observers = [
      [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
      [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
    ];
    const units = observers[0].map((_v, u) => observers.map((o) => o[u]));
    const alpha = krippendorffAlphaNominal(units);
    expect(alpha.value).toBeCloseTo(0.743, 3);
  });
  it('DKPro Krippendorff1995Test.testDigitizedAgreement: 0.329 on the digitized Bertha/Bill example', () => {
    const bertha = '001111111100001111110000'.split('');
    const bill = '000011110000000110000000'.split('');
    expect(krippendorffAlphaNominal(bertha.map((b, i) => [b, bill[i]])).value).toBeCloseTo(0.329, 3);
  });
  it('is undefined, with a reason, without variation or without pairable values', () => {
    expect(krippendorffAlphaNominal([['a', 'a'], ['a', 'a']])).toEqual({ value: null, reason: 'no variation: every pairable value is the same' });
    expect(krippendorffAlphaNominal([['a', null], [null, 'b']]).value).toBeNull();
    expect(krippendorffAlphaNominal([]).value).toBeNull();
  });
});

/** Cohen's kappa of two equally long rating lists. */
function kappaOf(first: readonly string[], second: readonly string[]) {
  const tally = new ConfusionTally();
  first.forEach((c, i) => tally.add(c, second[i]));
  return cohenKappa(tally.matrix());
}

describe('cohenKappa', () => {
  it("Wikipedia, 'Cohen's kappa', 50 grant proposals (20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no): 0.4", () => {
    const tally = new ConfusionTally();
    tally.add('yes', 'yes', 20);
    tally.add('yes', 'no', 5);
    tally.add('no', 'yes', 10);
    tally.add('no', 'no', 15);
    const kappa = cohenKappa(tally.matrix());
    expect(kappa.value).toBeCloseTo(0.4, 10);
    expect(kappa).toMatchObject({ observedAgreement: 0.7, items: 50 });
    if (kappa.value !== null) expect(kappa.expectedAgreement).toBeCloseTo(0.5, 10);
  });
  it('DKPro Krippendorff1995Test.testDigitizedAgreement: 0.385 (Bertha/Bill) and 0.314 (Gerret/Gill)', () => {
    expect(kappaOf('001111111100001111110000'.split(''), '000011110000000110000000'.split('')).value).toBeCloseTo(0.385, 3);
    expect(kappaOf('001111110011001111001100'.split(''), '110011110011110011001100'.split('')).value).toBeCloseTo(0.314, 3);
  });
  it('is undefined when both raters used one and the same category, or rated nothing', () => {
    expect(kappaOf(['1', '1'], ['1', '1']).value).toBeNull();
    expect(kappaOf([], []).value).toBeNull();
  });
  it('lists the matrix categories sorted with O last', () => {
    const tally = new ConfusionTally();
    tally.add('O', 'b');
    tally.add('a', 'O');
    expect(tally.matrix()).toEqual({ categories: ['a', 'b', 'O'], counts: [[0, 0, 1], [0, 0, 0], [0, 1, 0]] });
  });
});

describe('fleissKappa', () => {
  it("Wikipedia, 'Fleiss' kappa', 10 subjects x 14 raters x 5 categories: 0.210", () => {
    const table = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    const items = table.map((row) => row.flatMap((n, category) => Array<string>(n).fill(String(category + 1))));
    const kappa = fleissKappa(items);
    expect(kappa.value).toBeCloseTo(0.21, 3);
    if (kappa.value !== null) {
      expect(kappa.observedAgreement).toBeCloseTo(0.378, 3);
      expect(kappa.expectedAgreement).toBeCloseTo(0.213, 3);
    }
  });
  it('equals Scott/Fleiss for two raters: DKPro Krippendorff1995Test Scott pi 0.314 (Bertha/Bill)', () => {
    const bertha = '001111111100001111110000'.split('');
    const bill = '000011110000000110000000'.split('');
    expect(fleissKappa(bertha.map((b, i) => [b, bill[i]])).value).toBeCloseTo(0.314, 3);
  });
  it('is undefined without variation, with uneven ratings per item, or without items', () => {
    expect(fleissKappa([['a', 'a', 'a']]).value).toBeNull();
    expect(fleissKappa([['a', 'b'], ['a', 'b', 'a']])).toEqual({ value: null, reason: 'items have different numbers of ratings' });
    expect(fleissKappa([]).value).toBeNull();
  });
});
