/**
 * bin/codeCache.cjs: a CommonJS file run with V8's code cache. The cache is written after a run
 * when there was none, taken at the next start, and refused (then written anew) when it is
 * damaged (V8's checksum) or was made for another source (its identity line); the file's
 * behaviour is the same either way. Each start is a process of its own, as each run of the CLI
 * is (within one process V8 reuses what it compiled and never reads a cache again).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const CODE_CACHE = path.join(__dirname, 'codeCache.cjs');
const cacheFileOf = (file: string) => `${file}.v8-cache`;

interface Start {
  cacheTaken: boolean;
  run: number;
  where: string;
  /** What saveCache() returned, when asked to save. */
  saved?: boolean;
}

/** A new process that loads `file` with its cache for `identity`, runs fib(n), and saves the cache when asked. */
function start(file: string, { identity = 'build 1', n = 15, save = true } = {}): Start {
  const script = `
    const { loadWithCodeCache } = require(${JSON.stringify(CODE_CACHE)});
    const loaded = loadWithCodeCache(${JSON.stringify(file)}, ${JSON.stringify(identity)});
    const out = { cacheTaken: loaded.cacheTaken, run: loaded.exports.run(${n}), where: loaded.exports.where() };
    if (${save}) out.saved = loaded.saveCache();
    process.stdout.write(JSON.stringify(out));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as Start;
}

const work = mkdtempSync(path.join(os.tmpdir(), 'workbench-code-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const SOURCE = `
const path = require('node:path');
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
module.exports.run = (n) => fib(n);
module.exports.where = () => path.basename(__filename) + ' in ' + path.basename(__dirname);
`;

describe('loadWithCodeCache', () => {
  const file = path.join(work, 'bundle.cjs');
  writeFileSync(file, SOURCE);

  it('runs the file as CommonJS, writes the cache after the run, and takes it at the next start', () => {
    expect(start(file, { n: 20 })).toEqual({ cacheTaken: false, run: 6765, where: `bundle.cjs in ${path.basename(work)}`, saved: true });
    expect(readFileSync(cacheFileOf(file), 'latin1').split('\n')[0]).toBe('build 1');
    // Nothing but the file and its cache: the temp file was renamed into place.
    expect(readdirSync(work).sort()).toEqual(['bundle.cjs', 'bundle.cjs.v8-cache']);
    expect(start(file, { n: 20 })).toMatchObject({ cacheTaken: true, run: 6765, saved: false });
  });

  it("refuses a damaged cache (V8's checksum, which it verifies only when asked), and writes a good one after that run", () => {
    const cache = cacheFileOf(file);
    const good = readFileSync(cache);
    // A few bytes anywhere after the identity line: in V8's header, in the bytecode, at the end.
    const payloadStart = good.indexOf(0x0a) + 1;
    for (const at of [payloadStart + 20, Math.floor(good.length / 2), good.length - 16]) {
      const damaged = Buffer.from(good);
      damaged.fill(7, at, at + 16);
      writeFileSync(cache, damaged);
      expect(start(file, { save: false })).toMatchObject({ cacheTaken: false, run: 610 });
    }
    expect(start(file)).toMatchObject({ cacheTaken: false, run: 610, saved: true });
    expect(start(file)).toMatchObject({ cacheTaken: true, run: 610 });
  });

  it("refuses another source's cache, even of the same length (V8 compares only lengths): the identity line names the source", () => {
    expect(start(file)).toMatchObject({ cacheTaken: true });
    const changed = SOURCE.replace('fib(n - 1) + fib(n - 2)', 'fib(n - 1) * fib(n - 2)');
    expect(changed.length).toBe(SOURCE.length);
    writeFileSync(file, changed);
    expect(start(file, { identity: 'build 2' })).toMatchObject({ cacheTaken: false, run: 0, saved: true });
    expect(readFileSync(cacheFileOf(file), 'latin1').split('\n')[0]).toBe('build 2');
    expect(start(file, { identity: 'build 2', save: false })).toMatchObject({ cacheTaken: true, run: 0 });
    expect(start(file, { identity: 'build 1', save: false })).toMatchObject({ cacheTaken: false, run: 0 });
  });

  it('takes an identity of one short printable line only (it is the first line of the cache file)', () => {
    for (const bad of ['', 'two\nlines', 'x'.repeat(257), 'é']) expect(() => start(file, { identity: bad })).toThrow(/identity must be a short line/);
  });

  it('reads a source that is not ASCII as UTF-8 (an ASCII one as Latin-1, the same string)', () => {
    const other = path.join(mkdtempSync(path.join(work, 'utf8-')), 'words.cjs');
    writeFileSync(other, `${SOURCE}\nmodule.exports.where = () => 'سلام، café 😮‍💨';\n`);
    expect(start(other)).toMatchObject({ cacheTaken: false, where: 'سلام، café 😮‍💨', saved: true });
    expect(start(other)).toMatchObject({ cacheTaken: true, where: 'سلام، café 😮‍💨' });
  });

  it('runs without a cache where none can be written, and leaves no temp file', () => {
    const dir = mkdtempSync(path.join(work, 'blocked-'));
    const other = path.join(dir, 'other.cjs');
    writeFileSync(other, SOURCE);
    // A folder where the cache would go: the rename into place fails.
    mkdirSync(cacheFileOf(other));
    writeFileSync(path.join(cacheFileOf(other), 'keep'), '');
    expect(start(other, { n: 10 })).toMatchObject({ cacheTaken: false, run: 55, saved: false });
    expect(readdirSync(dir).sort()).toEqual(['other.cjs', 'other.cjs.v8-cache']);
  });
});
