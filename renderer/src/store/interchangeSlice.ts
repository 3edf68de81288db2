/**
 * Import and export in any interchange format (the Import… and Export… dialogs): preview an
 * import, commit it with a label mapping, and run a background export with progress and
 * cancel, handing the finished file to `saveFile`. The quick JSONL buttons stay in the
 * library slice.
 */
import type { ExportJob } from '../../../shared/api/contract';
import { runExportJob } from '../library/exportJob';
import { discardUploads, toImportFiles } from '../library/uploadFile';
import type { ExportRun, InterchangeSlice, SliceCreator } from './types';

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
