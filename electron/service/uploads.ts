/**
 * Files too large for one request, sent in chunks before an import (beginUpload, appendUpload)
 * and named in its request by `uploadId`. Each upload is appended to `<workspace>/.uploads/<id>.part`
 * and fsynced when its last byte arrives; only a complete upload can be imported. Chunks must
 * arrive in order: a chunk whose offset is not the bytes received so far (repeated, skipped,
 * or sent while the previous one is still being written) is refused, so a file is never
 * assembled out of order. The uploads together may reserve at most `maxTotalBytes`. An upload
 * never touches the articles; it is removed when its import commits, when it is discarded,
 * when the session closes, and (after a crash) by the next open (workspaceRecovery.ts).
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { MAX_UPLOAD_CHUNK_BYTES, type UploadedFile, type WorkbenchHandlers } from '../../shared/api/contract';
import { WorkbenchError } from '../../shared/api/errors';
import { newId } from '../../shared/domain/model';

export const UPLOADS_DIR_NAME = '.uploads';
export const MAX_UPLOADS_TOTAL_BYTES = 4 * 1024 * 1024 * 1024;

type UploadHandlerNames = 'beginUpload' | 'appendUpload' | 'discardUpload';

interface Upload {
  name: string;
  size: number;
  received: number;
  file: string;
  /** A chunk is being written: the next one waits for it (and is refused if sent meanwhile). */
  writing: boolean;
}

export interface UploadLimits {
  maxTotalBytes?: number;
  maxChunkBytes?: number;
}

export interface Uploads {
  handlers: Pick<WorkbenchHandlers, UploadHandlerNames>;
  /** The file on disk of a complete upload; not_found / conflict otherwise. */
  pathOf(ref: UploadedFile): { name: string; path: string };
  /** Remove uploads (an import committed them). */
  remove(uploadIds: readonly string[]): Promise<void>;
  /** Remove every upload and the folder (the session closes). */
  dispose(): Promise<void>;
}

const mib = (bytes: number) => `${+(bytes / 1024 / 1024).toFixed(1)} MiB`;

export function createUploads(workspaceDir: string, limits: UploadLimits = {}): Uploads {
  const maxTotal = limits.maxTotalBytes ?? MAX_UPLOADS_TOTAL_BYTES;
  const maxChunk = limits.maxChunkBytes ?? MAX_UPLOAD_CHUNK_BYTES;
  const dir = path.join(workspaceDir, UPLOADS_DIR_NAME);
  const uploads = new Map<string, Upload>();
  const reserved = () => [...uploads.values()].reduce((n, u) => n + u.size, 0);
  const get = (uploadId: string) => {
    const upload = uploads.get(uploadId);
    if (!upload) throw new WorkbenchError('not_found', `no upload ${uploadId} (it was discarded, imported, or the workspace was reopened)`);
    return upload;
  };
  const drop = async (uploadId: string) => {
    const upload = uploads.get(uploadId);
    uploads.delete(uploadId);
    if (upload) await fsp.rm(upload.file, { force: true });
  };

  const handlers: Uploads['handlers'] = {
    async beginUpload({ name, size }) {
      if (reserved() + size > maxTotal)
        throw new WorkbenchError(
          'invalid_input',
          `${name} (${mib(size)}) does not fit: uploads waiting to be imported may hold at most ${mib(maxTotal)} together (${mib(reserved())} in use)`,
          name,
        );
      const uploadId = newId('up');
      const file = path.join(dir, `${uploadId}.part`);
      await fsp.mkdir(dir, { recursive: true });
      await fsp.writeFile(file, new Uint8Array(0), { flag: 'wx' });
      uploads.set(uploadId, { name, size, received: 0, file, writing: false });
      return { uploadId };
    },

    async appendUpload({ uploadId, offset, content }) {
      const upload = get(uploadId);
      const chunk = Buffer.from(content, 'base64');
      if (upload.writing || offset !== upload.received)
        throw new WorkbenchError(
          'conflict',
          `${upload.name}: a chunk at byte ${offset} was refused; the upload has ${upload.received} bytes${upload.writing ? ' and is writing the previous chunk' : ''} and takes the next chunk at byte ${upload.received}`,
          upload.name,
        );
      if (chunk.length > maxChunk)
        throw new WorkbenchError('invalid_input', `${upload.name}: a chunk may hold at most ${mib(maxChunk)}; this one holds ${mib(chunk.length)}`, upload.name);
      if (offset + chunk.length > upload.size)
        throw new WorkbenchError('invalid_input', `${upload.name}: the chunk at byte ${offset} goes past the ${upload.size} bytes announced`, upload.name);
      upload.writing = true;
      try {
        const handle = await fsp.open(upload.file, 'a');
        try {
          await handle.write(chunk);
          // The file is fsynced once, when complete: an import reads it only then.
          if (offset + chunk.length === upload.size) await handle.sync();
        } finally {
          await handle.close();
        }
      } catch (err) {
        // A half-written chunk would leave the file out of step with `received`: the upload is gone.
        await drop(uploadId);
        throw new WorkbenchError('io', `${upload.name}: the upload could not be written (${(err as Error).message}); send the file again`, upload.name);
      } finally {
        upload.writing = false;
      }
      upload.received += chunk.length;
      return { received: upload.received, complete: upload.received === upload.size };
    },

    async discardUpload({ uploadId }) {
      get(uploadId);
      await drop(uploadId);
      return { discarded: uploadId };
    },
  };

  return {
    handlers,
    pathOf({ name, uploadId }) {
      const upload = get(uploadId);
      if (upload.received !== upload.size)
        throw new WorkbenchError('conflict', `${name}: the upload is incomplete (${upload.received} of ${upload.size} bytes received)`, name);
      return { name, path: upload.file };
    },
    async remove(uploadIds) {
      for (const id of uploadIds) await drop(id);
    },
    async dispose() {
      uploads.clear();
      await fsp.rm(dir, { recursive: true, force: true });
    },
  };
}
