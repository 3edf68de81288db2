import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FormatCodec } from '../../shared/formats/codec';
import { jsonlCodec } from '../../shared/formats/jsonl';
import { tempDir } from '../service/testWorkspace';
import { inputFilePaths, readInputFiles } from './readInputFiles';

const stubCodec = (name: FormatCodec['name'], layout: FormatCodec['layout'], extension: string): FormatCodec => ({
  ...jsonlCodec,
  name,
  layout,
  extension,
});

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

const put = (name: string, content: string | Uint8Array) => {
  mkdirSync(path.dirname(path.join(tmp.dir, name)), { recursive: true });
  writeFileSync(path.join(tmp.dir, name), content);
};

describe('readInputFiles', () => {
  it('hands a multi-file format every file of a folder, sorted, without hidden files, named by the path given', async () => {
    put('brat/b.txt', 'B');
    put('brat/b.ann', 'T1\tActor 0 1\tB\n');
    put('brat/a.txt', 'A');
    put('brat/.DS_Store', 'junk');
    put('brat/nested/c.txt', 'C');
    const files = await readInputFiles(['brat'], stubCodec('brat', 'multi', 'ann'), tmp.dir);
    expect(files).toEqual([
      { name: path.join('brat', 'a.txt'), text: 'A' },
      { name: path.join('brat', 'b.ann'), text: 'T1\tActor 0 1\tB\n' },
      { name: path.join('brat', 'b.txt'), text: 'B' },
      { name: path.join('brat', 'nested', 'c.txt'), text: 'C' },
    ]);
  });

  it('names a folder\'s files by the folder as given, however it is written (as path.join of it and the path inside)', async () => {
    put('brat/a.txt', 'A');
    put('brat/nested/deeper/c.ann', 'C');
    const codec = stubCodec('brat', 'multi', 'ann');
    const inside = [path.join('a.txt'), path.join('nested', 'deeper', 'c.ann')];
    for (const [given, cwd] of [
      ['brat', tmp.dir],
      [`brat${path.sep}`, tmp.dir],
      [`.${path.sep}brat`, tmp.dir],
      [`brat${path.sep}nested${path.sep}..`, tmp.dir],
      [path.join(tmp.dir, 'brat'), '/'],
      ['.', path.join(tmp.dir, 'brat')],
      ['..', path.join(tmp.dir, 'brat', 'nested')],
    ]) {
      // Every one of them is the folder brat: its files are the given path joined with the path inside.
      expect([given, await inputFilePaths([given], codec, cwd)]).toEqual([given, inside.map((f) => path.join(given, f))]);
    }
  });

  it('passes a zip archive as bytes, whatever the format', async () => {
    const zip = zipSync({ 'a.txt': strToU8('A') });
    put('corpus.zip', zip);
    const [f] = await readInputFiles(['corpus.zip'], stubCodec('brat', 'multi', 'ann'), tmp.dir);
    expect(f.text).toBeUndefined();
    expect(Buffer.from(f.bytes!).equals(Buffer.from(zip))).toBe(true);
  });

  it('passes CSV as its raw bytes (to detect a UTF-16 byte-order mark) and as the text they decode to', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('title,text\nCafé,é\n', 'utf16le')]);
    put('spans.csv', utf16);
    put('latin1.csv', Buffer.from([0x43, 0x61, 0x66, 0xe9])); // "Café" in Latin-1: not UTF-8
    const [f, latin1] = await readInputFiles(['spans.csv', 'latin1.csv'], stubCodec('csv', 'single', 'csv'), tmp.dir);
    expect(Buffer.from(f.bytes!).equals(utf16)).toBe(true);
    expect(f.text).toBe('title,text\nCafé,é\n');
    expect(latin1).toEqual({ name: 'latin1.csv', bytes: expect.any(Uint8Array) });
  });

  it('keeps a UTF-8 byte-order mark in the text (brat offsets count it) and decodes BOM-marked UTF-16', async () => {
    put('a.txt', '\uFEFFKhaji');
    put('b.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('hé', 'utf16le').swap16()]));
    const files = await readInputFiles(['a.txt', 'b.txt'], stubCodec('brat', 'multi', 'ann'), tmp.dir);
    expect(files.map((f) => f.text)).toEqual(['\uFEFFKhaji', 'hé']);
  });

  it('rejects a text file that is not valid UTF-8, naming it', async () => {
    put('bad.jsonl', Buffer.from([0x7b, 0xff, 0x7d]));
    await expect(readInputFiles(['bad.jsonl'], jsonlCodec, tmp.dir)).rejects.toMatchObject({
      code: 'invalid_input',
      file: 'bad.jsonl',
      message: expect.stringContaining('bad.jsonl: not valid UTF-8'),
    });
  });

  it('reports a folder with no file of the format', async () => {
    put('empty/notes.md', '#');
    await expect(readInputFiles(['empty'], jsonlCodec, tmp.dir)).rejects.toMatchObject({
      message: 'empty: the folder has no .jsonl files to import',
    });
  });
});
