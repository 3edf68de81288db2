/**
 * Agreement on statements: who takes which stance on which concept.
 *
 * A statement unit is (article, actor, concept), with actor and concept taken exactly as the
 * networks take them (shared/network: `statementRowsOf`, then `buildAnalysisRows`): the linked
 * entity, else the normalised mention text. Each annotator who coded the article gives each
 * unit of that article one value: the polarity they coded for that actor and concept, 'mixed'
 * when they coded both support and oppose, 'none' when they coded no such statement. Several
 * statements of one annotator on one unit combine as the networks' combined mode combines them:
 * mixed if support and oppose, else support, else oppose, else neutral. Annotators who did not
 * code the article give no value (missing). An actor unit is (article, actor): 'present' when
 * the annotator coded a statement of that actor, else 'absent'.
 */
import type { Article, Entity, Polarity, Statement } from '../domain/model';
import { statementRowsOf } from '../network/statementRow';
import { buildAnalysisRows, type AnalysisRow } from '../network/statementsTable';
import { krippendorffAlphaNominal } from './coding';
import { undefinedBecause, type Alpha, type F1 } from './coefficient';
import { codersOf, pairsOf, type AgreementArticle, type AnnotatorLayer, type LayerSpan, type TextRange } from './input';

export type StatementValue = Polarity | 'mixed' | 'none';
export type ActorValue = 'present' | 'absent';

/** What one annotator coded on one unit. */
interface Coded {
  polarities: Set<Polarity>;
  statementIds: string[];
  /** From the first to the last actor and claim mention of those statements. */
  start: number;
  end: number;
}

export interface Unit<V extends string> {
  articleId: string;
  /** The network's node key(s): "actor:<id>" or "actor-text:<text>", and for statements "\u0000<concept key>". */
  key: string;
  /** Readable: the node labels ("Khaji → U.S. withdrawal"). */
  label: string;
  /** Annotator -> value, for every chosen annotator who coded the article. */
  values: Record<string, V>;
  /** Annotator -> the statements behind their value. */
  statementIds: Record<string, string[]>;
  /** From the first to the last mention involved, for a UI to jump to. */
  range: TextRange;
}

export interface UnitAgreement<V extends string> {
  units: Unit<V>[];
  alpha: Alpha;
  pairs: { annotators: [string, string]; articles: number; f1: F1 }[];
}

const PLACEHOLDER_TIME = '1970-01-01T00:00:00.000Z';

/**
 * The layer as the Article `statementRowsOf` reads: the layer's own spans stand in for the
 * article's without a copy (it reads only their id, offsets, fragments and entity link), and
 * the statements it can place, as statements of the annotator.
 */
function asArticle(article: AgreementArticle, annotator: string, layer: AnnotatorLayer): Article {
  const spanIds = new Set<string>();
  for (const s of layer.spans) spanIds.add(s.id);
  const view: Omit<Article, 'spans'> & { spans: readonly LayerSpan[] } = {
    id: article.id,
    title: article.id,
    status: 'in_progress',
    createdAt: PLACEHOLDER_TIME,
    updatedAt: PLACEHOLDER_TIME,
    text: article.text,
    spans: layer.spans,
    statements: [],
  };
  // A statement whose actor or claim is missing from the layer cannot be placed; one whose
  // stance span is missing still counts (the stance span plays no part in the unit). Written
  // out field by field: object rest and spread cost a runtime call per statement.
  for (const st of layer.statements) {
    if (!spanIds.has(st.actorSpanId) || !spanIds.has(st.claimSpanId)) continue;
    const statement: Statement = {
      id: st.id,
      actorSpanId: st.actorSpanId,
      claimSpanId: st.claimSpanId,
      polarity: st.polarity,
      annotator,
      createdAt: PLACEHOLDER_TIME,
      updatedAt: PLACEHOLDER_TIME,
    };
    if (st.stanceSpanId && spanIds.has(st.stanceSpanId)) statement.stanceSpanId = st.stanceSpanId;
    view.statements.push(statement);
  }
  return view as Article;
}

export function combinedPolarity(polarities: ReadonlySet<Polarity>): StatementValue {
  if (polarities.size === 0) return 'none';
  if (polarities.has('support') && polarities.has('oppose')) return 'mixed';
  if (polarities.has('support')) return 'support';
  if (polarities.has('oppose')) return 'oppose';
  return 'neutral';
}

/** One unit of an article: its key, its label, and what each coder (by position) coded on it. */
interface UnitCoding {
  key: string;
  label: string;
  byCoder: (Coded | undefined)[];
}

/** The coders' analysis rows of one article, in the order of the coders. */
type CodersRows = readonly (readonly AnalysisRow[])[];

/** The units of one article in the order they first occur; looked up by actor key, then concept key. */
function codeArticle(coders: readonly string[], rows: CodersRows, actorsOnly: boolean): UnitCoding[] {
  const units: UnitCoding[] = [];
  const byActor = new Map<string, Map<string, UnitCoding>>();
  coders.forEach((_, k) => {
    for (const row of rows[k]) {
      let byConcept = byActor.get(row.actor.key);
      if (!byConcept) byActor.set(row.actor.key, (byConcept = new Map()));
      const conceptKey = actorsOnly ? '' : row.concept.key;
      let unit = byConcept.get(conceptKey);
      if (!unit) {
        unit = actorsOnly
          ? { key: row.actor.key, label: row.actor.label, byCoder: [] }
          : { key: `${row.actor.key}\u0000${row.concept.key}`, label: `${row.actor.label} → ${row.concept.label}`, byCoder: [] };
        byConcept.set(conceptKey, unit);
        units.push(unit);
      }
      let coded = unit.byCoder[k];
      if (!coded) unit.byCoder[k] = coded = { polarities: new Set(), statementIds: [], start: Infinity, end: -Infinity };
      coded.polarities.add(row.polarity);
      coded.statementIds.push(row.statementId);
      coded.start = Math.min(coded.start, row.actorStart, actorsOnly ? Infinity : row.claimStart);
      coded.end = Math.max(coded.end, row.actorEnd, actorsOnly ? -Infinity : row.claimEnd);
    }
  });
  return units;
}

/** Appends the units of one article to `units`. */
function addUnits<V extends string>(
  article: AgreementArticle,
  coders: readonly string[],
  rows: CodersRows,
  actorsOnly: boolean,
  valueOf: (coded: Coded | undefined) => V,
  units: Unit<V>[],
) {
  for (const { key, label, byCoder } of codeArticle(coders, rows, actorsOnly)) {
    const values: Record<string, V> = {};
    const statementIds: Record<string, string[]> = {};
    let start = Infinity;
    let end = -Infinity;
    coders.forEach((annotator, k) => {
      const coded = byCoder[k];
      values[annotator] = valueOf(coded);
      statementIds[annotator] = coded?.statementIds ?? [];
      if (coded) {
        start = Math.min(start, coded.start);
        end = Math.max(end, coded.end);
      }
    });
    units.push({ articleId: article.id, key, label, values, statementIds, range: { start, end } });
  }
}

/**
 * Pairwise F1 of two annotators over the units of the articles both coded: a unit counts for an
 * annotator when their value is not `absentValue`; it is a match when both give it the same value.
 * F1 = 2 * matches / (|A| + |B|); precision = matches / |A|, recall = matches / |B|.
 */
function pairF1<V extends string>(units: readonly Unit<V>[], a: string, b: string, absentValue: V): F1 {
  let countA = 0;
  let countB = 0;
  let matches = 0;
  for (const u of units) {
    const va = u.values[a];
    const vb = u.values[b];
    if (va === undefined || vb === undefined) continue;
    if (va !== absentValue) countA++;
    if (vb !== absentValue) countB++;
    if (va !== absentValue && va === vb) matches++;
  }
  if (countA + countB === 0) return undefinedBecause('neither annotator coded a statement in the articles both coded');
  const precision = countA === 0 ? 0 : matches / countA;
  const recall = countB === 0 ? 0 : matches / countB;
  return { value: (2 * matches) / (countA + countB), precision, recall };
}

function agreementOf<V extends string>(
  units: Unit<V>[],
  articles: readonly AgreementArticle[],
  annotators: readonly string[],
  absentValue: V,
): UnitAgreement<V> {
  const alpha = krippendorffAlphaNominal(units.map((u) => annotators.map((a) => u.values[a])));
  const pairs = pairsOf(annotators).map(([a, b]) => ({
    annotators: [a, b] as [string, string],
    articles: articles.filter((art) => codersOf(art, [a, b]).length === 2).length,
    f1: pairF1(units, a, b, absentValue),
  }));
  return { units, alpha, pairs };
}

export interface StatementsAgreement {
  statements: UnitAgreement<StatementValue>;
  actors: UnitAgreement<ActorValue>;
}

/**
 * Statement and actor agreement. Article by article, each coder's layer is flattened into
 * analysis rows once, for both kinds of unit, and dropped before the next article.
 */
export function statementAgreement(
  articles: readonly AgreementArticle[],
  annotators: readonly string[],
  entities: readonly Entity[],
): StatementsAgreement {
  const statementUnits: Unit<StatementValue>[] = [];
  const actorUnits: Unit<ActorValue>[] = [];
  for (const article of articles) {
    const coders = codersOf(article, annotators);
    if (coders.length === 0) continue;
    const rows = coders.map((annotator) => buildAnalysisRows(statementRowsOf(asArticle(article, annotator, article.layers[annotator])), entities));
    addUnits<StatementValue>(article, coders, rows, false, (c) => (c ? combinedPolarity(c.polarities) : 'none'), statementUnits);
    addUnits<ActorValue>(article, coders, rows, true, (c) => (c ? 'present' : 'absent'), actorUnits);
  }
  return {
    statements: agreementOf(statementUnits, articles, annotators, 'none'),
    actors: agreementOf(actorUnits, articles, annotators, 'absent'),
  };
}
