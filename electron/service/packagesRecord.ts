/**
 * `<workspace>/team.json`: what a workspace knows about team packages, beside the manifest.
 *  - `workspaceId`: a random id made the first time the workspace assigns. Packages name it as
 *    their `sourceWorkspaceId`, so an annotator's workspace can tell one lead's packages from
 *    another's, and the lead can later match work packages to what it assigned. The manifest's
 *    schema (storedRecords.ts) drops fields it does not know, and an older app would drop a new
 *    one on its next write, so the id lives in this file, which the store never touches.
 *  - `openedPackages`: every package opened here and its articles (which package each article
 *    came from), so opening one again changes nothing and another lead's articles are refused.
 *  - `assignments` (the lead's side): every assignment package made here, so a work package from
 *    an annotator who was not given those articles is noticed (packagesCollect.ts).
 *  - `collectedPackages`: every work package collected here and the revisions it brought.
 *  - `proposalDecisions`: the lead's answer to each entity an annotator proposed.
 * Written whole and atomically (writeFileDurably) by the process holding the workspace lock.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { describeZodError } from '../../shared/domain/zodErrors';
import { WorkbenchError } from '../../shared/api/errors';
import { IdSchema, IsoTimestampSchema, LabelSchemaDefSchema, newId } from '../../shared/domain/model';
import { AnnotatorNameSchema, PackageKindSchema } from '../../shared/teams/package';
import { ProposalDecisionSchema } from '../../shared/api/teamContract';
export type { ProposalDecision } from '../../shared/api/teamContract';
import { writeFileDurably } from './durableJsonFile';

export const TEAM_FILE_NAME = 'team.json';

export const OpenedPackageSchema = z.object({
  packageId: IdSchema,
  kind: PackageKindSchema,
  annotator: AnnotatorNameSchema,
  lead: AnnotatorNameSchema,
  sourceWorkspaceId: IdSchema,
  createdAt: IsoTimestampSchema,
  openedAt: IsoTimestampSchema,
  articleIds: z.array(IdSchema),
  /**
   * The package was made for another label schema and the workspace kept its own: the lead's
   * schema, and the answers given (lead's label id -> the workspace label its work uses), so
   * export-work gives the lead their labels back (packagesWork.ts).
   */
  labels: z.object({ schema: LabelSchemaDefSchema, relabel: z.record(IdSchema, IdSchema) }).optional(),
});
export type OpenedPackage = z.infer<typeof OpenedPackageSchema>;

/** An assignment package this (lead's) workspace made: who was given which articles. */
export const AssignmentRecordSchema = z.object({
  packageId: IdSchema,
  annotator: AnnotatorNameSchema,
  lead: AnnotatorNameSchema,
  createdAt: IsoTimestampSchema,
  articleIds: z.array(IdSchema),
});
export type AssignmentRecord = z.infer<typeof AssignmentRecordSchema>;

/** A work package collected here: whose layers of which articles, at which revisions. */
export const CollectedPackageSchema = z.object({
  packageId: IdSchema,
  annotator: AnnotatorNameSchema,
  createdAt: IsoTimestampSchema,
  collectedAt: IsoTimestampSchema,
  /** article id -> the revision collected (or kept, when the package had it already). */
  revisions: z.record(IdSchema, z.number().int().nonnegative()),
});
export type CollectedPackage = z.infer<typeof CollectedPackageSchema>;

export const TeamRecordSchema = z.object({
  formatVersion: z.literal(1),
  workspaceId: IdSchema.optional(),
  openedPackages: z.array(OpenedPackageSchema).default([]),
  assignments: z.array(AssignmentRecordSchema).default([]),
  collectedPackages: z.array(CollectedPackageSchema).default([]),
  /** Proposed entity id -> the lead's decision (entityProposals.ts). */
  proposalDecisions: z.record(IdSchema, ProposalDecisionSchema).default({}),
});
export type TeamRecord = z.infer<typeof TeamRecordSchema>;

export const teamFile = (dir: string) => path.join(dir, TEAM_FILE_NAME);

/** The workspace's record; an empty one when the file does not exist. A broken file is an error naming it. */
export async function readTeamRecord(dir: string): Promise<{ record: TeamRecord; exists: boolean }> {
  const file = teamFile(dir);
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { record: { formatVersion: 1, openedPackages: [], assignments: [], collectedPackages: [], proposalDecisions: {} }, exists: false };
    throw new WorkbenchError('io', `cannot read ${file}: ${(err as Error).message}`, file);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new WorkbenchError('corrupt_file', `${file} is not valid JSON (${(err as Error).message}); it was left untouched`, file);
  }
  const parsed = TeamRecordSchema.safeParse(raw);
  if (!parsed.success)
    throw new WorkbenchError('corrupt_file', `${file} is not a valid team record (${describeZodError(parsed.error)}); it was left untouched`, file);
  return { record: parsed.data, exists: true };
}

export function writeTeamRecord(dir: string, record: TeamRecord): Promise<void> {
  return writeFileDurably(teamFile(dir), `${JSON.stringify(record, null, 2)}\n`);
}

/**
 * The workspace's id, and how to record it: a new one is only recorded by `save`, so a command
 * can make sure everything else will succeed before it writes to the workspace.
 */
export async function workspaceIdOf(dir: string): Promise<{ workspaceId: string; save(assignments?: readonly AssignmentRecord[]): Promise<void> }> {
  const { record } = await readTeamRecord(dir);
  const workspaceId = record.workspaceId ?? newId('w');
  return {
    workspaceId,
    // Read again: the record is small, and what was read above may be stale by now.
    save: async (assignments = []) => {
      if (record.workspaceId && !assignments.length) return;
      const current = (await readTeamRecord(dir)).record;
      await writeTeamRecord(dir, { ...current, workspaceId, assignments: [...current.assignments, ...assignments] });
    },
  };
}
