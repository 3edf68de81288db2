/**
 * How the CLI opens a workspace: through openWorkspace like every host, so it honours the
 * workspace lock (never waiting: if the app has the workspace open the command fails with
 * exit 3), never seeds sample articles, and creates a workspace only for `import`. Read-only
 * commands take the lock too, so they read a consistent state.
 */
import { existsSync, promises as fsp } from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../../shared/api/errors';
import { openWorkspace, type WorkspaceSession } from '../service/workspace';
import { ARTICLES_DIR_NAME, MANIFEST_FILE_NAME } from '../service/storedRecords';
import type { CliContext } from './cliCommand';

export const CLI_APP_NAME = 'workbench CLI';

function open(dir: string, ctx: CliContext): Promise<WorkspaceSession> {
  return openWorkspace({ dir, dataDir: ctx.dataDir, seed: false, lockWaitMs: 0, appName: CLI_APP_NAME });
}

/** Open an existing workspace; a folder without a workspace is an error, not created. */
export async function openExistingWorkspace(dir: string, ctx: CliContext): Promise<WorkspaceSession> {
  if (!existsSync(path.join(dir, MANIFEST_FILE_NAME)))
    throw new WorkbenchError('invalid_input', `${dir} is not a workspace (it has no ${MANIFEST_FILE_NAME})`, dir);
  return open(dir, ctx);
}

/**
 * Open a workspace, creating it (empty, default schema) when `dir` has none. `discardIfNew`
 * undoes the creation, for a command that failed: a failed import leaves no trace. Call it
 * after closing the session.
 */
export async function openOrCreateWorkspace(
  dir: string,
  ctx: CliContext,
): Promise<{ session: WorkspaceSession; created: boolean; discardIfNew(): Promise<void> }> {
  const dirExisted = existsSync(dir);
  const manifestExisted = existsSync(path.join(dir, MANIFEST_FILE_NAME));
  const articlesDirExisted = existsSync(path.join(dir, ARTICLES_DIR_NAME));
  let session: WorkspaceSession;
  try {
    session = await open(dir, ctx);
  } catch (err) {
    // Opening failed: remove a folder we created just now (unless someone else holds it).
    const locked = err instanceof WorkbenchError && err.code === 'locked';
    if (!dirExisted && !locked) await fsp.rm(dir, { recursive: true, force: true }).catch(() => undefined);
    throw err;
  }
  return {
    session,
    created: !manifestExisted,
    async discardIfNew() {
      if (manifestExisted) return;
      if (!dirExisted) {
        await fsp.rm(dir, { recursive: true, force: true });
        return;
      }
      await fsp.unlink(path.join(dir, MANIFEST_FILE_NAME)).catch(() => undefined);
      if (!articlesDirExisted) await fsp.rmdir(path.join(dir, ARTICLES_DIR_NAME)).catch(() => undefined);
    },
  };
}
