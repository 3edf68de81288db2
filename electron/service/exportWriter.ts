/**
 * Writing a codec's streamed export to disk, from any source of articles: the workspace's
 * (exportToFile.ts) or files being converted without a workspace (`workbench convert`,
 * electron/cli/convertRun.ts). Pieces are written as they come, so memory is bounded by one
 * article (plus, for a zip, its central directory and the compressed data of files that stay
 * open across articles: CSV's tables after the first).
 *
 * Nothing half-written is ever left at the destination: the output goes to a temp file (or
 * temp folder) beside it, is fsynced, and is renamed into place only when complete; an
 * error or a cancel (AbortSignal) removes the temp output, and a killed process leaves only
 * the hidden temp beside it (`.NAME.PID.RANDOM.tmp`), never a partial NAME.
 *
 * Output shape follows the codec: a 'single' codec writes one file; a 'multi' codec (brat)
 * writes a .zip when the destination ends in .zip, else a folder.
 */
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../../shared/api/errors';
import type { Article } from '../../shared/domain/model';
import type { ExportContext, ExportPiece, FormatCodec } from '../../shared/formats/codec';
import { exportBatches, zipExport, type ExportBatch } from '../../shared/formats/exportDriver';
import { BufferedFileWriter } from './bufferedFileWriter';
import { syncDirectory } from './durableJsonFile';

/** 'file': one file in the codec's format; 'zip': a zip of the codec's files; 'folder': a folder of them. */
export type ExportLayout = 'file' | 'zip' | 'folder';

export interface WriteExportOptions {
  codec: FormatCodec;
  /** Read one at a time, as the output is written. */
  articles: AsyncIterable<Article> | Iterable<Article>;
  ctx: ExportContext;
  /** The file (or, for a multi-file format without .zip, the folder) to create; resolved against the process's cwd. */
  outPath: string;
  /** Abort to cancel: the temp output is removed and the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Articles expected, when the caller knows (progress only). */
  total?: number;
  /** Called with 0 once the temp output is open, then after every article with the articles written so far. */
  onWritten?: (articles: number) => void;
}

export interface WrittenExport {
  outPath: string;
  layout: ExportLayout;
  /** Articles written. */
  articles: number;
  /** Files written (inside the zip or folder); 1 for a single file. */
  files: number;
  /** Size of the file written (file and zip layouts); the sum of file sizes for a folder. */
  bytes: number;
}

/** The layout an export to `outPath` takes. */
export function exportLayout(codec: FormatCodec, outPath: string): ExportLayout {
  return codec.layout === 'single' ? 'file' : /\.zip$/i.test(outPath) ? 'zip' : 'folder';
}

/**
 * Check that `outPath` can take the export (its folder exists; it is no folder where a file
 * goes, nor a non-empty folder), before any work is done.
 */
export async function checkExportDestination(codec: FormatCodec, outPath: string): Promise<void> {
  const resolved = path.resolve(outPath);
  await checkDestination(resolved, exportLayout(codec, resolved));
}

/** Write the export of `articles` to `outPath`, all or nothing. */
export async function writeExport(opts: WriteExportOptions): Promise<WrittenExport> {
  const { codec, ctx, signal } = opts;
  const outPath = path.resolve(opts.outPath);
  const layout = exportLayout(codec, outPath);
  await checkDestination(outPath, layout);
  signal?.throwIfAborted();

  const defaultFile = defaultEntryName(codec);
  const entryNames = new Set<string>();
  // Every entry name is checked (no "..", no absolute paths) before it reaches a zip or the disk.
  const observed = observePieces(codec, (p) => void entryNames.add(safeEntryName(p.file ?? defaultFile)));
  let written = 0;
  const run = {
    signal,
    ...(opts.total !== undefined ? { total: opts.total } : {}),
    onProgress: ({ articles }: { articles: number }) => {
      written = articles;
      opts.onWritten?.(written);
    },
  };

  const temp = path.join(path.dirname(outPath), `.${path.basename(outPath)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const sink: OutputSink =
    layout === 'folder' ? await FolderSink.create(temp, defaultFile) : await SingleFileSink.create(temp, codec);
  try {
    opts.onWritten?.(0);
    if (layout === 'zip') {
      // The shared streaming zip writer (fflate Zip + ZipDeflate), chunks written as they come.
      const zip = zipExport(observed, opts.articles, ctx, { ...run, defaultFile });
      for await (const chunk of zip) await (sink as SingleFileSink).writeBytes(chunk);
    } else {
      for await (const batch of exportBatches(observed, opts.articles, ctx, run)) await sink.write(batch);
    }
    signal?.throwIfAborted();
    const { bytes } = await sink.finish();
    signal?.throwIfAborted();
    if (layout === 'folder') await fsp.rmdir(outPath).catch(() => undefined); // an empty folder we checked above
    await fsp.rename(temp, outPath);
    await syncDirectory(path.dirname(outPath));
    return { outPath, layout, articles: written, files: layout === 'file' ? 1 : entryNames.size, bytes };
  } catch (err) {
    await sink.abandon();
    await fsp.rm(temp, { recursive: true, force: true }).catch(() => undefined);
    throw namedWriteError(err, outPath);
  }
}

/** A file-system refusal that names no file (a write's EFBIG or ENOSPC names none) as one naming the destination. */
function namedWriteError(err: unknown, outPath: string): unknown {
  const e = err as NodeJS.ErrnoException | null;
  if (!(err instanceof Error) || typeof e?.code !== 'string' || !/^E[A-Z]+$/.test(e.code) || e.path !== undefined) return err;
  return new WorkbenchError('io', `cannot write ${outPath}: ${err.message}`, outPath);
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
async function checkDestination(outPath: string, layout: ExportLayout) {
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

/** One file: a single-file format's text, or the bytes of a zip. */
class SingleFileSink implements OutputSink {
  private constructor(
    private readonly writer: BufferedFileWriter,
    private readonly codec: FormatCodec,
  ) {}

  static async create(temp: string, codec: FormatCodec) {
    return new SingleFileSink(await BufferedFileWriter.open(temp, 'wx'), codec);
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
  private readonly open = new Map<string, { writer: BufferedFileWriter; phase: ExportBatch['phase'] }>();
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
    return BufferedFileWriter.open(file, 'wx');
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
