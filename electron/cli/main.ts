/**
 * Process entry of the `workbench` CLI (bin/workbench.mjs runs it from the prebuilt bundle, or
 * through tsx): wires runCli to the real stdout/stderr, turns Ctrl+C into an AbortSignal so a
 * running command cleans up (an export removes its temp file) before exiting, and sets the exit
 * code. A second Ctrl+C exits at once.
 */
import { REPO_DATA_DIR } from '../service/repoPaths';
import { EXIT } from './cliCommand';

const argv = process.argv.slice(2);
// `convert` loads only itself and its codecs (convertCli.ts); runCli imports every command and
// the workspace service, which would be most of a small conversion's time.
const runCli =
  argv[0] === 'convert' ? (await import('./convertCli')).runConvertCli : (await import('./runCli')).runCli;

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
