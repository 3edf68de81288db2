/**
 * A real `workbench import` in a process of its own, held after pass 2 has written every
 * article file and before the manifest write that commits them; it says "files written" on
 * stdout and waits there, for the crash test to kill it (SIGKILL) at that moment:
 *   node --import tsx electron/cli/importCrashChild.ts CWD IMPORT-ARGS...
 */
import { REPO_DATA_DIR } from '../service/repoPaths';
import { parseCommandArgs } from './cliCommand';
import { importCommand, runImport } from './importCommand';

const [cwd, ...argv] = process.argv.slice(2);
const code = await runImport(
  parseCommandArgs(importCommand, argv),
  { stdout: () => {}, stderr: (t) => void process.stderr.write(t), stderrIsTTY: false, signal: new AbortController().signal, cwd, dataDir: REPO_DATA_DIR },
  {
    beforeCommit: () => {
      process.stdout.write('files written\n');
      // Never resolves, and the timer keeps the process alive until it is killed.
      return new Promise(() => setInterval(() => {}, 60_000));
    },
  },
);
process.exit(code);
