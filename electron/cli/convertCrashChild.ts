/**
 * A real `workbench convert` in a process of its own, held after its second article was handed
 * to the writer (the temp output open and partly written); it says "held" on stdout and waits
 * there for the kill test (convertCommand.test.ts) to SIGKILL it:
 *   node --import tsx electron/cli/convertCrashChild.ts CWD CONVERT-ARGS...
 */
import { REPO_DATA_DIR } from '../service/repoPaths';
import { parseCommandArgs } from './cliCommand';
import { convertCommand } from './convertCommand';
import { runConvert } from './convertRun';

const [cwd, ...argv] = process.argv.slice(2);
const code = await runConvert(
  parseCommandArgs(convertCommand, argv),
  { stdout: () => {}, stderr: (t) => void process.stderr.write(t), stderrIsTTY: false, signal: new AbortController().signal, cwd, dataDir: REPO_DATA_DIR },
  {
    afterArticle: async (n) => {
      if (n < 2) return;
      process.stdout.write('held\n');
      // Never resolves, and the timer keeps the process alive until it is killed.
      await new Promise(() => setInterval(() => {}, 60_000));
    },
  },
);
process.exit(code);
