/**
 * Reading import files the same way in every codec: bytes are decoded by their byte-order mark
 * (UTF-8, UTF-16LE, UTF-16BE; UTF-8 without one), zip archives are expanded into their entries,
 * and names are split into folder, stem and extension for pairing (brat NAME.txt + NAME.ann).
 * Line endings are never touched: offsets in every format count CR and LF as they are.
 */
import { unzipSync } from 'fflate';
import { FormatError, type InputFile } from './codec';

export interface DecodeOptions {
  /**
   * Keep a leading UTF-8 BOM as U+FEFF in the text. brat's reader (Python `codecs.open(…, 'utf8')`)
   * keeps it, so brat offsets count it; every other format treats it as an encoding mark.
   */
  keepUtf8Bom?: boolean;
}

/** Decode bytes by their BOM; without a BOM they must be valid UTF-8. */
export function decodeBytes(bytes: Uint8Array, fileName: string, options: DecodeOptions = {}): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return new TextDecoder('utf-16le', { ignoreBOM: true }).decode(bytes.subarray(2));
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return new TextDecoder('utf-16be', { ignoreBOM: true }).decode(bytes.subarray(2));
  }
  const hasUtf8Bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return hasUtf8Bom && !options.keepUtf8Bom ? text.slice(1) : text;
  } catch {
    throw new FormatError(fileName, undefined, 'not valid UTF-8 text (and no UTF-16 byte-order mark)');
  }
}

/** The text of an input file: given text as is (minus a leading BOM unless kept), or decoded bytes. */
export function fileText(file: InputFile, options: DecodeOptions = {}): string {
  if (file.text !== undefined) {
    return !options.keepUtf8Bom && file.text.charCodeAt(0) === 0xfeff ? file.text.slice(1) : file.text;
  }
  if (file.bytes) return decodeBytes(file.bytes, file.name, options);
  return '';
}

export function isZipFile(file: InputFile): boolean {
  const b = file.bytes;
  if (b && b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return true;
  return /\.zip$/i.test(file.name) && !!b;
}

/** Replace every zip archive by its file entries (named `archive.zip/path/in/zip`); other files pass through. */
export function expandArchives(files: readonly InputFile[]): InputFile[] {
  const out: InputFile[] = [];
  for (const file of files) {
    if (!isZipFile(file)) {
      out.push(file);
      continue;
    }
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(file.bytes!);
    } catch (e) {
      throw new FormatError(file.name, undefined, `not a readable zip archive: ${(e as Error).message}`);
    }
    for (const [path, bytes] of Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (path.endsWith('/') || path.startsWith('__MACOSX/') || /(^|\/)\.DS_Store$/.test(path)) continue;
      out.push({ name: `${file.name}/${path}`, bytes });
    }
  }
  return out;
}

export interface PathParts {
  /** Everything before the last "/" or "\\" (empty when none). */
  dir: string;
  /** The file name without its last extension. */
  stem: string;
  /** The last extension, lower-case, without the dot ("" when none). */
  ext: string;
}

export function pathParts(name: string): PathParts {
  const slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
  const dir = slash >= 0 ? name.slice(0, slash) : '';
  const base = name.slice(slash + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? { dir, stem: base.slice(0, dot), ext: base.slice(dot + 1).toLowerCase() } : { dir, stem: base, ext: '' };
}

/** A file-name-safe slug of a title ("EU rejects German call" → "eu-rejects-german-call"). */
export function slugify(title: string, maxLength = 60): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/g, '');
}
