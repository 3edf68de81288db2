/**
 * Long exports from the app, with progress and cancel. `startExport` runs `exportToFile` in
 * the background into a private temp folder and returns at once; the renderer polls the job,
 * may cancel it (the temp output is removed, nothing partial is left), and when it is done
 * reads the file in chunks (bounded per call) to hand it to the user as a download. The same
 * operations serve IPC and the browser host, like every other operation. A finished job lists
 * the articles it left out because their file could not be read (`skipped`).
 */
import { mkdtempSync, promises as fsp, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ExportJob, WorkbenchHandlers } from '../../shared/api/contract';
import { WorkbenchError } from '../../shared/api/errors';
import { newId } from '../../shared/domain/model';
import { getCodec } from './codecs';
import { exportToFile } from './exportToFile';
import type { WorkspaceStore } from './workspaceStore';

type JobHandlerNames = 'startExport' | 'getExportJob' | 'cancelExportJob' | 'readExportChunk' | 'discardExportJob';

interface RunningJob {
  job: ExportJob;
  file: string;
  abort: AbortController;
  finished: Promise<void>;
}

export const MAX_EXPORT_CHUNK_BYTES = 8 * 1024 * 1024;

export function createExportJobs(store: WorkspaceStore): { handlers: Pick<WorkbenchHandlers, JobHandlerNames>; dispose(): Promise<void> } {
  const jobs = new Map<string, RunningJob>();
  let tempRoot: string | null = null;
  const root = () => (tempRoot ??= mkdtempSync(path.join(os.tmpdir(), 'workbench-exports-')));
  const get = (jobId: string) => {
    const running = jobs.get(jobId);
    if (!running) throw new WorkbenchError('not_found', `no export job ${jobId}`);
    return running;
  };

  const handlers: Pick<WorkbenchHandlers, JobHandlerNames> = {
    async startExport(request) {
      const codec = getCodec(request.format);
      const jobId = newId('job');
      const fileName = `workbench-${request.format}.${codec.layout === 'multi' ? 'zip' : codec.extension}`;
      const dir = path.join(root(), jobId);
      await fsp.mkdir(dir);
      const file = path.join(dir, fileName);
      const abort = new AbortController();
      const job: ExportJob = {
        jobId,
        state: 'running',
        done: 0,
        total: 0,
        fileName,
        mimeType: codec.layout === 'multi' ? 'application/zip' : codec.mimeType,
        bytes: 0,
        warnings: [],
        skipped: [],
      };
      const finished = exportToFile({
        store,
        request,
        outPath: file,
        signal: abort.signal,
        onProgress: ({ done, total }) => Object.assign(job, { done, total }),
      }).then(
        (result) => {
          // Articles that could not be read are left out and listed, for the dialog to show.
          Object.assign(job, { state: 'done', bytes: result.bytes, warnings: result.warnings, skipped: result.skipped });
        },
        (err: unknown) => {
          if (abort.signal.aborted) job.state = 'cancelled';
          else Object.assign(job, { state: 'failed', error: err instanceof Error ? err.message : String(err) });
        },
      );
      jobs.set(jobId, { job, file, abort, finished });
      return job;
    },

    async getExportJob({ jobId }) {
      return get(jobId).job;
    },

    async cancelExportJob({ jobId }) {
      const running = get(jobId);
      running.abort.abort();
      await running.finished;
      return running.job;
    },

    async readExportChunk({ jobId, offset, length }) {
      const running = get(jobId);
      if (running.job.state !== 'done') throw new WorkbenchError('conflict', `export job ${jobId} is ${running.job.state}, not done`);
      const size = Math.min(length, MAX_EXPORT_CHUNK_BYTES);
      const handle = await fsp.open(running.file, 'r');
      try {
        const buffer = Buffer.alloc(size);
        const { bytesRead } = await handle.read(buffer, 0, size, offset);
        return { content: buffer.subarray(0, bytesRead).toString('base64'), eof: offset + bytesRead >= running.job.bytes };
      } finally {
        await handle.close();
      }
    },

    async discardExportJob({ jobId }) {
      const running = get(jobId);
      running.abort.abort();
      await running.finished;
      jobs.delete(jobId);
      await fsp.rm(path.dirname(running.file), { recursive: true, force: true });
      return { discarded: jobId };
    },
  };

  return {
    handlers,
    async dispose() {
      for (const running of jobs.values()) running.abort.abort();
      await Promise.all([...jobs.values()].map((j) => j.finished));
      jobs.clear();
      if (tempRoot) rmSync(tempRoot, { recursive: true, force: true });
    },
  };
}
