/**
 * previewImport and commitImport for requests whose files may have been uploaded in chunks
 * (uploads.ts). Inline files are parsed whole, as before. When every file is uploaded and the
 * format reads line by line (native JSONL, doccano), the files are streamed from disk in two
 * passes (streamedImport.ts, as the CLI imports), so a large corpus costs the app one article of
 * memory, not the corpus; other uploaded files are read from disk and parsed whole, as bytes
 * (decoded by their byte-order mark, like inline base64 files).
 */
import { promises as fsp } from 'node:fs';
import { isUploadedFile, type ImportFile, type ImportPreview, type ImportRequest } from '../../shared/api/contract';
import type { ArticleSummary } from '../../shared/domain/model';
import type { InputFile } from '../../shared/formats/codec';
import { getCodec } from './codecs';
import { commitImportPlan, planImport, toInputFile, type ImportPlan } from './interchange';
import { commitScan, planScan, readsLineByLine, scanLineFiles, type LineFile } from './streamedImport';
import type { Uploads } from './uploads';
import type { WorkspaceStore } from './workspaceStore';

/** An import ready to preview or commit, however its files are read. */
interface PreparedRequest {
  preview: ImportPreview;
  commit(): Promise<ArticleSummary[]>;
}

/** The uploads a request names (removed once its import is committed). */
export const uploadIdsOf = (files: readonly ImportFile[]) => files.filter(isUploadedFile).map((f) => f.uploadId);

async function streamed(request: ImportRequest, files: LineFile[], store: WorkspaceStore, signal: AbortSignal): Promise<PreparedRequest> {
  const codec = getCodec(request.format);
  const scan = await scanLineFiles(files, codec, request.options, store.articleIds(), signal);
  const plan = planScan(scan, request.labelMapping, store.schema.labels, store.entities);
  return { preview: plan.preview, commit: () => commitScan(scan, plan, store, signal) };
}

function whole(request: ImportRequest, inputs: InputFile[], store: WorkspaceStore): PreparedRequest {
  const corpus = getCodec(request.format).parse(inputs, request.options);
  const existing = store.articleIds();
  const plan: ImportPlan = planImport(corpus, { labelMapping: request.labelMapping, files: inputs }, store.schema.labels, existing, store.entities);
  return { preview: plan.preview, commit: () => commitImportPlan(plan, store) };
}

/** Read and plan an import request; writes nothing until `commit`. */
export async function prepareImportRequest(request: ImportRequest, store: WorkspaceStore, uploads: Uploads, signal: AbortSignal): Promise<PreparedRequest> {
  const codec = getCodec(request.format);
  if (request.files.every(isUploadedFile)) {
    const lineFiles = request.files.map((f) => uploads.pathOf(f));
    if (await readsLineByLine(lineFiles, codec, request.options)) return streamed(request, lineFiles, store, signal);
  }
  const inputs = await Promise.all(
    request.files.map(async (f): Promise<InputFile> => (isUploadedFile(f) ? { name: f.name, bytes: await fsp.readFile(uploads.pathOf(f).path) } : toInputFile(f))),
  );
  return whole(request, inputs, store);
}
