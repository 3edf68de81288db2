/**
 * Export straight to disk with bounded memory: articles are read from the store one at a
 * time, the codec turns each into pieces (the shared driver, shared/formats/exportDriver.ts),
 * and the pieces are written as they come. Memory is bounded by one article, plus for a zip
 * its central directory and the compressed data of files that stay open across articles
 * (CSV's tables after the first). The CLI uses this; the app runs it as a background job.
 *
 * Nothing half-written is ever left at the destination: the output goes to a temp file (or
 * temp folder) beside it, is fsynced, and is renamed into place only when complete; an
 * error or a cancel (AbortSignal) removes the temp output.
 *
 * An article whose file cannot be read (missing, not JSON, not an article file) is left out and
 * listed in the result's `skipped`, naming its file and the problem: the others are exported.
 *
 * Output shape follows the codec: a 'single' codec writes one file; a 'multi' codec (brat)
 * writes a .zip when the destination ends in .zip, else a folder.
 */
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { ExportRequest, SkippedArticle } from '../../shared/api/contract';
import { WorkbenchError } from '../../shared/api/errors';
import type { ExportContext, ExportPiece, FormatCodec } from '../../shared/formats/codec';
import { exportBatches, zipExport, type ExportBatch } from '../../shared/formats/exportDriver';
import { getCodec } from './codecs';
import { articlesOf, exportContextOf, selectArticleIds } from './interchange';
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
  /** Called once before the first article and after every article (written or skipped), with increasing `done`. */
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
  /** Articles written (those selected, less the skipped). */
  articles: number;
  /** Articles left out because their file could not be read, each naming its file and the problem. */
  skipped: SkippedArticle[];
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

  const warnings: string[] = [];
  let warningCount = 0;
  const warn = (message: string) => {
    if (warningCount++ < MAX_KEPT_WARNINGS) warnings.push(message);
  };
  const ctx: ExportContext = { ...exportContextOf(store, request.options), warn, ...(signal ? { signal } : {}) };
  const total = ids.length;
  const defaultFile = defaultEntryName(codec);
  const entryNames = new Set<string>();
  // Every entry name is checked (no "..", no absolute paths) before it reaches a zip or the disk.
  const observed = observePieces(codec, (p) => void entryNames.add(safeEntryName(p.file ?? defaultFile)));
  const skipped: SkippedArticle[] = [];
  let written = 0;
  const progress = () => opts.onProgress?.({ done: written + skipped.length, total });
  const run = {
    signal,
    total,
    onProgress: ({ articles }: { articles: number }) => {
      written = articles;
      progress();
    },
  };
  const articles = articlesOf(ids, store, (s) => {
    skipped.push(s);
    progress();
  });

  const temp = path.join(path.dirname(outPath), `.${path.basename(outPath)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const sink: OutputSink =
    layout === 'folder' ? await FolderSink.create(temp, defaultFile) : await SingleFileSink.create(temp, codec);
  try {
    opts.onProgress?.({ done: 0, total });
    if (layout === 'zip') {
      // The shared streaming zip writer (fflate Zip + ZipDeflate), chunks written as they come.
      const zip = zipExport(observed, articles, ctx, { ...run, defaultFile });
      for await (const chunk of zip) await (sink as SingleFileSink).writeBytes(chunk);
    } else {
      for await (const batch of exportBatches(observed, articles, ctx, run)) await sink.write(batch);
    }
    signal?.throwIfAborted();
    const { bytes } = await sink.finish();
    signal?.throwIfAborted();
    if (layout === 'folder') await fsp.rmdir(outPath).catch(() => undefined); // an empty folder we checked above
    await fsp.rename(temp, outPath);
    await syncDirectory(path.dirname(outPath));
    return { outPath, layout, articles: written, skipped, files: layout === 'file' ? 1 : entryNames.size, bytes, warnings, warningCount };
  } catch (err) {
    await sink.abandon();
    await fsp.rm(temp, { recursive: true, force: true }).catch(() => undefined);
    throw err;
  }
}

/** The codec with `see` called on every piece it produces (same methods, same `this`). */
function observePieces(codec: FormatCodec, see: (piece: ExportPiece) => void): FormatCodec {
  const tap = (pieces: ExportPiece[]) => {
    pieces.forEach(see);
    return pieces;
  };
  return {
    ...codec,
    begin: codec.begin && ((ctx) => tap(codec.begin!(ctx))),
    article: (article, ctx, index) => tap(codec.article(article, ctx, index)),
    end: codec.end && ((ctx) => tap(codec.end!(ctx))),
  };
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

/** Where an export's output goes; `finish` makes the temp output durable, `abandon` closes it after a failure. */
interface OutputSink {
  write(batch: ExportBatch): Promise<void>;
  finish(): Promise<{ bytes: number }>;
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

/** One file: a single-file format's text, or the bytes of a zip. */
class SingleFileSink implements OutputSink {
  private constructor(
    private readonly writer: FileWriter,
    private readonly codec: FormatCodec,
  ) {}

  static async create(temp: string, codec: FormatCodec) {
    return new SingleFileSink(await FileWriter.open(temp, 'wx'), codec);
  }

  async write(batch: ExportBatch) {
    for (const p of batch.pieces) {
      if (p.file !== undefined)
        throw new WorkbenchError('internal', `the ${this.codec.name} codec is single-file but produced a piece for "${p.file}"`);
      await this.writer.write(p.text);
    }
  }

  writeBytes(chunk: Uint8Array) {
    return this.writer.write(chunk);
  }

  async finish() {
    await this.writer.finish();
    return { bytes: this.writer.bytes };
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
 * A multi-file export as a folder, with the zip writer's convention (shared/formats/exportDriver.ts):
 * a file first written during an article is complete when that article's pieces are written;
 * files first written in `begin` (CSV's tables) stay open until the end. A complete file is
 * never reopened.
 */
class FolderSink implements OutputSink {
  private readonly open = new Map<string, { writer: FileWriter; phase: ExportBatch['phase'] }>();
  private readonly closed = new Set<string>();
  private readonly dirs = new Set<string>();
  private bytes = 0;

  private constructor(
    private readonly root: string,
    private readonly defaultName: string,
  ) {
    this.dirs.add(root);
  }

  static async create(temp: string, defaultName: string) {
    await fsp.mkdir(temp);
    return new FolderSink(temp, defaultName);
  }

  async write(batch: ExportBatch) {
    const openedNow: string[] = [];
    for (const p of batch.pieces) {
      const name = safeEntryName(p.file ?? this.defaultName);
      if (this.closed.has(name))
        throw new WorkbenchError('internal', `the export wrote to "${name}" after it was complete; a file written across articles must be opened in begin()`);
      let file = this.open.get(name);
      if (!file) {
        file = { writer: await this.create(name), phase: batch.phase };
        this.open.set(name, file);
        openedNow.push(name);
      }
      await file.writer.write(p.text);
    }
    if (batch.phase === 'begin') return;
    for (const name of batch.phase === 'end' ? [...this.open.keys()] : openedNow) await this.close(name);
  }

  private async create(name: string) {
    const file = path.join(this.root, ...name.split('/'));
    const dir = path.dirname(file);
    if (!this.dirs.has(dir)) {
      await fsp.mkdir(dir, { recursive: true });
      for (let d = dir; d !== this.root && !this.dirs.has(d); d = path.dirname(d)) this.dirs.add(d);
    }
    return FileWriter.open(file, 'wx');
  }

  private async close(name: string) {
    const { writer } = this.open.get(name)!;
    this.open.delete(name);
    this.closed.add(name);
    await writer.finish();
    this.bytes += writer.bytes;
  }

  async finish() {
    for (const name of [...this.open.keys()]) await this.close(name);
    for (const d of this.dirs) await syncDirectory(d);
    return { bytes: this.bytes };
  }

  async abandon() {
    await Promise.all([...this.open.values()].map((f) => f.writer.abandon()));
    this.open.clear();
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
