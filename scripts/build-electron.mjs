#!/usr/bin/env node
/**
 * `npm run build:electron`: bundle the Electron main process and the preload with esbuild.
 *
 *   electron/main/main.ts       -> dist-electron/main.cjs     (Node; everything bundled but
 *                                  `electron` and Node's built-ins, so the packaged app needs no
 *                                  node_modules; ESM-only packages such as lowdb become CJS here)
 *   electron/preload/preload.ts -> dist-electron/preload.cjs  (one file, only `electron` external:
 *                                  a sandboxed preload cannot require anything else)
 *
 * Fails on any esbuild warning (e.g. `import.meta` that would be empty in CommonJS) and when a
 * bundle imports anything it must not.
 */
import { rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist-electron');
const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

const common = {
  bundle: true,
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'silent',
  metafile: true,
  absWorkingDir: root,
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': '"production"' },
};

const bundles = [
  {
    name: 'main',
    options: {
      ...common,
      entryPoints: ['electron/main/main.ts'],
      outfile: path.join(outdir, 'main.cjs'),
      platform: 'node',
      target: 'node20',
      external: ['electron'],
    },
    allowedExternal: (id) => id === 'electron' || nodeBuiltins.has(id),
  },
  {
    name: 'preload',
    options: {
      ...common,
      entryPoints: ['electron/preload/preload.ts'],
      outfile: path.join(outdir, 'preload.cjs'),
      // 'browser', not 'node': a sandboxed preload has no Node built-ins, so esbuild must not
      // treat them as available; any import of one fails the build here instead of at launch.
      platform: 'browser',
      target: 'chrome140', // Electron 45
      minify: true,
      external: ['electron'],
    },
    allowedExternal: (id) => id === 'electron',
    // It forwards named calls and nothing else: no library belongs in it (zod once came along
    // with the operation names and made it 450 KiB; see shared/api/operations.ts).
    allowedInput: (file) => !file.includes('node_modules/'),
  },
];

rmSync(outdir, { recursive: true, force: true });
let failed = false;
for (const { name, options, allowedExternal, allowedInput = () => true } of bundles) {
  let result;
  try {
    result = await build(options);
  } catch (err) {
    // esbuild already formatted the errors into err.message.
    console.error(`build-electron: ${name} failed:\n${err.message}`);
    failed = true;
    continue;
  }
  for (const w of result.warnings) {
    const where = w.location ? `${w.location.file}:${w.location.line}: ` : '';
    console.error(`build-electron: ${name} warning: ${where}${w.text}`);
    failed = true;
  }
  const output = result.metafile.outputs[path.relative(root, options.outfile).split(path.sep).join('/')];
  const externals = [...new Set(output.imports.filter((i) => i.external).map((i) => i.path))];
  const forbidden = externals.filter((id) => !allowedExternal(id));
  if (forbidden.length) {
    console.error(`build-electron: ${name} must not require ${forbidden.join(', ')} at run time`);
    failed = true;
  }
  const unwanted = Object.keys(output.inputs).filter((file) => !allowedInput(file));
  if (unwanted.length) {
    console.error(`build-electron: ${name} must not bundle ${unwanted.slice(0, 5).join(', ')}${unwanted.length > 5 ? ', ...' : ''}`);
    failed = true;
  }
  const kb = (output.bytes / 1024).toFixed(0);
  console.log(`build-electron: ${path.relative(root, options.outfile)} ${kb} KiB (external: ${externals.join(', ') || 'none'})`);
}
process.exit(failed ? 1 : 0);
