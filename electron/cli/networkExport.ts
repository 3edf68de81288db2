/**
 * `workbench export` of discourse networks and statement tables (graphml, gexf, edges-csv,
 * nodes-csv, statements-csv): the selected articles' statements, resolved against the
 * workspace's entities and filtered as in the Network view (status, polarity, date range),
 * turned into a network by the shared code (shared/network) and written in one go. The file
 * appears only when complete (temp file, fsync, rename).
 */
import path from 'node:path';
import type { SkippedArticle, StatementRow } from '../../shared/api/contract';
import { WorkbenchError } from '../../shared/api/errors';
import type { ArticleStatus, Polarity } from '../../shared/domain/model';
import { buildNetwork, networkExportFile, type NetworkExportKind } from '../../shared/network/networkExport';
import type { NetworkKind } from '../../shared/network/networks';
import { buildAnalysisRows, type StatementFilter } from '../../shared/network/statementsTable';
import { statementRowsOf } from '../../shared/network/statementRow';
// No operation builds a network or reads an article's collected layers naming each unreadable
// one (listStatements skips those silently and reads the own layer only), nor writes to a path:
// those come from the service directly (scripts/boundaries.test.ts lists why, module by module).
import { writeFileDurably } from '../service/durableJsonFile';
import { parseExportLayer, planExportLayers } from '../service/exportLayers';
import { articlesOf, selectArticleIds } from '../service/interchange';
import { layerCounts } from '../service/layerStore';
import type { WorkspaceSession } from '../service/workspace';
import { cliApi } from './cliApi';

/** `--network` values and the network each stands for. */
export const CLI_NETWORKS: Readonly<Record<string, NetworkKind>> = {
  'two-mode': 'two-mode',
  congruence: 'actor-congruence',
  conflict: 'actor-conflict',
  'concept-congruence': 'concept-congruence',
  'concept-conflict': 'concept-conflict',
};

export interface NetworkExportRequest {
  kind: NetworkExportKind;
  network: NetworkKind;
  articleIds?: string[];
  /** Article statuses to keep (any of them); all when absent. */
  statuses?: ArticleStatus[];
  polarities?: Polarity[];
  from?: string;
  to?: string;
  bom?: boolean;
  /** "gold" or "annotator:NAME"; absent: gold where it exists (exportLayers.ts). Not "all": a network would count each statement once per layer. */
  layer?: string;
}

export interface NetworkExportResult {
  outPath: string;
  statements: number;
  articles: number;
  nodes: number;
  edges: number;
  /** Articles left out because their files could not be read (their statements are missing from the file). */
  skipped: SkippedArticle[];
  /** What the layer choice left out or fell back to. */
  notes: string[];
}

/**
 * The library listing and the entities come through the API (the session's dispatch), as the
 * Network view gets them; the statements are read here, article by article, because
 * listStatements skips an unreadable article silently and the CLI names each one it leaves out.
 */
export async function exportNetworkToFile(
  session: Pick<WorkspaceSession, 'store' | 'dispatch'>,
  request: NetworkExportRequest,
  outPath: string,
  signal?: AbortSignal,
): Promise<NetworkExportResult> {
  const { store } = session;
  const api = cliApi(session);
  // Articles without statements need not be read, unless their file is already known to be
  // broken: those are read (and fail again) so that the export lists them as left out.
  const exportLayer = parseExportLayer(request.layer);
  if (exportLayer.kind === 'all') throw new WorkbenchError('invalid_input', 'a network of every layer at once would count each statement once per annotator: choose gold or annotator:NAME');
  const known = new Map((await api.listArticles({})).map((s) => [s.id, s]));
  const selected = selectArticleIds(request.articleIds ? { articleIds: request.articleIds } : {}, store);
  const layers = await planExportLayers(store, selected, exportLayer);
  // The summaries count the own (gold) layer's statements: only then can they tell which articles to skip.
  const goldOnly = exportLayer.kind === 'gold' || (await layerCounts(store.dir)).size === 0;
  const ids = selected.filter((id) => {
    const summary = known.get(id);
    return !goldOnly || !summary || summary.statementCount > 0 || summary.error !== undefined;
  });
  const statementRows: StatementRow[] = [];
  const articleTexts = new Map<string, string>();
  const skipped: SkippedArticle[] = [];
  for await (const article of articlesOf(ids, store, (s) => void skipped.push(s), layers)) {
    signal?.throwIfAborted();
    statementRows.push(...statementRowsOf(article));
    if (request.kind === 'statements-csv') articleTexts.set(article.id, article.text);
  }
  const filter: StatementFilter = {
    ...(request.from ? { from: request.from } : {}),
    ...(request.to ? { to: request.to } : {}),
    ...(request.statuses?.length ? { statuses: request.statuses } : {}),
    ...(request.polarities?.length ? { polarities: request.polarities } : {}),
  };
  const rows = buildAnalysisRows(statementRows, await api.listEntities({}), filter);
  const network = buildNetwork(rows, request.network);
  const file = networkExportFile(request.kind, network, rows, { ...(request.bom ? { bom: true } : {}), articleTexts });
  signal?.throwIfAborted();
  const target = path.resolve(outPath);
  try {
    await writeFileDurably(target, file.content);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new WorkbenchError('io', `cannot write ${target}: its folder does not exist`, target);
    throw err;
  }
  return {
    outPath: target,
    statements: rows.length,
    articles: new Set(rows.map((r) => r.articleId)).size,
    nodes: network.nodes.length,
    edges: network.edges.length,
    skipped,
    notes: layers.notes,
  };
}
