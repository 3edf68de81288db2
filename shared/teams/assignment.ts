/**
 * Who codes which article: deterministic from a seed, balanced (the annotators' loads differ by
 * at most one), and, for a double-coded share, each such article goes to two different
 * annotators with the pairs spread over the annotators (so the reliability sample compares
 * everyone with everyone, not one pair only). The result depends on the sets of articles and
 * annotators and the seed, not on the order they were given in.
 */
import { AnnotatorNameSchema } from './package';
import { seededRandom } from '../domain/seededRandom';

/** Every annotator codes every article, or a share of the articles (0..1) is coded by two and the rest by one. */
export type CodingPlan = { kind: 'all' } | { kind: 'double'; share: number };

export interface Assignment {
  /** Each annotator's articles, in the order the article ids were given. */
  byAnnotator: ReadonlyMap<string, readonly string[]>;
  /** The articles coded by two annotators, in the order given. */
  doubleCoded: readonly string[];
}


function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** "20%", "20" or "0.2"-style shares are not mixed up: a share is written with % (0 to 100). */
export function parseShare(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*%$/.exec(text.trim());
  const percent = m ? Number(m[1]) : NaN;
  if (!(percent >= 0 && percent <= 100)) throw new Error(`a share is a percentage from 0% to 100%, like "20%"; got "${text}"`);
  return percent / 100;
}

/** How many of `n` articles a share double-codes: rounded to the nearest whole article. */
export function doubleCodedCount(n: number, share: number): number {
  return Math.round(n * share);
}

/** Refuse what cannot be assigned: no annotators, a name twice (file names ignore case on some systems), a bad name. */
export function checkAnnotators(annotators: readonly string[]): void {
  if (!annotators.length) throw new Error('no annotators given');
  const seen = new Map<string, string>();
  for (const name of annotators) {
    const parsed = AnnotatorNameSchema.safeParse(name);
    if (!parsed.success) throw new Error(`annotator name "${name}": ${parsed.error.issues[0].message}`);
    const key = name.toLowerCase();
    if (seen.has(key)) throw new Error(`annotator "${name}" is given twice${seen.get(key) !== name ? ` (as "${seen.get(key)}"; names differing only in case would share a file)` : ''}`);
    seen.set(key, name);
  }
}

/** Assign `articleIds` to `annotators` by `plan`, deterministically from `seed`. */
export function assignArticles(articleIds: readonly string[], annotators: readonly string[], plan: CodingPlan, seed: number): Assignment {
  checkAnnotators(annotators);
  const ids = [...new Set(articleIds)];
  if (new Set(articleIds).size !== articleIds.length) throw new Error('an article is given twice');
  const byAnnotator = new Map<string, string[]>(annotators.map((a) => [a, []]));
  if (plan.kind === 'all') {
    for (const a of annotators) byAnnotator.set(a, [...ids]);
    return { byAnnotator, doubleCoded: annotators.length >= 2 ? [...ids] : [] };
  }
  const doubles = doubleCodedCount(ids.length, plan.share);
  if (doubles > 0 && annotators.length < 2) throw new Error('double coding needs at least two annotators');

  const random = seededRandom(seed);
  const order = shuffled([...ids].sort(byCodeUnits), random);
  // Who plays which part in the schedule is drawn from the seed; sorting first makes the order
  // the annotators were given in change nothing.
  const people = shuffled([...annotators].sort(byCodeUnits), random);
  const load = people.map(() => 0);
  const coders = new Map<string, number[]>();
  const schedule = pairSchedule(people.length);
  order.slice(0, doubles).forEach((id, n) => {
    const [i, j] = schedule[n % schedule.length];
    load[i]++;
    load[j]++;
    coders.set(id, [i, j]);
  });
  for (const id of order.slice(doubles)) {
    const least = Math.min(...load);
    const candidates = people.map((_p, k) => k).filter((k) => load[k] === least);
    const i = candidates[Math.floor(random() * candidates.length)];
    load[i]++;
    coders.set(id, [i]);
  }
  for (const id of ids) for (const i of coders.get(id)!) byAnnotator.get(people[i])!.push(id);
  return { byAnnotator, doubleCoded: ids.filter((id) => coders.get(id)!.length === 2) };
}

/**
 * Every pair of `k` annotators once, in an order where, after any number of pairs, the
 * annotators' loads differ by at most one (and are equal at the end). Taken round and round,
 * double-coded articles are so balanced both in load and in pairs (any two pairs' counts differ
 * by at most one).
 *  - even k: the circle method's rounds, each a perfect matching (everyone once per round);
 *  - odd k: Walecki's decomposition into (k-1)/2 Hamiltonian cycles, each cycle's edges taken
 *    every other one (v0v1, v2v3, …, then v1v2, v3v4, …), which passes everyone once, then again.
 */
export function pairSchedule(k: number): [number, number][] {
  const pairs: [number, number][] = [];
  if (k < 2) return pairs;
  if (k % 2 === 0) {
    const m = k - 1;
    for (let r = 0; r < m; r++) {
      pairs.push([r, m]);
      for (let i = 1; i < k / 2; i++) pairs.push([(r + i) % m, (r - i + m) % m]);
    }
    return pairs;
  }
  const m = (k - 1) / 2;
  const hub = k - 1;
  const ring = 2 * m;
  for (let c = 0; c < m; c++) {
    const cycle = [hub, c];
    for (let step = 1; step <= m; step++) {
      cycle.push((c + step) % ring);
      if (step < m) cycle.push((c - step + ring) % ring);
    }
    const edge = (e: number): [number, number] => [cycle[e], cycle[(e + 1) % k]];
    for (let e = 0; e < k; e += 2) pairs.push(edge(e));
    for (let e = 1; e < k; e += 2) pairs.push(edge(e));
  }
  return pairs;
}
