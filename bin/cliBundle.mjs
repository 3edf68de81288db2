/**
 * The prebuilt CLI bundle (`npm run build:cli`, scripts/buildCli.mjs) and whether it is still
 * the source's: bin/workbench.mjs runs it only when every file it was built from is unchanged,
 * else the TypeScript source through tsx. Node and tsx starting up and compiling the CLI's
 * modules were about a third of a 1,000-document conversion (bench section `convert`).
 *
 * Freshness is the size and modification time of each input esbuild reported (the repository's
 * modules and the packages' files it bundled), recorded at build time in inputs.json beside the
 * bundle: a couple of hundred stat calls, a few milliseconds, where hashing them would read a
 * megabyte at every start. Any edit, checkout or reinstall changes an mtime; a deleted input
 * makes the bundle stale too (stat fails). A stale bundle is never run: at worst a fresh one is
 * passed over (a file touched but not changed) and the source runs.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Two folders below the repository, like electron/service/: repoPaths.ts finds the repository
 * (and its data/ folder) from its own module's URL, which in the bundle is a file of this folder.
 */
export const BUNDLE_DIR = path.join('dist-cli', 'bundle');
export const BUNDLE_ENTRY = 'main.js';
/** `workbench convert`'s own entry (electron/cli/convertMain.ts): one CommonJS file, run with V8's code cache (bin/codeCache.mjs). */
export const CONVERT_ENTRY = 'convert.cjs';
export const INPUTS_FILE = 'inputs.json';

/** What inputs.json records of one input: [size in bytes, mtimeMs]. */
export function fileStamp(file) {
  const st = statSync(file);
  return [st.size, st.mtimeMs];
}

/**
 * The bundle's entry file in `dir` when every input recorded there (paths relative to `root`)
 * still has its recorded size and mtime; undefined when it is missing, unreadable or stale.
 */
export function freshBundleEntry(root, dir = path.join(root, BUNDLE_DIR)) {
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(path.join(dir, INPUTS_FILE), 'utf8')).inputs;
  } catch {
    return undefined;
  }
  if (!inputs || typeof inputs !== 'object') return undefined;
  for (const [file, stamp] of Object.entries(inputs)) {
    let now;
    try {
      now = fileStamp(path.join(root, file));
    } catch {
      return undefined;
    }
    if (!Array.isArray(stamp) || now[0] !== stamp[0] || now[1] !== stamp[1]) return undefined;
  }
  return path.join(dir, BUNDLE_ENTRY);
}

/**
 * Run `workbench convert` (this process's arguments) from the bundle in `dir`: its own CommonJS
 * entry compiled with V8's code cache (bin/codeCache.mjs), which a completed conversion saves
 * when there was none to take (`--help` and failed runs compile too little to be worth keeping),
 * then ends the process with the command's exit code.
 */
export async function runConvertBundle(dir) {
  const { loadWithCodeCache } = await import('./codeCache.mjs');
  const loaded = loadWithCodeCache(path.join(dir, CONVERT_ENTRY));
  const code = await loaded.exports.run();
  const help = process.argv.includes('--help') || process.argv.includes('-h');
  if (code === 0 && !help) loaded.saveCache();
  // Exit once stdout and stderr have taken everything (a pipe may be asynchronous, as on macOS):
  // ending the process by process.exit skips freeing the heap page by page, a fortieth of a
  // 1,000-document conversion. Nothing else is left to run: the output is renamed into place,
  // the worker threads are ended.
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write('', resolve))));
  process.exit(code);
}
