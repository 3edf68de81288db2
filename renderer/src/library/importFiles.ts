/**
 * Chosen files → what the API carries (`TransferFile`). Text goes as text; bytes go as base64
 * whenever decoding here could change them: zip archives, CSV tables (UTF-16 CSVs from Excel
 * would not survive `file.text()`), and any file that starts with a byte-order mark (brat
 * counts a UTF-8 BOM as a character; `file.text()` would drop it and shift every offset).
 * The service decodes bytes by their BOM, the same way for every format.
 */
import type { FormatName, TransferFile } from '../../../shared/api/contract';

/** Formats whose files always travel as bytes. */
const BYTES_FORMATS: ReadonlySet<FormatName> = new Set(['csv']);

export function isBinaryName(name: string): boolean {
  return /\.(zip|csv|tsv)$/i.test(name);
}

function startsWithBom(bytes: Uint8Array): boolean {
  return (
    (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) ||
    (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)))
  );
}

/** The ES2026 base64 methods where the engine has them (Chromium 140+), else the atob/btoa way. */
const nativeBase64 = Uint8Array as unknown as {
  fromBase64?: (base64: string) => Uint8Array<ArrayBuffer>;
  prototype: { toBase64?: () => string };
};

export function bytesToBase64(bytes: Uint8Array): string {
  if (typeof nativeBase64.prototype.toBase64 === 'function') return (bytes as unknown as { toBase64(): string }).toBase64();
  let binary = '';
  // String.fromCharCode takes arguments; keep each call well under the engines' limits.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  if (typeof nativeBase64.fromBase64 === 'function') return nativeBase64.fromBase64(base64);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** One chosen file as the API carries it for an import of `format`. */
export async function toTransferFile(file: Blob & { name: string }, format: FormatName): Promise<TransferFile> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (BYTES_FORMATS.has(format) || isBinaryName(file.name) || startsWithBom(bytes)) {
    return { name: file.name, content: bytesToBase64(bytes), encoding: 'base64' };
  }
  try {
    return { name: file.name, content: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf8' };
  } catch {
    // Not UTF-8: let the service say so, naming the file.
    return { name: file.name, content: bytesToBase64(bytes), encoding: 'base64' };
  }
}

export function toTransferFiles(files: readonly (Blob & { name: string })[], format: FormatName): Promise<TransferFile[]> {
  return Promise.all(files.map((f) => toTransferFile(f, format)));
}
