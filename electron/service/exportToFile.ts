/**
 * Export straight to disk with bounded memory: articles are read from the store one at a
 * time, the codec turns each into pieces, and the pieces are written as they come. Memory
 * is bounded by one article (plus a zip's small central directory), so a workspace of any
 * size exports. The CLI uses this; the app uses it for large exports with a progress bar.
 *
 * Nothing half-written is ever left at the destination: the output goes to a temp file (or
 * temp folder) beside it, is fsynced, and is renamed into place only when complete; an
 * error or a cancel (AbortSignal) removes the temp output.
 *
 * Output shape follows the codec: a 'single' codec writes one file; a 'multi' codec (brat)
 * writes a .zip when the destination ends in .zip, else a folder.
 */
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { Zip, ZipDeflate } from 'fflate';
import type { ExportRequest } from '../../shared/api/contract';
import { WorkbenchError } from '../../shared/api/errors';
import type { ExportContext, ExportPiece, FormatCodec } from '../../shared/formats/codec';
import { getCodec } from './codecs';
import { selectArticleIds } from './interchange';
import type { WorkspaceStore } from './workspaceStore';

export interface ExportProgress {
  /** Articles written so far. */
  done: number;
  /** Articles selected for this export. */
  total: number;
}

export interface ExportToFileOptions {
  store: WorkspaceStore;
  request: ExportRequest;
  /** The file (or, for a multi-file format without .zip, the folder) to create. */
  outPath: string;
  /** Called once before the first article and after every article, with increasing `done`. */
  onProgress?: (progress: ExportProgress) => void;
  /** Abort to cancel: the temp output is removed and the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** The codec to use instead of the registry's (tests, and formats not in the registry). */
  codec?: FormatCodec;
}

export interface ExportToFileResult {
  outPath: string;
  /** 'file': one file in the codec's format; 'zip': a zip of the codec's files; 'folder': a folder of them. */
  layout: 'file' | 'zip' | 'folder';
  articles: number;
  /** Files written (inside the zip or folder); 1 for a single file. */
  files: number;
  /** Size of the file written (file and zip layouts); the sum of file sizes for a folder. */
  bytes: number;
  /** What the codec could not write exactly (the first MAX_KEPT_WARNINGS), and how many there were. */
  warnings: string[];
  warningCount: number;
}

const MAX_KEPT_WARNINGS = 100;

/** Flush the write buffer once it holds this much; bounds memory and keeps syscalls few. */
const WRITE_CHUNK_BYTES = 256 * 1024;

export async function exportToFile(opts: ExportToFileOptions): Promise<ExportToFileResult> {
  const { store, request, signal } = opts;
  const codec = opts.codec ?? getCodec(request.format);
  const outPath = path.resolve(opts.outPath);
  const ids = selectArticleIds(request, store);
  const layout: ExportToFileResult['layout'] =
    codec.layout === 'single' ? 'file' : /\.zip$/i.test(outPath) ? 'zip' : 'folder';
  await checkDestination(outPath, layout);
  signal?.throwIfAborted();

  const temp = path.join(path.dirname(outPath), `.${path.basename(outPath)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const sink: PieceSink =
    layout === 'file'
      ? await SingleFileSink.create(temp, codec)
      : layout === 'zip'
        ? await ZipSink.create(temp, defaultEntryName(codec))
        : await FolderSink.create(temp, defaultEntryName(codec));
  try {
    const warnings: string[] = [];
    let warningCount = 0;
    const warn = (message: string) => {
      if (warningCount++ < MAX_KEPT_WARNINGS) warnings.push(message);
    };
    const ctx: ExportContext = { schema: store.schema, options: request.options, warn, ...(signal ? { signal } : {}) };
    const total = ids.length;
    opts.onProgress?.({ done: 0, total });
    await sink.write(codec.begin?.(ctx) ?? []);
    for (let i = 0; i < total; i++) {
      signal?.throwIfAborted();
      const article = await store.readArticle(ids[i]);
      await sink.write(codec.article(article, ctx, i));
      opts.onProgress?.({ done: i + 1, total });
    }
    await sink.write(codec.end?.(ctx) ?? []);
    signal?.throwIfAborted();
    const { files, bytes } = await sink.finish();
    signal?.throwIfAborted();
    if (layout === 'folder') await fsp.rmdir(outPath).catch(() => undefined); // an empty folder we checked above
    await fsp.rename(temp, outPath);
    await syncDirectory(path.dirname(outPath));
    return { outPath, layout, articles: total, files, bytes, warnings, warningCount };
  } catch (err) {
    await sink.abandon();
    await fsp.rm(temp, { recursive: true, force: true }).catch(() => undefined);
    throw err;
  }
}

function defaultEntryName(codec: FormatCodec) {
  return `workbench-${codec.name}.${codec.extension}`;
}

/** Refuse destinations we would have to destroy: a folder where a file goes, a non-empty folder. */
async function checkDestination(outPath: string, layout: ExportToFileResult['layout']) {
  const parent = path.dirname(outPath);
  const parentStat = await fsp.stat(parent).catch(() => null);
  if (!parentStat?.isDirectory())
    throw new WorkbenchError('invalid_input', `cannot write ${outPath}: the folder ${parent} does not exist`, outPath);
  const existing = await fsp.stat(outPath).catch(() => null);
  if (!existing) return;
  if (layout !== 'folder' && existing.isDirectory())
    throw new WorkbenchError('invalid_input', `cannot write ${outPath}: it is a folder`, outPath);
  if (layout === 'folder') {
    if (!existing.isDirectory())
      throw new WorkbenchError('invalid_input', `cannot write the folder ${outPath}: a file of that name exists`, outPath);
    if ((await fsp.readdir(outPath)).length > 0)
      throw new WorkbenchError(
        'invalid_input',
        `cannot write the folder ${outPath}: it exists and is not empty (choose a new name, or end it in .zip for an archive)`,
        outPath,
      );
  }
}

/** Where the codec's pieces go; `finish` makes the temp output durable, `abandon` closes it after a failure. */
interface PieceSink {
  write(pieces: readonly ExportPiece[]): Promise<void>;
  finish(): Promise<{ files: number; bytes: number }>;
  abandon(): Promise<void>;
}

/** Buffered sequential writes to one open file. */
class FileWriter {
  private chunks: Buffer[] = [];
  private buffered = 0;
  bytes = 0;
  private constructor(private readonly handle: fsp.FileHandle) {}

  static async open(file: string, flags: string) {
    return new FileWriter(await fsp.open(file, flags));
  }

  async write(data: string | Uint8Array) {
    const chunk = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    this.bytes += chunk.length;
    if (this.buffered >= WRITE_CHUNK_BYTES) await this.flush();
  }

  private async flush() {
    if (!this.buffered) return;
    const data = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.buffered);
    this.chunks = [];
    this.buffered = 0;
    for (let offset = 0; offset < data.length; ) {
      const { bytesWritten } = await this.handle.write(data, offset, data.length - offset, null);
      offset += bytesWritten;
    }
  }

  /** Write what is buffered, fsync, close. */
  async finish() {
    try {
      await this.flush();
      await this.handle.sync();
    } finally {
      await this.handle.close();
    }
  }

  async abandon() {
    this.chunks = [];
    await this.handle.close().catch(() => undefined);
  }
}

class SingleFileSink implements PieceSink {
  private constructor(
    private readonly writer: FileWriter,
    private readonly codec: FormatCodec,
  ) {}

  static async create(temp: string, codec: FormatCodec) {
    return new SingleFileSink(await FileWriter.open(temp, 'wx'), codec);
  }

  async write(pieces: readonly ExportPiece[]) {
    for (const p of pieces) {
      if (p.file !== undefined)
        throw new WorkbenchError('internal', `the ${this.codec.name} codec is single-file but produced a piece for "${p.file}"`);
      await this.writer.write(p.text);
    }
  }

  async finish() {
    await this.writer.finish();
    return { files: 1, bytes: this.writer.bytes };
  }

  abandon() {
    return this.writer.abandon();
  }
}

/**
 * An entry name from a codec, checked so it stays inside the zip or folder: relative,
 * forward slashes, no "." or ".." segments.
 */
export function safeEntryName(name: string): string {
  const normalised = name.replace(/\\/g, '/');
  const segments = normalised.split('/');
  if (
    normalised === '' ||
    normalised.startsWith('/') ||
    /^[A-Za-z]:/.test(normalised) ||
    segments.some((s) => s === '' || s === '.' || s === '..')
  )
    throw new WorkbenchError('internal', `refusing to write the export entry "${name}": not a plain relative path`);
  return normalised;
}

/**
 * Entries are written one after another. A piece for the entry already open appends to it; a
 * piece for another entry closes the open one. An entry cannot be reopened once closed
 * (a zip stores each entry in one run), so codecs emit each file's pieces consecutively.
 */
abstract class EntrySequence {
  private current: string | null = null;
  private readonly closed = new Set<string>();
  files = 0;

  constructor(private readonly defaultName: string) {}

  protected abstract openEntry(name: string): Promise<void>;
  protected abstract appendToEntry(data: Uint8Array): Promise<void>;
  protected abstract closeEntry(): Promise<void>;

  async write(pieces: readonly ExportPiece[]) {
    for (const p of pieces) {
      const name = safeEntryName(p.file ?? this.defaultName);
      if (name !== this.current) {
        if (this.closed.has(name))
          throw new WorkbenchError('internal', `the export wrote "${name}" in two separate parts; a streamed export cannot reopen it`);
        await this.closeCurrent();
        await this.openEntry(name);
        this.current = name;
        this.files++;
      }
      await this.appendToEntry(Buffer.from(p.text, 'utf8'));
    }
  }

  protected async closeCurrent() {
    if (this.current === null) return;
    await this.closeEntry();
    this.closed.add(this.current);
    this.current = null;
  }
}

class ZipSink extends EntrySequence implements PieceSink {
  private readonly zip: Zip;
  private entry: ZipDeflate | null = null;
  /** Compressed output produced synchronously by fflate, waiting to be written. */
  private pending: Uint8Array[] = [];
  private error: Error | null = null;
  private ended = false;

  private constructor(
    private readonly writer: FileWriter,
    defaultName: string,
  ) {
    super(defaultName);
    this.zip = new Zip((err, chunk, final) => {
      if (err) this.error = err;
      else this.pending.push(chunk);
      if (final) this.ended = true;
    });
  }

  static async create(temp: string, defaultName: string) {
    return new ZipSink(await FileWriter.open(temp, 'wx'), defaultName);
  }

  private async drain() {
    if (this.error) throw new WorkbenchError('internal', `zip failed: ${this.error.message}`);
    const chunks = this.pending;
    this.pending = [];
    for (const c of chunks) await this.writer.write(c);
  }

  protected async openEntry(name: string) {
    this.entry = new ZipDeflate(name, { level: 6 });
    this.zip.add(this.entry);
    await this.drain();
  }

  protected async appendToEntry(data: Uint8Array) {
    this.entry!.push(data, false);
    await this.drain();
  }

  protected async closeEntry() {
    this.entry!.push(new Uint8Array(0), true);
    this.entry = null;
    await this.drain();
  }

  async finish() {
    await this.closeCurrent();
    this.zip.end();
    await this.drain();
    if (!this.ended) throw new WorkbenchError('internal', 'zip did not finish');
    await this.writer.finish();
    return { files: this.files, bytes: this.writer.bytes };
  }

  abandon() {
    this.pending = [];
    return this.writer.abandon();
  }
}

class FolderSink extends EntrySequence implements PieceSink {
  private writer: FileWriter | null = null;
  private readonly dirs = new Set<string>();
  private bytes = 0;

  private constructor(
    private readonly root: string,
    defaultName: string,
  ) {
    super(defaultName);
    this.dirs.add(root);
  }

  static async create(temp: string, defaultName: string) {
    await fsp.mkdir(temp);
    return new FolderSink(temp, defaultName);
  }

  protected async openEntry(name: string) {
    const file = path.join(this.root, ...name.split('/'));
    const dir = path.dirname(file);
    if (!this.dirs.has(dir)) {
      await fsp.mkdir(dir, { recursive: true });
      for (let d = dir; d !== this.root && !this.dirs.has(d); d = path.dirname(d)) this.dirs.add(d);
    }
    this.writer = await FileWriter.open(file, 'wx');
  }

  protected async appendToEntry(data: Uint8Array) {
    await this.writer!.write(data);
  }

  protected async closeEntry() {
    const writer = this.writer!;
    this.writer = null;
    await writer.finish();
    this.bytes += writer.bytes;
  }

  async finish() {
    await this.closeCurrent();
    for (const d of this.dirs) await syncDirectory(d);
    return { files: this.files, bytes: this.bytes };
  }

  async abandon() {
    await this.writer?.abandon();
    this.writer = null;
  }
}

/** fsync a directory so a rename into it survives a crash (a no-op where the OS refuses, e.g. Windows). */
async function syncDirectory(dir: string) {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(dir, 'r');
    await handle.sync();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF') throw err;
  } finally {
    await handle?.close();
  }
}
