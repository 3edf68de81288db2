#!/usr/bin/env node
// The `workbench` command line (see docs/cli.md). The CLI is TypeScript that shares the
// service code with the app. It runs the prebuilt bundle (`npm run build:cli`) while that is
// built from the current files (bin/cliBundle.mjs), else the source itself through tsx (a
// runtime dependency), which needs no build step: the same commands, only slower to start.
// Under Vitest (or with WORKBENCH_FROM_SOURCE=1) it always runs the source, which the tests test.
// Paths resolve from this file, so it runs from any cwd.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { freshBundleEntry, runConvertBundle } from './cliBundle.mjs';

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
if (convert) v8.setFlagsFromString(CONVERT_V8_FLAGS.join(' '));

const root = fileURLToPath(new URL('..', import.meta.url));
const fromSource = process.env.WORKBENCH_FROM_SOURCE === '1' || process.env.VITEST !== undefined;
const bundle = fromSource ? undefined : freshBundleEntry(root);
if (bundle && convert) await runConvertBundle(path.dirname(bundle));
else if (bundle) await import(pathToFileURL(bundle).href);
else {
  const { register } = await import('tsx/esm/api');
  register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
  await import(new URL('../electron/cli/main.ts', import.meta.url).href);
}
