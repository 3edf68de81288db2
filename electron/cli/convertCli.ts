/**
 * `workbench convert` started on its own: main.ts takes this path when the first argument is
 * `convert`, so the process loads the convert command and its codecs only, not runCli's
 * other commands and the workspace service behind them (for a small corpus, start-up is most
 * of the time a conversion takes; bench section `convert`). Flags, help and errors are
 * handled as runCli handles them for every command.
 */
import { EXIT, commandHelp, parseCommandArgs, type CliContext } from './cliCommand';
import { reportError } from './cliErrors';
import { convertCommand } from './convertCommand';

/** `argv` as runCli takes it: "convert" first. */
export async function runConvertCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  try {
    const args = parseCommandArgs(convertCommand, argv.slice(1));
    if (args.values.help) {
      ctx.stdout(commandHelp(convertCommand));
      return EXIT.ok;
    }
    return await convertCommand.run(args, ctx);
  } catch (err) {
    return reportError(err, convertCommand, ctx);
  }
}
