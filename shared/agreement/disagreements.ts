/**
 * Where annotators disagree, as a list a UI can walk and jump from (article id and offsets).
 *
 * Spans: within each article coded by two or more of the chosen annotators, the spans of all of
 * them are grouped into clusters of spans that overlap one another (by their outer start/end,
 * whatever the label or annotator). A cluster is agreed when every coder of the article has
 * the same spans in it (same labels, same pieces); otherwise it is a disagreement covering the
 * cluster's extent, with each coder's spans (none is a value too: the coder marked nothing).
 * Statements and actors: every unit whose coders gave different values (statements.ts).
 */
import { byCodeUnits, codersOf, piecesKey, type AgreementArticle, type LayerSpan, type TextRange } from './input';
import type { ActorValue, StatementValue, Unit } from './statements';

export interface SpanRef {
  id: string;
  labelId: string;
  start: number;
  end: number;
}

export type Disagreement =
  | { kind: 'span'; articleId: string; range: TextRange; spans: Record<string, SpanRef[]> }
  | { kind: 'statement'; articleId: string; range: TextRange; unit: string; values: Record<string, StatementValue>; statementIds: Record<string, string[]> }
  | { kind: 'actor'; articleId: string; range: TextRange; unit: string; values: Record<string, ActorValue>; statementIds: Record<string, string[]> };

/** One span in a cluster: whose (`coder`, an index into the coders), and where in their layer (`index`). */
export interface ClusterEntry {
  annotator: string;
  coder: number;
  index: number;
  span: LayerSpan;
}

/** The common agreed cluster, told without building keys: every coder has one span in it, all with the same label and pieces. */
export function oneSameSpanEach(cluster: readonly ClusterEntry[], coders: number): boolean {
  if (cluster.length !== coders) return false;
  const first = cluster[0].span;
  const seen = new Set<number>();
  for (const { coder, span } of cluster) {
    if (seen.has(coder) || span.labelId !== first.labelId || span.start !== first.start || span.end !== first.end) return false;
    if ((span.fragments || first.fragments) && piecesKey(span) !== piecesKey(first)) return false;
    seen.add(coder);
  }
  return true;
}

/**
 * Walk the clusters of an article's spans (those of `coders`, with a label in `labels`; null: any
 * label): spans sorted by start and end, a cluster closing where the next span starts at or after
 * the end of all before it. `visit` gets each cluster (in that order) and its extent's end.
 */
export function spanClusters(
  article: AgreementArticle,
  coders: readonly string[],
  labels: ReadonlySet<string> | null,
  visit: (cluster: readonly ClusterEntry[], end: number) => void,
): void {
  const all: ClusterEntry[] = [];
  coders.forEach((annotator, coder) => {
    article.layers[annotator].spans.forEach((span, index) => {
      if (!labels || labels.has(span.labelId)) all.push({ annotator, coder, index, span });
    });
  });
  all.sort((x, y) => x.span.start - y.span.start || x.span.end - y.span.end);
  let from = 0;
  let clusterEnd = -Infinity;
  for (let i = 0; i < all.length; i++) {
    const { span } = all[i];
    if (span.start >= clusterEnd && i > from) {
      visit(all.slice(from, i), clusterEnd);
      from = i;
    }
    clusterEnd = i === from ? span.end : Math.max(clusterEnd, span.end);
  }
  if (all.length > from) visit(all.slice(from), clusterEnd);
}

/** The cluster as a span disagreement, or null when every coder has the same spans in it (same labels, same pieces). */
export function clusterDisagreement(articleId: string, coders: readonly string[], cluster: readonly ClusterEntry[], end: number): Disagreement | null {
  if (oneSameSpanEach(cluster, coders.length)) return null;
  // Each coder's spans in the cluster as one string: their sorted "label@pieces".
  const keys: string[][] = coders.map(() => []);
  for (const { coder, span } of cluster) keys[coder].push(`${span.labelId}@${piecesKey(span)}`);
  const signatures = keys.map((list) => (list.length > 1 ? list.sort(byCodeUnits).join(';') : (list[0] ?? '')));
  if (signatures.every((signature) => signature === signatures[0])) return null;
  const spans: Record<string, SpanRef[]> = Object.fromEntries(coders.map((a) => [a, []]));
  for (const { annotator, span } of cluster) spans[annotator].push({ id: span.id, labelId: span.labelId, start: span.start, end: span.end });
  return { kind: 'span', articleId, range: { start: cluster[0].span.start, end }, spans };
}

export function spanDisagreements(articles: readonly AgreementArticle[], annotators: readonly string[], labels: ReadonlySet<string>): Disagreement[] {
  const out: Disagreement[] = [];
  for (const article of articles) {
    const coders = codersOf(article, annotators);
    if (coders.length < 2) continue;
    spanClusters(article, coders, labels, (cluster, end) => {
      const d = clusterDisagreement(article.id, coders, cluster, end);
      if (d) out.push(d);
    });
  }
  return out;
}

function differs(values: Record<string, string>): boolean {
  const list = Object.values(values);
  return list.length >= 2 && list.some((v) => v !== list[0]);
}

export function unitDisagreements(
  statements: readonly Unit<StatementValue>[],
  actors: readonly Unit<ActorValue>[],
): Disagreement[] {
  const out: Disagreement[] = [];
  for (const u of statements)
    if (differs(u.values)) out.push({ kind: 'statement', articleId: u.articleId, range: u.range, unit: u.label, values: u.values, statementIds: u.statementIds });
  for (const u of actors)
    if (differs(u.values)) out.push({ kind: 'actor', articleId: u.articleId, range: u.range, unit: u.label, values: u.values, statementIds: u.statementIds });
  return out;
}
