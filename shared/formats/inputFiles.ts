/**
 * Reading import files the same way in every codec: bytes are decoded by their byte-order mark
 * (UTF-8, UTF-16LE, UTF-16BE; UTF-8 without one), zip archives are expanded into their entries,
 * and names are split into folder, stem and extension for pairing (brat NAME.txt + NAME.ann).
 * Archives are inflated as a stream with limits on what they may inflate to (ArchiveLimits), so
 * a zip bomb is refused early instead of filling the memory of the app or the CLI.
 * Line endings are never touched: offsets in every format count CR and LF as they are.
 */
import { Unzip, UnzipInflate, UnzipPassThrough, type UnzipDecoderConstructor } from 'fflate';
import { FormatError, type InputFile } from './codec';

const MiB = 1024 * 1024;
const mib = (bytes: number) => `${Math.round((bytes / MiB) * 10) / 10} MiB`;

export interface DecodeOptions {
  /**
   * Keep a leading UTF-8 BOM as U+FEFF in the text. brat's reader (Python `codecs.open(…, 'utf8')`)
   * keeps it, so brat offsets count it; every other format treats it as an encoding mark.
   */
  keepUtf8Bom?: boolean;
}

/** The encoding a file's first bytes declare by a UTF-16 byte-order mark; UTF-8 otherwise. */
export function bomEncoding(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | 'utf-8' {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

export const NOT_UTF8 = 'not valid UTF-8 text (and no UTF-16 byte-order mark)';

/** Decode bytes by their BOM; without a BOM they must be valid UTF-8. */
export function decodeBytes(bytes: Uint8Array, fileName: string, options: DecodeOptions = {}): string {
  const encoding = bomEncoding(bytes);
  if (encoding !== 'utf-8') return new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes.subarray(2));
  const hasUtf8Bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return hasUtf8Bom && !options.keepUtf8Bom ? text.slice(1) : text;
  } catch (e) {
    // Invalid bytes are a TypeError; anything else (a text longer than a JavaScript string can hold) is size.
    if (e instanceof TypeError) throw new FormatError(fileName, undefined, NOT_UTF8);
    throw new FormatError(fileName, undefined, `too large to read as text (${mib(bytes.length)}): ${(e as Error).message}`);
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

/**
 * What an archive may inflate to. Real corpora stay far below: the largest article text the
 * workbench stores is 50 million UTF-16 units, and text compresses 3 to 10 times, not 200.
 */
export interface ArchiveLimits {
  /** Largest inflated size of one entry, in bytes. */
  maxEntryBytes: number;
  /** Largest inflated size of all entries of one archive together, in bytes. */
  maxTotalBytes: number;
  /** Largest ratio of an entry's inflated to compressed size, checked once it is past `ratioFromBytes`. */
  maxRatio: number;
  /** Entries up to this inflated size may compress better than `maxRatio` (a small file of one repeated line). */
  ratioFromBytes: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntryBytes: 256 * MiB,
  maxTotalBytes: 1024 * MiB,
  maxRatio: 200,
  ratioFromBytes: 1 * MiB,
};

/** DEFLATE's best case: one compressed byte inflates to at most about this many bytes. */
const DEFLATE_MAX_RATIO = 1032;
/** Compressed bytes handed to the inflater at once: fflate inflates all it is given in one step. */
const MAX_STEP = 16 * 1024;
const MIN_STEP = 256;

function isSkippedEntry(path: string): boolean {
  return path.endsWith('/') || path.startsWith('__MACOSX/') || /(^|\/)\.DS_Store$/.test(path);
}

function concatChunks(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

interface EntryProgress {
  path: string;
  chunks: Uint8Array[];
  inflated: number;
  /** Compressed bytes the inflater has been given: measured, since the headers' sizes can lie. */
  compressed: number;
}

/**
 * Inflate one archive's entries (sorted by path), refusing it as soon as an entry or the whole
 * passes a limit. The compressed bytes go to fflate's streaming inflater in steps small enough
 * that one step cannot inflate much past the remaining allowance (DEFLATE_MAX_RATIO), so the
 * memory a hostile archive can take is bounded by the limits, whatever its headers declare.
 */
function unzipWithin(name: string, bytes: Uint8Array, limits: ArchiveLimits): InputFile[] {
  const entries: InputFile[] = [];
  let total = 0;
  let current: EntryProgress | undefined;
  let refusal: FormatError | undefined;
  const refuse = (entry: EntryProgress, problem: string) => {
    refusal ??= new FormatError(name, `entry ${entry.path}`, `${problem}; the archive was not imported`);
  };
  const metered = (Decoder: UnzipDecoderConstructor): UnzipDecoderConstructor =>
    class extends Decoder {
      override push(chunk: Uint8Array, final: boolean) {
        if (current) current.compressed += chunk.length;
        super.push(chunk, final);
      }
    };
  const unzip = new Unzip((file) => {
    if (refusal || isSkippedEntry(file.name)) return; // never started: its bytes are passed over
    const entry: EntryProgress = { path: file.name, chunks: [], inflated: 0, compressed: 0 };
    current = entry;
    if (file.originalSize !== undefined && file.originalSize > limits.maxEntryBytes) {
      refuse(entry, `declares ${mib(file.originalSize)} inflated, more than the limit of ${mib(limits.maxEntryBytes)} per entry`);
      return;
    }
    file.ondata = (err, data, final) => {
      if (refusal) return;
      if (err) {
        refusal = new FormatError(name, `entry ${entry.path}`, `not a readable zip archive: ${err.message}`);
        return;
      }
      entry.inflated += data.length;
      total += data.length;
      if (entry.inflated > limits.maxEntryBytes)
        return refuse(entry, `inflates to more than the limit of ${mib(limits.maxEntryBytes)} per entry`);
      if (total > limits.maxTotalBytes)
        return refuse(entry, `the entries inflate to more than the limit of ${mib(limits.maxTotalBytes)} per archive`);
      if (entry.inflated > limits.ratioFromBytes && entry.inflated > limits.maxRatio * entry.compressed)
        return refuse(
          entry,
          `inflates ${Math.round(entry.inflated / Math.max(1, entry.compressed))} times its compressed size (${mib(entry.inflated)} so far), more than the limit of ${limits.maxRatio} times`,
        );
      if (data.length) entry.chunks.push(data);
      if (final) {
        entries.push({ name: `${name}/${entry.path}`, bytes: concatChunks(entry.chunks, entry.inflated) });
        entry.chunks = [];
        if (current === entry) current = undefined;
      }
    };
    file.start();
  });
  unzip.register(metered(UnzipInflate));
  unzip.register(metered(UnzipPassThrough));
  try {
    let offset = 0;
    do {
      const allowance = Math.min(limits.maxTotalBytes - total, current ? limits.maxEntryBytes - current.inflated : Infinity);
      const step = Math.max(MIN_STEP, Math.min(MAX_STEP, Math.floor(allowance / DEFLATE_MAX_RATIO)));
      const end = Math.min(bytes.length, offset + step);
      unzip.push(bytes.subarray(offset, end), end === bytes.length);
      offset = end;
    } while (offset < bytes.length && !refusal);
  } catch (e) {
    refusal ??= new FormatError(name, current && `entry ${current.path}`, `not a readable zip archive: ${(e as Error).message}`);
  }
  if (refusal) throw refusal;
  if (!entries.length && !isEmptyZip(bytes)) throw new FormatError(name, undefined, 'not a readable zip archive: no entries found');
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** An archive of no entries at all is only its end-of-central-directory record ("PK\x05\x06"). */
function isEmptyZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x05 && bytes[3] === 0x06;
}

/**
 * Replace every zip archive by its file entries (named `archive.zip/path/in/zip`); other files
 * pass through. An archive inflating past `limits` is refused naming the archive, the entry and the limit.
 */
export function expandArchives(files: readonly InputFile[], limits: Partial<ArchiveLimits> = {}): InputFile[] {
  const bounded = { ...DEFAULT_ARCHIVE_LIMITS, ...limits };
  const out: InputFile[] = [];
  for (const file of files) {
    if (isZipFile(file)) out.push(...unzipWithin(file.name, file.bytes!, bounded));
    else out.push(file);
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
