/**
 * `<workspace>/team.json`: what a workspace knows about team packages, beside the manifest.
 *  - `workspaceId`: a random id made the first time the workspace assigns. Packages name it as
 *    their `sourceWorkspaceId`, so an annotator's workspace can tell one lead's packages from
 *    another's, and the lead can later match work packages to what it assigned. The manifest's
 *    schema (storedRecords.ts) drops fields it does not know, and an older app would drop a new
 *    one on its next write, so the id lives in this file, which the store never touches.
 *  - `openedPackages`: every package opened here and its articles (which package each article
 *    came from), so opening one again changes nothing and another lead's articles are refused.
 * Written whole and atomically (writeFileDurably) by the process holding the workspace lock.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { describeZodError } from '../../shared/domain/zodErrors';
import { WorkbenchError } from '../../shared/api/errors';
import { IdSchema, IsoTimestampSchema, newId } from '../../shared/domain/model';
import { AnnotatorNameSchema, PackageKindSchema } from '../../shared/teams/package';
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
});
export type OpenedPackage = z.infer<typeof OpenedPackageSchema>;

export const TeamRecordSchema = z.object({
  formatVersion: z.literal(1),
  workspaceId: IdSchema.optional(),
  openedPackages: z.array(OpenedPackageSchema).default([]),
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
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { record: { formatVersion: 1, openedPackages: [] }, exists: false };
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
export async function workspaceIdOf(dir: string): Promise<{ workspaceId: string; save(): Promise<void> }> {
  const { record } = await readTeamRecord(dir);
  if (record.workspaceId) return { workspaceId: record.workspaceId, save: async () => undefined };
  const workspaceId = newId('w');
  return {
    workspaceId,
    // Read again: the record is small, and what was read above may be stale by now.
    save: async () => writeTeamRecord(dir, { ...(await readTeamRecord(dir)).record, workspaceId }),
  };
}
