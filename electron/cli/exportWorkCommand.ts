/**
 * `workbench export-work`: the annotator's way back to the lead. Writes a work package (.wbpkg,
 * docs/packages.md) holding the annotator's layer of every article the lead's assignment
 * packages brought into the workspace, with each article's revision, so the lead's collect can
 * tell newer work from older (electron/service/packagesWork.ts). Reads the workspace only; the
 * file is written atomically. Make one as often as you like: each carries the current state.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../../shared/api/errors';
import { writeFileDurably } from '../service/durableJsonFile';
import { cliApi } from './cliApi';
import { EXIT, requiredString, stringValue, type CliCommand, type CliContext, type ParsedCommandArgs } from './cliCommand';
import { openExistingWorkspace } from './cliWorkspace';

export const exportWorkCommand: CliCommand = {
  name: 'export-work',
  summary:
    'Write a work package (.wbpkg) with your layer of the articles a lead assigned you: spans, statements, status and revision of each, for the lead to collect.',
  usage: 'export-work --workspace DIR --out FILE [--lead NAME] [--force]',
  options: {
    workspace: { type: 'string', value: 'DIR', required: true, description: 'the annotator\'s workspace' },
    out: { type: 'string', value: 'FILE', required: true, description: 'the work package to write, e.g. ann-work.wbpkg' },
    lead: { type: 'string', value: 'NAME', description: 'the lead the work is for, when the workspace has assignments from several leads' },
    force: { type: 'boolean', description: 'replace FILE if it exists' },
  },
  examples: ['workbench export-work --workspace ~/coding --out ann-work.wbpkg'],
  run: (args, ctx) => runExportWork(args, ctx),
};

export async function runExportWork({ values }: ParsedCommandArgs, ctx: CliContext): Promise<number> {
  const dir = path.resolve(ctx.cwd, requiredString(values, 'workspace'));
  const out = path.resolve(ctx.cwd, requiredString(values, 'out'));
  if (existsSync(out) && !values.force) throw new WorkbenchError('invalid_input', `${out} already exists; nothing was written (replace it with --force)`, out);
  const session = await openExistingWorkspace(dir, ctx);
  let built;
  try {
    // The Team screen's operation ("Export my work package"); it hands the package back whole.
    const lead = stringValue(values, 'lead');
    built = await cliApi(session).exportWorkPackage(lead ? { lead } : {});
  } finally {
    await session.close();
  }
  ctx.signal.throwIfAborted();
  await writeFileDurably(out, Buffer.from(built.content, 'base64'));
  ctx.stdout(`wrote ${out}: ${built.annotator}'s work on ${built.articles} article${built.articles === 1 ? '' : 's'} for lead ${built.lead} (package ${built.packageId})\n`);
  return EXIT.ok;
}
