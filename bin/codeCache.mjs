/**
 * A CommonJS bundle run with V8's code cache: the bytecode of its functions, saved beside it
 * after a run and handed to V8 at the next start, so that they are not compiled again. Node 20
 * keeps no such cache for a script (module.enableCompileCache came in Node 22), and compiling
 * the CLI's functions was a tenth of a 1,000-document `workbench convert` (bench section
 * `convert`). bin/workbench.mjs runs the prebuilt `convert` bundle this way.
 *
 * The cache is written after a run, not at compile time, so it holds every function that run
 * compiled (V8 compiles most functions lazily, at their first call), and only when there was
 * none or it was refused (another Node or V8 version, other flags, another bundle).
 * It is written to a temp file and renamed into place, so a start meanwhile reads the old
 * cache, the new one or none. Where the bundle's folder cannot be written, there is no cache.
 *
 * V8 checks a cache against its own version and flags, but against the source only by its
 * length, and it verifies no checksum outside debug builds: a damaged cache, or one left from
 * another bundle of the same length, would run as it stands. So the file starts with a SHA-256
 * of the source and the cache together, and a cache whose digest differs is not handed to V8.
 */
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/** Where the cache of `file` is kept. */
export const cacheFileOf = (file) => `${file}.v8-cache`;

/** Bytes of the digest that opens a cache file. */
const DIGEST_BYTES = 32;
const digestOf = (source, data) => createHash('sha256').update(source).update(data).digest();

/** The cache kept for `source` in `cacheFile`, when there is one and it is the one written for this source. */
function readCache(cacheFile, source) {
  let bytes;
  try {
    bytes = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const data = bytes.subarray(DIGEST_BYTES);
  return bytes.length > DIGEST_BYTES && digestOf(source, data).equals(bytes.subarray(0, DIGEST_BYTES)) ? data : undefined;
}

/**
 * Load the CommonJS file `file` (its own `require`, `module`, `__filename`), with the code cache
 * beside it when V8 takes it. Returns its exports and `saveCache()`, which writes the cache
 * when there was none to take (call it once the run has compiled what it needs); it returns
 * whether it wrote one.
 */
export function loadWithCodeCache(file) {
  const bytes = readFileSync(file);
  // ASCII is its own Latin-1, which is a plain copy, where UTF-8 must be decoded (a tenth of `convert --help`).
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const cacheFile = cacheFileOf(file);
  const cachedData = readCache(cacheFile, bytes);
  // Node's own CommonJS wrapper: the bundle runs as it would under require().
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
  const taken = cachedData !== undefined && !script.cachedDataRejected;
  return {
    exports: module.exports,
    cacheTaken: taken,
    saveCache() {
      if (taken) return false;
      const temp = `${cacheFile}.${process.pid}.tmp`;
      try {
        const data = script.createCachedData();
        writeFileSync(temp, Buffer.concat([digestOf(bytes, data), data]));
        renameSync(temp, cacheFile);
        return true;
      } catch {
        rmSync(temp, { force: true });
        return false;
      }
    },
  };
}
