/**
 * The `workbench` command line without the process around it: pick the command, parse its
 * flags, run it, and turn what it throws into a message and an exit code. main.ts supplies
 * the real stdout/stderr and Ctrl+C; tests can call this directly.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FORMAT_NAMES } from '../../shared/api/contract';
import { NETWORK_EXPORT_KINDS } from '../../shared/network/networkExport';
import { REPO_ROOT } from '../service/repoPaths';
import { agreementCommand } from './agreementCommand';
import { assignCommand } from './assignCommand';
import { collectCommand } from './collectCommand';
import { convertCommand } from './convertCommand';
import { EXIT, UsageError, commandHelp, parseCommandArgs, type CliCommand, type CliContext } from './cliCommand';
import { reportError } from './cliErrors';
import { exportCommand } from './exportCommand';
import { exportWorkCommand } from './exportWorkCommand';
import { importCommand } from './importCommand';
import { openPackageCommand } from './openPackageCommand';
import { statsCommand } from './statsCommand';
import { validateCommand } from './validateCommand';

export const COMMANDS: readonly CliCommand[] = [importCommand, exportCommand, statsCommand, validateCommand, assignCommand, openPackageCommand, exportWorkCommand, collectCommand, agreementCommand, convertCommand];

export function cliVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

export function generalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `workbench ${cliVersion()}: the Annotation Workbench on the command line`,
    '',
    'usage: workbench <command> [flags]',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary.split('. ')[0].replace(/\.$/, '')}`),
    '',
    `formats: ${FORMAT_NAMES.join(', ')}`,
    `network exports: ${NETWORK_EXPORT_KINDS.join(', ')} (export --format graphml --network two-mode|congruence|conflict)`,
    'exit codes: 0 success, 1 invalid input or failure, 2 usage error, 3 workspace in use by the app, 130 interrupted',
    '',
    'Run "workbench <command> --help" for the flags of a command.',
    '',
  ].join('\n');
}

export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  const [first, ...rest] = argv;
  let command: CliCommand | undefined;
  try {
    if (first === undefined) {
      ctx.stderr(generalHelp());
      return EXIT.usage;
    }
    if (first === '--help' || first === '-h' || (first === 'help' && rest.length === 0)) {
      ctx.stdout(generalHelp());
      return EXIT.ok;
    }
    if (first === '--version' || first === '-v') {
      ctx.stdout(`${cliVersion()}\n`);
      return EXIT.ok;
    }
    if (first === 'help') {
      const target = COMMANDS.find((c) => c.name === rest[0]);
      if (!target) throw new UsageError(`unknown command "${rest[0]}"`);
      ctx.stdout(commandHelp(target));
      return EXIT.ok;
    }
    command = COMMANDS.find((c) => c.name === first);
    if (!command)
      throw new UsageError(
        first.startsWith('-') ? `expected a command before "${first}"` : `unknown command "${first}" (commands: ${COMMANDS.map((c) => c.name).join(', ')})`,
      );
    const args = parseCommandArgs(command, rest);
    if (args.values.help) {
      ctx.stdout(commandHelp(command));
      return EXIT.ok;
    }
    return await command.run(args, ctx);
  } catch (err) {
    return reportError(err, command, ctx);
  }
}
