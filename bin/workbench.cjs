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

// `convert` is a short batch that runs each per-span function a great many times at once: V8's
// optimizing compiler took them up early and, as new string kinds and span shapes came, dropped
// and recompiled them on background threads, which cost more CPU than the optimized code saved
// (a third of a 1,000-document brat-to-doccano run; bench section `convert`). Eight times V8's
// budget (67,584 units of bytecode run) leaves optimizing to functions that stay hot in longer
// runs. Its garbage is collected on the main thread alone: for a young generation of a few
// megabytes, handing each scavenge and marking to helper threads cost more than it saved (4% of
// the same run's wall time on 2 cores). Set here, before any of the CLI's code is loaded, for
// this process only.
const CONVERT_INTERRUPT_BUDGET = 8 * 67_584;
const CONVERT_V8_FLAGS = [`--interrupt-budget=${CONVERT_INTERRUPT_BUDGET}`, '--no-parallel-scavenge', '--no-concurrent-marking'];
const convert = process.argv[2] === 'convert';
if (convert) require('node:v8').setFlagsFromString(CONVERT_V8_FLAGS.join(' '));

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
