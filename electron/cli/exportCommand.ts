/**
 * `workbench export`: stream a workspace's articles into a file with bounded memory
 * (exportToFile), showing progress on stderr. The file appears only when complete: Ctrl+C or
 * an error leaves no partial output.
 */
import path from 'node:path';
import { ArticleStatusSchema, IdSchema } from '../../shared/domain/model';
import { exportToFile } from '../service/exportToFile';
import {
  EXIT,
  FORMAT_OPTION,
  UsageError,
  formatValue,
  listValue,
  requiredString,
  stringValue,
  type CliCommand,
} from './cliCommand';
import { openExistingWorkspace } from './cliWorkspace';
import { formatOptionsFrom } from './importCommand';
import { createProgressLine, silentProgress } from './progressLine';

/** Warnings printed after an export; the rest are counted. */
const SHOWN_WARNINGS = 20;

export const exportCommand: CliCommand = {
  name: 'export',
  summary:
    'Export a workspace\'s articles to a file, streamed (any size, bounded memory). Multi-file formats (brat, csv) write a .zip when PATH ends in .zip, else a folder.',
  usage: 'export --workspace DIR --format FORMAT --out PATH [--status STATUS] [--article ID]... [--bom]',
  options: {
    workspace: { type: 'string', value: 'DIR', required: true, description: 'the workspace folder' },
    format: FORMAT_OPTION,
    out: { type: 'string', value: 'PATH', required: true, description: 'the file (or folder) to write; replaced only on success' },
    status: { type: 'string', value: 'STATUS', choices: ArticleStatusSchema.options, description: 'only articles with this status' },
    article: { type: 'string', value: 'ID', multiple: true, description: 'only this article' },
    bom: { type: 'boolean', description: 'csv: start each table with a UTF-8 byte-order mark (for Excel)' },
    'doccano-unit': { type: 'string', value: 'UNIT', choices: ['utf16', 'grapheme'], description: 'doccano: what the offsets count' },
    progress: { type: 'boolean', description: 'report progress on stderr even when it is not a terminal' },
  },
  examples: [
    'workbench export --workspace ~/corpus --format jsonl --out corpus.jsonl',
    'workbench export --workspace ~/corpus --format brat --status done --out done-brat.zip',
    'workbench export --workspace ~/corpus --format csv --bom --article a1b2c3 --article d4e5f6 --out two-articles.zip',
  ],

  async run({ values }, ctx) {
    const dir = path.resolve(ctx.cwd, requiredString(values, 'workspace'));
    const outPath = path.resolve(ctx.cwd, requiredString(values, 'out'));
    const format = formatValue(values);
    const articleIds = listValue(values, 'article');
    for (const id of articleIds) if (!IdSchema.safeParse(id).success) throw new UsageError(`--article "${id}" is not an article id`);
    const status = stringValue(values, 'status') as (typeof ArticleStatusSchema.options)[number] | undefined;
    const request = {
      format,
      ...(articleIds.length ? { articleIds } : {}),
      ...(status ? { status } : {}),
      options: formatOptionsFrom(values),
    };

    const session = await openExistingWorkspace(dir, ctx);
    const progress = values.progress || ctx.stderrIsTTY ? createProgressLine(ctx.stderr, { tty: ctx.stderrIsTTY }) : silentProgress;
    try {
      const result = await exportToFile({
        store: session.store,
        request,
        outPath,
        signal: ctx.signal,
        onProgress: ({ done, total }) => progress.update(done, total),
      });
      progress.finish();
      for (const w of result.warnings.slice(0, SHOWN_WARNINGS)) ctx.stderr(`warning: ${w}\n`);
      if (result.warningCount > SHOWN_WARNINGS) ctx.stderr(`warning: … and ${result.warningCount - SHOWN_WARNINGS} more\n`);
      const shape = result.layout === 'file' ? '' : result.layout === 'zip' ? ` (zip of ${result.files} files)` : ` (folder of ${result.files} files)`;
      ctx.stdout(`exported ${result.articles} ${result.articles === 1 ? 'article' : 'articles'} to ${result.outPath}${shape}\n`);
      return EXIT.ok;
    } finally {
      progress.finish();
      await session.close();
    }
  },
};
