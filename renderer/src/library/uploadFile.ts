/**
 * Chosen files → an import request's files, sending large ones ahead in chunks (beginUpload,
 * appendUpload) so no request carries more than one chunk of them. Every file over
 * UPLOAD_THRESHOLD_BYTES is uploaded, and so is every file that would take the inline files
 * past INLINE_BUDGET_BYTES as JSON (measured after escaping, which can double a text of
 * quotes): the import request then stays below its body limit (shared/api/bodyLimits.ts)
 * however many files are chosen. Small files still travel inline (one request instead of
 * three, parsed from memory as before). Uploads travel as raw bytes: the service decodes them
 * by their byte-order mark, as it decodes inline base64 files.
 */
import { MAX_UPLOAD_CHUNK_BYTES, type FormatName, type ImportFile, type TransferFile, type UploadedFile, type WorkbenchApi } from '../../../shared/api/contract';
import { bytesToBase64, toTransferFile } from './importFiles';

const MiB = 1024 * 1024;
/** A file above this goes in chunks: it would be one whole chunk anyway. */
export const UPLOAD_THRESHOLD_BYTES = 8 * MiB;
/** What the inline files of one import request take together as JSON, at most (previewImport's limit is 64 MiB). */
export const INLINE_BUDGET_BYTES = 60 * MiB;

export type UploadApi = Pick<WorkbenchApi, 'beginUpload' | 'appendUpload' | 'discardUpload'>;
type NamedBlob = Blob & { name: string };
/** Uploads made for chosen files, reused by every preview and the commit of the same choice. */
export type UploadCache = Map<NamedBlob, Promise<UploadedFile>>;

export interface UploadOptions {
  chunkBytes?: number;
  /** Bytes of this file sent so far. */
  onProgress?: (sent: number) => void;
}

/** Send one file in chunks, in order; a failed upload is discarded on the service. */
export async function uploadFile(api: UploadApi, file: NamedBlob, options: UploadOptions = {}): Promise<UploadedFile> {
  const chunkBytes = options.chunkBytes ?? MAX_UPLOAD_CHUNK_BYTES;
  const { uploadId } = await api.beginUpload({ name: file.name, size: file.size });
  try {
    for (let offset = 0; offset < file.size; offset += chunkBytes) {
      const bytes = new Uint8Array(await file.slice(offset, offset + chunkBytes).arrayBuffer());
      await api.appendUpload({ uploadId, offset, content: bytesToBase64(bytes) });
      options.onProgress?.(offset + bytes.length);
    }
  } catch (err) {
    await api.discardUpload({ uploadId }).catch(() => undefined);
    throw err;
  }
  return { name: file.name, uploadId };
}

/** The bytes a file's content takes in a request body: as a JSON string, in UTF-8. */
function encodedBytes(file: TransferFile): number {
  return file.encoding === 'base64' ? file.content.length + 2 : new TextEncoder().encode(JSON.stringify(file.content)).length;
}

export interface ImportFilesOptions {
  threshold?: number;
  budget?: number;
  chunkBytes?: number;
  /** Bytes of the uploaded files sent so far, of their total. */
  onProgress?: (sent: number, total: number) => void;
}

/** The files of an import request: large ones uploaded (once per file: `cache`), the others inline. */
export async function toImportFiles(
  api: UploadApi,
  files: readonly NamedBlob[],
  format: FormatName,
  cache: UploadCache,
  options: ImportFilesOptions = {},
): Promise<ImportFile[]> {
  const threshold = options.threshold ?? UPLOAD_THRESHOLD_BYTES;
  const budget = options.budget ?? INLINE_BUDGET_BYTES;
  // First which files go inline (read now) and which in chunks, so the progress knows its total.
  const inline = new Map<NamedBlob, TransferFile>();
  let inlineBytes = 0;
  for (const f of files) {
    if (f.size > threshold || cache.has(f)) continue;
    const transfer = await toTransferFile(f, format);
    const bytes = encodedBytes(transfer);
    if (inlineBytes + bytes > budget) continue;
    inline.set(f, transfer);
    inlineBytes += bytes;
  }
  const total = files.reduce((n, f) => (inline.has(f) ? n : n + f.size), 0);
  let done = 0;
  const result: ImportFile[] = [];
  // One file after the other: the chunks of one upload must arrive in order anyway.
  for (const f of files) {
    const transfer = inline.get(f);
    if (transfer) {
      result.push(transfer);
      continue;
    }
    let uploaded = cache.get(f);
    if (!uploaded) {
      uploaded = uploadFile(api, f, { chunkBytes: options.chunkBytes, onProgress: (sent) => options.onProgress?.(done + sent, total) });
      cache.set(f, uploaded);
      // A failed upload is not reused: the next preview tries again.
      uploaded.catch(() => cache.get(f) === uploaded && cache.delete(f));
      // The choice was given up while this preview was still sending: its uploads go too.
      if (discarded.has(cache)) discardUploads(api, cache);
    }
    result.push(await uploaded);
    done += f.size;
    options.onProgress?.(done, total);
  }
  return result;
}

const discarded = new WeakSet<UploadCache>();

/** Discard the uploads of a choice that will not be imported (the dialog closed, other files chosen), and any made for it later. */
export function discardUploads(api: UploadApi, cache: UploadCache): void {
  discarded.add(cache);
  for (const uploaded of cache.values()) void uploaded.then(({ uploadId }) => api.discardUpload({ uploadId })).catch(() => undefined);
  cache.clear();
}
