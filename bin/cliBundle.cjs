/**
 * The prebuilt CLI bundle (`npm run build:cli`, scripts/buildCli.mjs) and whether it is still
 * the source's: bin/workbench.cjs runs it only when every file it was built from is unchanged,
 * else the TypeScript source through tsx. Node and tsx starting up and compiling the CLI's
 * modules were about a third of a 1,000-document conversion (bench section `convert`).
 *
 * Freshness is the size and modification time of each input esbuild reported (the repository's
 * modules and the packages' files it bundled), recorded at build time in inputs.json beside the
 * bundle: a couple of hundred stat calls, a few milliseconds, where hashing them would read a
 * megabyte at every start. `convert` checks only the inputs of its own entry, and that entry
 * itself (its code cache is named by the digest the build recorded of it). Any edit, checkout or
 * reinstall changes an mtime; a deleted input makes the bundle stale too (stat fails). A stale
 * bundle is never run: at worst a fresh one is passed over (a file touched but not changed) and
 * the source runs.
 */
'use strict';
const { readFileSync, statSync } = require('node:fs');
const path = require('node:path');

/**
 * Two folders below the repository, like electron/service/: repoPaths.ts finds the repository
 * (and its data/ folder) from its own module's URL, which in the bundle is a file of this folder.
 */
const BUNDLE_DIR = path.join('dist-cli', 'bundle');
const BUNDLE_ENTRY = 'main.js';
/** `workbench convert`'s own entry (electron/cli/convertMain.ts): one CommonJS file, run with V8's code cache (bin/codeCache.cjs). */
const CONVERT_ENTRY = 'convert.cjs';
const INPUTS_FILE = 'inputs.json';

/** What inputs.json records of one file: [size in bytes, mtimeMs]. */
function fileStamp(file) {
  const st = statSync(file);
  return [st.size, st.mtimeMs];
}

function hasStamp(file, stamp) {
  let now;
  try {
    now = fileStamp(file);
  } catch {
    return false;
  }
  return Array.isArray(stamp) && now[0] === stamp[0] && now[1] === stamp[1];
}

/**
 * The bundle in `dir` when it is built from the files as they are (paths in inputs.json are
 * relative to `root`): for `convert` (`forConvert`), the inputs of its entry and the entry
 * itself; else every input. Undefined when it is missing, unreadable or stale. `convert.identity`
 * names the convert entry's source for its code cache.
 */
function freshBundle(root, dir = path.join(root, BUNDLE_DIR), forConvert = false) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(path.join(dir, INPUTS_FILE), 'utf8'));
  } catch {
    return undefined;
  }
  const { inputs, convert } = manifest ?? {};
  if (!inputs || typeof inputs !== 'object' || !convert || typeof convert.digest !== 'string' || !Array.isArray(convert.inputs)) return undefined;
  for (const file of forConvert ? convert.inputs : Object.keys(inputs)) if (!hasStamp(path.join(root, file), inputs[file])) return undefined;
  const convertFile = path.join(dir, CONVERT_ENTRY);
  if (forConvert && !hasStamp(convertFile, convert.stamp)) return undefined;
  return { dir, main: path.join(dir, BUNDLE_ENTRY), convert: { file: convertFile, identity: `sha256 ${convert.digest}` } };
}

/**
 * Run `workbench convert` (this process's arguments) from the fresh bundle `bundle`: its own
 * CommonJS entry compiled with V8's code cache (bin/codeCache.cjs), which a completed conversion
 * saves when there was none to take (`--help` and failed runs compile too little to be worth
 * keeping), then ends the process with the command's exit code.
 */
async function runConvertBundle(bundle) {
  const { loadWithCodeCache } = require('./codeCache.cjs');
  const loaded = loadWithCodeCache(bundle.convert.file, bundle.convert.identity);
  const code = await loaded.exports.run();
  const help = process.argv.includes('--help') || process.argv.includes('-h');
  if (code === 0 && !help && !loaded.cacheTaken) {
    // V8 takes a cache only under the flags it was made with: those of the next start.
    require('./convertV8.cjs').v8FlagsAsAtStart();
    loaded.saveCache();
  }
  // Exit once stdout and stderr have taken everything (a pipe may be asynchronous, as on macOS):
  // ending the process by process.exit skips freeing the heap page by page, a fortieth of a
  // 1,000-document conversion. Nothing else is left to run: the output is renamed into place,
  // the worker threads are ended.
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write('', resolve))));
  process.exit(code);
}

module.exports = { BUNDLE_DIR, BUNDLE_ENTRY, CONVERT_ENTRY, INPUTS_FILE, fileStamp, freshBundle, runConvertBundle };
