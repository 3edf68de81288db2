#!/usr/bin/env node
/**
 * `npm run build:cli`: the `workbench` CLI (electron/cli/main.ts) as an ESM bundle in
 * dist-cli/bundle/, with the size and mtime of every input beside it (inputs.json), so that
 * bin/workbench.cjs can start it without tsx while it is fresh (bin/cliBundle.cjs). Code
 * splitting keeps main.ts's lazy imports lazy: `convert` loads its own chunks and the two
 * codecs it uses, not the workspace service. Packages are bundled too (one file read instead of
 * zod's hundred modules). `convert` also has an entry of its own, one CommonJS file
 * (convert.cjs) that bin/workbench.cjs runs with V8's code cache (bin/codeCache.cjs), named by
 * the digest of convert.cjs recorded in inputs.json with the inputs of that entry alone. The
 * tests run the source (bin/workbench.cjs uses tsx under Vitest).
 *
 * Built into a temporary folder and renamed into place, so a CLI starting meanwhile sees the
 * old bundle, the new one or none, never half of one.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import cliBundle from '../bin/cliBundle.cjs';

const { BUNDLE_DIR, BUNDLE_ENTRY, CONVERT_ENTRY, INPUTS_FILE, fileStamp } = cliBundle;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/**
 * fflate in convert.cjs, loaded at its first use: at load it builds its tables and loads
 * worker_threads, some 8 ms of every conversion's start (bench section `convert`), though a
 * conversion reads or writes a zip only when asked to. Each name the bundle imports from it is a
 * stand-in that loads the package then (esbuild keeps a required package's code in a function
 * run at the first require); calls, `new`, static fields and `instanceof` reach the real export.
 */
const lazyFflate = {
  name: 'lazy-fflate',
  setup(build) {
    build.onResolve({ filter: /^fflate$/ }, (args) => (args.namespace === 'lazy-fflate' ? undefined : { path: 'fflate', namespace: 'lazy-fflate' }));
    build.onLoad({ filter: /^fflate$/, namespace: 'lazy-fflate' }, async () => {
      const names = Object.keys(await import('fflate'));
      const contents = [
        'let loaded;',
        "const real = (name) => (loaded ??= require('fflate'))[name];",
        'const lazy = (name) => new Proxy(function () {}, {',
        '  get: (_, key) => Reflect.get(real(name), key),',
        '  apply: (_, self, args) => Reflect.apply(real(name), self, args),',
        '  construct: (_, args) => Reflect.construct(real(name), args),',
        '});',
        ...names.map((name) => `export const ${name} = lazy(${JSON.stringify(name)});`),
      ].join('\n');
      return { contents, resolveDir: root, loader: 'js' };
    });
  },
};

/** Build the bundle into `outdir` (two folders below the repository: see BUNDLE_DIR). */
export async function buildCli(outdir = path.join(root, BUNDLE_DIR)) {
  if (path.relative(path.dirname(path.dirname(outdir)), root) !== '')
    throw new Error(`${outdir}: the CLI bundle must be two folders below ${root} (repoPaths.ts finds the repository from there)`);
  const staging = `${outdir}.tmp-${process.pid}`;
  const retired = `${outdir}.old-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    const shared = { absWorkingDir: root, outdir: staging, bundle: true, platform: 'node', target: 'node20', sourcemap: 'linked', metafile: true, logLevel: 'silent', legalComments: 'none' };
    const results = await Promise.all([
      build({
        ...shared,
        // convertWorker.js: the worker threads of `convert` (convertThreads.ts starts it from beside its own chunk).
        entryPoints: { main: 'electron/cli/main.ts', convertWorker: 'electron/cli/convertWorker.ts' },
        splitting: true,
        format: 'esm',
        // ESM output has no `require`; CommonJS packages inside call it for Node's built-ins.
        banner: { js: "import { createRequire as __wbCreateRequire } from 'node:module'; const require = __wbCreateRequire(import.meta.url);" },
        entryNames: '[name]',
        outExtension: { '.js': '.js' },
      }),
      // `convert` on its own, one CommonJS file that bin/codeCache.cjs runs with V8's code cache
      // (an ES module cannot be given one on Node 20). import.meta is the file's own URL.
      build({
        ...shared,
        entryPoints: { [path.basename(CONVERT_ENTRY, '.cjs')]: 'electron/cli/convertMain.ts' },
        format: 'cjs',
        // Without comments and indentation it is half the size and pure ASCII, which
        // bin/codeCache.cjs reads as Latin-1 (the same string, a third of UTF-8's decoding).
        minifyWhitespace: true,
        define: { 'import.meta': '__wbImportMeta' },
        plugins: [lazyFflate],
        banner: { js: "const __wbImportMeta = { url: require('node:url').pathToFileURL(__filename).href };" },
        outExtension: { '.js': '.cjs' },
      }),
    ]);
    const warnings = results.flatMap((r) => r.warnings);
    if (warnings.length) throw new Error(`esbuild warnings:\n${warnings.map((w) => w.text).join('\n')}`);
    const outputs = results.flatMap((r) => Object.values(r.metafile.outputs));
    const external = outputs.flatMap((o) => o.imports).filter((i) => i.external && !nodeBuiltins.has(i.path));
    if (external.length) throw new Error(`the CLI bundle imports ${external.map((i) => i.path).join(', ')} at run time`);
    // tsconfig.json steers how esbuild compiles; package.json says the files are ESM.
    const steering = ['tsconfig.json', 'package.json'];
    // A plugin's own module (`namespace:path`, lazyFflate's) is no file: the package behind it is an input.
    const filesOf = (result) => Object.keys(result.metafile.inputs).filter((f) => !/^[a-z-]+:/.test(f));
    const files = [...new Set(results.flatMap(filesOf)), ...steering];
    const inputs = Object.fromEntries(files.map((f) => [f, fileStamp(path.join(root, f))]));
    const convertFile = path.join(staging, CONVERT_ENTRY);
    const convert = {
      inputs: [...filesOf(results[1]), ...steering],
      digest: createHash('sha256').update(readFileSync(convertFile)).digest('hex'),
      stamp: fileStamp(convertFile),
    };
    writeFileSync(path.join(staging, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(path.join(staging, INPUTS_FILE), `${JSON.stringify({ built: new Date().toISOString(), inputs, convert }, null, 1)}\n`);
    mkdirSync(path.dirname(outdir), { recursive: true });
    // The old bundle is renamed away before it is deleted: a CLI starting meanwhile finds a whole
    // bundle or none (and runs the source), never a folder losing its files one by one.
    try {
      renameSync(outdir, retired);
    } catch (err) {
      if (err.code !== 'ENOENT') throw err;
    }
    renameSync(staging, outdir);
    return { entry: path.join(outdir, BUNDLE_ENTRY), inputs: files.length };
  } finally {
    rmSync(staging, { recursive: true, force: true });
    rmSync(retired, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = performance.now();
  const { entry, inputs } = await buildCli();
  console.log(`${path.relative(root, entry)}: ${inputs} inputs, ${Math.round(performance.now() - started)} ms`);
}
