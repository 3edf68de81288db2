import { fork, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ContenderCommand, ContenderReport } from './testing/lockContender';
import { tempDir } from './testWorkspace';
import { LOCK_FILE_NAME, WorkspaceLock } from './workspaceLock';

/**
 * A real Node process taking the lock on request (testing/lockContender.ts, bundled once by
 * esbuild: plain node starts several times faster than node with tsx compiling on the fly).
 */
class Contender {
  private readonly reports: ContenderReport[] = [];
  private wake: (() => void) | undefined;
  private constructor(readonly child: ChildProcess) {
    child.on('message', (report: ContenderReport) => {
      this.reports.push(report);
      this.wake?.();
    });
  }

  static async start(): Promise<Contender> {
    const contender = new Contender(fork(contenderBundle, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
    expect(await contender.next()).toEqual({ type: 'ready' });
    return contender;
  }

  get pid(): number {
    return this.child.pid!;
  }

  send(command: ContenderCommand) {
    this.child.send(command);
  }

  async next(): Promise<ContenderReport> {
    while (!this.reports.length) await new Promise<void>((r) => (this.wake = r));
    return this.reports.shift()!;
  }

  async kill() {
    this.child.kill('SIGKILL');
    if (this.child.exitCode === null && this.child.signalCode === null) await once(this.child, 'exit');
  }
}

/** The pid of a process that has exited: what a crashed app leaves in its lock. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await once(child, 'exit');
  return child.pid!;
}

const host = os.hostname();
const advice = (file: string, onHost = host) => `if no Annotation Workbench or workbench CLI is running on ${onHost}, delete ${file}.`;

function writeLock(dir: string, content: object | string, ageMs = 0): string {
  const file = path.join(dir, LOCK_FILE_NAME);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  if (ageMs) utimesSync(file, new Date(Date.now() - ageMs), new Date(Date.now() - ageMs));
  return file;
}

const crashedLock = (pid: number) => ({ nonce: `crashed-${pid}`, pid, hostname: host, app: 'crashed workbench', since: '2026-01-01T00:00:00.000Z' });

let tmp: ReturnType<typeof tempDir>;
let bundleDir: ReturnType<typeof tempDir>;
let contenderBundle: string;
let contenders: Contender[] = [];
let dead: number;
beforeAll(async () => {
  dead = await deadPid();
  bundleDir = tempDir('workbench-lock-contender-');
  contenderBundle = path.join(bundleDir.dir, 'lockContender.mjs');
  const entry = fileURLToPath(new URL('./testing/lockContender.ts', import.meta.url));
  await build({ entryPoints: [entry], outfile: contenderBundle, bundle: true, platform: 'node', format: 'esm', logLevel: 'error' });
  contenders = await Promise.all([1, 2, 3, 4].map(() => Contender.start()));
});
afterAll(async () => {
  await Promise.all(contenders.map((c) => c.kill()));
  bundleDir.cleanup();
});
beforeEach(() => {
  tmp = tempDir('workbench-lock-');
});
afterEach(() => tmp.cleanup());

async function releaseAll(all: Contender[]) {
  for (const c of all) c.send({ type: 'release' });
  for (const c of all) expect(await c.next()).toEqual({ type: 'released' });
}

describe("taking over a dead process's lock", () => {
  it('gives it to exactly one of several processes that all judged it stale, round after round', async () => {
    for (let round = 0; round < 12; round++) {
      const dir = mkdtempSync(path.join(tmp.dir, `round-${round}-`));
      const file = writeLock(dir, crashedLock(dead));
      for (const c of contenders) c.send({ type: 'acquire', dir, pauseAt: 'judged-stale' });
      for (const c of contenders) expect(await c.next()).toEqual({ type: 'paused', step: 'judged-stale' });
      // Every contender has judged the same lock stale. Let them go on one after the other (the
      // interleaving that gave two holders: a later one removed the lock an earlier one had just
      // made), or all at once; the first to go changes from round to round.
      const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]);
      const results: ContenderReport[] = [];
      if (round % 2 === 0) {
        for (const c of order) {
          c.send({ type: 'go' });
          results.push(await c.next());
        }
      } else {
        for (const c of order) c.send({ type: 'go' });
        results.push(...(await Promise.all(order.map((c) => c.next()))));
      }
      const winners = order.filter((_, i) => results[i].type === 'result' && results[i].acquired);
      expect(winners.map((c) => c.pid), `round ${round}`).toHaveLength(1);
      for (const r of results.filter((r) => r.type === 'result' && !r.acquired)) expect(r).toMatchObject({ code: 'locked' });
      expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(winners[0].pid);
      await releaseAll(contenders);
      // Released, and no guard or temp file left behind.
      expect(readdirSync(dir)).toEqual([]);
    }
  });

  it('makes a second process wait while another is taking the stale lock over', async () => {
    const [taker] = contenders;
    const file = writeLock(tmp.dir, crashedLock(dead));
    taker.send({ type: 'acquire', dir: tmp.dir, pauseAt: 'guard-taken' });
    expect(await taker.next()).toEqual({ type: 'paused', step: 'guard-taken' });
    const err = await WorkspaceLock.acquire(tmp.dir, { app: 'workbench CLI' }).catch((e) => e);
    expect(err).toMatchObject({ code: 'locked', file });
    expect(err.message).toContain(`is being taken over by contender ${taker.pid} (process ${taker.pid} on ${host}`);
    expect(err.message).toContain(advice(file));
    taker.send({ type: 'go' });
    expect(await taker.next()).toEqual({ type: 'result', acquired: true });
    await releaseAll([taker]);
  });

  it('says which file to delete when a process was killed in the middle of a takeover', async () => {
    const victim = await Contender.start();
    const file = writeLock(tmp.dir, crashedLock(dead));
    victim.send({ type: 'acquire', dir: tmp.dir, pauseAt: 'guard-taken' });
    expect(await victim.next()).toEqual({ type: 'paused', step: 'guard-taken' });
    await victim.kill();
    const guard = path.join(tmp.dir, readdirSync(tmp.dir).find((n) => n.startsWith(`${LOCK_FILE_NAME}.takeover-`))!);
    const err = await WorkspaceLock.acquire(tmp.dir, { app: 'workbench CLI' }).catch((e) => e);
    expect(err).toMatchObject({ code: 'locked', file });
    expect(err.message).toContain(`taking its lock over was interrupted (${guard} was left by process ${victim.pid}, which no longer runs)`);
    expect(err.message).toContain(`If no Annotation Workbench or workbench CLI is running on ${host}, delete ${file}.`);
    // Doing as told unblocks the workspace, and the guard left behind is cleaned up.
    unlinkSync(file);
    const lock = await WorkspaceLock.acquire(tmp.dir, { app: 'workbench CLI' });
    expect(readdirSync(tmp.dir)).toEqual([LOCK_FILE_NAME]);
    await lock.release();
  });
});

describe('a lock that names no running holder', () => {
  it.each([
    ['empty', ''],
    ['garbage', '\0\0\0 {"pid": 12'],
    ['a pid that addresses a process group', JSON.stringify({ pid: 0, hostname: host, app: 'x', since: '' })],
  ])('is taken over when it is %s and older than a few seconds', async (_, content) => {
    const file = writeLock(tmp.dir, content, 60_000);
    const lock = await WorkspaceLock.acquire(tmp.dir, { app: 'workbench CLI' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ pid: process.pid, app: 'workbench CLI', hostname: host });
    await lock.release();
    expect(existsSync(file)).toBe(false);
  });

  it('is respected while it is empty and fresh (maybe being written), naming the file', async () => {
    const file = writeLock(tmp.dir, '');
    const err = await WorkspaceLock.acquire(tmp.dir, { app: 'workbench CLI' }).catch((e) => e);
    expect(err).toMatchObject({ code: 'locked', file });
    expect(err.message).toContain(`${file} is empty or unreadable`);
    expect(err.message).toContain(advice(file));
    expect(readFileSync(file, 'utf8')).toBe('');
  });

  describe.runIf(process.platform === 'linux')('on Linux, where process start times can be read', () => {
    let sleeper: ChildProcess;
    beforeEach(async () => {
      sleeper = spawn('sleep', ['60']);
      await once(sleeper, 'spawn');
    });
    afterEach(() => void sleeper.kill('SIGKILL'));
    const bootId = () => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();

    it.each([
      ['started at another time', () => ({ ...crashedLock(sleeper.pid!), bootId: bootId(), startTicks: 1 }), 0],
      ['in an earlier boot', () => ({ ...crashedLock(sleeper.pid!), bootId: 'an-earlier-boot', startTicks: 1 }), 0],
      ['after an old version wrote the lock (no start time recorded)', () => ({ pid: sleeper.pid!, hostname: host, app: 'x', since: '' }), 3_600_000],
    ])('is taken over when it names a live pid of a process %s', async (_, record, ageMs) => {
      const file = writeLock(tmp.dir, record(), ageMs);
      const lock = await WorkspaceLock.acquire(tmp.dir, { app: 'workbench CLI' });
      expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ pid: process.pid });
      await lock.release();
    });
  });
});

describe('a lock held by a running process', () => {
  it('is respected, and the refusal names the holder, the file, and when deleting it is safe', async () => {
    const [holder] = contenders;
    holder.send({ type: 'acquire', dir: tmp.dir });
    expect(await holder.next()).toEqual({ type: 'result', acquired: true });
    const file = path.join(tmp.dir, LOCK_FILE_NAME);
    const err = await WorkspaceLock.acquire(tmp.dir, { app: 'workbench CLI' }).catch((e) => e);
    expect(err).toMatchObject({ code: 'locked', file });
    expect(err.message).toContain(`The workspace ${tmp.dir} is in use by contender ${holder.pid} (process ${holder.pid} on ${host}, since `);
    expect(err.message).toContain(advice(file));
    await releaseAll([holder]);
    const lock = await WorkspaceLock.acquire(tmp.dir, { app: 'workbench CLI' });
    await lock.release();
  });

  it('on another host is never taken over, since it cannot be checked', async () => {
    const file = writeLock(tmp.dir, { ...crashedLock(dead), hostname: 'elsewhere.invalid' }, 3_600_000);
    const before = readFileSync(file, 'utf8');
    const err = await WorkspaceLock.acquire(tmp.dir, { app: 'workbench CLI' }).catch((e) => e);
    expect(err).toMatchObject({ code: 'locked', file });
    expect(err.message).toContain(`in use by crashed workbench (process ${dead} on elsewhere.invalid`);
    expect(err.message).toContain(advice(file, 'elsewhere.invalid'));
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});

describe('release', () => {
  it('removes only our own lock, not one that replaced it', async () => {
    const lock = await WorkspaceLock.acquire(tmp.dir, { app: 'workbench CLI' });
    // Our lock was deleted by hand and another instance of this same process took the workspace.
    const file = writeLock(tmp.dir, { ...crashedLock(process.pid), nonce: 'someone-else' });
    await lock.release();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ nonce: 'someone-else' });
  });
});
