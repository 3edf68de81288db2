/**
 * `workbench collect`: the lead takes annotators' work packages into the workspace that assigned
 * the work; each article gets one layer per annotator (electron/service/packagesCollect.ts).
 * Packages are taken one after another in the order given; each is checked whole before any of
 * it is written, so a refused package writes nothing (the ones before it stay collected).
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { CollectResult } from '../../shared/api/teamContract';
import { WorkbenchError } from '../../shared/api/errors';
import { cliApi } from './cliApi';
import { EXIT, UsageError, requiredString, type CliCommand, type CliContext, type ParsedCommandArgs } from './cliCommand';
import { openExistingWorkspace } from './cliWorkspace';
import { packageLabelMapping } from './importCommand';

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

type Collected = Extract<CollectResult, { status: 'collected' }>;

function describe(result: Collected): string {
  const parts = [`${plural(result.written, 'layer')} collected`];
  if (result.unchanged) parts.push(`${plural(result.unchanged, 'layer')} already here at the same revision`);
  if (result.unassignedAccepted) parts.push(`${plural(result.unassignedAccepted, 'article')} not assigned to ${result.annotator} accepted`);
  if (result.labelsAdded.length) parts.push(`${plural(result.labelsAdded.length, 'label')} added to the schema (${result.labelsAdded.join(', ')})`);
  return parts.join(', ');
}

export async function runCollect({ values, positionals }: ParsedCommandArgs, ctx: CliContext): Promise<number> {
  if (!positionals.length) throw new UsageError('give the work packages to collect');
  const dir = path.resolve(ctx.cwd, requiredString(values, 'workspace'));
  const session = await openExistingWorkspace(dir, ctx);
  try {
    // The Team screen's operation, with the questions it asks answered by the flags.
    const api = cliApi(session);
    for (const given of positionals) {
      ctx.signal.throwIfAborted();
      let bytes: Uint8Array;
      try {
        bytes = await fsp.readFile(path.resolve(ctx.cwd, given));
      } catch (err) {
        throw new WorkbenchError('io', `${given}: cannot read: ${(err as Error).message}`, given);
      }
      const file = { name: given, content: Buffer.from(bytes).toString('base64'), encoding: 'base64' as const };
      const labelMapping = packageLabelMapping(values, session.store.schema.labels);
      const result = await api.collectWorkPackage({
        file,
        acceptUnassigned: values['accept-unassigned'] === true,
        addUnknownLabels: values['add-unknown-labels'] === true,
        ...(labelMapping ? { labelMapping } : {}),
      });
      if (result.status === 'needsLabelMapping')
        throw new WorkbenchError(
          'conflict',
          `${result.message}. Map each package label onto a workspace label (--map ID=LABEL) or add it (--map ID=add, or --add-unknown-labels for all), then collect again`,
          given,
        );
      if (result.status === 'needsAcceptance') throw new WorkbenchError('conflict', result.message, given);
      ctx.stdout(`${given} (${result.annotator}'s work, package ${result.packageId}): ${describe(result)}\n`);
      if (result.workspaceOnlyLabels.length)
        ctx.stderr(`note: ${result.annotator}'s label schema had no ${result.workspaceOnlyLabels.join(', ')}: their layers carry none of these\n`);
      if (result.proposals.length)
        ctx.stderr(
          `note: ${plural(result.proposals.length, 'entity', 'entities')} that ${result.annotator}'s spans link to are not in the registry as they are there (proposals, kept with the layers): ${result.proposals
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
