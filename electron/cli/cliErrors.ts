/**
 * What a failed command prints and the exit code it gets, for every command: runCli and the
 * `convert` fast path (convertCli.ts) share it, so both report the same way.
 */
import { WorkbenchError } from '../../shared/api/errors';
import { EXIT, UsageError, type CliCommand, type CliContext } from './cliCommand';

/** Print `err` for the user (usage, cancel, invalid input, file system, or a stack for a bug) and return the exit code. */
export function reportError(err: unknown, command: CliCommand | undefined, ctx: CliContext): number {
  if (err instanceof UsageError) {
    ctx.stderr(`workbench: ${err.message}\nRun "workbench ${command ? `${command.name} ` : ''}--help" for usage.\n`);
    return EXIT.usage;
  }
  if (ctx.signal.aborted) {
    ctx.stderr('cancelled; nothing was written\n');
    return EXIT.interrupted;
  }
  if (err instanceof WorkbenchError) {
    ctx.stderr(`error: ${err.message}\n`);
    return err.code === 'locked' ? EXIT.locked : EXIT.invalid;
  }
  const sysCode = (err as NodeJS.ErrnoException | null)?.code;
  if (err instanceof Error && typeof sysCode === 'string' && /^E[A-Z]+$/.test(sysCode)) {
    // A file-system refusal (EACCES, ENOSPC, ENOTDIR…): the message names the path; no stack needed.
    ctx.stderr(`error: ${err.message}\n`);
    return EXIT.invalid;
  }
  ctx.stderr(`error: unexpected failure: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return EXIT.invalid;
}
