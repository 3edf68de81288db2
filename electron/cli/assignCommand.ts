/**
 * `workbench assign`: the lead's first step of team work. Picks who codes which article
 * (shared/teams/assignment.ts, seeded and balanced) and writes one assignment package per
 * annotator, `OUT/<annotator>.wbpkg` (docs/packages.md). Everything is checked and every package
 * built before the first file is written; each file is written atomically, and if one cannot
 * be written the ones written before it are removed. Existing packages are replaced only with --force.
 */
import { existsSync, promises as fsp } from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../../shared/api/errors';
import { parseShare, type CodingPlan } from '../../shared/teams/assignment';
import { AnnotatorNameSchema, PACKAGE_EXTENSION } from '../../shared/teams/package';
// Not assignArticles: it returns every package at once, base64 in memory, and once called runs
// on to record the assignment; here Ctrl+C stops between packages, before anything is recorded,
// and each package is written to the folder given. Both build through makeAssignmentPackages.
import { writeFileDurably } from '../service/durableJsonFile';
import { makeAssignmentPackages } from '../service/packagesAssign';
import { EXIT, UsageError, requiredString, stringValue, type CliCommand, type CliContext, type OptionValues, type ParsedCommandArgs } from './cliCommand';
import { openExistingWorkspace } from './cliWorkspace';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "a, b,c" → ["a", "b", "c"]. */
export function commaList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function codingPlan(values: OptionValues): CodingPlan {
  const share = stringValue(values, 'double-coded');
  if (share !== undefined && values['all-code-all']) throw new UsageError('give either --double-coded or --all-code-all, not both');
  if (share === undefined) return { kind: 'all' };
  try {
    return { kind: 'double', share: parseShare(share) };
  } catch (err) {
    throw new UsageError(`--double-coded: ${(err as Error).message}`);
  }
}

function seedValue(values: OptionValues): number {
  const text = stringValue(values, 'seed') ?? '1';
  if (!/^\d{1,10}$/.test(text) || Number(text) > 0xffffffff) throw new UsageError(`--seed must be a whole number from 0 to 4294967295; got "${text}"`);
  return Number(text);
}

export const assignCommand: CliCommand = {
  name: 'assign',
  summary:
    'Assign articles to annotators and write one assignment package per annotator (OUT/NAME.wbpkg). Each holds its articles\' texts and metadata (no spans), the label schema and the entity registry; nothing is written unless every package can be.',
  usage: 'assign --workspace DIR --annotators A,B,... --lead NAME --out DIR [--articles ID,...] [--double-coded SHARE | --all-code-all] [--seed N] [--force]',
  options: {
    workspace: { type: 'string', value: 'DIR', required: true, description: 'the lead\'s workspace' },
    annotators: { type: 'string', value: 'A,B,...', required: true, description: 'the annotators\' names, comma-separated (each names a package file)' },
    lead: { type: 'string', value: 'NAME', required: true, description: 'your name as the lead, recorded in every package' },
    out: { type: 'string', value: 'DIR', required: true, description: 'the folder to write the packages to (created if needed)' },
    articles: { type: 'string', value: 'ID,...', description: 'only these articles, comma-separated (default: every article)' },
    'double-coded': {
      type: 'string',
      value: 'SHARE',
      description: 'a share of the articles, like 20%, coded by two annotators and the rest by one (rounded to whole articles)',
    },
    'all-code-all': { type: 'boolean', description: 'every annotator codes every article (the default)' },
    seed: { type: 'string', value: 'N', description: 'the seed the assignment is drawn from: the same seed, articles and annotators give the same assignment (default 1)' },
    force: { type: 'boolean', description: 'replace package files that already exist in --out' },
  },
  examples: [
    'workbench assign --workspace ~/corpus --annotators ann,bob,cy --double-coded 20% --lead lea --out packages/',
    'workbench assign --workspace ~/corpus --annotators ann,bob --articles a1,a2,a3 --all-code-all --lead lea --out packages/',
  ],

  run: (args, ctx) => runAssign(args, ctx),
};

export async function runAssign({ values }: ParsedCommandArgs, ctx: CliContext): Promise<number> {
  const dir = path.resolve(ctx.cwd, requiredString(values, 'workspace'));
  const annotators = commaList(requiredString(values, 'annotators'));
  const lead = requiredString(values, 'lead');
  const leadName = AnnotatorNameSchema.safeParse(lead);
  if (!leadName.success) throw new UsageError(`--lead "${lead}": ${leadName.error.issues[0].message}`);
  const outDir = path.resolve(ctx.cwd, requiredString(values, 'out'));
  const articlesArg = stringValue(values, 'articles');
  const articleIds = articlesArg === undefined ? undefined : commaList(articlesArg);
  const plan = codingPlan(values);
  const seed = seedValue(values);

  const targets = new Map(annotators.map((a) => [a, path.join(outDir, `${a}.${PACKAGE_EXTENSION}`)]));
  const outStat = await fsp.stat(outDir).catch(() => null);
  if (outStat && !outStat.isDirectory()) throw new WorkbenchError('invalid_input', `--out ${outDir} is a file, not a folder`, outDir);
  const existing = [...targets.values()].filter((f) => existsSync(f));
  if (existing.length && !values.force)
    throw new WorkbenchError('invalid_input', `${existing.join(', ')} already ${existing.length === 1 ? 'exists' : 'exist'}; nothing was written (replace with --force)`, existing[0]);

  const session = await openExistingWorkspace(dir, ctx);
  const built = new Map<string, { packageId: string; bytes: Uint8Array; articles: number }>();
  let assignment: Awaited<ReturnType<typeof makeAssignmentPackages>>['assignment'];
  try {
    const made = await makeAssignmentPackages(session.store, { articleIds, annotators, plan, seed, lead }, ctx.signal);
    assignment = made.assignment;
    for (const p of made.packages) built.set(p.annotator, { packageId: p.packageId, bytes: p.bytes, articles: p.articleIds.length });
  } finally {
    await session.close();
  }

  await fsp.mkdir(outDir, { recursive: true });
  const written: string[] = [];
  try {
    for (const [who, pkg] of built) {
      ctx.signal.throwIfAborted();
      await writeFileDurably(targets.get(who)!, pkg.bytes);
      written.push(targets.get(who)!);
    }
  } catch (err) {
    await Promise.all(written.map((f) => fsp.rm(f, { force: true })));
    throw err;
  }

  const total = assignment.byAnnotator.size && new Set([...assignment.byAnnotator.values()].flat()).size;
  const doubles = assignment.doubleCoded.length;
  const how = plan.kind === 'all' ? 'every annotator codes every article' : `${plural(doubles, 'article')} double-coded, ${total - doubles} coded once`;
  ctx.stdout(`assigned ${plural(total, 'article')} to ${plural(annotators.length, 'annotator')} (seed ${seed}; ${how}) from ${dir}\n`);
  const width = Math.max(...annotators.map((a) => a.length));
  for (const [who, pkg] of built) ctx.stdout(`  ${who.padEnd(width)}  ${plural(pkg.articles, 'article')}  ${targets.get(who)}\n`);
  return EXIT.ok;
}
