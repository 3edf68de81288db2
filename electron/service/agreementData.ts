/**
 * What the agreement report is computed from in a lead's workspace: for each chosen article, the
 * collected layers of the chosen annotators (layerStore.ts), and the entities that resolve their
 * spans' links: the workspace's registry, then the annotators' own entries (proposals) for ids it
 * lacks. Articles are read one at a time; the report keeps what it needs of each.
 * A layer counts only when it codes the article (codedAnything): an article an annotator never
 * started is missing, not "agreed that nothing is there", which would inflate every coefficient.
 */
import { WorkbenchError } from '../../shared/api/errors';
import type { AgreementArticle, AnnotatorLayer } from '../../shared/agreement/input';
import { codedAnything, type AnnotatorLayerRecord } from '../../shared/domain/layers';
import type { Entity } from '../../shared/domain/model';
import { listLayers } from './layerStore';
import type { WorkspaceStore } from './workspaceStore';

export interface AgreementSelection {
  /** Default: every annotator with a layer on any chosen article. */
  annotators?: readonly string[];
  /** Default: every article of the workspace (those without layers count for nothing). */
  articleIds?: readonly string[];
}

export interface AgreementData {
  articles: AgreementArticle[];
  entities: Entity[];
  /** Every annotator with a collected layer on a chosen article, sorted. */
  annotatorsFound: string[];
}

/**
 * Only what the coefficients read: a collected span also carries its annotator, times, note and
 * attributes, which for 1,000 articles x 10 layers x 100 spans is most of the memory.
 */
function slim(layer: Pick<AnnotatorLayerRecord, 'spans' | 'statements'>): AnnotatorLayer {
  return {
    spans: layer.spans.map(({ id, labelId, start, end, fragments, entityId }) => ({ id, labelId, start, end, ...(fragments ? { fragments } : {}), ...(entityId ? { entityId } : {}) })),
    statements: layer.statements.map(({ id, actorSpanId, claimSpanId, polarity, stanceSpanId }) => ({ id, actorSpanId, claimSpanId, polarity, ...(stanceSpanId ? { stanceSpanId } : {}) })),
  };
}

export async function agreementData(store: WorkspaceStore, selection: AgreementSelection = {}): Promise<AgreementData> {
  const known = store.articleIds();
  const ids = selection.articleIds ?? store.articleEntries.map((e) => e.id);
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) throw new WorkbenchError('invalid_input', `the workspace has no article with id ${unknown.slice(0, 10).join(', ')}`);
  const chosen = selection.annotators && new Set(selection.annotators);
  const found = new Set<string>();
  const entities = new Map(store.entities.map((e) => [e.id, e]));
  const articles: AgreementArticle[] = [];
  for (const id of ids) {
    const records = await listLayers(store.dir, id);
    if (!records.length) continue;
    const layers: Record<string, AnnotatorLayer> = {};
    for (const r of records) {
      found.add(r.annotator);
      if (chosen && !chosen.has(r.annotator)) continue;
      if (!codedAnything(r)) continue;
      layers[r.annotator] = slim(r);
      for (const e of r.entities) if (!entities.has(e.id)) entities.set(e.id, e);
    }
    if (Object.keys(layers).length) articles.push({ id, text: (await store.readArticle(id)).text, layers });
  }
  const missing = selection.annotators?.filter((a) => !found.has(a)) ?? [];
  if (missing.length)
    throw new WorkbenchError('invalid_input', `no layer of ${missing.join(', ')} was collected for the chosen articles (annotators with layers: ${[...found].sort().join(', ') || 'none'})`);
  return { articles, entities: [...entities.values()], annotatorsFound: [...found].sort() };
}
