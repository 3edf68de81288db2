/**
 * What the agreement functions take: plain data, so that packages, the CLI and the screen can
 * hand over whatever they hold. An annotator's layer of an article is their spans and
 * statements; an article lists the layers of the annotators who coded it (and no others).
 * Offsets are UTF-16 code units, end exclusive (shared/domain/model.ts).
 */
import type { Span, Statement } from '../domain/model';

export type LayerSpan = Pick<Span, 'id' | 'labelId' | 'start' | 'end'> & Partial<Pick<Span, 'fragments' | 'entityId'>>;
export type LayerStatement = Pick<Statement, 'id' | 'actorSpanId' | 'claimSpanId' | 'polarity'> & Partial<Pick<Statement, 'stanceSpanId'>>;

export interface AnnotatorLayer {
  spans: readonly LayerSpan[];
  statements: readonly LayerStatement[];
}

export interface AgreementArticle {
  id: string;
  text: string;
  /** annotator name -> their layer; only annotators who coded this article appear. */
  layers: Readonly<Record<string, AnnotatorLayer>>;
}

/** A stretch of text in one article, for a UI to jump to. */
export interface TextRange {
  start: number;
  end: number;
}

/** The pieces a span covers: its fragments, or [start, end). */
export const rangesOf = (span: Pick<LayerSpan, 'start' | 'end' | 'fragments'>): readonly TextRange[] =>
  span.fragments ?? [{ start: span.start, end: span.end }];

/** The pieces of a span as a string: equal for two spans exactly when they cover the same characters the same way. */
export const piecesKey = (span: Pick<LayerSpan, 'start' | 'end' | 'fragments'>): string =>
  span.fragments ? span.fragments.map((r) => `${r.start}-${r.end}`).join(',') : `${span.start}-${span.end}`;

/** The chosen annotators who coded the article, in the chosen order. */
export const codersOf = (article: AgreementArticle, annotators: readonly string[]): string[] =>
  annotators.filter((a) => Object.prototype.hasOwnProperty.call(article.layers, a));

/** Every pair (i < j) of a list, in order. */
export function pairsOf<T>(items: readonly T[]): [T, T][] {
  const pairs: [T, T][] = [];
  for (let i = 0; i < items.length; i++) for (let j = i + 1; j < items.length; j++) pairs.push([items[i], items[j]]);
  return pairs;
}

/** A value per (article, annotator), made on first use: what a report derives once from each layer for all its pairs. */
export class PerLayer<T> {
  private readonly cache = new Map<AgreementArticle, Map<string, T>>();

  constructor(private readonly make: (article: AgreementArticle, annotator: string) => T) {}

  of(article: AgreementArticle, annotator: string): T {
    let perAnnotator = this.cache.get(article);
    if (!perAnnotator) this.cache.set(article, (perAnnotator = new Map()));
    let value = perAnnotator.get(annotator);
    if (value === undefined) perAnnotator.set(annotator, (value = this.make(article, annotator)));
    return value;
  }
}

export const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
