/**
 * Which paragraph chunks draw their highlights. Opening a 1 MB article with 20,000 spans used
 * to create ~50,000 highlight elements (each with its colours, title and ids) before the
 * article could be read, most of them far off screen. Now every paragraph's text is in the
 * page at once (find in page, selection offsets, the caret and the scrollbar work as before),
 * but a chunk draws its highlights only once it comes within a screen of the viewport
 * (an IntersectionObserver on the text's scroll container), or when something asks for one of
 * its spans (`activate`, e.g. scrolling to a span). A chunk never goes back to plain text.
 * Without IntersectionObserver (jsdom, old engines) every chunk is active from the start.
 */
export interface ChunkActivity {
  isActive(chunk: number): boolean;
  subscribe(chunk: number, listener: () => void): () => void;
  /** Draw this chunk's highlights from now on. */
  activate(chunk: number): void;
  /** Watch a chunk's element; returns the function that stops watching it. */
  observe(element: Element, chunk: number): () => void;
  dispose(): void;
}

/** How far beyond the visible part of the scroll container a chunk starts drawing highlights. */
const MARGIN = '150% 0px';

/**
 * The text's scroll container (AnnotatingView's `.text-scroll`), or null for the viewport.
 * Found by class, not by getComputedStyle, which would force a style recalculation of the
 * freshly rendered article.
 */
export function scrollParent(element: Element | null): Element | null {
  return element?.parentElement?.closest('.text-scroll') ?? null;
}

export function createChunkActivity(initiallyActive: number): ChunkActivity {
  const active = new Set<number>();
  for (let c = 0; c < initiallyActive; c++) active.add(c);
  const listeners = new Map<number, Set<() => void>>();
  const chunkOf = new WeakMap<Element, number>();
  const activate = (chunk: number) => {
    if (active.has(chunk)) return;
    active.add(chunk);
    listeners.get(chunk)?.forEach((l) => l());
  };
  const supported = typeof IntersectionObserver === 'function';
  // Made on the first observe, when the scroll container can be found from a chunk element.
  let observer: IntersectionObserver | null = null;
  const observerFor = (element: Element) =>
    (observer ??= new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          const chunk = chunkOf.get(entry.target);
          if (chunk !== undefined) activate(chunk);
          observer!.unobserve(entry.target);
        }
      },
      { root: scrollParent(element), rootMargin: MARGIN },
    ));
  return {
    isActive: (chunk) => !supported || active.has(chunk),
    subscribe(chunk, listener) {
      let set = listeners.get(chunk);
      if (!set) listeners.set(chunk, (set = new Set()));
      set.add(listener);
      return () => {
        set!.delete(listener);
        if (!set!.size) listeners.delete(chunk);
      };
    },
    activate,
    observe(element, chunk) {
      if (!supported || active.has(chunk)) return () => {};
      chunkOf.set(element, chunk);
      const io = observerFor(element);
      io.observe(element);
      return () => io.unobserve(element);
    },
    dispose: () => observer?.disconnect(),
  };
}
