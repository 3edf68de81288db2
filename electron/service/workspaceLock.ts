/**
 * A lock file that keeps two processes (two app instances, the app and the CLI) from writing
 * one workspace at once: lowdb has no locking, so without this their writes would silently
 * overwrite each other. The lock is a file created exclusively (O_EXCL) holding the owner's
 * pid and host; a lock left by a process that no longer runs on this host is taken over.
 */
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WorkbenchError } from '../../shared/api/errors';

export const LOCK_FILE_NAME = 'workspace.lock';

interface LockOwner {
  pid: number;
  hostname: string;
  app: string;
  since: string;
}

export interface AcquireLockOptions {
  /** Who is asking, shown to the other process ("Annotation Workbench", "workbench CLI"). */
  app: string;
  /** How long to wait for the lock before giving up. 0 = fail at once. */
  waitMs?: number;
}

export class WorkspaceLock {
  private released = false;
  private constructor(readonly file: string) {}

  static async acquire(dir: string, options: AcquireLockOptions): Promise<WorkspaceLock> {
    const file = path.join(dir, LOCK_FILE_NAME);
    const deadline = Date.now() + (options.waitMs ?? 0);
    const me: LockOwner = { pid: process.pid, hostname: os.hostname(), app: options.app, since: new Date().toISOString() };
    for (;;) {
      try {
        const handle = await fsp.open(file, 'wx');
        await handle.writeFile(JSON.stringify(me));
        await handle.sync();
        await handle.close();
        return new WorkspaceLock(file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const owner = await readOwner(file);
      if (owner && isStale(owner)) {
        await fsp.unlink(file).catch(() => undefined);
        continue;
      }
      if (Date.now() >= deadline) {
        const who = owner
          ? `${owner.app} (process ${owner.pid} on ${owner.hostname}, since ${owner.since})`
          : 'another process';
        throw new WorkbenchError(
          'locked',
          `The workspace ${dir} is in use by ${who}. Close it and try again.`,
          file,
        );
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    const owner = await readOwner(this.file);
    if (owner && owner.pid === process.pid && owner.hostname === os.hostname()) {
      await fsp.unlink(this.file).catch(() => undefined);
    }
  }
}

async function readOwner(file: string): Promise<LockOwner | null> {
  try {
    const parsed = JSON.parse(await fsp.readFile(file, 'utf8')) as LockOwner;
    return typeof parsed.pid === 'number' ? parsed : null;
  } catch {
    // Being written right now, or garbage: treat as held (we never delete what we cannot read).
    return null;
  }
}

function isStale(owner: LockOwner): boolean {
  if (owner.hostname !== os.hostname()) return false; // cannot check another machine's processes
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
