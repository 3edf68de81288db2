/**
 * The DOM part of the curation lanes (laneLayout.ts is the pure part): each annotator's lane is one
 * CSS custom highlight (`CSS.highlights`, drawn by a `::highlight(wb-lane-N)` rule), so no element
 * is added per span and the article's own DOM is untouched. Ranges are built only for the chunks
 * of paragraphs near the viewport (an IntersectionObserver on the chunk elements, with the margin
 * the highlights' own chunkActivity uses) and dropped when a chunk leaves it, so a 1 MB article
 * with 3 layers × 20,000 spans holds a few hundred ranges, not 60,000 (Chromium re-checks every
 * range of every highlight when one changes). A paragraph that re-renders (a gold highlight
 * added, its chunk starting to draw highlights) replaces its text nodes, which collapses ranges in
 * them: a MutationObserver marks it, and its ranges are built again in the next frame (the frame
 * scheduler's), before that frame is painted.
 */
import { chunkCount, chunkOfParagraph, chunkParagraphs, paragraphElement } from '../document/paragraphChunks';
import { scrollParent } from '../document/chunkActivity';
import { offsetsToRange, PARAGRAPH_SELECTOR } from '../document/selectionOffsets';
import type { TextRange } from '../session/paragraphBuckets';
import { frames } from '../scheduling/appScheduler';
import { WAIT_FOR_FRAME, type Cancel } from '../scheduling/frameScheduler';
import { intervalsWithin, laneLineHeight, laneRule, type LaneIntervals, type LaneStyle } from './laneLayout';

interface HighlightLike {
  add(range: Range): unknown;
  delete(range: Range): unknown;
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

/** As chunkActivity's: a screen and a half beyond the visible part of the text. */
const MARGIN = '150% 0px';

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
  const register = () =>
    lanes.forEach((lane, k) => (hidden.has(lane.style.annotator) ? api.registry.delete(lane.style.name) : api.registry.set(lane.style.name, highlights[k])));

  /** Each painted paragraph's ranges, per lane. */
  const painted = new Map<number, Range[][]>();
  const near = new Set<number>();
  const dirty = new Set<number>();
  let cancelFrame: Cancel | null = null;

  const unpaint = (p: number) => {
    painted.get(p)?.forEach((ranges, k) => ranges.forEach((r) => highlights[k].delete(r)));
    painted.delete(p);
  };
  const paint = (p: number) => {
    unpaint(p);
    const el = paragraphElement(root, p);
    const range = paragraphs[p];
    if (!el || !range || range.end <= range.start) return;
    painted.set(
      p,
      lanes.map((lane, k) => {
        const parts = intervalsWithin(lane.intervals, range.start, range.end);
        const ranges: Range[] = [];
        for (let i = 0; i < parts.length; i += 2) {
          const r = offsetsToRange(el, parts[i], parts[i + 1]);
          if (!r) continue;
          ranges.push(r);
          highlights[k].add(r);
        }
        return ranges;
      }),
    );
  };
  const flush = () => {
    cancelFrame = null;
    for (const p of dirty) (near.has(chunkOfParagraph(p)) ? paint : unpaint)(p);
    dirty.clear();
  };
  const markChunk = (chunk: number) => {
    const { from, to } = chunkParagraphs(chunk, paragraphs.length);
    for (let p = from; p < to; p++) dirty.add(p);
    cancelFrame ??= frames().nextFrame(flush, WAIT_FOR_FRAME);
  };

  // Chunks near the viewport; without IntersectionObserver, all of them.
  const chunkOf = new WeakMap<Element, number>();
  let io: IntersectionObserver | null = null;
  const watch = (el: Element, chunk: number) => {
    chunkOf.set(el, chunk);
    io ??= new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          const c = chunkOf.get(e.target);
          if (c === undefined || e.isIntersecting === near.has(c)) continue;
          if (e.isIntersecting) near.add(c);
          else near.delete(c);
          markChunk(c);
        }
      },
      { root: scrollParent(el), rootMargin: MARGIN },
    );
    io.observe(el);
  };
  const watched = new WeakSet<Element>();
  const watchChunks = () => {
    const count = Math.min(root.children.length, chunkCount(paragraphs.length));
    for (let c = 0; c < count; c++) {
      const el = root.children[c];
      if (watched.has(el)) continue;
      watched.add(el);
      if (typeof IntersectionObserver === 'function') watch(el, c);
      else {
        near.add(c);
        markChunk(c);
      }
    }
  };

  // Re-rendered paragraphs (their text nodes replaced), and chunks the text renders later (a long
  // article renders all but its first screens in a transition).
  const mo = new MutationObserver((records) => {
    let added = false;
    for (const rec of records) {
      if (rec.target === root) {
        added ||= rec.addedNodes.length > 0;
        continue;
      }
      if (onlyCaret(rec)) continue;
      const host = rec.target.nodeType === 1 ? (rec.target as Element) : rec.target.parentElement;
      const p = Number((host?.closest(PARAGRAPH_SELECTOR) as HTMLElement | null)?.dataset.paragraph);
      if (Number.isInteger(p) && near.has(chunkOfParagraph(p))) dirty.add(p);
    }
    if (added) watchChunks();
    if (dirty.size) cancelFrame ??= frames().nextFrame(flush, WAIT_FOR_FRAME);
  });
  mo.observe(root, { childList: true, subtree: true, characterData: true });
  watchChunks();
  register();
  // Taller lines make room for the lanes under the text (the text's own line height comes back on dispose).
  root.style.lineHeight = String(laneLineHeight(lanes.length));

  return {
    setHidden(next) {
      hidden = next;
      register();
    },
    dispose() {
      mo.disconnect();
      io?.disconnect();
      cancelFrame?.();
      for (const lane of lanes) api.registry.delete(lane.style.name);
      root.style.lineHeight = '';
    },
  };
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
