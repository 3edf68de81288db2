/**
 * Import and export on the service side: files as a codec reads them, an import parsed and
 * planned against a workspace (the planning itself is importPlan.ts), and an export run over
 * the workspace's articles.
 */
import { collectSingleFile, collectZip, runExport } from '../../shared/formats/exportDriver';
import type { ExportRequest, ExportResult, FormatName, FormatOptions, ImportRequest, SkippedArticle, TransferFile } from '../../shared/api/contract';
import { WorkbenchError } from '../../shared/api/errors';
import type { ExportContext, FormatCodec, InputFile, ParsedCorpus } from '../../shared/formats/codec';
import { getCodec } from './codecs';
import type { Article } from '../../shared/domain/model';
import { articleInLayers, parseExportLayer, planExportLayers, type LayerPlan } from './exportLayers';
import { planImport, type ImportPlan } from './importPlan';
import type { WorkspaceStore } from './workspaceStore';

// The planning moved to importPlan.ts (so convert need not load every codec); the import's callers keep their import.
export { commitImportPlan, planImport, type ImportPlan } from './importPlan';

export function toInputFile(f: TransferFile): InputFile {
  return f.encoding === 'base64' ? { name: f.name, bytes: Buffer.from(f.content, 'base64') } : { name: f.name, text: f.content };
}

/** A request whose files all travel inline (uploaded files are read by importRequest.ts). */
export type InlineImportRequest = Omit<ImportRequest, 'files'> & { files: TransferFile[] };

export function parseWithCodec(codec: FormatCodec, request: InlineImportRequest): ParsedCorpus {
  return codec.parse(request.files.map(toInputFile), request.options);
}

/** Parse, map and validate everything; writes nothing. */
export function buildImport(request: InlineImportRequest, store: WorkspaceStore): ImportPlan {
  const codec = getCodec(request.format);
  const corpus = parseWithCodec(codec, request);
  return planImport(corpus, request, store.schema.labels, store.articleIds(), store.entities);
}

/** What a codec needs of the workspace to export: the schema and the entity records (native JSONL, brat names). */
export function exportContextOf(store: WorkspaceStore, options: FormatOptions): ExportContext {
  return { schema: store.schema, options, entities: new Map(store.entities.map((e) => [e.id, e])) };
}

/** Articles selected by an export request, in library order. */
export function selectArticleIds(request: Pick<ExportRequest, 'articleIds' | 'status'>, store: WorkspaceStore): string[] {
  const wanted = request.articleIds ? new Set(request.articleIds) : null;
  if (wanted) for (const id of wanted) if (!store.hasArticle(id)) throw new WorkbenchError('not_found', `no article with id ${id}`);
  return store.articleEntries
    .filter((a) => (!wanted || wanted.has(a.id)) && (!request.status || a.status === request.status))
    .map((a) => a.id);
}

/**
 * The articles of `ids`, read one at a time. With `skip`, an article whose file cannot be read
 * (missing, not JSON, not an article file: the store's 'corrupt_file') is handed to `skip` and
 * left out, so one broken file does not cost the user the export of all the others; any other
 * error still ends the export.
 */
export async function* articlesOf(
  ids: readonly string[],
  store: WorkspaceStore,
  skip?: (skipped: SkippedArticle) => void,
  layers?: LayerPlan,
): AsyncGenerator<Article> {
  for (const id of ids) {
    let article: Article;
    try {
      article = await store.readArticle(id);
    } catch (err) {
      if (!skip || !(err instanceof WorkbenchError) || err.code !== 'corrupt_file') throw err;
      const title = store.articleEntries.find((a) => a.id === id)?.title ?? '';
      skip({ articleId: id, title, ...(err.file !== undefined ? { file: err.file } : {}), message: err.message });
      continue;
    }
    if (layers) yield* articleInLayers(store, article, layers.layers(id));
    else yield article;
  }
}

export async function exportArticles(request: ExportRequest, store: WorkspaceStore): Promise<ExportResult> {
  const codec = getCodec(request.format);
  const ids = selectArticleIds(request, store);
  const ctx = exportContextOf(store, request.options);
  const baseName = `workbench-${request.format}`;
  const skipped: SkippedArticle[] = [];
  const layers = await planExportLayers(store, ids, parseExportLayer(request.layer));
  const articles = articlesOf(ids, store, (s) => void skipped.push(s), layers);
  if (codec.layout === 'single') {
    const content = await collectSingleFile(runExport(codec, articles, ctx));
    return { fileName: `${baseName}.${codec.extension}`, mimeType: codec.mimeType, content, encoding: 'utf8', skipped };
  }
  const zip = await collectZip(codec, articles, ctx, { total: ids.length });
  return { fileName: `${baseName}.zip`, mimeType: 'application/zip', content: Buffer.from(zip).toString('base64'), encoding: 'base64', skipped };
}

export type { FormatName };
