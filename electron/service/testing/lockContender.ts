/**
 * Test fixture: a separate Node process that takes a workspace lock when its parent asks, over
 * the IPC channel of child_process.fork (run with `--import tsx`). Real processes, so the lock
 * is raced the way two CLI imports race it. The parent may pause it at a takeover step and let
 * it go on (or kill it there), and tells it when to release what it holds.
 *
 * Parent → child: { type: 'acquire', dir, pauseAt? } | { type: 'go' } | { type: 'release' }
 * Child → parent: { type: 'ready' } | { type: 'paused', step } | { type: 'result', acquired, code?, message? }
 *                 | { type: 'released' }
 */
import { WorkspaceLock, type TakeoverStep } from '../workspaceLock';

export type ContenderCommand = { type: 'acquire'; dir: string; pauseAt?: TakeoverStep } | { type: 'go' } | { type: 'release' };
export type ContenderReport =
  | { type: 'ready' }
  | { type: 'paused'; step: TakeoverStep }
  | { type: 'result'; acquired: boolean; code?: string; message?: string }
  | { type: 'released' };

const send = (report: ContenderReport) => process.send!(report);
const held: WorkspaceLock[] = [];
let resume: (() => void) | undefined;

process.on('message', (command: ContenderCommand) => {
  if (command.type === 'go') resume?.();
  else if (command.type === 'release') void releaseAll();
  else void acquire(command.dir, command.pauseAt);
});
send({ type: 'ready' });

async function acquire(dir: string, pauseAt: TakeoverStep | undefined) {
  let paused = false;
  const onTakeoverStep = async (step: TakeoverStep) => {
    // Only the first time: a retry after the pause runs free, as it would in the wild.
    if (step !== pauseAt || paused) return;
    paused = true;
    const gone = new Promise<void>((r) => (resume = r));
    send({ type: 'paused', step });
    await gone;
  };
  try {
    held.push(await WorkspaceLock.acquire(dir, { app: `contender ${process.pid}`, waitMs: 0, onTakeoverStep }));
    send({ type: 'result', acquired: true });
  } catch (err) {
    const e = err as { code?: string; message?: string };
    send({ type: 'result', acquired: false, code: e.code, message: e.message });
  }
}

async function releaseAll() {
  for (const lock of held.splice(0)) await lock.release();
  send({ type: 'released' });
}
