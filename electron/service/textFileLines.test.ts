import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from './testWorkspace';
import { textFileLines } from './textFileLines';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('workbench-lines-');
});
afterEach(() => tmp.cleanup());

async function linesOf(bytes: Uint8Array | string) {
  const file = path.join(tmp.dir, 'in.jsonl');
  writeFileSync(file, bytes);
  const out: [number, string][] = [];
  for await (const { line, text } of textFileLines(file, 'in.jsonl')) out.push([line, text]);
  return out;
}

describe('textFileLines', () => {
  it('splits at LF and CRLF, drops a UTF-8 BOM, and joins a line longer than a read chunk whole (emoji cut between chunks)', async () => {
    // 🐱 is 4 bytes in UTF-8: with an odd prefix, chunk boundaries fall inside some of them.
    const long = 'x' + '🐱'.repeat(700_000);
    expect(await linesOf('\uFEFFfirst\r\n' + long + '\n\nlast')).toEqual([
      [1, 'first'],
      [2, long],
      [3, ''],
      [4, 'last'],
    ]);
  });

  it('decodes UTF-16LE and UTF-16BE by their byte-order mark', async () => {
    const le = Buffer.from('\uFEFFa\nb🐱\n', 'utf16le');
    expect(await linesOf(le)).toEqual([
      [1, 'a'],
      [2, 'b🐱'],
    ]);
    expect(await linesOf(Buffer.from(le).swap16())).toEqual([
      [1, 'a'],
      [2, 'b🐱'],
    ]);
  });

  it('names the file and the line whose bytes are not UTF-8', async () => {
    const bytes = Buffer.concat([Buffer.from('ok\n🐱\n'), Buffer.from([0x6f, 0xff, 0x0a]), Buffer.from('ok\n')]);
    await expect(linesOf(bytes)).rejects.toThrow('in.jsonl (line 3): not valid UTF-8 text (and no UTF-16 byte-order mark)');
  });
});
