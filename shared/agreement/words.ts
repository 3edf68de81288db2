/**
 * Word-level labels for Cohen's and Fleiss' kappa and the confusion matrices.
 *
 * Words: the segments of `Intl.Segmenter(undefined, { granularity: 'word' })` with
 * `isWordLike` (letters, digits, ideographs; punctuation, spaces and emoji are not words), found
 * once per article and report (wordOffsets.ts).
 * A span covers a word when they share at least one UTF-16 code unit (a span cut inside a word
 * still labels it). A word's category for one annotator is the set of labels of the spans
 * covering it, written as the label ids sorted and joined by '+' ("actor+claim" when an actor
 * span sits inside a claim span), or 'O' when no span covers it. So nested and overlapping spans
 * lose nothing, and two layers agree on a word only when they give it the same label set.
 * Per label, the category is binary: the label is among the word's labels, or not ('O').
 */
import { cohenKappa, ConfusionTally, fleissKappaCounted, type ConfusionMatrix } from './coding';
import type { Kappa } from './coefficient';
import { byCodeUnits, rangesOf, type AgreementArticle } from './input';
import { wordOffsets, type Words } from './wordOffsets';

export const OUTSIDE = 'O';

/** Up to this many (set, set) cells, a pair's words are counted in a table rather than a map. */
const DENSE_PAIR_LIMIT = 1 << 20;

export interface LabelledKappa {
  overall: Kappa;
  byLabel: Record<string, Kappa>;
}

/** Each annotator's words as label-set ids; set 0 is 'O'. Words and codes are computed once. */
export class WordCoding {
  private readonly setIds = new Map<string, number>([['', 0]]);
  private readonly setNames: string[] = [OUTSIDE];
  private readonly setLabels: ReadonlySet<string>[] = [new Set()];
  /** (set id, label) -> the id of the set with that label added: labelling a word allocates nothing. */
  private readonly withLabel = new Map<number, number>();
  private readonly labelIndex: ReadonlyMap<string, number>;
  private readonly words = new Map<AgreementArticle, Words>();
  private readonly codes = new Map<AgreementArticle, Map<string, Int32Array>>();

  constructor(private readonly labels: readonly string[]) {
    this.labelIndex = new Map(labels.map((label, i) => [label, i]));
  }

  private wordsOf(article: AgreementArticle): Words {
    let words = this.words.get(article);
    if (!words) this.words.set(article, (words = wordOffsets(article.text)));
    return words;
  }

  private intern(labels: string[]): number {
    const key = labels.join('+');
    let id = this.setIds.get(key);
    if (id === undefined) {
      id = this.setNames.length;
      this.setIds.set(key, id);
      this.setNames.push(key);
      this.setLabels.push(new Set(labels));
    }
    return id;
  }

  private add(setId: number, label: string, index: number): number {
    const key = setId * this.labels.length + index;
    let id = this.withLabel.get(key);
    if (id === undefined) {
      const labels = [...this.setLabels[setId]];
      if (!labels.includes(label)) labels.push(label);
      this.withLabel.set(key, (id = this.intern(labels.sort(byCodeUnits))));
    }
    return id;
  }

  /** The label-set id of every word of the article for one annotator. */
  codesOf(article: AgreementArticle, annotator: string): Int32Array {
    let perAnnotator = this.codes.get(article);
    if (!perAnnotator) this.codes.set(article, (perAnnotator = new Map()));
    const cached = perAnnotator.get(annotator);
    if (cached) return cached;
    const { starts, ends } = this.wordsOf(article);
    const codes = new Int32Array(starts.length);
    for (const span of article.layers[annotator].spans) {
      const index = this.labelIndex.get(span.labelId);
      if (index === undefined) continue;
      for (const r of rangesOf(span)) {
        // First word ending after the piece starts; ends increase with starts.
        let lo = 0;
        let hi = ends.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (ends[mid] > r.start) hi = mid;
          else lo = mid + 1;
        }
        for (let w = lo; w < starts.length && starts[w] < r.end; w++) codes[w] = this.add(codes[w], span.labelId, index);
      }
    }
    perAnnotator.set(annotator, codes);
    return codes;
  }

  private binary(setId: number, label: string): string {
    return this.setLabels[setId].has(label) ? label : OUTSIDE;
  }

  /** Cohen's kappa (overall and per label) and the confusion matrix of two annotators. */
  pair(articles: readonly AgreementArticle[], a: string, b: string): { kappa: LabelledKappa; confusion: ConfusionMatrix } {
    // Count (set of a, set of b) pairs first: a few dozen distinct pairs stand for every word.
    // All codes first, so that the number of sets is final; then a table of counts when it is
    // small enough (the usual case), else a map.
    const codes = articles.map((article) => [this.codesOf(article, a), this.codesOf(article, b)] as const);
    const sets = this.setNames.length;
    const pairCounts = new Map<number, number>();
    if (sets * sets <= DENSE_PAIR_LIMIT) {
      const cells = new Float64Array(sets * sets);
      for (const [codesA, codesB] of codes) for (let w = 0; w < codesA.length; w++) cells[codesA[w] * sets + codesB[w]]++;
      cells.forEach((n, key) => {
        if (n > 0) pairCounts.set(key, n);
      });
    } else {
      for (const [codesA, codesB] of codes)
        for (let w = 0; w < codesA.length; w++) {
          const key = codesA[w] * sets + codesB[w];
          pairCounts.set(key, (pairCounts.get(key) ?? 0) + 1);
        }
    }
    const decode = (key: number) => [Math.floor(key / sets), key % sets] as const;
    const overall = new ConfusionTally();
    for (const [key, n] of pairCounts) {
      const [sa, sb] = decode(key);
      overall.add(this.setNames[sa], this.setNames[sb], n);
    }
    const byLabel: Record<string, Kappa> = {};
    for (const label of this.labels) {
      const tally = new ConfusionTally();
      for (const [key, n] of pairCounts) {
        const [sa, sb] = decode(key);
        tally.add(this.binary(sa, label), this.binary(sb, label), n);
      }
      byLabel[label] = cohenKappa(tally.matrix());
    }
    const confusion = overall.matrix();
    return { kappa: { overall: cohenKappa(confusion), byLabel }, confusion };
  }

  /** Fleiss' kappa (overall and per label) of several annotators over articles all of them coded. */
  fleiss(articles: readonly AgreementArticle[], raters: readonly string[]): LabelledKappa {
    // Items with the same ratings (in rater order) are counted once with their frequency. Their
    // key: the ratings read as the digits of a number in base (number of sets), when it fits.
    const codesByArticle = articles.map((article) => raters.map((r) => this.codesOf(article, r)));
    const base = this.setNames.length;
    const numeric = base ** raters.length <= Number.MAX_SAFE_INTEGER;
    const signatures = new Map<number | string, { sets: number[]; count: number }>();
    for (const codes of codesByArticle) {
      const n = codes[0]?.length ?? 0;
      for (let w = 0; w < n; w++) {
        let key: number | string = numeric ? 0 : '';
        for (const c of codes) key = numeric ? (key as number) * base + c[w] : `${key}${c[w]},`;
        const entry = signatures.get(key);
        if (entry) entry.count++;
        else signatures.set(key, { sets: codes.map((c) => c[w]), count: 1 });
      }
    }
    const items = [...signatures.values()];
    const overall = fleissKappaCounted(items.map(({ sets, count }) => ({ ratings: sets.map((s) => this.setNames[s]), count })));
    const byLabel: Record<string, Kappa> = {};
    for (const label of this.labels)
      byLabel[label] = fleissKappaCounted(items.map(({ sets, count }) => ({ ratings: sets.map((s) => this.binary(s, label)), count })));
    return { overall, byLabel };
  }
}
