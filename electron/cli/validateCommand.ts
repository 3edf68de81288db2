/**
 * `workbench validate`: check files the way `import` would (parse with the codec, then build
 * the articles against the default schema), without a workspace and without writing
 * anything. Prints counts, labels and warnings; or, when files are malformed, every bad file the
 * codec names in one run (brat reads on after a bad document: shared/formats/fileErrors.ts), each
 * with its line and problem, so a corpus with 131 broken files needs one run, not 131.
 */
import type { ParsedCorpus } from '../../shared/formats/codec';
import { formatErrorsOf } from '../../shared/formats/fileErrors';
import { getCodec } from '../../shared/formats/registry';
// No workspace is opened, so there is no session to ask: the import's own planning runs
// against the default schema (initialWorkspaceContent) instead.
import { planImport } from '../service/interchange';
import { initialWorkspaceContent } from '../service/workspace';
import { EXIT, FORMAT_OPTION, formatValue, type CliCommand } from './cliCommand';
import { formatOptionsFrom } from './importCommand';
import { readInputFiles } from './readInputFiles';

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'Check that files parse in a format and would import, without importing (no workspace needed).',
  usage: 'validate --format FORMAT PATH...',
  positionals: { name: 'PATH...', description: 'files or folders to check', min: 1 },
  options: {
    format: FORMAT_OPTION,
    'doccano-unit': { type: 'string', value: 'UNIT', choices: ['utf16', 'grapheme'], description: 'doccano: what the offsets count' },
  },
  examples: ['workbench validate --format jsonl export.jsonl', 'workbench validate --format brat brat-folder/'],

  async run({ values, positionals }, ctx) {
    const format = formatValue(values);
    const codec = getCodec(format);
    const files = await readInputFiles(positionals, codec, ctx.cwd);
    let corpus: ParsedCorpus;
    try {
      corpus = codec.parse(files, formatOptionsFrom(values));
    } catch (err) {
      const bad = formatErrorsOf(err);
      if (!bad) throw err;
      for (const e of bad) ctx.stderr(`error: ${e.message}\n`);
      ctx.stdout(
        `invalid: ${plural(bad.length, 'file')} cannot be imported as ${bad.length === 1 ? 'it is' : 'they are'} (named above); ` +
          'import refuses them and writes nothing, or with --skip-bad-records leaves out what it can skip and reports each\n',
      );
      return EXIT.invalid;
    }
    // Build the articles as an import into a fresh workspace would, so validation errors
    // (offsets beyond the text, bad ids, dangling statements) show up here too.
    const { manifest } = await initialWorkspaceContent(ctx.dataDir, false);
    const labelCounts = new Map<string, number>();
    for (const a of corpus.articles) for (const s of a.spans) labelCounts.set(s.label, (labelCounts.get(s.label) ?? 0) + 1);
    const addAll = Object.fromEntries([...labelCounts.keys()].map((l) => [l, 'add']));
    const plan = planImport(corpus, { labelMapping: addAll, files }, manifest.schema.labels, new Set());

    ctx.stdout(
      `${plural(files.length, 'file')}: ${plural(plan.preview.articles, 'article')}, ${plural(plan.preview.spans, 'span')}, ${plural(plan.preview.statements, 'statement')}\n`,
    );
    if (labelCounts.size)
      ctx.stdout(`labels: ${[...labelCounts].sort((a, b) => b[1] - a[1]).map(([l, n]) => `${l} ${n}`).join(', ')}\n`);
    if (plan.preview.unknownLabels.length)
      ctx.stdout(
        `not in the default schema: ${plan.preview.unknownLabels.join(', ')} (import with --map LABEL=ID or --add-unknown-labels)\n`,
      );
    for (const w of plan.preview.warnings) ctx.stderr(`warning: ${w}\n`);
    ctx.stdout(`${plan.preview.warnings.length ? `valid, with ${plural(plan.preview.warnings.length, 'warning')}` : 'valid'}\n`);
    return EXIT.ok;
  },
};
