import { describe, expect, it } from 'vitest';
import { createFrameScheduler, type FrameClock, type InputTarget } from './frameScheduler';

/** Frames and post-paint tasks that run only when the test says so. */
function fakeClock() {
  const frames = new Map<number, () => void>();
  const tasks = new Map<number, () => void>();
  const timers = new Map<number, () => void>();
  let next = 1;
  const clock: FrameClock = {
    requestFrame: (cb) => (frames.set(next, cb), next++),
    cancelFrame: (h) => void frames.delete(h),
    queueTask: (cb) => (tasks.set(next, cb), next++),
    cancelTask: (h) => void tasks.delete(h),
    timer: (cb) => (timers.set(next, cb), next++),
    cancelTimer: (h) => void timers.delete(h),
  };
  const drain = (queue: Map<number, () => void>) => {
    const due = [...queue.values()];
    queue.clear();
    due.forEach((cb) => cb());
  };
  return { clock, frame: () => drain(frames), paint: () => drain(tasks), expire: () => drain(timers), pendingTimers: () => timers.size, pendingFrames: () => frames.size };
}

function fakeTarget() {
  const listeners = new Map<string, ((e: Event) => void)[]>();
  const target: InputTarget = {
    addEventListener: (type, l) => listeners.set(type, [...(listeners.get(type) ?? []), l]),
    removeEventListener: (type, l) => listeners.set(type, (listeners.get(type) ?? []).filter((x) => x !== l)),
  };
  const press = (type: 'keydown' | 'pointerdown') => (listeners.get(type) ?? []).forEach((l) => l({ type } as Event));
  return { target, press, count: () => [...listeners.values()].flat().length };
}

function setup() {
  const c = fakeClock();
  const t = fakeTarget();
  const log: string[] = [];
  const scheduler = createFrameScheduler({
    clock: c.clock,
    target: t.target,
    batch: (run) => {
      log.push('batch{');
      run();
      log.push('}');
    },
  });
  return { ...c, ...t, log, scheduler, task: (name: string) => () => void log.push(name) };
}

describe('frame scheduler', () => {
  it('runs frame tasks in the frame and after-paint tasks after it, together in one batch', () => {
    const { scheduler, task, log, frame, paint } = setup();
    scheduler.afterPaint(task('panel'));
    scheduler.nextFrame(task('write'));
    scheduler.afterPaint(task('count'));
    expect(log).toEqual([]);
    frame();
    expect(log).toEqual(['write']);
    paint();
    expect(log).toEqual(['write', 'batch{', 'panel', 'count', '}']);
  });

  it('an after-paint task asked for after the frame waits for the next frame to be painted', () => {
    const { scheduler, task, log, frame, paint } = setup();
    scheduler.afterPaint(task('first'));
    frame();
    scheduler.afterPaint(task('second'));
    paint();
    expect(log).toEqual(['batch{', 'first', '}']);
    frame();
    paint();
    expect(log).toEqual(['batch{', 'first', '}', 'batch{', 'second', '}']);
  });

  it('a key press settles everything first: frame tasks in order, then after-paint tasks in one batch', () => {
    const { scheduler, task, log, press, frame, paint } = setup();
    scheduler.afterPaint(task('panel (painted)'));
    frame();
    scheduler.afterPaint(task('count'));
    scheduler.nextFrame(task('read'));
    scheduler.nextFrame(task('write'));
    press('keydown');
    expect(log).toEqual(['read', 'write', 'batch{', 'panel (painted)', 'count', '}']);
    frame();
    paint();
    expect(log).toHaveLength(6);
  });

  it('standing watchers run first at every press, in order, and the frame tasks they queue are settled by the same press', () => {
    const { scheduler, task, log, press, frame } = setup();
    scheduler.nextFrame(task('write'));
    const stopFirst = scheduler.beforeInput((kind) => {
      log.push(`catch up:${kind}`);
      scheduler.nextFrame(task('read'));
    });
    scheduler.beforeInput((kind) => log.push(`second:${kind}`));
    press('keydown');
    expect(log).toEqual(['catch up:key', 'second:key', 'write', 'read']);
    stopFirst();
    press('pointerdown');
    expect(log).toEqual(['catch up:key', 'second:key', 'write', 'read', 'second:pointer']);
    frame();
    expect(log).toHaveLength(5);
  });

  it('each task says whether a key or pointer press runs it early or leaves it to wait, and is told why it runs', () => {
    const { scheduler, log, press, frame, paint } = setup();
    const task = (name: string) => (cause: string) => void log.push(`${name}:${cause}`);
    scheduler.nextFrame(task('write'));
    scheduler.nextFrame(task('read'), { pointer: 'wait' });
    scheduler.afterPaint(task('panel'), { key: 'wait' });
    press('pointerdown');
    expect(log).toEqual(['write:pointer', 'batch{', 'panel:pointer', '}']);
    scheduler.afterPaint(task('count'), { key: 'wait' });
    press('keydown');
    expect(log).toEqual(['write:pointer', 'batch{', 'panel:pointer', '}', 'read:key']);
    frame();
    paint();
    expect(log).toEqual(['write:pointer', 'batch{', 'panel:pointer', '}', 'read:key', 'batch{', 'count:paint', '}']);
  });

  it('a cancelled task never runs, by frame, paint or input', () => {
    const { scheduler, task, log, press, frame, paint } = setup();
    scheduler.nextFrame(task('frame'))();
    scheduler.afterPaint(task('paint'))();
    press('keydown');
    frame();
    paint();
    expect(log).toEqual([]);
  });

  it('a task that throws does not stop the others queued with it, and its error still surfaces', async () => {
    const { scheduler, task, log, frame, paint } = setup();
    const surfaced: unknown[] = [];
    const onError = (err: unknown) => surfaced.push(err);
    process.on('uncaughtException', onError);
    try {
      scheduler.nextFrame(() => {
        throw new Error('boom');
      });
      scheduler.nextFrame(task('after'));
      scheduler.afterPaint(task('panel'));
      frame();
      paint();
      expect(log).toEqual(['after', 'batch{', 'panel', '}']);
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(surfaced).toEqual([new Error('boom')]);
    } finally {
      process.off('uncaughtException', onError);
    }
  });

  it('work a frame task asks for goes to the next frame; one frame request serves many tasks', () => {
    const { scheduler, log, frame, pendingFrames } = setup();
    scheduler.nextFrame(() => {
      log.push('a');
      scheduler.nextFrame(() => log.push('again'));
    });
    scheduler.nextFrame(() => log.push('b'));
    expect(pendingFrames()).toBe(1);
    frame();
    expect(log).toEqual(['a', 'b']);
    frame();
    expect(log).toEqual(['a', 'b', 'again']);
  });

  it('runs a task with atLatestMs when no frame comes in time (a hidden window), once, and drops its timer when the frame comes first', () => {
    const { scheduler, expire, frame, paint, pendingTimers } = setup();
    const causes: string[] = [];
    scheduler.afterPaint((cause) => causes.push(`save:${cause}`), { atLatestMs: 100 });
    expect(pendingTimers()).toBe(1);
    expire();
    expect(causes).toEqual(['save:late']);
    frame();
    paint();
    expect(causes).toEqual(['save:late']);

    scheduler.afterPaint((cause) => causes.push(`next:${cause}`), { atLatestMs: 100 });
    frame();
    paint();
    expect(causes).toEqual(['save:late', 'next:paint']);
    expect(pendingTimers()).toBe(0);

    const cancel = scheduler.afterPaint((cause) => causes.push(`cancelled:${cause}`), { atLatestMs: 100 });
    cancel();
    expect(pendingTimers()).toBe(0);
    expire();
    frame();
    paint();
    expect(causes).toEqual(['save:late', 'next:paint']);
  });

  it('listens with one capture listener per input type, removed on dispose; without a clock tasks run at once', () => {
    const t = fakeTarget();
    const log: string[] = [];
    const scheduler = createFrameScheduler({ clock: null, target: t.target });
    expect(t.count()).toBe(2);
    scheduler.nextFrame(() => log.push('frame'));
    scheduler.afterPaint(() => log.push('paint'));
    expect(log).toEqual(['frame', 'paint']);
    scheduler.dispose();
    expect(t.count()).toBe(0);
  });
});
