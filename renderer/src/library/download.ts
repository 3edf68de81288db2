/** Offer an exported file to the user: a Blob behind a temporary <a download>. */
import type { ExportResult } from '../../../shared/api/contract';

export function exportBlob(file: ExportResult): Blob {
  if (file.encoding === 'base64') {
    const bin = atob(file.content);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new Blob([bytes], { type: file.mimeType });
  }
  return new Blob([file.content], { type: file.mimeType });
}

/** Save a Blob under `fileName` through a temporary <a download>. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: the download may start after this task.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function downloadExport(file: ExportResult): void {
  downloadBlob(exportBlob(file), file.fileName);
}
