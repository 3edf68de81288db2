/**
 * The agreement report of issue 11: for the chosen annotators and articles, per label and
 * overall, agreement on spans (alpha_U, word-level kappa, pairwise F1 and confusion matrices),
 * on statements and on actors, and the list of disagreements. Pure: the CLI, the agreement
 * screen and the tests call it with plain data. docs/teams.md explains every number.
 *
 * Which articles each number covers:
 *  - alpha_U and the multi-rater kappa (Cohen's for two annotators, Fleiss' for more): the
 *    articles coded by every chosen annotator (neither coefficient allows missing coders);
 *  - each pair's F1, alpha_U, Cohen's kappa and confusion matrix: the articles both coded;
 *  - statement and actor alpha: every article, coders missing where they did not code it
 *    (Krippendorff's alpha allows missing values).
 */
import type { Entity } from '../domain/model';
import type { ConfusionMatrix } from './coding';
import { undefinedBecause, type Undefined } from './coefficient';
import { spanDisagreements, unitDisagreements, type Disagreement } from './disagreements';
import { byCodeUnits, codersOf, pairsOf, type AgreementArticle } from './input';
import { MergedPieces, spanAlpha, type LabelledAlpha } from './spanAlpha';
import { LabelledSpans, spanF1, type LabelledF1 } from './spanF1';
import { statementAgreement, type ActorValue, type StatementValue, type UnitAgreement } from './statements';
import { WordCoding, type LabelledKappa } from './words';

export interface AgreementInput {
  articles: readonly AgreementArticle[];
  /** The workspace's entities and concepts, to resolve the links of actor and claim mentions. */
  entities: readonly Entity[];
  /** The annotators to compare (default: everyone who coded any article, sorted). */
  annotators?: readonly string[];
  /** The label ids whose spans count (default: every label used, sorted). */
  labels?: readonly string[];
}

export interface SpanPairAgreement {
  annotators: [string, string];
  /** Articles both coded. */
  articles: number;
  exactF1: LabelledF1;
  overlapF1: LabelledF1;
  alphaU: LabelledAlpha;
  cohenKappa: LabelledKappa;
  /** Words: rows the first annotator's category, columns the second's. */
  confusion: ConfusionMatrix;
}

export interface AgreementReport {
  annotators: string[];
  labels: string[];
  articles: {
    total: number;
    /** Coded by at least two of the chosen annotators. */
    compared: number;
    /** Coded by all of them: what alpha_U and the multi-rater kappa cover. */
    codedByAll: number;
  };
  spans: {
    alphaU: LabelledAlpha;
    wordKappa: LabelledKappa & { measure: 'cohen' | 'fleiss' };
    pairs: SpanPairAgreement[];
  };
  statements: UnitAgreement<StatementValue>;
  actors: UnitAgreement<ActorValue>;
  disagreements: Disagreement[];
}

const undefinedForAll = (labels: readonly string[], reason: string): { overall: Undefined; byLabel: Record<string, Undefined> } => ({
  overall: undefinedBecause(reason),
  byLabel: Object.fromEntries(labels.map((l) => [l, undefinedBecause(reason)])),
});

/** Article order of the input, then position, so that a UI can walk them in reading order. */
function readingOrder(articles: readonly AgreementArticle[], list: Disagreement[]): Disagreement[] {
  const index = new Map(articles.map((a, i) => [a.id, i]));
  // Each item's article position looked up once, not twice per comparison.
  const keyed = list.map((d) => ({ d, article: index.get(d.articleId)! }));
  keyed.sort((x, y) => x.article - y.article || x.d.range.start - y.d.range.start || x.d.range.end - y.d.range.end);
  return keyed.map(({ d }) => d);
}

export function computeAgreement(input: AgreementInput): AgreementReport {
  const annotators = input.annotators
    ? [...input.annotators]
    : [...new Set(input.articles.flatMap((a) => Object.keys(a.layers)))].sort(byCodeUnits);
  const chosen = new Set(annotators);
  const labels = input.labels
    ? [...input.labels]
    : [
        ...new Set(
          input.articles.flatMap((a) =>
            Object.entries(a.layers)
              .filter(([annotator]) => chosen.has(annotator))
              .flatMap(([, layer]) => layer.spans.map((s) => s.labelId)),
          ),
        ),
      ].sort(byCodeUnits);
  const labelSet = new Set(labels);
  const codedByAll = input.articles.filter((a) => codersOf(a, annotators).length === annotators.length);
  const words = new WordCoding(labels);
  const pieces = new MergedPieces(labelSet);
  const labelledSpans = new LabelledSpans(labelSet);

  const pairs = pairsOf(annotators).map(([a, b]): SpanPairAgreement => {
    const both = input.articles.filter((art) => codersOf(art, [a, b]).length === 2);
    const f1 = spanF1(both, a, b, labelledSpans, labelSet);
    const { kappa, confusion } = words.pair(both, a, b);
    return { annotators: [a, b], articles: both.length, exactF1: f1.exact, overlapF1: f1.overlap, alphaU: spanAlpha(both, [a, b], pieces), cohenKappa: kappa, confusion };
  });

  let alphaU: LabelledAlpha;
  let wordKappa: LabelledKappa;
  if (annotators.length < 2) {
    alphaU = undefinedForAll(labels, 'fewer than two annotators chosen');
    wordKappa = undefinedForAll(labels, 'fewer than two annotators chosen');
  } else if (codedByAll.length === 0) {
    const reason = `no article was coded by all ${annotators.length} annotators`;
    alphaU = undefinedForAll(labels, reason);
    wordKappa = undefinedForAll(labels, reason);
  } else if (annotators.length === 2) {
    // The one pair covers the same articles.
    alphaU = pairs[0].alphaU;
    wordKappa = pairs[0].cohenKappa;
  } else {
    alphaU = spanAlpha(codedByAll, annotators, pieces);
    wordKappa = words.fleiss(codedByAll, annotators);
  }

  const { statements, actors } = statementAgreement(input.articles, annotators, input.entities);
  return {
    annotators,
    labels,
    articles: {
      total: input.articles.length,
      compared: input.articles.filter((a) => codersOf(a, annotators).length >= 2).length,
      codedByAll: annotators.length < 2 ? 0 : codedByAll.length,
    },
    spans: { alphaU, wordKappa: { ...wordKappa, measure: annotators.length === 2 ? 'cohen' : 'fleiss' }, pairs },
    statements,
    actors,
    disagreements: readingOrder(input.articles, [
      ...spanDisagreements(input.articles, annotators, labelSet),
      ...unitDisagreements(statements.units, actors.units),
    ]),
  };
}
