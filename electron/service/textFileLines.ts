/**
 * A text file read from disk line by line, decoded as shared/formats/inputFiles.ts decodes a
 * whole file: by its byte-order mark (UTF-16LE, UTF-16BE), else strictly as UTF-8; the mark
 * itself is dropped. Lines end at "\n", and a "\r" before it is dropped (the JSONL readers
 * split at /\r?\n/). Memory holds one chunk of the file and the line being read.
 */
import { createReadStream } from 'node:fs';
import { WorkbenchError } from '../../shared/api/errors';
import { FormatError } from '../../shared/formats/codec';
import { NOT_UTF8, bomEncoding } from '../../shared/formats/inputFiles';

export interface TextLine {
  text: string;
  /** 1-based. */
  line: number;
}

/**
 * Small on purpose: a decoded chunk then stays under V8's large-object size and dies young, in
 * the next scavenge. With 1 MiB chunks every chunk went to the old space and waited for a full
 * collection: a dry run of 30,000 articles peaked at 225 MB RSS instead of 169 MB.
 */
const CHUNK_BYTES = 32 * 1024;

const withoutCr = (line: string) => (line.endsWith('\r') ? line.slice(0, -1) : line);

/**
 * How many lines of a UTF-8 chunk precede the one with the invalid bytes (the decoder only says
 * that the chunk has some). Continuation bytes at its start belong to a character the last
 * chunk began, so they are skipped.
 */
function linesBeforeInvalidUtf8(chunk: Uint8Array): number {
  let start = 0;
  while (start < chunk.length && (chunk[start] & 0xc0) === 0x80) start++;
  let lines = 0;
  for (let i = start; i < chunk.length; i++) {
    if (chunk[i] !== 0x0a) continue;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(chunk.subarray(start, i));
    } catch {
      return lines;
    }
    lines++;
    start = i + 1;
  }
  return lines;
}

/** The lines of the file at `file`; errors name it as `name` (the path the user gave). */
export async function* textFileLines(file: string, name: string): AsyncGenerator<TextLine> {
  const stream = createReadStream(file, { highWaterMark: CHUNK_BYTES });
  let decoder: TextDecoder | undefined;
  let line = 0;
  // A line longer than a chunk arrives in pieces; joined once, when its end is found.
  let pieces: string[] = [];
  const decode = (bytes?: Uint8Array) => {
    try {
      return bytes ? decoder!.decode(bytes, { stream: true }) : decoder!.decode();
    } catch (e) {
      if (!(e instanceof TypeError)) throw e;
      const bad = line + (bytes && decoder!.encoding === 'utf-8' ? linesBeforeInvalidUtf8(bytes) : 0) + 1;
      throw new FormatError(name, `line ${bad}`, NOT_UTF8);
    }
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      decoder ??= new TextDecoder(bomEncoding(chunk), { fatal: true });
      const text = decode(chunk);
      let start = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        const tail = text.slice(start, nl);
        const whole = pieces.length ? pieces.join('') + tail : tail;
        pieces = [];
        yield { text: withoutCr(whole), line: ++line };
        start = nl + 1;
      }
      if (start < text.length) pieces.push(text.slice(start));
    }
    if (decoder) pieces.push(decode());
    const last = pieces.join('');
    if (last) yield { text: withoutCr(last), line: ++line };
  } catch (err) {
    if (err instanceof FormatError) throw err;
    throw new WorkbenchError('io', `${name}: cannot read: ${(err as Error).message}`, name);
  } finally {
    stream.destroy();
  }
}
