/**
 * What a CLI command is: a name, its flags as data, and a `run` function. Parsing (strict:
 * an unknown flag or a missing required one is a usage error) and `--help` text are derived
 * from the same declaration, so the help can never drift from what is accepted.
 */
import { parseArgs } from 'node:util';
import { FORMAT_NAMES, type FormatName } from '../../shared/formats/formatNames';

/** Process exit codes, documented in docs/cli.md. */
export const EXIT = {
  ok: 0,
  /** Invalid input: a malformed or corrupt file, unknown labels, a bad value; also I/O failures. */
  invalid: 1,
  /** Usage: unknown command or flag, missing required flag or argument. */
  usage: 2,
  /** The workspace is open in another process (the app). */
  locked: 3,
  /** Done, but articles whose file could not be read were left out (listed on stderr); the output holds the rest. */
  partial: 4,
  /** Interrupted (Ctrl+C), by the shell convention 128 + SIGINT. */
  interrupted: 130,
} as const;

/** The command line itself is wrong: exit 2 and point at `--help`. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CliOption {
  type: 'string' | 'boolean';
  /** Placeholder shown in help, e.g. "DIR". */
  value?: string;
  multiple?: boolean;
  required?: boolean;
  /** Allowed values of a string flag (checked, and listed in help). */
  choices?: readonly string[];
  description: string;
}

/** What a command may touch of the process: output, the cancel signal, where relative paths start. */
export interface CliContext {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stderr is a terminal (progress lines are shown by default only then). */
  stderrIsTTY: boolean;
  /** Aborted on Ctrl+C. */
  signal: AbortSignal;
  cwd: string;
  /** Folder with default-schema.json (the repo's data/). */
  dataDir: string;
}

export type OptionValues = Record<string, string | boolean | string[] | undefined>;

export interface ParsedCommandArgs {
  values: OptionValues;
  positionals: string[];
}

export interface CliCommand {
  name: string;
  summary: string;
  /** Usage line after "workbench ", e.g. "stats --workspace DIR [--json]". */
  usage: string;
  /** Positional arguments: a name for help and the minimum count (0 = none accepted). */
  positionals?: { name: string; description: string; min: number };
  options: Record<string, CliOption>;
  examples: string[];
  run(args: ParsedCommandArgs, ctx: CliContext): Promise<number>;
}

export const FORMAT_OPTION: CliOption = {
  type: 'string',
  value: 'FORMAT',
  required: true,
  choices: FORMAT_NAMES,
  description: 'interchange format',
};

export const HELP_OPTION: CliOption = { type: 'boolean', description: 'show this help' };

export function parseCommandArgs(command: CliCommand, argv: string[]): ParsedCommandArgs {
  const config = Object.fromEntries(
    Object.entries({ ...command.options, help: HELP_OPTION }).map(([name, o]) => [
      name,
      { type: o.type, ...(o.multiple ? { multiple: true } : {}), ...(name === 'help' ? { short: 'h' } : {}) },
    ]),
  );
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: config, strict: true, allowPositionals: true });
  } catch (err) {
    // node:util reports unknown flags, missing values and stray positionals as TypeErrors with ERR_PARSE_ARGS_* codes.
    const message = (err as Error).message.replace(/\. To specify a positional argument.*$/s, '').replace(/\.$/, '');
    throw new UsageError(message);
  }
  const values = parsed.values as OptionValues;
  if (values.help) return { values, positionals: parsed.positionals };
  for (const [name, o] of Object.entries(command.options)) {
    const v = values[name];
    if (o.required && (v === undefined || (Array.isArray(v) && v.length === 0)))
      throw new UsageError(`missing required flag --${name}${o.value ? ` ${o.value}` : ''}`);
    if (o.choices && v !== undefined) {
      for (const one of Array.isArray(v) ? v : [v as string])
        if (!o.choices.includes(one)) throw new UsageError(`--${name} must be one of ${o.choices.join(', ')}; got "${one}"`);
    }
  }
  const min = command.positionals?.min ?? 0;
  if (!command.positionals && parsed.positionals.length)
    throw new UsageError(`unexpected argument "${parsed.positionals[0]}"`);
  if (parsed.positionals.length < min) throw new UsageError(`missing ${command.positionals!.name}`);
  return { values, positionals: parsed.positionals };
}

export function stringValue(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

export function requiredString(values: OptionValues, name: string): string {
  const v = stringValue(values, name);
  if (v === undefined) throw new UsageError(`missing required flag --${name}`);
  return v;
}

export function listValue(values: OptionValues, name: string): string[] {
  const v = values[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}

export function formatValue(values: OptionValues): FormatName {
  return requiredString(values, 'format') as FormatName; // checked against `choices` by parseCommandArgs
}

export function commandHelp(command: CliCommand): string {
  const rows: [string, string][] = Object.entries({ ...command.options, help: HELP_OPTION }).map(([name, o]) => {
    const flag = `${name === 'help' ? '-h, ' : ''}--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`;
    const notes = [
      o.required ? 'required' : '',
      o.multiple ? 'repeatable' : '',
      o.choices ? `one of: ${o.choices.join(', ')}` : '',
    ].filter(Boolean);
    return [flag, `${o.description}${notes.length ? ` (${notes.join('; ')})` : ''}`];
  });
  if (command.positionals) rows.unshift([command.positionals.name, command.positionals.description]);
  const width = Math.max(...rows.map(([f]) => f.length));
  return [
    `usage: workbench ${command.usage}`,
    '',
    command.summary,
    '',
    ...rows.map(([f, d]) => `  ${f.padEnd(width)}  ${d}`),
    '',
    'examples:',
    ...command.examples.map((e) => `  ${e}`),
    '',
  ].join('\n');
}
