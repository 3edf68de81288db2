/**
 * `workbench agreement`: inter-annotator agreement over the collected layers of a lead's
 * workspace (shared/agreement, docs/teams.md), written as CSV (one row per number) or JSON (the
 * whole report, with the disagreements), chosen by --out's extension. A summary goes to stdout.
 */
import path from 'node:path';
import type { AgreementReport } from '../../shared/agreement/agreement';
import type { Alpha, F1, Kappa } from '../../shared/agreement/coefficient';
import { reportCsv } from '../../shared/agreement/reportTable';
import { writeFileDurably } from '../service/durableJsonFile';
import { commaList } from './assignCommand';
import { cliApi } from './cliApi';
import { EXIT, UsageError, requiredString, stringValue, type CliCommand, type CliContext, type ParsedCommandArgs } from './cliCommand';
import { openExistingWorkspace } from './cliWorkspace';

export const agreementCommand: CliCommand = {
  name: 'agreement',
  summary:
    'Inter-annotator agreement over the collected layers: unitizing alpha, exact and overlap F1, Cohen\'s or Fleiss\' kappa on words, statement and actor alpha, per label and overall, as CSV or JSON.',
  usage: 'agreement --workspace DIR --out FILE.csv|FILE.json [--annotators A,B,...] [--articles ID,...] [--labels L,...]',
  options: {
    workspace: { type: 'string', value: 'DIR', required: true, description: 'the lead\'s workspace with collected layers' },
    out: { type: 'string', value: 'FILE', required: true, description: 'the report: .csv (one row per number) or .json (the whole report with every disagreement)' },
    annotators: { type: 'string', value: 'A,B,...', description: 'only these annotators (default: everyone with a collected layer)' },
    articles: { type: 'string', value: 'ID,...', description: 'only these articles (default: every article with collected layers)' },
    labels: { type: 'string', value: 'L,...', description: 'only spans of these label ids (default: every label used)' },
  },
  examples: ['workbench agreement --workspace ~/corpus --out agreement.csv', 'workbench agreement --workspace ~/corpus --annotators ann,bob --out ann-bob.json'],
  run: (args, ctx) => runAgreement(args, ctx),
};

const shown = (c: Alpha | Kappa | F1) => (c.value === null ? `undefined (${c.reason})` : c.value.toFixed(3));

function summary(report: AgreementReport): string {
  const lines = [
    `${report.annotators.length} annotators (${report.annotators.join(', ')}), ${report.articles.total} articles coded, ${report.articles.compared} compared, ${report.articles.codedByAll} coded by all`,
    `  spans: alpha_U ${shown(report.spans.alphaU.overall)}, word ${report.spans.wordKappa.measure === 'cohen' ? "Cohen's" : "Fleiss'"} kappa ${shown(report.spans.wordKappa.overall)}`,
    ...report.spans.pairs.map((p) => `  ${p.annotators.join(' / ')}: exact F1 ${shown(p.exactF1.overall)}, overlap F1 ${shown(p.overlapF1.overall)} (${p.articles} articles)`),
    `  statements: alpha ${shown(report.statements.alpha)} over ${report.statements.units.length} units; actors: alpha ${shown(report.actors.alpha)} over ${report.actors.units.length} units`,
    `  ${report.disagreements.length} disagreements`,
  ];
  return `${lines.join('\n')}\n`;
}

export async function runAgreement({ values }: ParsedCommandArgs, ctx: CliContext): Promise<number> {
  const dir = path.resolve(ctx.cwd, requiredString(values, 'workspace'));
  const out = path.resolve(ctx.cwd, requiredString(values, 'out'));
  const kind = path.extname(out).toLowerCase();
  if (kind !== '.csv' && kind !== '.json') throw new UsageError(`--out must end in .csv or .json; got ${out}`);
  const list = (name: string) => {
    const v = stringValue(values, name);
    return v === undefined ? undefined : commaList(v);
  };
  const annotators = list('annotators');
  const session = await openExistingWorkspace(dir, ctx);
  let report: AgreementReport;
  try {
    // The Team screen's operation: the same layers read, the same report.
    const articleIds = list('articles');
    const labels = list('labels');
    report = await cliApi(session).computeAgreement({ ...(annotators ? { annotators } : {}), ...(articleIds ? { articleIds } : {}), ...(labels ? { labels } : {}) });
    if (report.annotators.length === 0 || report.articles.total === 0)
      throw new UsageError(`${dir} has no collected layers${annotators ? ` of ${annotators.join(', ')}` : ''} with work in them: collect work packages first (workbench collect)`);
  } finally {
    await session.close();
  }
  ctx.signal.throwIfAborted();
  await writeFileDurably(out, kind === '.csv' ? reportCsv(report) : `${JSON.stringify(report, null, 2)}\n`);
  ctx.stdout(summary(report));
  ctx.stdout(`wrote ${out}\n`);
  return EXIT.ok;
}
