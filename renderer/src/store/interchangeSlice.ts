/**
 * Import and export in any interchange format (the Import… and Export… dialogs): preview an
 * import, commit it with a label mapping, and run a background export with progress and
 * cancel, handing the finished file to `saveFile`. The quick JSONL buttons stay in the
 * library slice.
 */
import type { ExportJob, ExportRequest, FormatName, ImportFile, ImportPreview, OperationInput, SkippedArticle } from '../../../shared/api/contract';
import type { ArticleSummary } from '../../../shared/domain/model';
import { runExportJob } from '../library/exportJob';
import { discardUploads, toImportFiles, type ImportFilesOptions, type UploadCache } from '../library/uploadFile';
import type { SliceCreator } from './types';

export type ImportInput = OperationInput<'previewImport'>;

export interface ExportRun {
  state: 'writing' | 'reading' | 'cancelling' | 'done' | 'cancelled' | 'failed';
  /** Articles written so far, of `total` (0 until the service has counted them). */
  done: number;
  total: number;
  fileName: string;
  bytes: number;
  warnings: string[];
  /** Articles left out because their files could not be read, each naming the file and the problem. */
  skipped: SkippedArticle[];
}

export interface InterchangeSlice {
  /** The export the Export dialog is running or last ran; null before the first. */
  exportRun: ExportRun | null;
  /** Chosen files as an import request carries them: large ones uploaded in chunks first (once per file: `cache`). */
  importFilesOf(files: readonly File[], format: FormatName, cache: UploadCache, onProgress?: ImportFilesOptions['onProgress']): Promise<ImportFile[]>;
  /** Discard the uploads of files that will not be imported. */
  discardUploads(cache: UploadCache): void;
  /** What an import would add; null (with the error shown) when the files cannot be read. */
  previewImport(request: ImportInput): Promise<ImportPreview | null>;
  /** Import for real, refresh the library (and the schema when labels were added); null on error. */
  commitImport(request: ImportInput): Promise<ArticleSummary[] | null>;
  /** Run a background export to the end and save the file; false when it failed or was cancelled. */
  runExport(request: ExportRequest): Promise<boolean>;
  /** Cancel the running export (the service removes its partial output). */
  cancelExport(): void;
  clearExportRun(): void;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const progressOf = (job: ExportJob): Omit<ExportRun, 'state'> => ({
  done: job.done,
  total: job.total,
  fileName: job.fileName,
  bytes: job.bytes,
  warnings: job.warnings,
  skipped: job.skipped ?? [],
});

export const createInterchangeSlice: SliceCreator<InterchangeSlice> = (set, get, { api, saveFile }) => {
  let running: AbortController | null = null;
  const update = (controller: AbortController, patch: Partial<ExportRun>) => {
    if (running !== controller) return;
    set((s) => (s.exportRun ? { exportRun: { ...s.exportRun, ...patch } } : s));
  };

  return {
    exportRun: null,

    importFilesOf: (files, format, cache, onProgress) => toImportFiles(api, files, format, cache, { onProgress }),
    discardUploads: (cache) => discardUploads(api, cache),

    previewImport: async (request) => {
      try {
        return await api.previewImport(request);
      } catch (err) {
        get().reportError(err, 'Could not import');
        return null;
      }
    },

    commitImport: async (request) => {
      try {
        const added = await api.commitImport(request);
        const addsLabels = Object.values(request.labelMapping ?? {}).includes('add');
        await Promise.all([get().loadLibrary(), addsLabels ? get().loadWorkspace() : undefined]);
        get().showNotice(`Imported ${plural(added.length, 'article')}`);
        return added;
      } catch (err) {
        get().reportError(err, 'Could not import');
        return null;
      }
    },

    runExport: async (request) => {
      running?.abort();
      const controller = new AbortController();
      running = controller;
      set({ exportRun: { state: 'writing', done: 0, total: 0, fileName: '', bytes: 0, warnings: [], skipped: [] } });
      try {
        const { blob, job } = await runExportJob(api, request, {
          signal: controller.signal,
          onProgress: (job, phase) => update(controller, { state: phase, ...progressOf(job) }),
        });
        if (controller.signal.aborted) throw controller.signal.reason;
        saveFile(blob, job.fileName);
        update(controller, { state: 'done', ...progressOf(job) });
        return true;
      } catch (err) {
        if (controller.signal.aborted) {
          update(controller, { state: 'cancelled' });
        } else {
          update(controller, { state: 'failed' });
          get().reportError(err, 'Could not export');
        }
        return false;
      } finally {
        if (running === controller) running = null;
      }
    },

    cancelExport: () => {
      if (!running) return;
      const controller = running;
      update(controller, { state: 'cancelling' });
      controller.abort(new DOMException('The export was cancelled', 'AbortError'));
    },

    clearExportRun: () => {
      running?.abort(new DOMException('The export was cancelled', 'AbortError'));
      running = null;
      set({ exportRun: null });
    },
  };
};
