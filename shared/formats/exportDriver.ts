/**
 * Running a codec's streamed export: begin → one call per article → end, with progress and
 * cancellation, article by article so memory stays bounded by one article (plus, for zips, the
 * compressed data of files that stay open across articles). Pure: runs in the renderer, the
 * service and the CLI alike.
 *
 * Zip convention for 'multi' codecs: a file first written during `article(i)` is complete when
 * that call returns (brat's NAME.txt/NAME.ann); files that collect rows from every article must
 * be opened in `begin()` (CSV's tables) and are closed at the end.
 */
import { Zip, ZipDeflate, strToU8 } from 'fflate';
import type { Article } from '../domain/model';
import type { ExportContext, ExportPiece, FormatCodec } from './codec';
import { ExportLossTally } from './losses';

export interface ExportProgress {
  /** Articles written so far. */
  articles: number;
  /** Total, when the caller knows it. */
  total?: number;
}

export interface ExportRunOptions {
  onProgress?: (progress: ExportProgress) => void;
  /** Cancels between articles (also read from ctx.signal). Throws the signal's reason (an AbortError). */
  signal?: AbortSignal;
  total?: number;
}

export interface ExportBatch {
  phase: 'begin' | 'article' | 'end';
  /** Article index for 'article' batches. */
  index: number;
  pieces: ExportPiece[];
}

type ArticleSource = AsyncIterable<Article> | Iterable<Article>;

/**
 * The codec's output grouped by call, in order. What the format cannot carry is counted here,
 * for every codec alike, and reported after the end (one line per kind, to `ctx.lost` or `ctx.warn`).
 */
export async function* exportBatches(codec: FormatCodec, articles: ArticleSource, ctx: ExportContext, options: ExportRunOptions = {}): AsyncGenerator<ExportBatch> {
  const signal = options.signal ?? ctx.signal;
  signal?.throwIfAborted();
  const tally = new ExportLossTally(codec.losses, ctx.entities, ctx.notLost);
  yield { phase: 'begin', index: -1, pieces: codec.begin?.(ctx) ?? [] };
  let index = 0;
  for await (const article of articles as AsyncIterable<Article>) {
    signal?.throwIfAborted();
    tally.article(article);
    const pieces = codec.article(article, ctx, index);
    yield { phase: 'article', index, pieces };
    index++;
    options.onProgress?.({ articles: index, ...(options.total !== undefined ? { total: options.total } : {}) });
  }
  signal?.throwIfAborted();
  const end = codec.end?.(ctx) ?? [];
  tally.report(ctx);
  yield { phase: 'end', index: -1, pieces: end };
}

/** Export pieces in order (begin, articles, end). */
export async function* runExport(
  codec: FormatCodec,
  articles: ArticleSource,
  ctx: ExportContext,
  onProgress?: (progress: ExportProgress) => void,
  signal?: AbortSignal,
): AsyncGenerator<ExportPiece> {
  for await (const batch of exportBatches(codec, articles, ctx, { onProgress, signal })) yield* batch.pieces;
}

/** Join the pieces of a single-file export into its text. */
export async function collectSingleFile(pieces: AsyncIterable<ExportPiece>): Promise<string> {
  const parts: string[] = [];
  for await (const p of pieces) {
    if (p.file !== undefined) throw new Error(`collectSingleFile: piece for file "${p.file}" in a single-file export (use zipExport)`);
    parts.push(p.text);
  }
  return parts.join('');
}

/**
 * Zip a codec's export while it runs (fflate streaming Zip + ZipDeflate), yielding the bytes of
 * the archive as they are produced. Pieces without a file name go to `defaultFile`.
 */
export async function* zipExport(
  codec: FormatCodec,
  articles: ArticleSource,
  ctx: ExportContext,
  options: ExportRunOptions & { defaultFile?: string } = {},
): AsyncGenerator<Uint8Array> {
  const ready: Uint8Array[] = [];
  let failure: Error | null = null;
  let finished = false;
  const zip = new Zip((err, chunk, final) => {
    if (err) failure = err;
    else ready.push(chunk);
    if (final) finished = true;
  });
  const open = new Map<string, { entry: ZipDeflate; phase: ExportBatch['phase'] }>();
  const closed = new Set<string>();
  const drain = function* () {
    if (failure) throw failure;
    while (ready.length) yield ready.shift()!;
  };
  try {
    for await (const batch of exportBatches(codec, articles, ctx, options)) {
      const openedNow: string[] = [];
      for (const piece of batch.pieces) {
        const name = piece.file ?? options.defaultFile ?? `export.${codec.extension}`;
        if (closed.has(name)) throw new Error(`${codec.name} export wrote to ${name} after it was complete; a file written across articles must be opened in begin()`);
        let file = open.get(name);
        if (!file) {
          file = { entry: new ZipDeflate(name, { level: 6 }), phase: batch.phase };
          zip.add(file.entry);
          open.set(name, file);
          openedNow.push(name);
        }
        if (piece.text) file.entry.push(strToU8(piece.text), false);
      }
      // Files opened by this article are complete now; begin's stay open until the end.
      if (batch.phase !== 'begin') {
        for (const name of batch.phase === 'end' ? [...open.keys()] : openedNow) {
          open.get(name)!.entry.push(new Uint8Array(0), true);
          open.delete(name);
          closed.add(name);
        }
      }
      yield* drain();
    }
    zip.end();
    yield* drain();
    if (!finished) throw new Error('zip stream did not finish');
  } finally {
    if (!finished) zip.terminate();
  }
}

/** The whole zip of an export as one byte array. */
export async function collectZip(codec: FormatCodec, articles: ArticleSource, ctx: ExportContext, options: ExportRunOptions & { defaultFile?: string } = {}): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const c of zipExport(codec, articles, ctx, options)) {
    chunks.push(c);
    size += c.length;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
