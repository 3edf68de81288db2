/**
 * Running a background export from the renderer: start the job, poll it for progress, read the
 * finished file back in bounded chunks into a Blob, and always discard the job afterwards. An
 * abort (the dialog's "Cancel export", or closing it) cancels the job on the service, which
 * removes its partial output, so nothing half-written is left anywhere.
 */
import type { ExportJob, ExportRequest, WorkbenchApi } from '../../../shared/api/contract';
import { base64ToBytes } from './importFiles';

export type ExportJobApi = Pick<WorkbenchApi, 'startExport' | 'getExportJob' | 'cancelExportJob' | 'readExportChunk' | 'discardExportJob'>;

/** What the service allows per `readExportChunk` call. */
export const EXPORT_CHUNK_BYTES = 8 * 1024 * 1024;
export const EXPORT_POLL_MS = 150;

export type ExportPhase = 'writing' | 'reading';

export interface RunExportJobOptions {
  /** Every job state seen while it runs, then once more with phase 'reading'. */
  onProgress?: (job: ExportJob, phase: ExportPhase) => void;
  signal?: AbortSignal;
  pollMs?: number;
  chunkBytes?: number;
}

export interface ExportDownload {
  blob: Blob;
  /** The finished job: file name, size, warnings. */
  job: ExportJob;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export async function runExportJob(api: ExportJobApi, request: ExportRequest, options: RunExportJobOptions = {}): Promise<ExportDownload> {
  const { signal, onProgress } = options;
  const pollMs = options.pollMs ?? EXPORT_POLL_MS;
  const chunkBytes = Math.min(options.chunkBytes ?? EXPORT_CHUNK_BYTES, EXPORT_CHUNK_BYTES);
  signal?.throwIfAborted();
  let job = await api.startExport(request);
  const { jobId } = job;
  try {
    signal?.throwIfAborted();
    onProgress?.(job, 'writing');
    while (job.state === 'running') {
      await sleep(pollMs, signal);
      job = await api.getExportJob({ jobId });
      signal?.throwIfAborted();
      onProgress?.(job, 'writing');
    }
    if (job.state === 'failed') throw new Error(job.error ?? 'the export failed');
    if (job.state === 'cancelled') throw new DOMException('The export was cancelled', 'AbortError');

    onProgress?.(job, 'reading');
    const parts: Uint8Array<ArrayBuffer>[] = [];
    for (let offset = 0; ; ) {
      signal?.throwIfAborted();
      const chunk = await api.readExportChunk({ jobId, offset, length: chunkBytes });
      const bytes = base64ToBytes(chunk.content);
      parts.push(bytes);
      offset += bytes.length;
      if (chunk.eof || bytes.length === 0) break;
    }
    return { blob: new Blob(parts, { type: job.mimeType }), job };
  } catch (err) {
    // Stop the service's work and remove its partial output before reporting the abort.
    if (signal?.aborted) await api.cancelExportJob({ jobId }).catch(() => undefined);
    throw err;
  } finally {
    await api.discardExportJob({ jobId }).catch(() => undefined);
  }
}
