/**
 * The `workbench` process around one CLI run (main.ts, convertMain.ts): runCli wired to the
 * real stdout/stderr, Ctrl+C turned into an AbortSignal so a running command cleans up (an
 * export removes its temp file) before exiting, and the exit code set. A second Ctrl+C exits at once.
 */
import { REPO_DATA_DIR } from '../service/repoPaths';
import { EXIT, type CliContext } from './cliCommand';

export type RunCli = (argv: readonly string[], ctx: CliContext) => Promise<number>;

/** Run `runCli` on this process's arguments; resolves with the exit code, which it has set on the process. */
export async function runCliProcess(runCli: RunCli, argv: readonly string[] = process.argv.slice(2)): Promise<number> {
  const controller = new AbortController();
  let interrupts = 0;
  const onInterrupt = () => {
    interrupts++;
    if (interrupts > 1) process.exit(EXIT.interrupted);
    controller.abort(new DOMException('interrupted', 'AbortError'));
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onInterrupt);

  // `workbench stats | head` closes the pipe early: that is not an error worth a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });

  const code = await runCli(argv, {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    signal: controller.signal,
    cwd: process.cwd(),
    dataDir: REPO_DATA_DIR,
  });
  process.off('SIGINT', onInterrupt);
  process.off('SIGTERM', onInterrupt);
  process.exitCode = code;
  return code;
}
