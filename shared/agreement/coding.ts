/**
 * Coefficients for coding studies (every rater assigns each item one category): Krippendorff's
 * alpha (nominal, missing values allowed), Cohen's kappa (two raters) and Fleiss' kappa (a fixed
 * number of raters per item). docs/teams.md gives the formulas and how to report them.
 *
 * Categories are compared with `===` (strings in practice). Functions take plain data or a
 * tally so that callers with a million words need not build one object per word.
 */
import { undefinedBecause, type Alpha, type Kappa } from './coefficient';

/** A missing value: the rater did not code this item. */
export type Missing = null | undefined;

/**
 * Krippendorff's alpha for nominal data (Krippendorff 2011, "Computing Krippendorff's
 * Alpha-Reliability", section "C. Nominal data, any number of observers, missing data").
 * Each unit lists the values its raters gave, one entry per rater, missing ones as null.
 * Units with fewer than two values are not pairable and are left out, as the paper says.
 *
 *   alpha = 1 - (n - 1) * sum_{c != k} o_ck / sum_{c != k} n_c n_k
 *
 * where o_ck counts the c-k pairs within units, each unit's pairs weighted 1 / (m_u - 1).
 */
export function krippendorffAlphaNominal<V>(units: Iterable<ReadonlyArray<V | Missing>>): Alpha {
  const totals = new Map<V, number>();
  let n = 0;
  // sum over units of sum_{c != k} o_ck, i.e. the observed mismatching pairs, weighted.
  let mismatches = 0;
  const inUnit = new Map<V, number>();
  for (const unit of units) {
    inUnit.clear();
    let m = 0;
    for (const v of unit) {
      if (v === null || v === undefined) continue;
      inUnit.set(v, (inUnit.get(v) ?? 0) + 1);
      m++;
    }
    if (m < 2) continue;
    let sameSquares = 0;
    for (const [v, count] of inUnit) {
      sameSquares += count * count;
      totals.set(v, (totals.get(v) ?? 0) + count);
    }
    mismatches += (m * m - sameSquares) / (m - 1);
    n += m;
  }
  if (n < 2) return undefinedBecause('fewer than two pairable values (no item was coded by two raters)');
  let squares = 0;
  for (const t of totals.values()) squares += t * t;
  const expectedPairs = n * n - squares;
  if (expectedPairs === 0) return undefinedBecause('no variation: every pairable value is the same');
  const observedDisagreement = mismatches / n;
  const expectedDisagreement = expectedPairs / (n * (n - 1));
  return { value: 1 - observedDisagreement / expectedDisagreement, observedDisagreement, expectedDisagreement };
}

/** Rows: the first rater's categories; columns: the second's. `counts[i][j]` items. */
export interface ConfusionMatrix {
  categories: string[];
  counts: number[][];
}

/** Counts category pairs of two raters; `matrix()` lists categories sorted, 'O' last. */
export class ConfusionTally {
  private readonly cells = new Map<string, Map<string, number>>();
  private readonly seen = new Set<string>();

  add(first: string, second: string, count = 1): void {
    let row = this.cells.get(first);
    if (!row) this.cells.set(first, (row = new Map()));
    row.set(second, (row.get(second) ?? 0) + count);
    this.seen.add(first).add(second);
  }

  matrix(outside = 'O'): ConfusionMatrix {
    const categories = [...this.seen].sort((a, b) => (a === outside ? 1 : b === outside ? -1 : a < b ? -1 : a > b ? 1 : 0));
    const counts = categories.map((c) => categories.map((d) => this.cells.get(c)?.get(d) ?? 0));
    return { categories, counts };
  }
}

/**
 * Cohen's (1960) kappa from two raters' confusion matrix:
 *   kappa = (p_o - p_e) / (1 - p_e),  p_o = sum_c n_cc / N,  p_e = sum_c (n_c. / N)(n_.c / N).
 */
export function cohenKappa(matrix: ConfusionMatrix): Kappa {
  const { counts } = matrix;
  const k = counts.length;
  let total = 0;
  let diagonal = 0;
  const rows = new Array<number>(k).fill(0);
  const cols = new Array<number>(k).fill(0);
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      const c = counts[i][j];
      total += c;
      rows[i] += c;
      cols[j] += c;
      if (i === j) diagonal += c;
    }
  if (total === 0) return undefinedBecause('no items were rated by both raters');
  let expected = 0;
  for (let i = 0; i < k; i++) expected += (rows[i] / total) * (cols[i] / total);
  const observed = diagonal / total;
  if (expected === 1) return undefinedBecause('no variation: both raters gave every item the same category');
  return { value: (observed - expected) / (1 - expected), observedAgreement: observed, expectedAgreement: expected, items: total };
}

/**
 * Fleiss' (1971) kappa. Each item lists the categories its raters gave; every item must have
 * the same number n >= 2 of ratings (the raters may differ from item to item).
 *   P_i = (sum_j n_ij^2 - n) / (n (n - 1)),  P = mean P_i,  p_j = sum_i n_ij / (N n),
 *   P_e = sum_j p_j^2,  kappa = (P - P_e) / (1 - P_e).
 */
export function fleissKappa(items: Iterable<readonly string[]>): Kappa {
  return fleissKappaCounted(
    (function* () {
      for (const ratings of items) yield { ratings, count: 1 };
    })(),
  );
}

/** Fleiss' kappa of items given once per distinct rating list with how often it occurs. */
export function fleissKappaCounted(items: Iterable<{ ratings: readonly string[]; count: number }>): Kappa {
  const totals = new Map<string, number>();
  const inItem = new Map<string, number>();
  let raters = -1;
  let count = 0;
  let sumP = 0;
  for (const { ratings, count: times } of items) {
    if (raters === -1) raters = ratings.length;
    else if (ratings.length !== raters) return undefinedBecause('items have different numbers of ratings');
    inItem.clear();
    for (const c of ratings) inItem.set(c, (inItem.get(c) ?? 0) + 1);
    let squares = 0;
    for (const [c, n] of inItem) {
      squares += n * n;
      totals.set(c, (totals.get(c) ?? 0) + n * times);
    }
    sumP += raters < 2 ? 0 : (times * (squares - raters)) / (raters * (raters - 1));
    count += times;
  }
  if (count === 0) return undefinedBecause('no items');
  if (raters < 2) return undefinedBecause('fewer than two ratings per item');
  let expected = 0;
  for (const t of totals.values()) expected += (t / (count * raters)) ** 2;
  const observed = sumP / count;
  if (expected === 1) return undefinedBecause('no variation: every rating is the same category');
  return { value: (observed - expected) / (1 - expected), observedAgreement: observed, expectedAgreement: expected, items: count };
}
