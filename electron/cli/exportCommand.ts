/**
 * `workbench export`: stream a workspace's articles into a file with bounded memory
 * (exportToFile), showing progress on stderr; or, for the network formats (graphml, gexf,
 * edges-csv, nodes-csv, statements-csv), write a discourse network or the statements table
 * (networkExport.ts). The file appears only when complete: Ctrl+C or an error leaves no
 * partial output. Articles whose file cannot be read are left out, listed on stderr (file and
 * problem), and make the exit code EXIT.partial: the file holds all the others.
 */
import path from 'node:path';
import { FORMAT_NAMES, type SkippedArticle } from '../../shared/api/contract';
import { ArticleStatusSchema, IdSchema, PolaritySchema, type ArticleStatus, type Polarity } from '../../shared/domain/model';
import { NETWORK_EXPORT_KINDS, isNetworkExportKind } from '../../shared/network/networkExport';
import { isoDay } from '../../shared/network/statementsTable';
// startExport writes the file (a zip, for the multi-file formats) into a temp folder to be read
// back in chunks, and keeps the first warnings without their count: the CLI streams straight to
// the path it is given, as a file, zip or folder, so it calls exportToFile (which startExport runs)
// with the request checked as startExport checks it.
import { parseExportLayer } from '../service/exportLayers';
import { exportToFile } from '../service/exportToFile';
import { checkedInput } from './cliApi';
import {
  EXIT,
  FORMAT_OPTION,
  UsageError,
  listValue,
  requiredString,
  stringValue,
  type CliCommand,
  type CliContext,
} from './cliCommand';
import { openExistingWorkspace } from './cliWorkspace';
import { formatOptionsFrom } from './importCommand';
import { CLI_NETWORKS, exportNetworkToFile, type NetworkExportRequest } from './networkExport';
import { createProgressLine, silentProgress } from './progressLine';

/** Warnings printed after an export; the rest are counted. */
const SHOWN_WARNINGS = 20;

const NETWORK_FLAGS = ['network', 'polarity', 'from', 'to'] as const;

/** Name each article an export left out, on stderr; the exit code says the file lacks them. */
function reportSkipped(skipped: readonly SkippedArticle[], ctx: CliContext): number {
  if (!skipped.length) return EXIT.ok;
  const one = skipped.length === 1;
  ctx.stderr(`error: ${skipped.length} ${one ? 'article was' : 'articles were'} left out because ${one ? 'its file' : 'their files'} could not be read:\n`);
  for (const s of skipped) ctx.stderr(`  ${s.articleId} "${s.title}": ${s.message}\n`);
  return EXIT.partial;
}

function dateValue(values: Parameters<typeof stringValue>[0], name: 'from' | 'to'): string | undefined {
  const v = stringValue(values, name);
  if (v !== undefined && isoDay(v) !== v) throw new UsageError(`--${name} must be a date written YYYY-MM-DD; got "${v}"`);
  return v;
}

export const exportCommand: CliCommand = {
  name: 'export',
  summary:
    'Export a workspace\'s articles to a file, streamed (any size, bounded memory), or its statements as a discourse network (graphml, gexf, edges-csv, nodes-csv) or a table (statements-csv). Multi-file formats (brat, csv) write a .zip when PATH ends in .zip, else a folder.',
  usage:
    'export --workspace DIR --format FORMAT --out PATH [--layer LAYER] [--status STATUS]... [--article ID]... [--bom] [--network NETWORK] [--polarity POLARITY]... [--from DATE] [--to DATE]',
  options: {
    workspace: { type: 'string', value: 'DIR', required: true, description: 'the workspace folder' },
    format: {
      ...FORMAT_OPTION,
      choices: [...FORMAT_NAMES, ...NETWORK_EXPORT_KINDS],
      description: 'interchange format, or a network (graphml, gexf, edges-csv, nodes-csv) or statements table (statements-csv)',
    },
    out: { type: 'string', value: 'PATH', required: true, description: 'the file (or folder) to write; replaced only on success' },
    layer: {
      type: 'string',
      value: 'LAYER',
      description:
        'which layer of each article: gold, annotator:NAME or all (every layer as its own record; not for networks); default: gold where it exists, else the one collected layer, and an error naming the articles that have several layers and no gold',
    },
    status: {
      type: 'string',
      value: 'STATUS',
      multiple: true,
      choices: ArticleStatusSchema.options,
      description: 'only articles with this status (network formats: repeatable, any of the statuses given)',
    },
    article: { type: 'string', value: 'ID', multiple: true, description: 'only this article' },
    bom: { type: 'boolean', description: 'csv, edges-csv, nodes-csv, statements-csv: start each table with a UTF-8 byte-order mark (for Excel)' },
    network: {
      type: 'string',
      value: 'NETWORK',
      choices: Object.keys(CLI_NETWORKS),
      description: 'graphml, gexf, edges-csv, nodes-csv: which network (default two-mode: actors x concepts; congruence and conflict are actor projections)',
    },
    polarity: {
      type: 'string',
      value: 'POLARITY',
      multiple: true,
      choices: PolaritySchema.options,
      description: 'network formats: only statements of this polarity (default all)',
    },
    from: { type: 'string', value: 'DATE', description: 'network formats: only articles dated on or after DATE (YYYY-MM-DD); undated articles are left out' },
    to: { type: 'string', value: 'DATE', description: 'network formats: only articles dated on or before DATE (YYYY-MM-DD); undated articles are left out' },
    'doccano-unit': { type: 'string', value: 'UNIT', choices: ['utf16', 'grapheme'], description: 'doccano: what the offsets count' },
    'doccano-no-overlap': {
      type: 'boolean',
      description: 'doccano, for projects without "Allow overlapping spans": keep one span per overlap group (the longest, ties to the earliest) and report the rest',
    },
    progress: { type: 'boolean', description: 'report progress on stderr even when it is not a terminal' },
  },
  examples: [
    'workbench export --workspace ~/corpus --format jsonl --out corpus.jsonl',
    'workbench export --workspace ~/corpus --format brat --status done --out done-brat.zip',
    'workbench export --workspace ~/corpus --format csv --bom --article a1b2c3 --article d4e5f6 --out two-articles.zip',
    'workbench export --workspace ~/corpus --format gexf --network congruence --status done --out congruence.gexf',
    'workbench export --workspace ~/corpus --format graphml --polarity support --polarity oppose --from 2020-01-01 --to 2020-12-31 --out 2020.graphml',
    'workbench export --workspace ~/corpus --format statements-csv --bom --out statements.csv',
  ],

  async run({ values }, ctx) {
    const dir = path.resolve(ctx.cwd, requiredString(values, 'workspace'));
    const outPath = path.resolve(ctx.cwd, requiredString(values, 'out'));
    const format = requiredString(values, 'format'); // checked against `choices` by parseCommandArgs
    const articleIds = listValue(values, 'article');
    for (const id of articleIds) if (!IdSchema.safeParse(id).success) throw new UsageError(`--article "${id}" is not an article id`);
    const statuses = listValue(values, 'status') as ArticleStatus[];
    const layer = stringValue(values, 'layer');
    if (values['doccano-no-overlap'] && format !== 'doccano') throw new UsageError(`--doccano-no-overlap applies only to doccano, not ${format}`);
    if (isNetworkExportKind(format)) {
      const networkName = stringValue(values, 'network');
      if (networkName !== undefined && format === 'statements-csv')
        throw new UsageError('--network does not apply to statements-csv (a table of statements, not a network)');
      if (values['doccano-unit'] !== undefined) throw new UsageError(`--doccano-unit does not apply to ${format}`);
      const from = dateValue(values, 'from');
      const to = dateValue(values, 'to');
      if (from && to && from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
      const polarities = listValue(values, 'polarity') as Polarity[];
      const request: NetworkExportRequest = {
        kind: format,
        network: CLI_NETWORKS[networkName ?? 'two-mode'],
        ...(articleIds.length ? { articleIds } : {}),
        ...(statuses.length ? { statuses } : {}),
        ...(polarities.length ? { polarities } : {}),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        ...(values.bom ? { bom: true } : {}),
        ...(layer !== undefined ? { layer } : {}),
      };
      const session = await openExistingWorkspace(dir, ctx);
      try {
        const r = await exportNetworkToFile(session, request, outPath, ctx.signal);
        const n = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
        const what =
          format === 'statements-csv'
            ? n(r.statements, 'statement')
            : `a ${networkName ?? 'two-mode'} network of ${n(r.nodes, 'node')} and ${n(r.edges, 'edge')} (${n(r.statements, 'statement')})`;
        for (const note of r.notes) ctx.stderr(`warning: ${note}\n`);
        ctx.stdout(`exported ${what} from ${n(r.articles, 'article')} to ${r.outPath}\n`);
        return reportSkipped(r.skipped, ctx);
      } finally {
        await session.close();
      }
    }
    for (const flag of NETWORK_FLAGS)
      if (values[flag] !== undefined) throw new UsageError(`--${flag} applies only to the network formats (${NETWORK_EXPORT_KINDS.join(', ')})`);
    if (statuses.length > 1) throw new UsageError(`--status may be given once for ${format} (repeat it only for the network formats)`);
    const status = statuses[0];
    // The layer's own message (it names the value and what is wrong with it) before the contract's.
    parseExportLayer(layer);
    const request = checkedInput('startExport', {
      format,
      ...(articleIds.length ? { articleIds } : {}),
      ...(status ? { status } : {}),
      ...(layer !== undefined ? { layer } : {}),
      options: { ...formatOptionsFrom(values), ...(values['doccano-no-overlap'] ? { doccanoNoOverlap: true } : {}) },
    });

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
      return reportSkipped(result.skipped, ctx);
    } finally {
      progress.finish();
      await session.close();
    }
  },
};
