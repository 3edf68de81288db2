/**
 * The DOM part of the curation lanes (laneLayout.ts is the pure part): each annotator's lane is one
 * CSS custom highlight (`CSS.highlights`, drawn by a `::highlight(wb-lane-N)` rule), so no element
 * is added per span and the article's own DOM is untouched. Ranges exist only for the paragraphs
 * within a quarter screen of the viewport (found by binary search over the chunks' and then the
 * paragraphs' boxes, after each scroll and resize), so a 1 MB article with 3 layers × 20,000 spans
 * holds ~100 ranges, not 60,000: Chromium rebuilds its markers for every range of every highlight
 * after any change to the page's DOM, and a frame with ~900 ranges (whole chunks near the
 * viewport) took ~12 ms longer to paint on each curation key (bench `curation`). The ranges are
 * static (see staticRange). A paragraph that re-renders (a gold highlight added, its chunk starting
 * to draw highlights) replaces or rewrites its text nodes, which leaves its ranges pointing at old
 * text: a MutationObserver drops them, and they are built again in the frame after the next paint.
 */
import { CHUNK_SIZE, chunkCount, paragraphElement } from '../document/paragraphChunks';
import { scrollParent } from '../document/chunkActivity';
import { offsetsToRange, offsetToPoint, PARAGRAPH_SELECTOR } from '../document/selectionOffsets';
import type { TextRange } from '../session/paragraphBuckets';
import { frames } from '../scheduling/appScheduler';
import { WAIT_FOR_FRAME, type Cancel } from '../scheduling/frameScheduler';
import { intervalsWithin, itemsWithin, laneLineHeight, laneRule, type LaneIntervals, type LaneStyle } from './laneLayout';

interface HighlightLike {
  add(range: AbstractRange): unknown;
  delete(range: AbstractRange): unknown;
  readonly size: number;
}
interface HighlightRegistryLike {
  set(name: string, highlight: HighlightLike): unknown;
  delete(name: string): unknown;
}
type HighlightConstructor = new () => HighlightLike;

/** The page's highlight registry and Highlight class, or null where there are none (happy-dom, old engines). */
function highlightApi(): { registry: HighlightRegistryLike; Highlight: HighlightConstructor } | null {
  const g = globalThis as { CSS?: { highlights?: HighlightRegistryLike }; Highlight?: HighlightConstructor };
  return g.CSS?.highlights && typeof g.Highlight === 'function' ? { registry: g.CSS.highlights, Highlight: g.Highlight } : null;
}

export interface PaintedLane {
  style: LaneStyle;
  intervals: LaneIntervals;
}

export interface LanePainter {
  /** Register the lanes of these annotators with the page and unregister the others'. */
  setHidden(hidden: ReadonlySet<string>): void;
  dispose(): void;
}

/** How far beyond the visible part of the text lanes are drawn, in viewport heights (a scroll shows them at once). */
const MARGIN = 0.25;

/** Draw `lanes` (but the `hidden` annotators') over the article text under `root`; null where the page has no custom highlights. */
export function createLanePainter(
  root: HTMLElement,
  paragraphs: readonly TextRange[],
  lanes: readonly PaintedLane[],
  hidden: ReadonlySet<string>,
): LanePainter | null {
  const api = highlightApi();
  if (!api || !lanes.length) return null;
  installRules(lanes.map((l) => l.style));
  const highlights = lanes.map(() => new api.Highlight());
  let hiddenNow = hidden;
  const register = () =>
    lanes.forEach((lane, k) => (hiddenNow.has(lane.style.annotator) ? api.registry.delete(lane.style.name) : api.registry.set(lane.style.name, highlights[k])));

  /** Each painted paragraph's ranges, per lane: the paragraphs near the viewport, no others. */
  const painted = new Map<number, AbstractRange[][]>();

  const unpaint = (p: number) => {
    painted.get(p)?.forEach((ranges, k) => ranges.forEach((r) => highlights[k].delete(r)));
    painted.delete(p);
  };
  const paint = (p: number) => {
    unpaint(p);
    const el = paragraphElement(root, p);
    const range = paragraphs[p];
    if (!el || !range) return;
    painted.set(
      p,
      lanes.map((lane, k) => {
        const parts = intervalsWithin(lane.intervals, range.start, range.end);
        const ranges: AbstractRange[] = [];
        for (let i = 0; i < parts.length; i += 2) {
          const r = staticRange(el, parts[i], parts[i + 1]);
          if (!r) continue;
          ranges.push(r);
          highlights[k].add(r);
        }
        return ranges;
      }),
    );
  };

  const container = scrollParent(root);
  const extent = (el: Element | undefined) => el?.getBoundingClientRect() ?? { top: 0, bottom: 0 };
  /** The paragraphs [from, to) within a margin of the viewport: chunks first (whose size is known while Chromium skips their content), then paragraphs in the first and last. */
  const nearViewport = (): [number, number] => {
    const box = container ? container.getBoundingClientRect() : { top: 0, bottom: innerHeight, height: innerHeight };
    // No layout (happy-dom): every paragraph.
    if (!box.height) return [0, paragraphs.length];
    const top = box.top - box.height * MARGIN;
    const bottom = box.bottom + box.height * MARGIN;
    const chunks = root.children;
    const [c0, c1] = itemsWithin(Math.min(chunks.length, chunkCount(paragraphs.length)), (c) => extent(chunks[c]), top, bottom);
    if (c0 >= c1) return [0, 0];
    const within = (c: number) => itemsWithin(chunks[c].children.length, (i) => extent(chunks[c].children[i]), top, bottom);
    return [c0 * CHUNK_SIZE + within(c0)[0], (c1 - 1) * CHUNK_SIZE + within(c1 - 1)[1]];
  };

  let cancelFrame: Cancel | null = null;
  const update = () => {
    cancelFrame = null;
    const [from, to] = nearViewport();
    for (const p of painted.keys()) if (p < from || p >= to) unpaint(p);
    for (let p = from; p < to; p++) if (!painted.has(p)) paint(p);
  };
  // In the frame after the next one: the text a key changed (a gold highlight, the next place) is
  // painted first and the lanes a frame later, with React's commit and the browser's scroll in by
  // then. Drawn before that paint, they made the `curation` bench's resolution key 5–8 ms slower
  // at the median; in a task right after it, they delay whatever the page does next.
  const schedule = () =>
    void (cancelFrame ??= frames().afterPaint(() => {
      cancelFrame = frames().nextFrame(update, WAIT_FOR_FRAME);
    }, WAIT_FOR_FRAME));

  // Re-rendered paragraphs (their text nodes replaced or rewritten), and chunks the text renders
  // later (a long article renders all but its first screens in a transition). A re-rendered
  // paragraph's ranges go at once, before this frame paints (a range whose text node was rewritten
  // may now cover other text), and come back once it has painted.
  const mo = new MutationObserver((records) => {
    let changed = false;
    for (const rec of records) {
      if (rec.target === root) {
        changed ||= rec.addedNodes.length > 0;
        continue;
      }
      if (onlyCaret(rec)) continue;
      const host = rec.target.nodeType === 1 ? (rec.target as Element) : rec.target.parentElement;
      const p = Number((host?.closest(PARAGRAPH_SELECTOR) as HTMLElement | null)?.dataset.paragraph);
      if (!painted.has(p)) continue;
      unpaint(p);
      changed = true;
    }
    if (changed) schedule();
  });
  mo.observe(root, { childList: true, subtree: true, characterData: true });
  const scroller: EventTarget = container ?? window;
  scroller.addEventListener('scroll', schedule, { passive: true });
  const resize = typeof ResizeObserver === 'function' ? new ResizeObserver(schedule) : null;
  resize?.observe(container ?? root);
  schedule();
  register();
  // Taller lines make room for the lanes under the text (the text's own line height comes back on dispose).
  root.style.lineHeight = String(laneLineHeight(lanes.length));

  return {
    setHidden(next) {
      hiddenNow = next;
      register();
    },
    dispose() {
      mo.disconnect();
      resize?.disconnect();
      scroller.removeEventListener('scroll', schedule);
      cancelFrame?.();
      for (const lane of lanes) api.registry.delete(lane.style.name);
      root.style.lineHeight = '';
    },
  };
}

/**
 * A StaticRange over [start, end) in a paragraph: not live, so the page's DOM changes do not update
 * it (Chromium walks every live Range of the document on each change, and a dropped one stays
 * until it is collected); its paragraph's ranges are dropped and built again when it re-renders.
 * A live Range where there is no StaticRange (happy-dom).
 */
function staticRange(paragraph: Element, start: number, end: number): AbstractRange | null {
  if (typeof StaticRange !== 'function') return offsetsToRange(paragraph, start, end);
  const a = offsetToPoint(paragraph, start);
  const b = offsetToPoint(paragraph, end);
  return a && b ? new StaticRange({ startContainer: a.node, startOffset: a.offset, endContainer: b.node, endOffset: b.offset }) : null;
}

/** The caret moving in or out of a paragraph changes none of its text nodes. */
function onlyCaret(rec: MutationRecord): boolean {
  if (rec.type !== 'childList') return false;
  const isCaret = (n: Node) => n.nodeType === 1 && (n as Element).classList.contains('caret');
  return [...rec.addedNodes, ...rec.removedNodes].every(isCaret);
}

/**
 * The lanes' `::highlight()` rules, in a constructed style sheet of their own (the
 * Content-Security-Policy's style-src 'self' allows it, unlike a <style> element; see
 * highlightStyle.ts), replaced whenever the lanes change.
 */
let sheet: CSSStyleSheet | null | undefined;
function installRules(styles: readonly LaneStyle[]): void {
  if (sheet === undefined) {
    sheet = null;
    try {
      if (typeof CSSStyleSheet === 'function' && Array.isArray(document.adoptedStyleSheets)) {
        sheet = new CSSStyleSheet();
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      }
    } catch {
      sheet = null;
    }
  }
  sheet?.replaceSync(styles.map(laneRule).join('\n'));
}
