#!/usr/bin/env node
// The `workbench` command line (see docs/cli.md). The CLI is TypeScript that shares the
// service code with the app. It runs the prebuilt bundle (`npm run build:cli`) while that is
// built from the current files (bin/cliBundle.cjs), else the source itself through tsx (a
// runtime dependency), which needs no build step: the same commands, only slower to start.
// Under Vitest (or with WORKBENCH_FROM_SOURCE=1) it always runs the source, which the tests test.
// Paths resolve from this file, so it runs from any cwd.
//
// This launcher and its helpers are CommonJS: an ES module as the entry starts Node's module
// loader for ES modules, a twentieth of a 1,000-document `workbench convert` (bench section
// `convert`), which runs from CommonJS to its end. The other commands' bundle and the source
// are ES modules, imported from here.
'use strict';
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { freshBundle, runConvertBundle } = require('./cliBundle.cjs');

const convert = process.argv[2] === 'convert';
// V8 tuned for a short batch (bin/convertV8.cjs), before any of the CLI's code is loaded.
if (convert) require('./convertV8.cjs').tuneV8ForConvert();

const root = path.join(__dirname, '..');
const fromSource = process.env.WORKBENCH_FROM_SOURCE === '1' || process.env.VITEST !== undefined;
const bundle = fromSource ? undefined : freshBundle(root, undefined, convert);

async function main() {
  if (bundle && convert) await runConvertBundle(bundle);
  else if (bundle) await import(pathToFileURL(bundle.main).href);
  else {
    const { register } = await import('tsx/esm/api');
    register({ tsconfig: path.join(root, 'tsconfig.json') });
    await import(pathToFileURL(path.join(root, 'electron', 'cli', 'main.ts')).href);
  }
}

main().catch((err) => {
  // What an ES module's top-level rejection printed: the error, exit code 1.
  console.error(err);
  process.exitCode = 1;
});
