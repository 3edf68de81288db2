/**
 * `workbench stats`: counts over a workspace (computeWorkspaceStats, through the API's
 * listArticles and getArticle), as a table or JSON. Articles whose file cannot be read are
 * listed and make the exit code 1.
 */
import path from 'node:path';
import { cliApi } from './cliApi';
import { EXIT, requiredString, type CliCommand } from './cliCommand';
import { openExistingWorkspace } from './cliWorkspace';
import { computeWorkspaceStats, type WorkspaceStats } from './workspaceStats';

const NO_ANNOTATOR = '(no annotator)';

function table(title: string, rows: [string, number][]): string {
  if (!rows.length) return `${title}: none\n`;
  const width = Math.max(...rows.map(([k]) => k.length));
  const numWidth = Math.max(...rows.map(([, n]) => String(n).length));
  return `${title}:\n${rows.map(([k, n]) => `  ${k.padEnd(width)}  ${String(n).padStart(numWidth)}\n`).join('')}`;
}

export function formatStats(stats: WorkspaceStats, dir: string): string {
  const annotator = (name: string) => name || NO_ANNOTATOR;
  return [
    `workspace ${dir}\n`,
    `articles: ${stats.articles}\n`,
    `spans: ${stats.spans}\n`,
    `statements: ${stats.statements}\n`,
    table('articles by status', Object.entries(stats.articlesByStatus)),
    table('spans by label', stats.spansByLabel.map((l) => [l.name === l.labelId ? l.name : `${l.name} (${l.labelId})`, l.count])),
    table('spans by annotator', Object.entries(stats.spansByAnnotator).map(([k, n]) => [annotator(k), n])),
    table('spans by article status', Object.entries(stats.spansByStatus)),
    table('statements by annotator', Object.entries(stats.statementsByAnnotator).map(([k, n]) => [annotator(k), n])),
    ...(stats.unreadable.length
      ? [`unreadable articles (not counted above): ${stats.unreadable.length}\n`, ...stats.unreadable.map((u) => `  ${u.id}  ${u.error}\n`)]
      : []),
  ].join('');
}

export const statsCommand: CliCommand = {
  name: 'stats',
  summary: 'Count articles (per status), spans (per label, per annotator, per article status) and statements in a workspace.',
  usage: 'stats --workspace DIR [--json]',
  options: {
    workspace: { type: 'string', value: 'DIR', required: true, description: 'the workspace folder' },
    json: { type: 'boolean', description: 'print the numbers as JSON' },
  },
  examples: ['workbench stats --workspace ~/corpus', 'workbench stats --workspace ~/corpus --json | jq .spansByAnnotator'],

  async run({ values }, ctx) {
    const dir = path.resolve(ctx.cwd, requiredString(values, 'workspace'));
    const session = await openExistingWorkspace(dir, ctx);
    let stats: WorkspaceStats;
    try {
      stats = await computeWorkspaceStats(cliApi(session), ctx.signal);
    } finally {
      await session.close();
    }
    ctx.stdout(values.json ? `${JSON.stringify(stats, null, 2)}\n` : formatStats(stats, dir));
    if (stats.unreadable.length) {
      ctx.stderr(`error: ${stats.unreadable.length} article file(s) could not be read; see "unreadable" above\n`);
      return EXIT.invalid;
    }
    return EXIT.ok;
  },
};
