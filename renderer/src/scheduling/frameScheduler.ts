/**
 * The renderer's one frame scheduler: "next frame", "after paint" and "catch up before any
 * input" live here and nowhere else.
 *
 * - `nextFrame(task)` runs in the next animation frame, before it is painted (the store →
 *   browser selection write: done in the commit, it would lay out a long article twice).
 * - `afterPaint(task)` runs once that frame has been painted (a task queued from the frame
 *   callback runs after the paint): side-panel values that would delay a label key's highlight.
 * - Input never meets work left for later. One capture listener on the event target (for
 *   `keydown` and `pointerdown`, before any handler of the event) settles every waiting task,
 *   in the order the frame would have run them:
 *     1. frame tasks, in the order they were asked for;
 *     2. after-paint tasks, in the order they were asked for, all inside one `batch` call (the
 *        app passes React's flushSync so the panel is up to date before the handlers run).
 *   Before that, standing `beforeInput` watchers run (in the order they were added): they catch
 *   up with what the browser changed but has not told the page yet (a selection made by script
 *   or assistive technology whose `selectionchange` is still queued behind the key), and may
 *   queue frame tasks that this same settling then runs.
 *   Each task says what a key press and a pointer press do to it: `run` it now (the default)
 *   or let it `wait` for its frame; a task run early is told why (`key` or `pointer`), so it
 *   can decide to do nothing (a pointer press starts a selection of the user's own).
 *
 * The clock and the event target are parameters so tests drive frames and input themselves;
 * with no clock (no requestAnimationFrame, e.g. jsdom) tasks run at once.
 */

export type InputPolicy = 'run' | 'wait';
/** Why a task runs: its time came, or a key or pointer press came first. */
export type RunCause = 'frame' | 'paint' | 'late' | InputKind;
export type InputKind = 'key' | 'pointer';
export type Task = (cause: RunCause) => void;
export interface TaskOptions {
  /** What a key press before the task's time does to it (default `run`). */
  key?: InputPolicy;
  /** What a pointer press before the task's time does to it (default `run`). */
  pointer?: InputPolicy;
  /**
   * Run it after this many ms even if no frame comes (cause `late`): a hidden or occluded
   * window gets no animation frames, and work such as saving must not wait for it to show.
   */
  atLatestMs?: number;
}
/** For layout work (measuring, scrolling) that input need not wait for: it keeps its frame. */
export const WAIT_FOR_FRAME: TaskOptions = { key: 'wait', pointer: 'wait' };
/** Cancels the task if it has not run yet. */
export type Cancel = () => void;

export interface FrameClock {
  requestFrame(callback: () => void): number;
  cancelFrame(handle: number): void;
  /** A task after the current one (setTimeout 0; the app's hops twice): queued from a frame callback, it runs after the paint. */
  queueTask(callback: () => void): number;
  cancelTask(handle: number): void;
  /** A task after `ms` (setTimeout), whatever the frames do. */
  timer(callback: () => void, ms: number): number;
  cancelTimer(handle: number): void;
}
export interface InputTarget {
  addEventListener(type: 'keydown' | 'pointerdown', listener: (event: Event) => void, capture: true): void;
  removeEventListener(type: 'keydown' | 'pointerdown', listener: (event: Event) => void, capture: true): void;
}
export interface FrameSchedulerOptions {
  clock: FrameClock | null;
  target: InputTarget | null;
  /** Wraps the after-paint tasks run together (React's flushSync in the app). */
  batch?: (run: () => void) => void;
}
export interface FrameScheduler {
  nextFrame(task: Task, options?: TaskOptions): Cancel;
  afterPaint(task: Task, options?: TaskOptions): Cancel;
  /** A standing watcher, run at every key or pointer press before any waiting task is settled. */
  beforeInput(watcher: (kind: InputKind) => void): Cancel;
  /** What the capture listener does on a key (`key`) or pointer (`pointer`) press; exposed for tests. */
  settleForInput(kind: InputKind): void;
  dispose(): void;
}

interface Entry {
  task: Task;
  key: InputPolicy;
  pointer: InputPolicy;
  done: boolean;
  /** The `atLatestMs` timer, cancelled once the task has run. */
  late: number;
}

const INPUT_EVENTS = { keydown: 'key', pointerdown: 'pointer' } as const;

export function createFrameScheduler({ clock, target, batch = (run) => run() }: FrameSchedulerOptions): FrameScheduler {
  let frameTasks: Entry[] = [];
  /** After-paint tasks whose frame has not come yet, and those whose frame has been painted. */
  let unpainted: Entry[] = [];
  let painted: Entry[] = [];
  let frame = 0;
  let postPaint = 0;

  const entry = (task: Task, options: TaskOptions = {}): Entry => ({ task, key: options.key ?? 'run', pointer: options.pointer ?? 'run', done: false, late: 0 });
  const run = (cause: RunCause) => (e: Entry) => {
    if (e.done) return;
    e.done = true;
    if (e.late && clock) clock.cancelTimer(e.late);
    try {
      e.task(cause);
    } catch (err) {
      // One failing task must not strand the others queued with it; the error still surfaces.
      queueMicrotask(() => {
        throw err;
      });
    }
  };
  const pending = (list: Entry[]) => list.filter((e) => !e.done);

  const onFrame = () => {
    frame = 0;
    const due = frameTasks;
    frameTasks = [];
    painted = painted.concat(unpainted);
    unpainted = [];
    due.forEach(run('frame'));
    if (painted.length && !postPaint && clock) postPaint = clock.queueTask(onPainted);
  };
  const onPainted = () => {
    postPaint = 0;
    const due = pending(painted);
    painted = [];
    if (due.length) batch(() => due.forEach(run('paint')));
  };
  const wantFrame = () => {
    if (!frame && clock) frame = clock.requestFrame(onFrame);
  };

  let watchers: ((kind: InputKind) => void)[] = [];
  const settleForInput = (kind: InputKind) => {
    // 0. Watchers first: what they find may queue frame tasks that must run before the handlers.
    for (const watcher of watchers) {
      try {
        watcher(kind);
      } catch (err) {
        queueMicrotask(() => {
          throw err;
        });
      }
    }
    const settle = (list: Entry[]): Entry[] => {
      const toRun: Entry[] = [];
      for (const e of list) {
        if (!e.done && e[kind] === 'run') toRun.push(e);
      }
      return toRun;
    };
    // 1. Frame tasks, in order; a task may ask for more work, which waits for its own frame.
    settle(frameTasks).forEach(run(kind));
    frameTasks = pending(frameTasks);
    // 2. After-paint tasks, painted ones first (they were asked for earlier), in one batch.
    const later = [...settle(painted), ...settle(unpainted)];
    painted = pending(painted);
    unpainted = pending(unpainted);
    if (later.length) batch(() => later.forEach(run(kind)));
  };
  const listener = (event: Event) => settleForInput(INPUT_EVENTS[event.type as keyof typeof INPUT_EVENTS]);
  if (target) for (const type of Object.keys(INPUT_EVENTS) as (keyof typeof INPUT_EVENTS)[]) target.addEventListener(type, listener, true);

  /** Queues a task for the frame (`frame`) or for after its paint (`paint`); without a clock, runs it now. */
  const schedule = (when: 'frame' | 'paint', task: Task, options?: TaskOptions): Cancel => {
    const e = entry(task, options);
    if (!clock) {
      run(when)(e);
      return () => {};
    }
    (when === 'frame' ? frameTasks : unpainted).push(e);
    wantFrame();
    if (options?.atLatestMs !== undefined) e.late = clock.timer(() => run('late')(e), options.atLatestMs);
    return () => {
      e.done = true;
      if (e.late) clock.cancelTimer(e.late);
    };
  };
  return {
    nextFrame: (task, options) => schedule('frame', task, options),
    afterPaint: (task, options) => schedule('paint', task, options),
    beforeInput(watcher) {
      watchers = [...watchers, watcher];
      return () => {
        watchers = watchers.filter((w) => w !== watcher);
      };
    },
    settleForInput,
    dispose() {
      watchers = [];
      if (target) for (const type of Object.keys(INPUT_EVENTS) as (keyof typeof INPUT_EVENTS)[]) target.removeEventListener(type, listener, true);
      if (clock && frame) clock.cancelFrame(frame);
      if (clock && postPaint) clock.cancelTask(postPaint);
      for (const e of [...frameTasks, ...unpainted, ...painted]) e.done = true;
      frameTasks = unpainted = painted = [];
    },
  };
}
