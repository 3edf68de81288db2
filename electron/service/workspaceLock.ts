/**
 * A lock file that keeps two processes (two app instances, the app and the CLI) from writing one
 * workspace at once: lowdb has no locking, so without it their writes would silently overwrite
 * each other.
 *
 * Holding. `workspace.lock` is only ever created by fs.link from a complete, fsynced temp file.
 * link fails with EEXIST while the name exists, so at most one creator wins and the lock appears
 * with its content: it is never seen empty. It records a unique nonce, the holder's pid, host,
 * app, when it was taken, and its process identity (processIdentity.ts: on Linux the boot id and
 * start time, so a reused pid is told apart). release() removes the file only if it still
 * carries our nonce.
 *
 * Taking over. A lock whose holder no longer runs on this host is stale, and so is an empty or
 * unparsable lock older than UNREADABLE_GRACE_MS (this code never writes one, so it is an older
 * version's crash leftover). A lock from another host cannot be checked and is never taken over.
 * "Judge stale, then unlink" alone is a race: two processes judge the same dead lock stale, the
 * first unlinks it and links its own, the second then unlinks the FIRST one's lock and links
 * another, and two processes write the workspace (issue 9, item 3). So removing a stale lock is
 * serialised by a guard file `workspace.lock.takeover-<key>`, also created by link, where <key>
 * names the exact file judged stale (a hash of its content, which holds its nonce, and of its
 * inode and mtime). The guard's holder re-reads the lock, unlinks it only if it is still that
 * same file, then tries to link its own lock like anyone else, and removes the guard. A
 * contender that finds the guard taken waits and retries (or fails at its deadline).
 *
 * Why this never gives two holders. A lock file leaves its name only (a) by its live holder's
 * release, or (b) by an unlink from a holder of its guard right after re-reading that the name
 * still holds that very file. (b) only removes a file whose holder was judged dead, and a dead
 * process stays dead, so a live holder's lock is removed by nobody but itself. Nor can the file
 * be replaced between the re-read and the unlink: it would first have to be removed, by its dead
 * holder (impossible) or by another holder of the same guard, and link makes the guard
 * exclusive. Leftover temp files and guards are removed only by the lock's holder: by then the
 * lock a guard was about is gone for good, so a guard holder re-reading can only see "changed".
 * (An older version of this code running at the same time still unlinks without a guard; that
 * race is not closed by this one.)
 *
 * A process killed while holding a guard, before it unlinked the stale lock, leaves that lock
 * blocked: the guard cannot be removed safely by a process that does not hold the lock. The
 * 'locked' message says so. Every 'locked' message names the lock file and says when deleting it
 * is safe.
 */
import { createHash, randomUUID } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WorkbenchError } from '../../shared/api/errors';
import { currentProcessIdentity, isRecordedProcessRunning, type ProcessIdentity } from './processIdentity';

export const LOCK_FILE_NAME = 'workspace.lock';
const GUARD_PREFIX = `${LOCK_FILE_NAME}.takeover-`;
const TEMP_SUFFIX = '.tmp';
/** An unreadable lock younger than this may be an older version's lock being written (it wrote after creating). */
const UNREADABLE_GRACE_MS = 5000;
const RETRY_DELAY_MS = 100;

export type TakeoverStep = 'judged-stale' | 'guard-taken';

export interface AcquireLockOptions {
  /** Who is asking, shown to the other process ("Annotation Workbench", "workbench CLI"). */
  app: string;
  /** How long to wait for the lock before giving up. 0 = fail at once. */
  waitMs?: number;
  /**
   * Test hook, awaited at each step of taking over a stale lock: after judging it stale, and after
   * taking the guard (before removing the stale lock). Tests hold real processes here to replay
   * the takeover race, or kill one at the dangerous moment.
   */
  onTakeoverStep?: (step: TakeoverStep) => Promise<void>;
}

interface LockRecord extends ProcessIdentity {
  nonce: string;
  hostname: string;
  app: string;
  since: string;
}

/** A record as read back: locks written by older versions have no nonce and no process identity. */
type ReadRecord = Pick<LockRecord, 'pid' | 'hostname'> & Partial<LockRecord>;

/** A lock (or guard) file as read at one moment. `key` changes whenever the file is replaced. */
interface LockSnapshot {
  file: string;
  record: ReadRecord | null;
  key: string;
  mtimeMs: number;
}

type Verdict = { stale: true } | { stale: false; holder: string; host: string };
type TakeoverOutcome = 'acquired' | 'changed' | { refusal: string };

export class WorkspaceLock {
  private released = false;
  private constructor(
    readonly file: string,
    private readonly nonce: string,
  ) {}

  static async acquire(dir: string, options: AcquireLockOptions): Promise<WorkspaceLock> {
    const file = path.join(dir, LOCK_FILE_NAME);
    const deadline = Date.now() + (options.waitMs ?? 0);
    const me: LockRecord = {
      nonce: randomUUID(),
      ...currentProcessIdentity(),
      hostname: os.hostname(),
      app: options.app,
      since: new Date().toISOString(),
    };
    const held = async () => {
      await removeLeftovers(dir);
      return new WorkspaceLock(file, me.nonce);
    };
    for (;;) {
      if (await createWithContent(file, me)) return held();
      const seen = await readSnapshot(file);
      if (!seen) continue; // released since
      const verdict = judge(seen);
      let refusal: string;
      if (verdict.stale) {
        await options.onTakeoverStep?.('judged-stale');
        const outcome = await takeOver(dir, seen, me, options);
        if (outcome === 'acquired') return held();
        if (outcome === 'changed') continue;
        refusal = outcome.refusal;
      } else {
        refusal = `The workspace ${dir} is in use by ${verdict.holder}. Close it and try again; ${deletionAdvice(verdict.host, file)}`;
      }
      if (Date.now() >= deadline) throw new WorkbenchError('locked', refusal, file);
      await new Promise((r) => setTimeout(r, RETRY_DELAY_MS));
    }
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    await removeIfOurs(this.file, this.nonce);
  }
}

async function takeOver(dir: string, stale: LockSnapshot, me: LockRecord, options: AcquireLockOptions): Promise<TakeoverOutcome> {
  const guard = path.join(dir, GUARD_PREFIX + stale.key);
  if (!(await createWithContent(guard, me))) return takenGuardOutcome(dir, stale, guard);
  try {
    await options.onTakeoverStep?.('guard-taken');
    const now = await readSnapshot(stale.file);
    if (now && now.key !== stale.key) return 'changed';
    if (now) await unlinkIfPresent(stale.file);
    return (await createWithContent(stale.file, me)) ? 'acquired' : 'changed';
  } finally {
    await removeIfOurs(guard, me.nonce);
  }
}

/** Someone else holds the guard for this stale lock: wait for them, unless they died holding it. */
async function takenGuardOutcome(dir: string, stale: LockSnapshot, guard: string): Promise<TakeoverOutcome> {
  const taker = await readSnapshot(guard);
  const now = await readSnapshot(stale.file);
  if (!taker || now?.key !== stale.key) return 'changed';
  const verdict = judge(taker);
  const advice = deletionAdvice(os.hostname(), stale.file);
  if (!verdict.stale) {
    return { refusal: `The workspace ${dir} is being taken over by ${verdict.holder} from a process that no longer runs. Try again in a moment; ${advice}` };
  }
  const takerPid = taker.record ? `process ${taker.record.pid}` : 'a process';
  return {
    refusal: `The workspace ${dir} is locked by a process that no longer runs, and taking its lock over was interrupted (${guard} was left by ${takerPid}, which no longer runs). ${capitalise(advice)}`,
  };
}

function judge(seen: LockSnapshot): Verdict {
  const here = os.hostname();
  const r = seen.record;
  if (!r) {
    if (Date.now() - seen.mtimeMs >= UNREADABLE_GRACE_MS) return { stale: true };
    return { stale: false, holder: `an unknown process (${seen.file} is empty or unreadable; it may be being written)`, host: here };
  }
  const holder = `${r.app ?? 'a process'} (process ${r.pid} on ${r.hostname}, since ${r.since || 'an unknown time'})`;
  if (r.hostname !== here) return { stale: false, holder, host: r.hostname };
  return isRecordedProcessRunning(r, seen.mtimeMs) ? { stale: false, holder, host: here } : { stale: true };
}

function deletionAdvice(host: string, file: string): string {
  return `if no Annotation Workbench or workbench CLI is running on ${host}, delete ${file}.`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Creates `target` holding `record`, all at once; false if it exists. */
async function createWithContent(target: string, record: LockRecord): Promise<boolean> {
  const temp = `${target}.${record.nonce}${TEMP_SUFFIX}`;
  for (let attempt = 1; ; attempt++) {
    await writeSynced(temp, JSON.stringify(record), 'w');
    try {
      await fsp.link(temp, target);
      return true;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      if (code === 'ENOENT' && attempt < 3) continue; // our temp was removed as a leftover by the lock's holder
      // No hard links on this file system (FAT, some network shares): the old exclusive create,
      // which leaves the file empty for a moment (readers treat that as held, UNREADABLE_GRACE_MS).
      return await writeSynced(target, JSON.stringify(record), 'wx').then(
        () => true,
        (e: NodeJS.ErrnoException) => (e.code === 'EEXIST' ? false : Promise.reject(e)),
      );
    } finally {
      await unlinkIfPresent(temp);
    }
  }
}

async function writeSynced(file: string, content: string, flag: 'w' | 'wx'): Promise<void> {
  const handle = await fsp.open(file, flag);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function readSnapshot(file: string): Promise<LockSnapshot | null> {
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    const stat = await handle.stat({ bigint: true });
    const raw = await handle.readFile('utf8');
    const key = createHash('sha256').update(`${stat.dev}:${stat.ino}:${stat.mtimeNs}:${raw}`).digest('hex').slice(0, 16);
    return { file, record: parseRecord(raw), key, mtimeMs: Number(stat.mtimeMs) };
  } finally {
    await handle.close();
  }
}

function parseRecord(raw: string): ReadRecord | null {
  try {
    const r = JSON.parse(raw) as ReadRecord | null;
    // pid 0 or below would make process.kill address a process group.
    return r && Number.isSafeInteger(r.pid) && r.pid > 0 && typeof r.hostname === 'string' ? r : null;
  } catch {
    return null;
  }
}

async function removeIfOurs(file: string, nonce: string): Promise<void> {
  if ((await readSnapshot(file))?.record?.nonce === nonce) await unlinkIfPresent(file);
}

/** Temp files and guards of processes killed mid-acquire; safe to remove while we hold the lock (see the header). */
async function removeLeftovers(dir: string): Promise<void> {
  const names = await fsp.readdir(dir);
  const leftovers = names.filter((n) => n.startsWith(`${LOCK_FILE_NAME}.`) && (n.endsWith(TEMP_SUFFIX) || n.startsWith(GUARD_PREFIX)));
  await Promise.all(leftovers.map((n) => unlinkIfPresent(path.join(dir, n))));
}

async function unlinkIfPresent(file: string): Promise<void> {
  await fsp.unlink(file).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
}
