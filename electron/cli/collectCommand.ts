/**
 * `workbench collect`: the lead takes annotators' work packages into the workspace that assigned
 * the work; each article gets one layer per annotator (electron/service/packagesCollect.ts).
 * Packages are taken one after another in the order given; each is checked whole before any of
 * it is written, so a refused package writes nothing (the ones before it stay collected).
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../../shared/api/errors';
import { openWorkPackage } from '../../shared/teams/workPackage';
import { commitCollect, LabelMappingNeededError, planCollect, type CollectOptions, type CollectPlan } from '../service/packagesCollect';
import type { WorkspaceStore } from '../service/workspaceStore';
import { EXIT, UsageError, listValue, requiredString, type CliCommand, type CliContext, type ParsedCommandArgs } from './cliCommand';
import { parseLabelMapArg, resolveMapTarget } from './importCommand';
import { openExistingWorkspace } from './cliWorkspace';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export const collectCommand: CliCommand = {
  name: 'collect',
  summary:
    'Collect annotators\' work packages (.wbpkg) into the workspace that assigned the work: one layer per annotator and article. A newer revision replaces that annotator\'s layer, the same one changes nothing, an older one is refused.',
  usage: 'collect --workspace DIR [--accept-unassigned] [--map ID=LABEL]... [--add-unknown-labels] FILE...',
  positionals: { name: 'FILE', description: 'work packages, collected in the order given', min: 1 },
  options: {
    workspace: { type: 'string', value: 'DIR', required: true, description: 'the lead\'s workspace (the one that assigned the work)' },
    'accept-unassigned': { type: 'boolean', description: 'also take layers of articles the annotator was not assigned (refused otherwise)' },
    map: {
      type: 'string',
      multiple: true,
      value: 'ID=LABEL',
      description: "a package coded with another label schema: its label ID onto the workspace's LABEL (id or name), or ID=add to add it to the schema",
    },
    'add-unknown-labels': { type: 'boolean', description: 'add every package label that differs and no --map answers to the schema' },
  },
  examples: ['workbench collect --workspace ~/corpus ann-work.wbpkg bob-work.wbpkg', 'workbench collect --workspace ~/corpus --map topic=claim --map speaker=actor ann-work.wbpkg'],
  run: (args, ctx) => runCollect(args, ctx),
};

function describe(plan: CollectPlan): string {
  const parts = [`${plural(plan.write.length, 'layer')} collected`];
  if (plan.unchanged.length) parts.push(`${plural(plan.unchanged.length, 'layer')} already here at the same revision`);
  if (plan.unassigned.length) parts.push(`${plural(plan.unassigned.length, 'article')} not assigned to ${plan.pkg.info.annotator} accepted`);
  if (plan.newLabels.length) parts.push(`${plural(plan.newLabels.length, 'label')} added to the schema (${plan.newLabels.map((l) => l.id).join(', ')})`);
  return parts.join(', ');
}

/** Plan with the --map answers; with --add-unknown-labels, the labels they leave out are added. */
async function planWithLabels(store: WorkspaceStore, pkg: CollectPlan['pkg'], options: CollectOptions, addUnknown: boolean): Promise<CollectPlan> {
  try {
    return await planCollect(store, pkg, options);
  } catch (err) {
    if (!(err instanceof LabelMappingNeededError) || !addUnknown) throw err;
    const labelMapping = { ...options.labelMapping };
    for (const l of err.labels) labelMapping[l.id] ??= 'add';
    return planCollect(store, pkg, { ...options, labelMapping });
  }
}

export async function runCollect({ values, positionals }: ParsedCommandArgs, ctx: CliContext): Promise<number> {
  if (!positionals.length) throw new UsageError('give the work packages to collect');
  const dir = path.resolve(ctx.cwd, requiredString(values, 'workspace'));
  const session = await openExistingWorkspace(dir, ctx);
  try {
    for (const given of positionals) {
      ctx.signal.throwIfAborted();
      let bytes: Uint8Array;
      try {
        bytes = await fsp.readFile(path.resolve(ctx.cwd, given));
      } catch (err) {
        throw new WorkbenchError('io', `${given}: cannot read: ${(err as Error).message}`, given);
      }
      const pkg = await openWorkPackage(given, bytes);
      const labels = session.store.schema.labels;
      const mapArgs = listValue(values, 'map').map(parseLabelMapArg);
      const labelMapping = mapArgs.length ? Object.fromEntries(mapArgs.map(([id, to]) => [id, resolveMapTarget(to, labels, `${id}=${to}`)])) : undefined;
      const plan = await planWithLabels(session.store, pkg, { acceptUnassigned: values['accept-unassigned'] === true, labelMapping }, values['add-unknown-labels'] === true);
      ctx.signal.throwIfAborted();
      await commitCollect(session.store, plan);
      ctx.stdout(`${given} (${pkg.info.annotator}'s work, package ${pkg.info.packageId}): ${describe(plan)}\n`);
      if (plan.workspaceOnlyLabels.length)
        ctx.stderr(`note: ${pkg.info.annotator}'s label schema had no ${plan.workspaceOnlyLabels.join(', ')}: their layers carry none of these\n`);
      if (plan.proposals.length)
        ctx.stderr(
          `note: ${plural(plan.proposals.length, 'entity', 'entities')} that ${pkg.info.annotator}'s spans link to are not in the registry as they are there (proposals, kept with the layers): ${plan.proposals
            .slice(0, 5)
            .map((e) => `${e.name} (${e.id})`)
            .join(', ')}\n`,
        );
    }
  } finally {
    await session.close();
  }
  return EXIT.ok;
}
