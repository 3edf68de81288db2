/**
 * Krippendorff's unitizing alpha (alpha_U; Krippendorff 1995, "On the reliability of unitizing
 * continuous data", Sociological Methodology 25; Krippendorff 2004, "Measuring the reliability
 * of qualitative text analysis data", Quality & Quantity 38): raters cut a continuum (here: the
 * characters of the articles) into units of categories; the distance between two raters'
 * segments grows with the squared differences of their boundaries.
 *
 * A port of DKPro Agreement's KrippendorffAlphaUnitizingAgreement (dkpro/dkpro-statistics,
 * dkpro-statistics-agreement/src/main/java/org/dkpro/statistics/agreement/unitizing/
 * KrippendorffAlphaUnitizingAgreement.java at commit f7f4f89, version 2.3.2-SNAPSHOT after
 * release 2.3.1), the implementation INCEpTION reports. It reproduces DKPro's own unit tests
 * (unitizing.test.ts). Two changes that do not alter any value:
 *  - DKPro keeps all units in one TreeSet ordered by (offset, length, rater) and filters it per
 *    rater and category; here units are grouped per (category, rater) once and sorted, which
 *    yields the same sequence because one rater's units of one category may not overlap;
 *  - the expected disagreement sums (gap - l + 1) over all gaps >= l for every unit, O(units x
 *    gaps) in DKPro; here gaps are sorted once with prefix sums, so that sum is
 *    (sum of gaps >= l) - count * (l - 1), found by binary search.
 * DKPro computes the expected disagreement with BigDecimal; doubles agree to ~1e-15 here.
 * Where DKPro returns 0 or NaN for a category without any expected disagreement, this returns
 * null with the reason.
 */
import { undefinedBecause, type Alpha } from './coefficient';

/** One unit a rater marked: [begin, begin + length), length >= 1. */
export interface UnitizingUnit {
  begin: number;
  length: number;
  rater: number;
  category: string;
}

export interface UnitizingStudy {
  /** The continuum is [begin, begin + length). */
  begin: number;
  length: number;
  raters: number;
  units: readonly UnitizingUnit[];
}

export interface UnitizingResult {
  /** DKPro's calculateAgreement: 1 - mean_c D_o(c) / mean_c D_e(c) over the categories present. */
  overall: Alpha;
  /** DKPro's calculateCategoryAgreement, per category present in the units. */
  byCategory: Map<string, Alpha>;
}

/** Begins and lengths of one rater's units of one category, by begin, none overlapping another. */
export interface Track {
  begins: number[];
  lengths: number[];
}

/**
 * DKPro's measureDistance: the distance between two segments (a category, or null for a gap).
 * Two overlapping units: squared begin difference + squared end difference; a unit lying wholly
 * inside the other rater's gap: its squared length; everything else: 0.
 */
export function measureDistance(
  offset1: number,
  length1: number,
  category1: string | null,
  offset2: number,
  length2: number,
  category2: string | null,
): number {
  const beginDiff = offset1 - offset2;
  const lengthDiff = length1 - length2;
  if (category1 !== null && category2 !== null && -length1 < beginDiff && beginDiff < length2)
    return beginDiff * beginDiff + (beginDiff + lengthDiff) * (beginDiff + lengthDiff);
  if (category1 !== null && category2 === null && -lengthDiff >= beginDiff && beginDiff >= 0) return length1 * length1;
  if (category1 === null && category2 !== null && -lengthDiff <= beginDiff && beginDiff <= 0) return length2 * length2;
  return 0;
}

function tracksOf(study: UnitizingStudy): Map<string, Track[]> {
  const grouped = new Map<string, UnitizingUnit[][]>();
  for (const u of study.units) {
    if (!(u.length >= 1) || u.rater < 0 || u.rater >= study.raters)
      throw new RangeError(`unit ${u.category}@${u.begin}+${u.length} of rater ${u.rater}: positive length and a known rater needed`);
    if (u.begin < study.begin || u.begin + u.length > study.begin + study.length)
      throw new RangeError(`unit ${u.category}@${u.begin}+${u.length} lies outside the continuum`);
    let perRater = grouped.get(u.category);
    if (!perRater) grouped.set(u.category, (perRater = Array.from({ length: study.raters }, () => [])));
    perRater[u.rater].push(u);
  }
  const tracks = new Map<string, Track[]>();
  for (const [category, perRater] of grouped) {
    tracks.set(
      category,
      perRater.map((units, rater) => {
        units.sort((a, b) => a.begin - b.begin || a.length - b.length);
        for (let i = 1; i < units.length; i++)
          if (units[i].begin < units[i - 1].begin + units[i - 1].length)
            throw new RangeError(`rater ${rater} has overlapping units of category "${category}" at ${units[i].begin}`);
        return { begins: units.map((u) => u.begin), lengths: units.map((u) => u.length) };
      }),
    );
  }
  return tracks;
}

/** Where one rater's walk along the continuum is: the current segment and the next unit. */
interface Cursor {
  track: Track;
  next: number;
  offset: number;
  length: number;
  /** True for a unit, false for a gap. */
  inUnit: boolean;
}

/** At the end of the current segment, step to the next one: the next unit if it starts here, else the gap up to it. */
function advance(c: Cursor, pos: number, end: number) {
  if (pos !== c.offset + c.length) return;
  if (c.next < c.track.begins.length && pos === c.track.begins[c.next]) {
    c.length = c.track.lengths[c.next++];
    c.inUnit = true;
  } else {
    c.length = (c.next < c.track.begins.length ? c.track.begins[c.next] : end) - pos;
    c.inUnit = false;
  }
  c.offset = pos;
}

/**
 * DKPro's calculateObservedCategoryDisagreement: every pair of raters walks the continuum
 * segment by segment (units and the gaps between them) and sums the distances of the segments
 * that are current together; 2 / (R (R - 1) L^2) times the total.
 */
function observedDisagreement(tracks: Track[], B: number, L: number): number {
  const R = tracks.length;
  let result = 0;
  for (let r1 = 0; r1 < R; r1++) {
    for (let r2 = r1 + 1; r2 < R; r2++) {
      const c1: Cursor = { track: tracks[r1], next: 0, offset: B, length: 0, inUnit: false };
      const c2: Cursor = { track: tracks[r2], next: 0, offset: B, length: 0, inUnit: false };
      let pos = B;
      while (pos < B + L && (c1.next < c1.track.begins.length || c2.next < c2.track.begins.length)) {
        advance(c1, pos, B + L);
        advance(c2, pos, B + L);
        result += measureDistance(c1.offset, c1.length, c1.inUnit ? 'unit' : null, c2.offset, c2.length, c2.inUnit ? 'unit' : null);
        pos = Math.min(c1.offset + c1.length, c2.offset + c2.length);
      }
    }
  }
  return (result * 2) / (R * (R - 1) * (L * L));
}

/** DKPro's calculateExpectedCategoryDisagreement, with the gap sum by prefix sums (see top). */
function expectedDisagreement(tracks: Track[], B: number, L: number): number {
  const R = tracks.length;
  let unitCount = 0;
  let squaredLengths = 0;
  // At most one gap before each unit and one after the last; a typed array sorts numbers
  // without a comparator call per step.
  const gaps = new Float64Array(tracks.reduce((n, t) => n + t.lengths.length + 1, 0));
  let gapCount = 0;
  for (const t of tracks) {
    unitCount += t.lengths.length;
    let pos = B;
    for (let i = 0; i < t.begins.length; i++) {
      if (t.begins[i] > pos) gaps[gapCount++] = t.begins[i] - pos;
      squaredLengths += t.lengths[i] * (t.lengths[i] - 1);
      pos = t.begins[i] + t.lengths[i];
    }
    if (pos < B + L) gaps[gapCount++] = B + L - pos;
  }
  // Largest first.
  const sorted = gaps.subarray(0, gapCount).sort().reverse();
  // atLeast[k] = sum of the k largest gaps.
  const atLeast = new Float64Array(sorted.length + 1);
  for (let i = 0; i < sorted.length; i++) atLeast[i + 1] = atLeast[i] + sorted[i];
  /** How many gaps are >= length (gaps are sorted descending). */
  const countAtLeast = (length: number) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] >= length) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // A unit's term depends on its length only, and most units share a few lengths.
  const termOf = new Map<number, number>();
  let result = 0;
  for (const t of tracks) {
    for (const l of t.lengths) {
      let term = termOf.get(l);
      if (term === undefined) {
        const sum1 = ((unitCount - 1) * (2 * l * l * l - 3 * l * l + l)) / 3;
        const k = countAtLeast(l);
        const sum2 = atLeast[k] - k * (l - 1);
        termOf.set(l, (term = sum1 + sum2 * l * l));
      }
      result += term;
    }
  }
  result *= 2 / L;
  return result / (R * L * (R * L - 1) - squaredLengths);
}

function chanceCorrected(observed: number, expected: number, what: string): Alpha {
  if (!(expected > 0)) return undefinedBecause(`no expected disagreement for ${what}`);
  // As DKPro: equal disagreements give exactly 0, not a rounding residue.
  const value = observed === expected ? 0 : 1 - observed / expected;
  return { value, observedDisagreement: observed, expectedDisagreement: expected };
}

export function alphaUnitizing(study: UnitizingStudy): UnitizingResult {
  if (study.raters < 2) return { overall: undefinedBecause('fewer than two raters'), byCategory: new Map() };
  if (!(study.length >= 1)) return { overall: undefinedBecause('the continuum is empty'), byCategory: new Map() };
  return alphaUnitizingTracks(study, tracksOf(study));
}

/**
 * alpha_U from units already grouped per category and rater (category -> one track per rater),
 * as `alphaUnitizing` groups them: for callers that produce them in order, without one object
 * per unit. The tracks must hold what `alphaUnitizing` checks: lengths >= 1, inside the
 * continuum, sorted by begin, no overlap within a track.
 */
export function alphaUnitizingTracks(study: Omit<UnitizingStudy, 'units'>, tracks: ReadonlyMap<string, Track[]>): UnitizingResult {
  const byCategory = new Map<string, Alpha>();
  if (study.raters < 2) return { overall: undefinedBecause('fewer than two raters'), byCategory };
  if (!(study.length >= 1)) return { overall: undefinedBecause('the continuum is empty'), byCategory };
  if (tracks.size === 0) return { overall: undefinedBecause('no rater marked any unit'), byCategory };
  const { begin, length } = study;
  let sumObserved = 0;
  let sumExpected = 0;
  for (const [category, perRater] of [...tracks].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const observed = observedDisagreement(perRater, begin, length);
    const expected = expectedDisagreement(perRater, begin, length);
    sumObserved += observed;
    sumExpected += expected;
    byCategory.set(category, chanceCorrected(observed, expected, `category "${category}"`));
  }
  const observed = sumObserved / tracks.size;
  const expected = sumExpected / tracks.size;
  // DKPro: no disagreement at all on units of positive length is full agreement (its issue #35).
  if (observed === 0 && expected === 0) return { overall: { value: 1, observedDisagreement: 0, expectedDisagreement: 0 }, byCategory };
  return { overall: chanceCorrected(observed, expected, 'any category'), byCategory };
}
