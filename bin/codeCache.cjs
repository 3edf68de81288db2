/**
 * A CommonJS bundle run with V8's code cache: the bytecode of its functions, saved beside it
 * after a run and handed to V8 at the next start, so that they are not compiled again. Node 20
 * keeps no such cache for a script (module.enableCompileCache came in Node 22), and compiling
 * the CLI's functions was a tenth of a 1,000-document `workbench convert` (bench section
 * `convert`). bin/workbench.cjs runs the prebuilt `convert` bundle this way.
 *
 * The cache is written after a run, not at compile time, so it holds every function that run
 * compiled (V8 compiles most functions lazily, at their first call), and only when there was
 * none or it was refused (another Node or V8 version, other flags, another bundle).
 * It is written to a temp file and renamed into place, so a start meanwhile reads the old
 * cache, the new one or none. Where the bundle's folder cannot be written, there is no cache.
 *
 * V8 checks a cache against its own version and flags, but against the source only by its
 * length. So the cache file opens with a line naming the source it was made from (the caller's
 * `identity`: the bundle's build records a digest of the file), and a cache of another identity
 * is not handed to V8. Against damage, V8's own checksum of the cache is switched on
 * (--verify-snapshot-checksum, off outside debug builds): V8 then refuses a damaged cache
 * instead of running it. Neither asks for hashing the source at every start.
 */
'use strict';
const { isAscii } = require('node:buffer');
const { readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const path = require('node:path');
const v8 = require('node:v8');
const vm = require('node:vm');

/** Where the cache of `file` is kept. */
const cacheFileOf = (file) => `${file}.v8-cache`;

const NEWLINE = 0x0a;
/** Longest identity line read back (a digest and a little more). */
const MAX_IDENTITY = 256;
/** An identity: one line of printable ASCII, at most MAX_IDENTITY characters. */
const IDENTITY = new RegExp(`^[!-~ ]{1,${MAX_IDENTITY}}$`);

/** The cache kept in `cacheFile` for the source named `identity`, if there is one. */
function readCache(cacheFile, identity) {
  let bytes;
  try {
    bytes = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const end = bytes.subarray(0, MAX_IDENTITY + 1).indexOf(NEWLINE);
  return end >= 0 && bytes.toString('latin1', 0, end) === identity && bytes.length > end + 1 ? bytes.subarray(end + 1) : undefined;
}

/**
 * Load the CommonJS file `file` (its own `require`, `module`, `__filename`), with the code cache
 * beside it when it was written for `identity` (a short line of printable ASCII naming this
 * exact source) and V8 takes it. Returns its exports and `saveCache()`, which writes the cache
 * when there was none to take (call it once the run has compiled what it needs); it returns
 * whether it wrote one.
 */
function loadWithCodeCache(file, identity) {
  if (!IDENTITY.test(identity)) throw new Error(`code cache identity must be a short line of printable ASCII, not ${JSON.stringify(identity)}`);
  // Before the cache is read or made: V8 checksums each cache it makes and verifies each it reads.
  v8.setFlagsFromString('--verify-snapshot-checksum');
  const bytes = readFileSync(file);
  // ASCII is its own Latin-1, which is a plain copy, where UTF-8 must be decoded (a tenth of `convert --help`).
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const cacheFile = cacheFileOf(file);
  const cachedData = readCache(cacheFile, identity);
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
        writeFileSync(temp, Buffer.concat([Buffer.from(`${identity}\n`, 'latin1'), script.createCachedData()]));
        renameSync(temp, cacheFile);
        return true;
      } catch {
        rmSync(temp, { force: true });
        return false;
      }
    },
  };
}

module.exports = { cacheFileOf, loadWithCodeCache };
