/**
 * The keyboard caret: a thin bar drawn over the text at an offset of its paragraph. It is
 * positioned from the text's own layout (a collapsed Range) and never splits the text nodes,
 * so the browser's selection stays intact while it moves.
 */
import { useLayoutEffect, useRef } from 'react';
import { offsetToPoint } from './selectionOffsets';
import { frames } from '../scheduling/appScheduler';
import { WAIT_FOR_FRAME } from '../scheduling/frameScheduler';

export function Caret({ offset }: { offset: number }) {
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    const paragraph = el?.parentElement;
    if (!el || !paragraph) return;
    const place = () => {
      const point = offsetToPoint(paragraph, offset);
      const box = paragraph.getBoundingClientRect();
      let rect: DOMRect | undefined;
      if (point) {
        const range = paragraph.ownerDocument.createRange();
        range.setStart(point.node, point.offset);
        range.collapse(true);
        const rects = range.getClientRects?.();
        rect = rects && rects.length ? rects[rects.length - 1] : range.getBoundingClientRect?.();
        if ((!rect || rect.height === 0) && point.node.parentElement) rect = point.node.parentElement.getBoundingClientRect();
      }
      // CSSOM writes (not a style attribute), which the CSP allows. Moved by a transform, which
      // needs no layout: left/top would lay out its paragraph again in the frame that paints a
      // label key's highlight. The height changes only with the font size.
      el.style.transform = `translate(${(rect?.left ?? box.left) - box.left}px, ${(rect?.top ?? box.top) - box.top}px)`;
      const height = `${rect?.height || 24}px`;
      if (el.style.height !== height) el.style.height = height;
    };
    // Measure in the next frame, when the browser lays out anyway, rather than forcing a layout mid-commit.
    const cancel = frames().nextFrame(place, WAIT_FOR_FRAME);
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(place);
    observer?.observe(paragraph);
    return () => {
      cancel();
      observer?.disconnect();
    };
  }, [offset]);
  return <span ref={ref} className="caret" aria-hidden="true" />;
}
