/**
 * How the CLI opens a workspace: through openWorkspace like every host, so it honours the
 * workspace lock (never waiting: if the app has the workspace open the command fails with
 * exit 3), never seeds sample articles, and creates a workspace only for `import`. Read-only
 * commands take the lock too, so they read a consistent state. What opening repaired (a
 * rebuilt index, leftovers removed) is printed to stderr as `notice: …` lines.
 *
 * A command calls the API through the session's `dispatch` (cliApi.ts), so its input is checked
 * by the contract's schemas as the app's is. The service modules the CLI calls directly instead
 * are listed, each with its reason, in scripts/boundaries.test.ts (CLI_SERVICE_IMPORTS); this file
 * needs openWorkspace, and the folder layout to tell a workspace from a folder that is none before
 * opening (and so locking or creating) it.
 */
import { existsSync, promises as fsp } from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../../shared/api/errors';
import { openWorkspace, type OpenWorkspaceOptions, type WorkspaceSession } from '../service/workspace';
import { listArticlesFolder } from '../service/workspaceRecovery';
import { ARTICLES_DIR_NAME, MANIFEST_FILE_NAME } from '../service/storedRecords';
import type { CliContext } from './cliCommand';

export const CLI_APP_NAME = 'workbench CLI';

async function open(dir: string, ctx: CliContext, how: Pick<OpenWorkspaceOptions, 'create' | 'markCreation'>): Promise<WorkspaceSession> {
  const session = await openWorkspace({ dir, dataDir: ctx.dataDir, seed: false, lockWaitMs: 0, appName: CLI_APP_NAME, ...how });
  for (const notice of session.notices) ctx.stderr(`notice: ${notice}\n`);
  return session;
}

/**
 * Open an existing workspace; a folder without one is an error, not created. A folder with
 * article files but no manifest is a workspace whose index was lost: it is rebuilt.
 */
export async function openExistingWorkspace(dir: string, ctx: CliContext): Promise<WorkspaceSession> {
  const hasArticles = (await listArticlesFolder(path.join(dir, ARTICLES_DIR_NAME))).articleIds.length > 0;
  if (!existsSync(path.join(dir, MANIFEST_FILE_NAME)) && !hasArticles)
    throw new WorkbenchError('invalid_input', `${dir} is not a workspace (it has no ${MANIFEST_FILE_NAME})`, dir);
  return open(dir, ctx, { create: false });
}

/**
 * Open a workspace, creating it (empty, default schema) when `dir` has none. A workspace created
 * here stays marked unfinished until the import commits articles to it, so that if the process
 * is killed first the next open removes it. `discardIfNew` undoes the creation, for a command
 * that failed: a failed import leaves no trace. Call it after closing the session.
 */
export async function openOrCreateWorkspace(
  dir: string,
  ctx: CliContext,
): Promise<{ session: WorkspaceSession; created: boolean; discardIfNew(): Promise<void> }> {
  const dirExisted = existsSync(dir);
  let session: WorkspaceSession;
  try {
    session = await open(dir, ctx, { markCreation: true });
  } catch (err) {
    // Opening failed: remove a folder we created just now (unless someone else holds it).
    const locked = err instanceof WorkbenchError && err.code === 'locked';
    if (!dirExisted && !locked) await fsp.rm(dir, { recursive: true, force: true }).catch(() => undefined);
    throw err;
  }
  const { created } = session.store;
  return {
    session,
    created,
    async discardIfNew() {
      if (!created) return;
      if (!dirExisted) {
        await fsp.rm(dir, { recursive: true, force: true });
        return;
      }
      await fsp.unlink(path.join(dir, MANIFEST_FILE_NAME)).catch(() => undefined);
      // Empty after a failed import (its files were rolled back); rmdir refuses anything else.
      await fsp.rmdir(path.join(dir, ARTICLES_DIR_NAME)).catch(() => undefined);
    },
  };
}
