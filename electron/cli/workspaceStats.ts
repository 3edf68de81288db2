/**
 * Counts over a whole workspace (the CLI's `stats`): articles per status, spans per label,
 * per annotator and per article status, statements. Computed from the articles themselves, read
 * one at a time through the API (getArticle: bounded memory), not from the library's cached
 * counts, which carry no annotator. Articles whose file cannot be read are listed, not skipped
 * silently. Only API operations are used, so this runs over any client of the contract.
 */
import type { WorkbenchApi } from '../../shared/api/contract';
import { ArticleStatusSchema, type Article, type ArticleStatus } from '../../shared/domain/model';

export interface LabelCount {
  labelId: string;
  /** The label's name in the schema, or the id when the schema no longer has it. */
  name: string;
  count: number;
}

export interface WorkspaceStats {
  articles: number;
  articlesByStatus: Record<ArticleStatus, number>;
  spans: number;
  /** Every schema label in schema order (zero counts included), then ids the schema lacks. */
  spansByLabel: LabelCount[];
  /** Annotator name → spans; spans with no annotator recorded count under "". */
  spansByAnnotator: Record<string, number>;
  /** Spans in articles of each status. */
  spansByStatus: Record<ArticleStatus, number>;
  statements: number;
  statementsByAnnotator: Record<string, number>;
  /** Articles whose file could not be read: not counted above except in `articles`. */
  unreadable: { id: string; title: string; error: string }[];
}

const zeroPerStatus = (): Record<ArticleStatus, number> =>
  Object.fromEntries(ArticleStatusSchema.options.map((s) => [s, 0])) as Record<ArticleStatus, number>;

/** Sort a count record by count (descending), then key, for stable, readable output. */
function sortedCounts(counts: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}

export async function computeWorkspaceStats(
  api: Pick<WorkbenchApi, 'getWorkspace' | 'listArticles' | 'getArticle'>,
  signal?: AbortSignal,
): Promise<WorkspaceStats> {
  const { labels } = (await api.getWorkspace({})).schema;
  // Every article of the library, broken ones included (their summary carries the error).
  const library = await api.listArticles({});
  const byLabel = new Map<string, number>(labels.map((l) => [l.id, 0]));
  const byAnnotator = new Map<string, number>();
  const statementsByAnnotator = new Map<string, number>();
  const stats: WorkspaceStats = {
    articles: library.length,
    articlesByStatus: zeroPerStatus(),
    spans: 0,
    spansByLabel: [],
    spansByAnnotator: {},
    spansByStatus: zeroPerStatus(),
    statements: 0,
    statementsByAnnotator: {},
    unreadable: [],
  };
  for (const entry of library) {
    signal?.throwIfAborted();
    let article: Article;
    try {
      article = await api.getArticle({ id: entry.id });
    } catch (err) {
      stats.unreadable.push({ id: entry.id, title: entry.title, error: (err as Error).message });
      continue;
    }
    stats.articlesByStatus[article.status]++;
    stats.spans += article.spans.length;
    stats.spansByStatus[article.status] += article.spans.length;
    for (const s of article.spans) {
      byLabel.set(s.labelId, (byLabel.get(s.labelId) ?? 0) + 1);
      byAnnotator.set(s.annotator, (byAnnotator.get(s.annotator) ?? 0) + 1);
    }
    stats.statements += article.statements.length;
    for (const st of article.statements) statementsByAnnotator.set(st.annotator, (statementsByAnnotator.get(st.annotator) ?? 0) + 1);
  }
  const names = new Map(labels.map((l) => [l.id, l.name]));
  stats.spansByLabel = [...byLabel].map(([labelId, count]) => ({ labelId, name: names.get(labelId) ?? labelId, count }));
  stats.spansByAnnotator = sortedCounts(byAnnotator);
  stats.statementsByAnnotator = sortedCounts(statementsByAnnotator);
  return stats;
}
