/**
 * Curation of one article into its gold layer (docs/teams.md, "Curation"): what every annotator
 * marked identically is offered for acceptance at once; each place where they differ (a span
 * disagreement of disagreements.ts) is an item the curator decides with one key: take one
 * annotator's spans, take all of them, or take neither. A decision is an edit batch on the gold
 * layer (the article's own spans) plus a `setCurationDecision` edit recording the item's key, so
 * it is undone, saved and replayed like any other edit, and "take neither" is remembered too.
 *
 * Items are keyed by their range ("span:<start>-<end>", UTF-16 offsets): when newer work changes
 * a place, its range or its options change, and it comes back as undecided.
 */
import type { Edit } from '../domain/edits';
import type { Article, Span } from '../domain/model';
import { spanDisagreements } from './disagreements';
import { byCodeUnits, piecesKey, type AgreementArticle, type AnnotatorLayer, type LayerSpan, type TextRange } from './input';

export interface CurationOption {
  annotator: string;
  spans: Span[];
}

export interface CurationItem {
  key: string;
  range: TextRange;
  /** One per annotator who coded the article, in name order: what they marked here (maybe nothing). */
  options: CurationOption[];
  decided: boolean;
}

export interface CurationPlan {
  annotators: string[];
  /** Spans every annotator marked identically (label and pieces) that the gold layer lacks. */
  agreed: Span[];
  items: CurationItem[];
}

/** A collected layer as curation reads it: the annotator's name and full spans. */
export interface CuratedLayer {
  annotator: string;
  spans: readonly Span[];
  statements: AnnotatorLayer['statements'];
}

const spanKey = (s: Pick<LayerSpan, 'labelId' | 'start' | 'end' | 'fragments'>) => `${s.labelId}@${piecesKey(s)}`;

export const itemKey = (range: TextRange) => `span:${range.start}-${range.end}`;

/** What depends on the layers only (the costly part: sorting every annotator's spans), computed once per article and layers. */
export interface CurationPlaces {
  annotators: string[];
  /** Spans every annotator marked identically (label and pieces), whether gold has them or not. */
  agreed: Span[];
  items: Omit<CurationItem, 'decided'>[];
}

export function curationPlaces(article: Pick<Article, 'id' | 'text'>, layers: readonly CuratedLayer[]): CurationPlaces {
  const annotators = layers.map((l) => l.annotator).sort(byCodeUnits);
  const byName = new Map(layers.map((l) => [l.annotator, l]));
  // Agreed: the first layer's spans that every other layer has too.
  const agreed: Span[] = [];
  if (layers.length >= 2) {
    const others = layers.slice(1).map((l) => new Set(l.spans.map(spanKey)));
    const seen = new Set<string>();
    for (const span of layers[0].spans) {
      const key = spanKey(span);
      if (seen.has(key) || !others.every((o) => o.has(key))) continue;
      seen.add(key);
      agreed.push(span);
    }
  }
  const input: AgreementArticle = { id: article.id, text: article.text, layers: Object.fromEntries(layers.map((l) => [l.annotator, l])) };
  const labels = new Set(layers.flatMap((l) => l.spans.map((s) => s.labelId)));
  const items: Omit<CurationItem, 'decided'>[] = [];
  for (const d of spanDisagreements([input], annotators, labels)) {
    if (d.kind !== 'span') continue;
    const options = annotators.map((annotator) => {
      const ids = new Set(d.spans[annotator]?.map((s) => s.id) ?? []);
      return { annotator, spans: byName.get(annotator)!.spans.filter((s) => ids.has(s.id)) };
    });
    items.push({ key: itemKey(d.range), range: d.range, options });
  }
  return { annotators, agreed, items };
}

/** The plan against the gold layer as it is now: cheap once `places` is known (a set of gold's span keys). */
export function curationPlan(
  gold: Pick<Article, 'id' | 'text' | 'spans' | 'curation'>,
  layers: readonly CuratedLayer[],
  places: CurationPlaces = curationPlaces(gold, layers),
): CurationPlan {
  const inGold = new Set(gold.spans.map(spanKey));
  const decided = new Set(gold.curation?.decided ?? []);
  return {
    annotators: places.annotators,
    agreed: places.agreed.filter((s) => !inGold.has(spanKey(s))),
    items: places.items.map((item) => ({ ...item, decided: decided.has(item.key) })),
  };
}

/** `edited`: the curator made gold's spans at the place by hand; only the decision is recorded. */
export type CurationChoice = { take: 'annotator'; index: number } | { take: 'all' } | { take: 'neither' } | { take: 'edited' };

export interface CurationContext {
  /** The gold layer as it is now (to skip spans it already has). */
  gold: Pick<Article, 'spans'>;
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

/** Copies of `spans` for the gold layer: new ids, the curator's name, none the gold layer (or an earlier copy) already has. */
function goldCopies(spans: readonly Span[], ctx: CurationContext): Span[] {
  const have = new Set(ctx.gold.spans.map(spanKey));
  const out: Span[] = [];
  for (const s of spans) {
    const key = spanKey(s);
    if (have.has(key)) continue;
    have.add(key);
    const { id: _id, annotator: _a, createdAt: _c, updatedAt: _u, entityId, ...rest } = s;
    const link = entityId === undefined ? undefined : ctx.linkFor ? ctx.linkFor(entityId) : entityId;
    out.push({ ...rest, ...(link !== undefined ? { entityId: link } : {}), id: ctx.newId('s'), annotator: ctx.curator, createdAt: ctx.now, updatedAt: ctx.now });
  }
  return out;
}

/** The edits that accept every agreed span into gold. */
export function acceptAgreedEdits(plan: CurationPlan, ctx: CurationContext): Edit[] {
  return goldCopies(plan.agreed, ctx).map((span) => ({ type: 'addSpan', span }));
}

/** The edits of one decision: the chosen spans copied into gold, and the item marked decided. */
export function decisionEdits(item: CurationItem, choice: CurationChoice, ctx: CurationContext): Edit[] {
  const chosen =
    choice.take === 'all' ? item.options.flatMap((o) => o.spans) : choice.take === 'annotator' ? (item.options[choice.index]?.spans ?? []) : [];
  if (choice.take === 'annotator' && !item.options[choice.index]) throw new Error(`there is no annotator ${choice.index + 1} at this place`);
  return [...goldCopies(chosen, ctx).map((span): Edit => ({ type: 'addSpan', span })), { type: 'setCurationDecision', key: item.key, decided: true }];
}
