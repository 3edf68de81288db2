#!/usr/bin/env node
// The `workbench` command line (see docs/cli.md). The CLI is TypeScript that shares the
// service code with the app; tsx (a runtime dependency) compiles it on the fly, so it needs
// no build step and no Electron. Paths resolve from this file, so it runs from any cwd.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import(new URL('../electron/cli/main.ts', import.meta.url).href);
