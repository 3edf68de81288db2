/**
 * bin/codeCache.mjs: a CommonJS file run with V8's code cache. The cache is written after a run
 * when there was none, taken at the next start, and refused by V8 (then written anew) when it
 * is damaged or the file changed; the file's behaviour is the same either way.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ESM scripts without type declarations
import { cacheFileOf, loadWithCodeCache } from './codeCache.mjs';

interface Loaded {
  exports: { run: (n: number) => number; where: () => string };
  cacheTaken: boolean;
  saveCache: () => boolean;
}
const load = (file: string) => loadWithCodeCache(file) as Loaded;

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
    const first = load(file);
    expect(first.cacheTaken).toBe(false);
    expect(first.exports.run(20)).toBe(6765);
    expect(first.exports.where()).toBe(`bundle.cjs in ${path.basename(work)}`);
    expect(first.saveCache()).toBe(true);
    expect(readFileSync(cacheFileOf(file)).length).toBeGreaterThan(0);
    // Nothing but the file and its cache: the temp file was renamed into place.
    expect(readdirSync(work).sort()).toEqual(['bundle.cjs', 'bundle.cjs.v8-cache']);

    const second = load(file);
    expect(second.cacheTaken).toBe(true);
    expect(second.exports.run(20)).toBe(6765);
    expect(second.saveCache()).toBe(false);
  });

  it('refuses a damaged cache (V8 alone would run it: it verifies no checksum), and writes a good one after that run', () => {
    const cache = cacheFileOf(file);
    const bytes = readFileSync(cache);
    bytes.fill(7, Math.floor(bytes.length / 2));
    writeFileSync(cache, bytes);
    const damaged = load(file);
    expect(damaged.cacheTaken).toBe(false);
    expect(damaged.exports.run(15)).toBe(610);
    expect(damaged.saveCache()).toBe(true);
    expect(load(file).cacheTaken).toBe(true);
  });

  it("refuses another file's cache, even of the same length (V8 compares only lengths)", () => {
    expect(load(file).cacheTaken).toBe(true);
    const changed = SOURCE.replace('fib(n - 1) + fib(n - 2)', 'fib(n - 1) * fib(n - 2)');
    expect(changed.length).toBe(SOURCE.length);
    writeFileSync(file, changed);
    const rebuilt = load(file);
    expect(rebuilt.cacheTaken).toBe(false);
    expect(rebuilt.exports.run(15)).toBe(0);
  });

  it('reads a source that is not ASCII as UTF-8 (an ASCII one as Latin-1, the same string)', () => {
    const other = path.join(mkdtempSync(path.join(work, 'utf8-')), 'words.cjs');
    writeFileSync(other, `${SOURCE}\nmodule.exports.where = () => 'سلام، café 😮‍💨';\n`);
    const first = load(other);
    expect(first.exports.where()).toBe('سلام، café 😮‍💨');
    expect(first.saveCache()).toBe(true);
    const second = load(other);
    expect(second.cacheTaken).toBe(true);
    expect(second.exports.where()).toBe('سلام، café 😮‍💨');
  });

  it('runs without a cache where none can be written, and leaves no temp file', () => {
    const dir = mkdtempSync(path.join(work, 'blocked-'));
    const other = path.join(dir, 'other.cjs');
    writeFileSync(other, SOURCE);
    // A folder where the cache would go: the rename into place fails.
    mkdirSync(cacheFileOf(other));
    writeFileSync(path.join(cacheFileOf(other), 'keep'), '');
    const loaded = load(other);
    expect(loaded.cacheTaken).toBe(false);
    expect(loaded.exports.run(10)).toBe(55);
    expect(loaded.saveCache()).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['other.cjs', 'other.cjs.v8-cache']);
  });
});
