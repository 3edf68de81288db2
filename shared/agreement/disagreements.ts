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

/** The common agreed cluster, told without building keys: every coder has one span in it, all with the same label and pieces. */
function oneSameSpanEach(cluster: readonly { coder: number; span: LayerSpan }[], coders: number): boolean {
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

export function spanDisagreements(articles: readonly AgreementArticle[], annotators: readonly string[], labels: ReadonlySet<string>): Disagreement[] {
  const out: Disagreement[] = [];
  for (const article of articles) {
    const coders = codersOf(article, annotators);
    if (coders.length < 2) continue;
    const all: { annotator: string; coder: number; span: LayerSpan }[] = [];
    coders.forEach((annotator, coder) => {
      for (const span of article.layers[annotator].spans) if (labels.has(span.labelId)) all.push({ annotator, coder, span });
    });
    all.sort((x, y) => x.span.start - y.span.start || x.span.end - y.span.end);
    let cluster: typeof all = [];
    let clusterEnd = -Infinity;
    const close = () => {
      if (cluster.length === 0) return;
      if (oneSameSpanEach(cluster, coders.length)) {
        cluster = [];
        return;
      }
      // Each coder's spans in the cluster as one string: their sorted "label@pieces".
      const keys: string[][] = coders.map(() => []);
      for (const { coder, span } of cluster) keys[coder].push(`${span.labelId}@${piecesKey(span)}`);
      const signatures = keys.map((list) => (list.length > 1 ? list.sort(byCodeUnits).join(';') : (list[0] ?? '')));
      if (signatures.some((signature) => signature !== signatures[0])) {
        const spans: Record<string, SpanRef[]> = Object.fromEntries(coders.map((a) => [a, []]));
        for (const { annotator, span } of cluster) spans[annotator].push({ id: span.id, labelId: span.labelId, start: span.start, end: span.end });
        out.push({ kind: 'span', articleId: article.id, range: { start: cluster[0].span.start, end: clusterEnd }, spans });
      }
      cluster = [];
    };
    for (const entry of all) {
      if (entry.span.start >= clusterEnd) close();
      cluster.push(entry);
      clusterEnd = cluster.length === 1 ? entry.span.end : Math.max(clusterEnd, entry.span.end);
    }
    close();
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
