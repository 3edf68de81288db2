#!/usr/bin/env node
// The `workbench` command line (see docs/cli.md). The CLI is TypeScript that shares the
// service code with the app. It runs the prebuilt bundle (`npm run build:cli`) while that is
// built from the current files (bin/cliBundle.mjs), else the source itself through tsx (a
// runtime dependency), which needs no build step: the same commands, only slower to start.
// Under Vitest (or with WORKBENCH_FROM_SOURCE=1) it always runs the source, which the tests test.
// Paths resolve from this file, so it runs from any cwd.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freshBundleEntry } from './cliBundle.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const fromSource = process.env.WORKBENCH_FROM_SOURCE === '1' || process.env.VITEST !== undefined;
const bundle = fromSource ? undefined : freshBundleEntry(root);
if (bundle) await import(pathToFileURL(bundle).href);
else {
  const { register } = await import('tsx/esm/api');
  register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
  await import(new URL('../electron/cli/main.ts', import.meta.url).href);
}
