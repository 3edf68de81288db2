/**
 * BufferedFileWriter: whatever mix of pieces is written (text of one to four UTF-8 bytes a
 * character, pieces that just fit, just miss and outgrow a buffer, bytes), the file holds them
 * in order, byte for byte, also when several writers share the pool of buffers at once.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { BufferedFileWriter, WRITE_BUFFER_BYTES } from './bufferedFileWriter';

const work = mkdtempSync(path.join(os.tmpdir(), 'workbench-buffered-writer-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Text of every UTF-8 width: ASCII, accents, Persian with ZWNJ, emoji with ZWJ (four bytes, two UTF-16 units). */
const CHUNKS = ['a', 'quote "x"\n', 'é', 'می‌خواهم', '😮‍💨', '❤️‍🔥', 'ك'];
const text = (length: number, seed: number) => {
  let s = '';
  for (let i = 0; s.length < length; i++) s += CHUNKS[(seed + i) % CHUNKS.length];
  return s;
};

type Piece = { kind: 'text'; length: number; seed: number } | { kind: 'bytes'; length: number; seed: number };
const made = (p: Piece): string | Uint8Array => (p.kind === 'text' ? text(p.length, p.seed) : Uint8Array.from({ length: p.length }, (_, i) => (p.seed + i) % 256));
const bytesOf = (piece: string | Uint8Array) => (typeof piece === 'string' ? Buffer.from(piece, 'utf8') : Buffer.from(piece));

let files = 0;
async function writeAll(pieces: (string | Uint8Array)[]): Promise<{ file: string; bytes: number }> {
  const file = path.join(work, `out-${files++}`);
  const writer = await BufferedFileWriter.open(file, 'wx');
  for (const p of pieces) await writer.write(p);
  await writer.finish();
  return { file, bytes: writer.bytes };
}

describe('BufferedFileWriter', () => {
  it('writes pieces around the buffer size in order, byte for byte', async () => {
    const third = Math.floor(WRITE_BUFFER_BYTES / 3);
    const pieces = [
      text(10, 0),
      text(third, 1), // length × 3 passes the room: measured, and fits
      text(WRITE_BUFFER_BYTES - 5, 2), // does not fit after the first: the buffer goes first
      new Uint8Array(WRITE_BUFFER_BYTES + 1).fill(9), // larger than a buffer: written as it is
      text(WRITE_BUFFER_BYTES, 3), // larger in UTF-8 than a buffer, though not in units
      '',
      new Uint8Array(0),
      text(7, 4),
    ];
    const { file, bytes } = await writeAll(pieces);
    const expected = Buffer.concat(pieces.map(bytesOf));
    expect(bytes).toBe(expected.length);
    expect(readFileSync(file).equals(expected)).toBe(true);
  });

  it('holds for any mix of pieces, with several writers sharing the buffers at once', async () => {
    const piece = fc.oneof(
      fc.record({ kind: fc.constant('text' as const), length: fc.oneof(fc.integer({ min: 0, max: 64 }), fc.integer({ min: 60_000, max: 300_000 })), seed: fc.nat(50) }),
      fc.record({ kind: fc.constant('bytes' as const), length: fc.integer({ min: 0, max: 300_000 }), seed: fc.nat(255) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(piece, { maxLength: 12 }), { minLength: 1, maxLength: 3 }), async (writers) => {
        const pieces = writers.map((list) => list.map(made));
        const written = await Promise.all(pieces.map(writeAll));
        written.forEach(({ file, bytes }, k) => {
          const expected = Buffer.concat(pieces[k].map(bytesOf));
          expect(bytes).toBe(expected.length);
          expect(readFileSync(file).equals(expected)).toBe(true);
          rmSync(file);
        });
      }),
      { numRuns: 25 },
    );
  });
});
