/**
 * `workbench open-package`: the annotator's side of an assignment. Verifies the package (every
 * checksum, within the import's zip-bomb limits), checks it against the workspace (created
 * when DIR has none) and adds its articles, schema and registry, recording which package they
 * came from (electron/service/packagesOpen.ts). A refusal writes nothing; opening the same
 * package again changes nothing and says so.
 *
 * A command of its own rather than `import --format package`: the import's formats are codecs
 * that turn files into annotated articles mapped onto the workspace's schema, while a package
 * brings the schema, the registry and its provenance, and is refused where an import maps.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../../shared/api/errors';
import { readAssignmentPackage } from '../../shared/teams/assignmentPackage';
// Not openAssignmentPackage: it runs the same plan and commit, but returns counts only, and the
// command reports what the plan holds (the schema adopted, entities added, the annotator name set).
import { commitOpenPackage, planOpenPackage, type OpenPackagePlan } from '../service/packagesOpen';
import { EXIT, UsageError, requiredString, type CliCommand, type CliContext, type ParsedCommandArgs } from './cliCommand';
import { openOrCreateWorkspace } from './cliWorkspace';
import { packageLabelMapping } from './importCommand';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export const openPackageCommand: CliCommand = {
  name: 'open-package',
  summary:
    'Open an assignment package (.wbpkg) in a workspace (created when DIR has none): its articles, label schema and entity registry. A tampered package, another schema or another lead\'s articles are refused, writing nothing.',
  usage: 'open-package --workspace DIR [--map ID=LABEL]... [--add-unknown-labels] FILE',
  positionals: { name: 'FILE', description: 'the assignment package, NAME.wbpkg', min: 1 },
  options: {
    workspace: { type: 'string', value: 'DIR', required: true, description: 'the annotator\'s workspace folder' },
    map: {
      type: 'string',
      multiple: true,
      value: 'ID=LABEL',
      description: "a package made for another label schema (the workspace has articles): its label ID onto the workspace's LABEL (id or name), or ID=add to add it",
    },
    'add-unknown-labels': { type: 'boolean', description: 'add every package label that differs and no --map answers to the schema' },
  },
  examples: ['workbench open-package --workspace ~/coding ann.wbpkg'],

  run: (args, ctx) => runOpenPackage(args, ctx),
};

function describeChanges(plan: OpenPackagePlan): string {
  const parts = [`${plural(plan.added.length, 'article')} added`];
  if (plan.kept.length) parts.push(`${plural(plan.kept.length, 'article')} already here from lead ${plan.pkg.info.lead}'s packages kept as they are`);
  if (plan.adoptSchema) parts.push('the label schema taken from the package');
  if (plan.labels?.newLabels.length) parts.push(`${plural(plan.labels.newLabels.length, 'label')} added to the schema (${plan.labels.newLabels.map((l) => l.id).join(', ')})`);
  if (plan.newEntities.length) parts.push(`${plural(plan.newEntities.length, 'entity', 'entities')} added to the registry`);
  if (plan.setAnnotator) parts.push(`annotator name set to ${plan.pkg.info.annotator}`);
  return parts.join(', ');
}

export async function runOpenPackage({ values, positionals }: ParsedCommandArgs, ctx: CliContext): Promise<number> {
  if (positionals.length > 1) throw new UsageError(`open one package at a time; got ${positionals.length} files`);
  const dir = path.resolve(ctx.cwd, requiredString(values, 'workspace'));
  const given = positionals[0];
  let bytes: Uint8Array;
  try {
    bytes = await fsp.readFile(path.resolve(ctx.cwd, given));
  } catch (err) {
    throw new WorkbenchError('io', `${given}: cannot read: ${(err as Error).message}`, given);
  }
  const pkg = await readAssignmentPackage(given, bytes);
  ctx.signal.throwIfAborted();

  const { session, discardIfNew } = await openOrCreateWorkspace(dir, ctx);
  let succeeded = false;
  try {
    const { store } = session;
    const plan = await planOpenPackage(store, pkg, { labelMapping: packageLabelMapping(values, store.schema.labels), addUnknownLabels: values['add-unknown-labels'] === true });
    const { info } = pkg;
    const what = `${given} (package ${info.packageId} for ${info.annotator} from lead ${info.lead})`;
    if (plan.unchanged) {
      ctx.stdout(`${what} was opened in ${dir} before; nothing changed\n`);
      succeeded = true;
      return EXIT.ok;
    }
    ctx.signal.throwIfAborted();
    await commitOpenPackage(store, plan);
    succeeded = true;
    ctx.stdout(`opened ${what} in ${dir}: ${describeChanges(plan)}\n`);
    if (plan.differingEntities.length)
      ctx.stderr(
        `warning: ${plural(plan.differingEntities.length, 'entity', 'entities')} of the package differ from the workspace's under the same id; the workspace's were kept: ${plan.differingEntities.slice(0, 10).join(', ')}\n`,
      );
    if (!plan.setAnnotator && store.settings.annotator !== info.annotator)
      ctx.stderr(`warning: the workspace's annotator name is "${store.settings.annotator}", not "${info.annotator}" as in the package; spans made here are recorded as "${store.settings.annotator}"\n`);
    return EXIT.ok;
  } finally {
    await session.close();
    if (!succeeded) await discardIfNew();
  }
}
