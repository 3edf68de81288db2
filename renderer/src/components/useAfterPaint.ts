/**
 * Values the side panel shows one frame after the text. A label key changes the text (a new
 * highlight) and the side panel (the selected-span card, the Spans list and its count); when
 * both change in one frame, laying out and painting the panel delays the highlight by ~6 ms on
 * a long article. With `useAfterPaint`, a component keeps showing the previous value until the
 * frame with the text change has been painted, then catches up in the next one (~16 ms later).
 *
 * The delay never reaches input: the frame scheduler (scheduling/frameScheduler.ts) brings
 * every waiting value up to date on a key or pointer press, before the handlers run, so a key
 * handled right after a label key, or a click on the card, always meets the panel as the store
 * has it. Without requestAnimationFrame (jsdom) values pass through at once.
 */
import { useEffect, useState } from 'react';
import { frames } from '../scheduling/appScheduler';

export function useAfterPaint<T>(value: T): T {
  const [shown, setShown] = useState(value);
  const behind = !Object.is(shown, value);
  useEffect(() => {
    if (!behind) return;
    return frames().afterPaint(() => setShown(() => value));
  }, [value, behind]);
  return shown;
}
