/**
 * Curation of one article into its gold layer (docs/teams.md, "Curation"): what every annotator
 * marked identically is offered for acceptance at once; each place where they differ (a span
 * disagreement of disagreements.ts) is an item the curator decides with one key: take one
 * annotator's spans, take all of them, or take neither. A decision is an edit batch on the gold
 * layer (the article's own spans) plus a `setCurationDecision` edit recording the item's key, so
 * it is undone, saved and replayed like any other edit, and "take neither" is remembered too.
 *
 * Statements are curated the same way, by unit (article, actor, concept) as the agreement takes
 * them (statements.ts): a unit the annotators valued alike (same polarity) is agreed, one they
 * valued differently is an item whose options are each annotator's statements there; taking one
 * copies the statements and the spans they link (a gold span with the same label and pieces is
 * used instead of a copy).
 *
 * Span items are keyed by their range ("span:<start>-<end>", UTF-16 offsets), statement items by
 * their unit ("statement:<actor key>␀<concept key>"): when newer work changes a place, its key or
 * its options change, and it comes back as undecided.
 */
import type { Edit } from '../domain/edits';
import type { CollectedSpan, CollectedStatement } from '../domain/layers';
import type { Article, Entity, Span, Statement } from '../domain/model';
import { clusterDisagreement, oneSameSpanEach, spanClusters } from './disagreements';
import { statementAgreement } from './statements';
import { byCodeUnits, piecesKey, type AgreementArticle, type LayerSpan, type TextRange } from './input';

/**
 * A layer's span as curation reads it: the collected span the page is sent (who made it and when
 * left out), or a whole stored span (the service's progress count). A copy into gold gets the
 * curator's name and times either way.
 */
export type CuratedSpan = CollectedSpan & Partial<Pick<Span, 'annotator' | 'createdAt' | 'updatedAt'>>;
export type CuratedStatement = CollectedStatement & Partial<Pick<Statement, 'annotator' | 'createdAt' | 'updatedAt'>>;

export interface CurationOption {
  annotator: string;
  /** A span item: the annotator's spans at the place. A statement item: the spans their statements link. */
  spans: CuratedSpan[];
  /** A statement item: the annotator's statements of the unit (empty for a span item). */
  statements: CuratedStatement[];
}

export interface CurationItem {
  key: string;
  kind: 'span' | 'statement';
  /** A statement item's unit, readable ("Khaji → U.S. withdrawal"). */
  label?: string;
  range: TextRange;
  /** One per annotator who coded the article, in name order: what they marked here (maybe nothing). */
  options: CurationOption[];
  decided: boolean;
}

export interface CurationPlan {
  annotators: string[];
  /** Spans every annotator marked identically (label and pieces) that the gold layer lacks. */
  agreed: CuratedSpan[];
  /** Statements of units every annotator valued alike, as the first of them coded them; gold may have them already. */
  agreedStatements: CuratedStatement[];
  items: CurationItem[];
}

/** A collected layer as curation reads it: the annotator's name, spans and statements. */
export interface CuratedLayer {
  annotator: string;
  spans: readonly CuratedSpan[];
  statements: readonly CuratedStatement[];
}

const spanKey = (s: Pick<LayerSpan, 'labelId' | 'start' | 'end' | 'fragments'>) => `${s.labelId}@${piecesKey(s)}`;

export const itemKey = (range: TextRange) => `span:${range.start}-${range.end}`;

/** What depends on the layers only (the costly part: sorting every annotator's spans), computed once per article and layers. */
export interface CurationPlaces {
  annotators: string[];
  /** Spans every annotator marked identically (label and pieces), whether gold has them or not. */
  agreed: CuratedSpan[];
  agreedStatements: CuratedStatement[];
  /** The key of each of `agreedStatements` (its spans' keys and polarity), in its order. */
  agreedStatementKeys: string[];
  items: Omit<CurationItem, 'decided'>[];
}

/** Same label and the same pieces. */
const sameSpan = (a: LayerSpan, b: LayerSpan) =>
  a.start === b.start && a.end === b.end && a.labelId === b.labelId && (!(a.fragments || b.fragments) || piecesKey(a) === piecesKey(b));

/** Whether `spans` has one with the label and pieces of the span asked about: an index by start, no string keys (asked for every agreed span on each decision). */
function spanFinder(spans: readonly LayerSpan[]): (span: LayerSpan) => boolean {
  const byStart = new Map<number, LayerSpan[]>();
  for (const s of spans) {
    const list = byStart.get(s.start);
    if (list) list.push(s);
    else byStart.set(s.start, [s]);
  }
  return (span) => byStart.get(span.start)?.some((s) => sameSpan(s, span)) ?? false;
}

/**
 * A picker of a layer's records by id, in the layer's order (as filtering the layer gives them):
 * an index per layer, so picking a place's few records does not walk them all.
 */
function inLayerOrder<T extends { id: string }>(records: readonly T[]): (ids: readonly string[]) => T[] {
  let at: Map<string, number> | undefined;
  return (ids) => {
    if (!ids.length) return [];
    at ??= new Map(records.map((r, i) => [r.id, i]));
    const found = new Set<number>();
    for (const id of ids) {
      const i = at.get(id);
      if (i !== undefined) found.add(i);
    }
    return [...found].sort((x, y) => x - y).map((i) => records[i]);
  };
}

/**
 * The span places as positions in the layers' span lists: what the service computes beside the
 * layers it sends (listArticleLayers), so the page only looks them up (`spanPlacesAt`) instead of
 * walking 3 × 20,000 spans while the article opens. Depends on the layers' spans only.
 */
export interface SpanPlaceIndexes {
  /** The layers' annotators, sorted by UTF-16 code units. */
  annotators: string[];
  /** The annotator whose spans `agreed` points into: the first layer given. */
  agreedFrom: string;
  /** Positions, ascending, of the spans every annotator marked identically. */
  agreed: number[];
  /** Each place: its range and, per annotator in `annotators` order, the positions of their spans there (ascending). */
  items: { start: number; end: number; options: number[][] }[];
}

/**
 * The agreed spans and span places of the layers in one walk over their clusters (disagreements.ts):
 * spans that are identical lie in one cluster, so "every layer has it" is asked within a cluster of
 * a few spans, and a place's options are its cluster's spans by layer position. No span is keyed
 * by a string and no layer is searched (3 layers × 20,000 spans: ~0.1 s warm, from 10 s with a
 * filter of the layer per place and 1 s with string keys).
 */
export function spanPlaceIndexes(layers: readonly CuratedLayer[]): SpanPlaceIndexes {
  const annotators = layers.map((l) => l.annotator).sort(byCodeUnits);
  const agreed: number[] = [];
  const items: SpanPlaceIndexes['items'] = [];
  const out = { annotators, agreedFrom: layers[0]?.annotator ?? '', agreed, items };
  if (layers.length < 2) return out;
  // Agreed: the first layer's spans that every other layer has too, in that layer's order.
  const first = annotators.indexOf(layers[0].annotator);
  spanClusters(agreementInput({ id: '', text: '' }, layers), annotators, null, (cluster, end) => {
    // Most clusters: one identical span from every annotator.
    if (oneSameSpanEach(cluster, annotators.length)) return void agreed.push(cluster.find((e) => e.coder === first)!.index);
    const taken: LayerSpan[] = [];
    for (const e of cluster) {
      if (e.coder !== first || taken.some((t) => sameSpan(t, e.span))) continue;
      const have = annotators.map((_a, coder) => coder === first);
      for (const f of cluster) if (sameSpan(f.span, e.span)) have[f.coder] = true;
      if (!have.every(Boolean)) continue;
      taken.push(e.span);
      agreed.push(e.index);
    }
    const d = clusterDisagreement('', annotators, cluster, end);
    if (!d || d.kind !== 'span') return;
    const options = annotators.map((_a, coder) => cluster.filter((e) => e.coder === coder).map((e) => e.index).sort((x, y) => x - y));
    items.push({ start: d.range.start, end: d.range.end, options });
  });
  agreed.sort((x, y) => x - y);
  return out;
}

/**
 * The span places `indexes` point to in `layers`, or null when they were computed for other
 * layers (other annotators, or a position past a layer's end): then compute them here.
 */
export function spanPlacesAt(indexes: SpanPlaceIndexes, layers: readonly CuratedLayer[]): CurationPlaces | null {
  const annotators = layers.map((l) => l.annotator).sort(byCodeUnits);
  if (annotators.length !== indexes.annotators.length || annotators.some((a, i) => a !== indexes.annotators[i])) return null;
  const spansOf = new Map(layers.map((l) => [l.annotator, l.spans]));
  let valid = true;
  const pick = (spans: readonly CuratedSpan[] | undefined, at: readonly number[]): CuratedSpan[] =>
    at.map((i) => {
      const span = spans?.[i];
      if (!span) valid = false;
      return span!;
    });
  const agreed = indexes.agreed.length ? pick(spansOf.get(indexes.agreedFrom), indexes.agreed) : [];
  const items = indexes.items.map(({ start, end, options }) => {
    if (options.length !== annotators.length) valid = false;
    const range = { start, end };
    return {
      key: itemKey(range),
      kind: 'span' as const,
      range,
      options: annotators.map((annotator, coder) => ({ annotator, spans: pick(spansOf.get(annotator), options[coder] ?? []), statements: [] })),
    };
  });
  return valid ? { annotators, agreed, agreedStatements: [], agreedStatementKeys: [], items } : null;
}

/** The span places and agreed spans: the costly part, which depends on the layers only (no statements yet). */
export function spanCurationPlaces(layers: readonly CuratedLayer[]): CurationPlaces {
  return spanPlacesAt(spanPlaceIndexes(layers), layers)!;
}

const agreementInput = (article: Pick<Article, 'id' | 'text'>, layers: readonly CuratedLayer[]): AgreementArticle => ({
  id: article.id,
  text: article.text,
  layers: Object.fromEntries(layers.map((l) => [l.annotator, l])),
});

/**
 * `places` (spanCurationPlaces of the same layers) with the statement places and agreed
 * statements added; `places` itself when no layer has statements. Apart from the span places, as
 * `entities` change more often than the layers (the registry is reloaded when the Curation tab shows).
 */
export function withStatementPlaces(
  places: CurationPlaces,
  article: Pick<Article, 'id' | 'text'>,
  layers: readonly CuratedLayer[],
  entities: readonly Entity[],
): CurationPlaces {
  if (!layers.some((l) => l.statements.length)) return places;
  const { annotators } = places;
  const items = [...places.items];
  const agreedStatements: CuratedStatement[] = [];
  const agreedStatementKeys: string[] = [];
  const byName = new Map(layers.map((l) => [l.annotator, { spans: inLayerOrder(l.spans), statements: inLayerOrder(l.statements) }]));
  const { statements: units } = statementAgreement([agreementInput(article, layers)], annotators, entities);
  for (const unit of units.units) {
    const coders = Object.keys(unit.values);
    const first = unit.values[coders[0]];
    const statementsOf = (annotator: string) => byName.get(annotator)!.statements(unit.statementIds[annotator] ?? []);
    if (coders.length >= 2 && coders.every((c) => unit.values[c] === first)) {
      if (first === 'none') continue;
      // Keyed here by the spans of their own layer, for the plan to compare with gold's.
      const spans = byName.get(coders[0])!.spans;
      const keyOf = (id: string) => spans([id]).map(spanKey)[0];
      for (const st of statementsOf(coders[0])) {
        agreedStatements.push(st);
        agreedStatementKeys.push(statementKey(st, keyOf));
      }
      continue;
    }
    if (coders.length < 2) continue;
    const options = annotators.map((annotator) => {
      const statements = statementsOf(annotator);
      const linked = statements.flatMap((st) => [st.actorSpanId, st.claimSpanId, ...(st.stanceSpanId ? [st.stanceSpanId] : [])]);
      return { annotator, spans: byName.get(annotator)!.spans(linked), statements };
    });
    items.push({ key: `statement:${unit.key}`.slice(0, 200), kind: 'statement', label: unit.label, range: unit.range, options });
  }
  return { ...places, agreedStatements, agreedStatementKeys, items };
}

/** `entities`: the registry and the annotators' own entries, to resolve the links statement units are keyed by. */
export function curationPlaces(article: Pick<Article, 'id' | 'text'>, layers: readonly CuratedLayer[], entities: readonly Entity[] = []): CurationPlaces {
  return withStatementPlaces(spanCurationPlaces(layers), article, layers, entities);
}

const statementKey = (st: CuratedStatement, keyOf: (spanId: string) => string | undefined) =>
  `${keyOf(st.actorSpanId)}|${keyOf(st.claimSpanId)}|${st.stanceSpanId ? keyOf(st.stanceSpanId) : ''}|${st.polarity}`;

/** The plan against the gold layer as it is now: cheap once `places` is known (a set of gold's span keys). */
export function curationPlan(
  gold: Pick<Article, 'id' | 'text' | 'spans' | 'curation'> & Partial<Pick<Article, 'statements'>>,
  layers: readonly CuratedLayer[],
  places: CurationPlaces = curationPlaces(gold, layers),
): CurationPlan {
  const inGold = gold.spans.length ? spanFinder(gold.spans) : null;
  const decided = new Set(gold.curation?.decided ?? []);
  // An agreed statement is in gold when gold links spans with the same keys the same way.
  let goldStatements = new Set<string>();
  if (places.agreedStatements.length) {
    const goldKeyOf = new Map(gold.spans.map((s) => [s.id, spanKey(s)]));
    goldStatements = new Set((gold.statements ?? []).map((st) => statementKey(st, (id) => goldKeyOf.get(id))));
  }
  return {
    annotators: places.annotators,
    agreed: inGold ? places.agreed.filter((s) => !inGold(s)) : places.agreed,
    agreedStatements: places.agreedStatements.filter((_st, i) => !goldStatements.has(places.agreedStatementKeys[i])),
    items: places.items.map((item) => ({ ...item, decided: decided.has(item.key) })),
  };
}

/** `edited`: the curator made gold's spans at the place by hand; only the decision is recorded. */
export type CurationChoice = { take: 'annotator'; index: number } | { take: 'all' } | { take: 'neither' } | { take: 'edited' };

export interface CurationContext {
  /** The gold layer as it is now (to skip spans it already has, and to link statements to them). */
  gold: Pick<Article, 'spans' | 'statements'>;
  /** Who curates: recorded as the gold spans' annotator. */
  curator: string;
  now: string;
  newId: (prefix: string) => string;
  /**
   * The entity a copied span links to in gold, for a link the annotator made: itself when the
   * registry has it, the entry it was merged into, none when rejected or not decided yet
   * (electron/service/entityProposals.ts). Without it, links are copied as they are.
   */
  linkFor?: (entityId: string) => string | undefined;
}

/**
 * The edits that copy `spans` and `statements` into gold: new ids, the curator's name; a span
 * gold already has (label and pieces), or one copied earlier in the batch, is used instead of a
 * new copy, and a statement whose three spans gold already links the same way is not copied.
 * `source` finds a statement's spans among the annotator's.
 */
function goldCopies(spans: readonly CuratedSpan[], statements: readonly { statement: CuratedStatement; source: readonly CuratedSpan[] }[], ctx: CurationContext): Edit[] {
  const goldId = new Map(ctx.gold.spans.map((s) => [spanKey(s), s.id]));
  const edits: Edit[] = [];
  const copy = (s: CuratedSpan): string => {
    const key = spanKey(s);
    const known = goldId.get(key);
    if (known) return known;
    const { id: _id, annotator: _a, createdAt: _c, updatedAt: _u, entityId, ...rest } = s;
    const link = entityId === undefined ? undefined : ctx.linkFor ? ctx.linkFor(entityId) : entityId;
    const span: Span = { ...rest, ...(link !== undefined ? { entityId: link } : {}), id: ctx.newId('s'), annotator: ctx.curator, createdAt: ctx.now, updatedAt: ctx.now };
    goldId.set(key, span.id);
    edits.push({ type: 'addSpan', span });
    return span.id;
  };
  for (const s of spans) copy(s);
  const have = new Set(ctx.gold.statements.map((st) => `${st.actorSpanId}|${st.claimSpanId}|${st.stanceSpanId ?? ''}|${st.polarity}`));
  for (const { statement, source } of statements) {
    const byId = new Map(source.map((s) => [s.id, s]));
    const spanOf = (id: string) => {
      const s = byId.get(id);
      if (!s) throw new Error(`statement ${statement.id} links span ${id}, which its layer lacks`);
      return copy(s);
    };
    const actorSpanId = spanOf(statement.actorSpanId);
    const claimSpanId = spanOf(statement.claimSpanId);
    const stanceSpanId = statement.stanceSpanId ? spanOf(statement.stanceSpanId) : undefined;
    const key = `${actorSpanId}|${claimSpanId}|${stanceSpanId ?? ''}|${statement.polarity}`;
    if (have.has(key)) continue;
    have.add(key);
    const { id: _id, annotator: _a, createdAt: _c, updatedAt: _u, stanceSpanId: _st, ...rest } = statement;
    edits.push({
      type: 'addStatement',
      statement: { ...rest, actorSpanId, claimSpanId, ...(stanceSpanId ? { stanceSpanId } : {}), id: ctx.newId('st'), annotator: ctx.curator, createdAt: ctx.now, updatedAt: ctx.now },
    });
  }
  return edits;
}

/** The edits that accept every agreed span and statement into gold. */
export function acceptAgreedEdits(plan: CurationPlan, ctx: CurationContext, layers: readonly CuratedLayer[] = []): Edit[] {
  const sourceOf = (st: CuratedStatement) => layers.find((l) => l.statements.includes(st))?.spans ?? [];
  return goldCopies(plan.agreed, plan.agreedStatements.map((statement) => ({ statement, source: sourceOf(statement) })), ctx);
}

/** The edits of one decision: the chosen spans (and statements) copied into gold, and the item marked decided. */
export function decisionEdits(item: CurationItem, choice: CurationChoice, ctx: CurationContext): Edit[] {
  if (choice.take === 'annotator' && !item.options[choice.index]) throw new Error(`there is no annotator ${choice.index + 1} at this place`);
  const options = choice.take === 'all' ? item.options : choice.take === 'annotator' ? [item.options[choice.index]] : [];
  const spans = item.kind === 'span' ? options.flatMap((o) => o.spans) : [];
  const statements = options.flatMap((o) => o.statements.map((statement) => ({ statement, source: o.spans })));
  return [...goldCopies(spans, statements, ctx), { type: 'setCurationDecision', key: item.key, decided: true }];
}

/** How many places the annotators disagree on, and how many are still to decide: the library's curation progress. */
export function curationProgressOf(
  gold: Pick<Article, 'id' | 'text' | 'spans' | 'curation'> & Partial<Pick<Article, 'statements'>>,
  layers: readonly CuratedLayer[],
  entities: readonly Entity[] = [],
): { places: number; open: number } {
  const plan = curationPlan(gold, layers, curationPlaces(gold, layers, entities));
  return { places: plan.items.length, open: plan.items.filter((i) => !i.decided).length };
}
