/**
 * What every agreement function returns: a number with the quantities it was computed from, or
 * `null` with the reason it is undefined (no variation, too few pairable values, ...). A report
 * must be able to say "not defined because ..." rather than print NaN.
 */
export interface Undefined {
  value: null;
  reason: string;
}

/** A chance-corrected coefficient: 1 - observed / expected disagreement. */
export interface AlphaValue {
  value: number;
  observedDisagreement: number;
  expectedDisagreement: number;
}

/** A kappa: (observed - expected agreement) / (1 - expected agreement). */
export interface KappaValue {
  value: number;
  observedAgreement: number;
  expectedAgreement: number;
  /** Items rated (words, for the word-level kappas). */
  items: number;
}

export interface F1Value {
  value: number;
  precision: number;
  recall: number;
}

export type Alpha = AlphaValue | Undefined;
export type Kappa = KappaValue | Undefined;
export type F1 = F1Value | Undefined;

export const undefinedBecause = (reason: string): Undefined => ({ value: null, reason });
