/**
 * alpha_U against DKPro Agreement's own unit tests (dkpro/dkpro-statistics at f7f4f89,
 * dkpro-statistics-agreement/src/test/java/org/dkpro/statistics/agreement/unitizing/):
 * Krippendorff1995Test, Krippendorff2004Test and UnitizingAgreementTest, with the same data
 * and the same tolerances.
 */
import { describe, expect, it } from 'vitest';
import { alphaUnitizing, measureDistance, type UnitizingStudy, type UnitizingUnit } from './unitizing';

const unit = (begin: number, length: number, rater: number, category: string): UnitizingUnit => ({ begin, length, rater, category });

/** Krippendorff (1995: p. 57), as Krippendorff1995Test.createExample(stretch) builds it. */
function krippendorff1995(stretch: number): UnitizingStudy {
  const s = (x: number) => Math.trunc(x * stretch);
  const spec: [number, number, number, string][] = [
    [2, 8, 0, 'A'], [14, 6, 0, 'A'], [4, 4, 1, 'A'], [15, 2, 1, 'A'],
    [0, 18, 0, 'B'], [0, 2, 1, 'B'], [2, 1, 1, 'B'], [3, 1, 1, 'B'], [4, 1, 1, 'B'], [5, 1, 1, 'B'], [6, 3, 1, 'B'], [9, 1, 1, 'B'],
    [2, 6, 0, 'C'], [10, 2, 0, 'C'], [14, 4, 0, 'C'], [20, 2, 0, 'C'],
    [0, 2, 1, 'C'], [4, 4, 1, 'C'], [10, 4, 1, 'C'], [16, 2, 1, 'C'], [20, 2, 1, 'C'],
    [0, 2, 0, 'D'], [2, 8, 0, 'D'], [10, 4, 0, 'D'], [14, 6, 0, 'D'], [20, 4, 0, 'D'],
    [0, 4, 1, 'D'], [4, 4, 1, 'D'], [8, 7, 1, 'D'], [15, 2, 1, 'D'], [17, 7, 1, 'D'],
  ];
  // At stretch 0.5 some B units shrink to length 0, which this port refuses; no other category's
  // values depend on B (each category is computed from its own units alone).
  const units = spec.map(([b, l, r, c]) => unit(s(b), s(l), r, c)).filter((u) => u.length > 0);
  return { begin: s(0), length: s(24), raters: 2, units };
}

/** Krippendorff (2004: p. 254), as Krippendorff2004Test.createExample() builds it. */
const krippendorff2004: UnitizingStudy = {
  begin: 150,
  length: 300,
  raters: 2,
  units: [
    unit(225, 70, 0, 'c'), unit(370, 30, 0, 'c'), unit(220, 80, 1, 'c'), unit(355, 20, 1, 'c'), unit(400, 20, 1, 'c'),
    unit(180, 60, 0, 'k'), unit(300, 50, 0, 'k'), unit(180, 60, 1, 'k'), unit(300, 50, 1, 'k'),
  ],
};

function category(study: UnitizingStudy, c: string) {
  const a = alphaUnitizing(study).byCategory.get(c);
  if (!a || a.value === null) throw new Error(`category ${c} undefined`);
  return a;
}

describe('measureDistance (Krippendorff2004Test, UnitizingAgreementTest)', () => {
  it('reproduces testDistanceMetric1', () => {
    expect(measureDistance(2, 3, null, 2, 2, 'X') + measureDistance(5, 6, 'X', 4, 7, null)).toBe(40);
    expect(measureDistance(3, 2, null, 3, 2, 'X') + measureDistance(5, 6, 'X', 5, 6, null)).toBe(40);
    expect(measureDistance(5, 6, 'X', 4, 2, 'X')).toBe(26);
    expect(measureDistance(5, 6, 'X', 5, 2, 'X')).toBe(16);
    expect(measureDistance(5, 6, 'X', 6, 2, 'X')).toBe(10);
    expect(measureDistance(5, 6, 'X', 7, 2, 'X')).toBe(8);
    expect(measureDistance(5, 6, 'X', 6, 4, 'X')).toBe(2);
    expect(measureDistance(5, 6, 'X', 5, 6, 'X')).toBe(0);
  });
  it('reproduces testDistanceMetric2', () => {
    expect(measureDistance(225, 70, 'c', 220, 80, 'c')).toBe(50);
    expect(measureDistance(370, 30, 'c', 355, 20, 'c')).toBe(850);
    expect(measureDistance(400, 50, null, 400, 20, 'c')).toBe(400);
  });
  it('reproduces UnitizingAgreementTest.testDistanceMetric', () => {
    expect(measureDistance(0, 1, null, 0, 2, null)).toBe(0);
    expect(measureDistance(1, 8, 'A', 0, 2, null)).toBe(0);
    expect(measureDistance(1, 8, 'A', 2, 1, 'A')).toBe(37);
    expect(measureDistance(1, 8, 'A', 3, 1, null)).toBe(0);
    expect(measureDistance(1, 8, 'A', 4, 1, 'A')).toBe(25);
    expect(measureDistance(1, 8, 'A', 5, 1, null)).toBe(0);
    expect(measureDistance(1, 8, 'A', 6, 1, 'A')).toBe(29);
    expect(measureDistance(1, 8, 'A', 7, 4, null)).toBe(0);
    expect(measureDistance(9, 2, null, 7, 4, null)).toBe(0);
  });
});

describe('alphaUnitizing: Krippendorff2004Test', () => {
  it('overall alpha_U = 0.8591', () => {
    expect(alphaUnitizing(krippendorff2004).overall.value).toBeCloseTo(0.8591, 3);
    expect(Math.abs(alphaUnitizing(krippendorff2004).overall.value! - 0.8591)).toBeLessThanOrEqual(0.0005);
  });
  it('per category c and k', () => {
    const c = category(krippendorff2004, 'c');
    expect(Math.abs(c.observedDisagreement - 0.0144)).toBeLessThanOrEqual(0.0001);
    expect(Math.abs(c.expectedDisagreement - 0.0532)).toBeLessThanOrEqual(0.0001);
    expect(Math.abs(c.value - 0.7286)).toBeLessThanOrEqual(0.0001);
    const k = category(krippendorff2004, 'k');
    expect(Math.abs(k.observedDisagreement - 0)).toBeLessThanOrEqual(0.0001);
    expect(Math.abs(k.expectedDisagreement - 0.049)).toBeLessThanOrEqual(0.0001);
    expect(Math.abs(k.value - 1)).toBeLessThanOrEqual(0.0001);
  });
});

describe('alphaUnitizing: Krippendorff1995Test', () => {
  it('testAgreement: observed disagreement at stretch 1', () => {
    const study = krippendorff1995(1);
    const expected: Record<string, number> = { A: 0.03125, B: 2.26736, C: 0.02777, D: 0.38715 };
    for (const [c, v] of Object.entries(expected)) expect(Math.abs(category(study, c).observedDisagreement - v)).toBeLessThanOrEqual(0.00001);
  });
  it('testAgreement: expected disagreement and alpha at stretch 50,000', () => {
    const study = krippendorff1995(1200000 / 24);
    const de: Record<string, number> = { A: 0.0699, B: 1.17731, C: 0.08642, D: 0.41445 };
    const alpha: Record<string, number> = { A: 0.553, B: -0.926, C: 0.679, D: 0.066 };
    for (const c of Object.keys(de)) {
      const a = category(study, c);
      expect(Math.abs(a.expectedDisagreement - de[c])).toBeLessThanOrEqual(0.005);
      expect(Math.abs(a.value - alpha[c])).toBeLessThanOrEqual(0.02);
    }
  });
  it('testVaryingLengths: category C as the continuum is stretched', () => {
    const cases: [number, number, number, number, number][] = [
      // stretch, D_e, tolerance of D_e, alpha (tolerance 0.02 as DKPro)
      [12 / 24, 0.05494, 0.00001, 0.494, 0.02],
      [120 / 24, 0.08234, 0.005, 0.663, 0.02],
      [1200 / 24, 0.086, 0.005, 0.677, 0.02],
      [12000 / 24, 0.08638, 0.005, 0.678, 0.02],
      [120000 / 24, 0.08642, 0.005, 0.679, 0.02],
      [1200000 / 24, 0.08642, 0.005, 0.679, 0.02],
    ];
    for (const [stretch, de, tol, alpha, alphaTol] of cases) {
      const c = category(krippendorff1995(stretch), 'C');
      expect(Math.abs(c.observedDisagreement - 0.02777)).toBeLessThanOrEqual(0.00001);
      expect(Math.abs(c.expectedDisagreement - de)).toBeLessThanOrEqual(tol);
      expect(Math.abs(c.value - alpha)).toBeLessThanOrEqual(alphaTol);
    }
  });
});

describe('alphaUnitizing: UnitizingAgreementTest', () => {
  it('testAgreement: one long unit against three short ones', () => {
    // r0: -11111111-   r1: --1-1-1---
    const study: UnitizingStudy = { begin: 0, length: 10, raters: 2, units: [unit(1, 8, 0, 'A'), unit(2, 1, 1, 'A'), unit(4, 1, 1, 'A'), unit(6, 1, 1, 'A')] };
    const a = category(study, 'A');
    expect(Math.abs(a.observedDisagreement - 0.91)).toBeLessThanOrEqual(0.0001);
    expect(Math.abs(a.expectedDisagreement - 0.5351)).toBeLessThanOrEqual(0.0001);
    expect(Math.abs(a.value - -0.7003)).toBeLessThanOrEqual(0.0001);
  });
  it('testSingleAnnotationUnit: 0', () => {
    expect(alphaUnitizing({ begin: 0, length: 20, raters: 3, units: [unit(0, 1, 0, 'X')] }).overall.value).toBe(0);
  });
  it('testEmptyAnnotationSet: DKPro gives NaN, this gives null with a reason', () => {
    const overall = alphaUnitizing({ begin: 0, length: 20, raters: 3, units: [] }).overall;
    expect(overall).toEqual({ value: null, reason: 'no rater marked any unit' });
  });
  it('testZeroLengthUnitsMixedWithPositiveLengthUnits (without the zero-length unit this port refuses): 1', () => {
    const result = alphaUnitizing({ begin: 0, length: 15, raters: 2, units: [unit(2, 5, 0, 'A'), unit(2, 5, 1, 'A')] });
    expect(result.overall.value).toBeCloseTo(1, 3);
  });
});

describe('alphaUnitizing: input checks', () => {
  it('refuses overlapping units of one rater and category', () => {
    expect(() => alphaUnitizing({ begin: 0, length: 10, raters: 2, units: [unit(0, 5, 0, 'A'), unit(3, 5, 0, 'A')] })).toThrow(/overlapping/);
  });
  it('refuses units outside the continuum', () => {
    expect(() => alphaUnitizing({ begin: 0, length: 10, raters: 2, units: [unit(8, 5, 0, 'A')] })).toThrow(/outside/);
  });
});
