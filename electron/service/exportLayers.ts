/**
 * Which layer an export takes of each article (issue 11, docs/teams.md "Exports"):
 *   - `gold`: the workspace's own layer (the article's spans and statements);
 *   - `annotator:NAME`: that annotator's collected layer; articles without one are left out, and said;
 *   - `all`: every layer of every article, each as its own record (`<id>__gold`, `<id>__<name>`,
 *     title suffixed with the layer), so that no format merges two annotators' spans;
 *   - no choice: gold where it exists (the own layer has spans or statements, or the article is
 *     marked done), else the one collected layer that codes it (codedAnything; said in a warning);
 *     an article with several annotators' layers and no gold refuses the export before anything
 *     is written, naming the articles, instead of silently picking or mixing.
 * Decided from the index and file names only (layerCounts), so the refusal is immediate.
 */
import { WorkbenchError } from '../../shared/api/errors';
import { codedAnything, parseLayerName, type LayerRef } from '../../shared/domain/layers';
import type { Article } from '../../shared/domain/model';
import { layerCounts, listLayers, readLayer } from './layerStore';
import type { WorkspaceStore } from './workspaceStore';

export type ExportLayer = LayerRef | { kind: 'all' } | { kind: 'default' };

/** Parse `--layer` / the dialog's choice; undefined means the default. */
export function parseExportLayer(text: string | undefined): ExportLayer {
  if (text === undefined) return { kind: 'default' };
  if (text === 'all') return { kind: 'all' };
  const ref = parseLayerName(text);
  if ('error' in ref) throw new WorkbenchError('invalid_input', `layer ${ref.error} (or all)`);
  return ref;
}

export interface LayerPlan {
  /** Per article id: which layers to export, in this order ('gold' or an annotator's name). */
  layers(articleId: string): readonly LayerSource[];
  /** Said once, before the articles (for the CLI's stderr and the dialog's warnings). */
  notes: string[];
}

export type LayerSource = { kind: 'gold' } | { kind: 'annotator'; annotator: string };

const listed = (ids: readonly string[], max = 10) => ids.slice(0, max).join(', ') + (ids.length > max ? `, … (${ids.length - max} more)` : '');

function goldExists(entry: WorkspaceStore['articleEntries'][number] | undefined): boolean {
  if (!entry) return true;
  const spans = Object.values(entry.spanCounts).reduce((a, b) => a + b, 0);
  return spans > 0 || entry.statementCount > 0 || entry.status === 'done';
}

export async function planExportLayers(store: WorkspaceStore, ids: readonly string[], layer: ExportLayer): Promise<LayerPlan> {
  const counts = await layerCounts(store.dir);
  const gold: LayerSource = { kind: 'gold' };
  if (layer.kind === 'gold' || (layer.kind === 'default' && counts.size === 0)) return { layers: () => [gold], notes: [] };
  if (layer.kind === 'annotator') {
    const having = new Set<string>();
    for (const id of ids) if (counts.has(id) && (await readLayer(store.dir, id, layer.annotator))) having.add(id);
    const without = ids.filter((id) => !having.has(id));
    if (!having.size) throw new WorkbenchError('invalid_input', `no layer of ${layer.annotator} was collected for the ${ids.length === 1 ? 'article' : 'articles'} chosen`);
    const notes = without.length ? [`${without.length} ${without.length === 1 ? 'article has' : 'articles have'} no layer of ${layer.annotator} and ${without.length === 1 ? 'was' : 'were'} left out: ${listed(without)}`] : [];
    const source: LayerSource = { kind: 'annotator', annotator: layer.annotator };
    return { layers: (id) => (having.has(id) ? [source] : []), notes };
  }
  const chosen = new Map<string, LayerSource[]>();
  const needAnnotators = ids.filter((id) => counts.has(id));
  const entries = new Map(store.articleEntries.map((e) => [e.id, e]));
  const ambiguous: string[] = [];
  const single: string[] = [];
  for (const id of needAnnotators) {
    const records = await listLayers(store.dir, id);
    if (layer.kind === 'all') chosen.set(id, [gold, ...records.map((r): LayerSource => ({ kind: 'annotator', annotator: r.annotator }))]);
    if (layer.kind === 'all' || goldExists(entries.get(id))) continue;
    const names = records.filter(codedAnything).map((r) => r.annotator);
    if (names.length === 0) continue;
    if (names.length === 1) {
      chosen.set(id, [{ kind: 'annotator', annotator: names[0] }]);
      single.push(`${id} (${names[0]})`);
    } else ambiguous.push(id);
  }
  if (ambiguous.length)
    throw new WorkbenchError(
      'conflict',
      `${ambiguous.length} ${ambiguous.length === 1 ? 'article has' : 'articles have'} layers of several annotators and no gold layer: ${listed(ambiguous)}. ` +
        'Curate them into gold, or choose a layer: gold, annotator:NAME, or all (every layer as its own record); nothing was written',
    );
  const notes = single.length ? [`${single.length} ${single.length === 1 ? 'article has' : 'articles have'} no gold layer; the one collected layer was exported: ${listed(single)}`] : [];
  return { layers: (id) => chosen.get(id) ?? [gold], notes };
}

const idSafe = (name: string) => name.replace(/[^A-Za-z0-9_-]/g, '-');

/**
 * The article as the plan's layers show it: itself for gold, else the annotator's spans,
 * statements and status on its text. With several layers (`all`), each gets its own id and title.
 */
export async function* articleInLayers(store: WorkspaceStore, article: Article, sources: readonly LayerSource[]): AsyncGenerator<Article> {
  const several = sources.length > 1;
  const taken = new Set<string>();
  for (const source of sources) {
    let out: Article = article;
    let suffix = 'gold';
    if (source.kind === 'annotator') {
      const record = await readLayer(store.dir, article.id, source.annotator);
      if (!record) continue;
      out = { ...article, spans: record.spans, statements: record.statements, status: record.status, updatedAt: record.updatedAt };
      suffix = idSafe(source.annotator);
    }
    if (several) {
      let id = `${article.id}__${suffix}`.slice(0, 120);
      for (let n = 2; taken.has(id); n++) id = `${article.id}__${suffix}-${n}`.slice(0, 128);
      taken.add(id);
      out = { ...out, id, title: `${article.title} [${source.kind === 'gold' ? 'gold' : `annotator:${source.annotator}`}]` };
    }
    yield out;
  }
}
