/**
 * Export straight to disk with bounded memory: articles are read from the store one at a
 * time, the codec turns each into pieces (the shared driver, shared/formats/exportDriver.ts),
 * and exportWriter.ts writes them as they come, into a temp output renamed into place only
 * when complete (nothing half-written is ever left at the destination; an error or a cancel
 * removes the temp output). The CLI uses this; the app runs it as a background job.
 *
 * An article whose file cannot be read (missing, not JSON, not an article file) is left out and
 * listed in the result's `skipped`, naming its file and the problem: the others are exported.
 *
 * Output shape follows the codec: a 'single' codec writes one file; a 'multi' codec (brat)
 * writes a .zip when the destination ends in .zip, else a folder.
 */
import type { ExportRequest, SkippedArticle } from '../../shared/api/contract';
import type { ExportContext, FormatCodec } from '../../shared/formats/codec';
import { getCodec } from './codecs';
import { checkExportDestination, writeExport, type ExportLayout } from './exportWriter';
import { parseExportLayer, planExportLayers } from './exportLayers';
import { articlesOf, exportContextOf, selectArticleIds } from './interchange';
import type { WorkspaceStore } from './workspaceStore';

export interface ExportProgress {
  /** Articles written so far. */
  done: number;
  /** Articles selected for this export. */
  total: number;
}

export interface ExportToFileOptions {
  store: WorkspaceStore;
  request: ExportRequest;
  /** The file (or, for a multi-file format without .zip, the folder) to create. */
  outPath: string;
  /** Called once before the first article and after every article (written or skipped), with increasing `done`. */
  onProgress?: (progress: ExportProgress) => void;
  /** Abort to cancel: the temp output is removed and the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** The codec to use instead of the registry's (tests, and formats not in the registry). */
  codec?: FormatCodec;
}

export interface ExportToFileResult {
  outPath: string;
  /** 'file': one file in the codec's format; 'zip': a zip of the codec's files; 'folder': a folder of them. */
  layout: ExportLayout;
  /** Articles written (those selected, less the skipped). */
  articles: number;
  /** Articles left out because their file could not be read, each naming its file and the problem. */
  skipped: SkippedArticle[];
  /** Files written (inside the zip or folder); 1 for a single file. */
  files: number;
  /** Size of the file written (file and zip layouts); the sum of file sizes for a folder. */
  bytes: number;
  /**
   * What the codec could not write exactly: first one line per kind of content the format
   * cannot carry (all of them), then the first MAX_KEPT_WARNINGS others; and how many there were.
   */
  warnings: string[];
  warningCount: number;
}

const MAX_KEPT_WARNINGS = 100;

export async function exportToFile(opts: ExportToFileOptions): Promise<ExportToFileResult> {
  const { store, request, signal } = opts;
  const codec = opts.codec ?? getCodec(request.format);
  const ids = selectArticleIds(request, store);
  const layers = await planExportLayers(store, ids, parseExportLayer(request.layer));
  await checkExportDestination(codec, opts.outPath);
  signal?.throwIfAborted();

  const warnings: string[] = [];
  let warningCount = 0;
  const warn = (message: string) => {
    if (warningCount++ < MAX_KEPT_WARNINGS) warnings.push(message);
  };
  for (const note of layers.notes) warn(note);
  // Loss lines come at the end of the run, one per kind: kept apart so the cap never cuts them off.
  const losses: string[] = [];
  const lost = (line: string) => void losses.push(line);
  const ctx: ExportContext = { ...exportContextOf(store, request.options), warn, lost, ...(signal ? { signal } : {}) };
  const total = ids.length;
  const skipped: SkippedArticle[] = [];
  let written = 0;
  const progress = () => opts.onProgress?.({ done: written + skipped.length, total });
  const articles = articlesOf(
    ids,
    store,
    (s) => {
      skipped.push(s);
      progress();
    },
    layers,
  );
  const result = await writeExport({
    codec,
    articles,
    ctx,
    outPath: opts.outPath,
    total,
    ...(signal ? { signal } : {}),
    onWritten: (n) => {
      written = n;
      progress();
    },
  });
  return { ...result, skipped, warnings: [...losses, ...warnings], warningCount: losses.length + warningCount };
}

/** Kept here too: callers and tests check entry names through this module. */
export { safeEntryName } from './exportWriter';
