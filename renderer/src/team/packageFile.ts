/**
 * A chosen package file as the team operations take it: inline (base64) when small, else sent
 * ahead in chunks like a large import file (library/uploadFile.ts), so no request passes its limit.
 */
import type { ImportFile, WorkbenchApi } from '../../../shared/api/contract';
import { bytesToBase64 } from '../library/importFiles';
import { UPLOAD_THRESHOLD_BYTES, uploadFile } from '../library/uploadFile';

export async function packageFileOf(api: Pick<WorkbenchApi, 'beginUpload' | 'appendUpload' | 'discardUpload'>, file: File): Promise<ImportFile> {
  if (file.size > UPLOAD_THRESHOLD_BYTES) return uploadFile(api, file);
  return { name: file.name, content: bytesToBase64(new Uint8Array(await file.arrayBuffer())), encoding: 'base64' };
}
