/**
 * Values the side panel shows one frame after the text. A label key changes the text (a new
 * highlight) and the side panel (the selected-span card, the Spans list and its count); when
 * both change in one frame, laying out and painting the panel delays the highlight by ~6 ms on
 * a long article. With `useAfterPaint`, a component keeps showing the previous value until the
 * frame with the text change has been painted, then catches up in the next one (~16 ms later).
 *
 * The delay never reaches input: a key or pointer press first brings every waiting value up
 * to date (synchronously), so a key handled right after a label key, or a click on the card,
 * always meets the panel as the store has it. Without requestAnimationFrame (jsdom) values
 * pass through at once.
 */
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';

const waiting = new Set<() => void>();
let listening = false;

function catchUpAll(): void {
  if (!waiting.size) return;
  const updates = [...waiting];
  waiting.clear();
  flushSync(() => updates.forEach((update) => update()));
}

function listen(): void {
  if (listening || typeof window === 'undefined') return;
  listening = true;
  // Capture phase: before any handler of the event reads the panel.
  window.addEventListener('keydown', catchUpAll, true);
  window.addEventListener('pointerdown', catchUpAll, true);
}

export function useAfterPaint<T>(value: T): T {
  const [shown, setShown] = useState(value);
  const behind = !Object.is(shown, value);
  useEffect(() => {
    if (!behind) return;
    const catchUp = () => {
      waiting.delete(catchUp);
      setShown(() => value);
    };
    if (typeof requestAnimationFrame !== 'function') return catchUp();
    waiting.add(catchUp);
    listen();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // rAF runs before the frame is painted; a task queued from it runs after.
    const frame = requestAnimationFrame(() => (timer = setTimeout(catchUp, 0)));
    return () => {
      waiting.delete(catchUp);
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [value, behind]);
  return shown;
}
