/**
 * The page's frame scheduler (see frameScheduler.ts): the browser's animation frames, input on
 * `window`, and after-paint work committed with flushSync so the panel is up to date before
 * the input's handlers run. Created on first use; without requestAnimationFrame (jsdom) tasks
 * run at once.
 */
import { flushSync } from 'react-dom';
import { createFrameScheduler, type FrameClock, type FrameScheduler } from './frameScheduler';

let scheduler: FrameScheduler | null = null;

function browserClock(): FrameClock | null {
  if (typeof requestAnimationFrame !== 'function') return null;
  // A queued task hops twice (a task that queues the task), so after-paint work (the side panel,
  // sending the batch) runs behind every task the painted frame queued, not in front of them:
  // whatever else waits for that paint runs first. The outer handle cancels either hop.
  const inner = new Map<number, number>();
  return {
    requestFrame: (callback) => requestAnimationFrame(callback),
    cancelFrame: (handle) => cancelAnimationFrame(handle),
    queueTask: (callback) => {
      const outer = setTimeout(() => {
        inner.set(
          outer,
          setTimeout(() => {
            inner.delete(outer);
            callback();
          }, 0) as unknown as number,
        );
      }, 0) as unknown as number;
      return outer;
    },
    cancelTask: (handle) => {
      clearTimeout(handle);
      clearTimeout(inner.get(handle));
      inner.delete(handle);
    },
    timer: (callback, ms) => setTimeout(callback, ms) as unknown as number,
    cancelTimer: (handle) => clearTimeout(handle),
  };
}

export function frames(): FrameScheduler {
  scheduler ??= createFrameScheduler({
    clock: browserClock(),
    target: typeof window === 'undefined' ? null : window,
    batch: (run) => flushSync(run),
  });
  return scheduler;
}
