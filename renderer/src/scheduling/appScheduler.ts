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
  return {
    requestFrame: (callback) => requestAnimationFrame(callback),
    cancelFrame: (handle) => cancelAnimationFrame(handle),
    queueTask: (callback) => setTimeout(callback, 0) as unknown as number,
    cancelTask: (handle) => clearTimeout(handle),
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
