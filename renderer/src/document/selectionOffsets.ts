/**
 * DOM positions ↔ text offsets. The article is rendered as fragment elements, each carrying
 * `data-start` (the UTF-16 offset of its first character) and holding only text; anything
 * else in the text region (paragraph wrappers marked `data-paragraph`, the caret, line-break
 * gaps) carries no text of the article. A DOM point (node, offset) — as found in a Selection or Range — maps to the
 * article offset of the nearest fragment position; points outside the region clamp to its
 * start or end. Kept free of React so it can be tested under happy-dom.
 */

export const FRAGMENT_SELECTOR = '[data-start]';
export const PARAGRAPH_SELECTOR = '[data-paragraph]';

export interface OffsetRange {
  start: number;
  end: number;
}

export interface DomPoint {
  node: Node;
  offset: number;
}

function isElement(n: Node): n is Element {
  return n.nodeType === 1;
}

function fragmentStart(el: Element): number {
  return Number((el as HTMLElement).dataset.start);
}

function fragmentLength(el: Element): number {
  return el.textContent?.length ?? 0;
}

function fragmentEnd(el: Element): number {
  return fragmentStart(el) + fragmentLength(el);
}

function firstFragmentIn(n: Node): Element | null {
  if (!isElement(n)) return null;
  return n.matches(FRAGMENT_SELECTOR) ? n : n.querySelector(FRAGMENT_SELECTOR);
}

function lastFragmentIn(n: Node): Element | null {
  if (!isElement(n)) return null;
  if (n.matches(FRAGMENT_SELECTOR)) return n;
  const all = n.querySelectorAll(FRAGMENT_SELECTOR);
  return all.length ? all[all.length - 1] : null;
}

/** The first fragment at or after the boundary point (container, index), in document order, inside root. */
function fragmentAtOrAfter(root: Node, container: Node, index: number): Element | null {
  let n: Node | null = container.childNodes[index] ?? null;
  let parent: Node = container;
  for (;;) {
    for (; n; n = n.nextSibling) {
      const f = firstFragmentIn(n);
      if (f) return f;
    }
    if (parent === root || !parent.parentNode) return null;
    n = parent.nextSibling;
    parent = parent.parentNode;
  }
}

/** The last fragment before the boundary point (container, index), inside root. */
function fragmentBefore(root: Node, container: Node, index: number): Element | null {
  let n: Node | null = index > 0 ? (container.childNodes[index - 1] ?? container.lastChild) : null;
  let parent: Node = container;
  for (;;) {
    for (; n; n = n.previousSibling) {
      const f = lastFragmentIn(n);
      if (f) return f;
    }
    if (parent === root || !parent.parentNode) return null;
    n = parent.previousSibling;
    parent = parent.parentNode;
  }
}

function boundaryOffset(root: Node, container: Node, index: number): number {
  const after = fragmentAtOrAfter(root, container, index);
  if (after) return fragmentStart(after);
  const before = fragmentBefore(root, container, index);
  return before ? fragmentEnd(before) : 0;
}

function indexInParent(n: Node): number {
  let i = 0;
  for (let c = n.previousSibling; c; c = c.previousSibling) i++;
  return i;
}

/** Text length inside `fragment` before the point (node, offset) that lies within it. */
function lengthBefore(fragment: Element, node: Node, offset: number): number {
  // The usual case: the fragment's one text node.
  if (node.parentNode === fragment && fragment.childNodes.length === 1) return offset;
  if (node === fragment) {
    let len = 0;
    for (let i = 0; i < offset && i < fragment.childNodes.length; i++) len += fragment.childNodes[i].textContent?.length ?? 0;
    return len;
  }
  const walker = fragment.ownerDocument.createTreeWalker(fragment, 4 /* NodeFilter.SHOW_TEXT */);
  let len = 0;
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    if (t === node) return len + Math.min(offset, t.textContent?.length ?? 0);
    if (node.contains(t)) return len;
    len += t.textContent?.length ?? 0;
  }
  return len;
}

/** The article offset of a DOM point, or clamped to the text's ends when the point is outside `root`. */
export function pointToOffset(root: Element, node: Node, offset: number): number {
  if (!root.contains(node)) {
    const pos = root.compareDocumentPosition(node);
    // DOCUMENT_POSITION_PRECEDING: the point is before the region.
    if (pos & 2) {
      const f = firstFragmentIn(root);
      return f ? fragmentStart(f) : 0;
    }
    const f = lastFragmentIn(root);
    return f ? fragmentEnd(f) : 0;
  }
  const host = isElement(node) ? node : node.parentElement;
  const fragment = host?.closest(FRAGMENT_SELECTOR);
  if (fragment && root.contains(fragment)) {
    return fragmentStart(fragment) + Math.min(lengthBefore(fragment, node, offset), fragmentLength(fragment));
  }
  // A point inside a paragraph but outside its fragments (e.g. after the last one) stays in
  // that paragraph; only points between paragraphs look at the neighbours.
  const paragraph = host?.closest(PARAGRAPH_SELECTOR);
  const scope = paragraph && root.contains(paragraph) ? paragraph : root;
  if (isElement(node)) return boundaryOffset(scope, node, offset);
  // A text node outside any fragment (whitespace between blocks): before or after it.
  const parent = node.parentNode!;
  const at = indexInParent(node);
  return boundaryOffset(scope, parent, offset > 0 && offset >= (node.textContent?.length ?? 0) ? at + 1 : at);
}

/** Anchor and focus offsets of a selection that touches `root`, or null when it lies wholly outside. */
export function selectionToOffsets(root: Element, selection: Selection | null): { anchor: number; focus: number } | null {
  if (!selection || selection.rangeCount === 0 || !selection.anchorNode || !selection.focusNode) return null;
  const { anchorNode, focusNode } = selection;
  if (!root.contains(anchorNode) && !root.contains(focusNode)) return null;
  return {
    anchor: pointToOffset(root, anchorNode, selection.anchorOffset),
    focus: pointToOffset(root, focusNode, selection.focusOffset),
  };
}

/** Start/end (ordered) of a Range, clamped to `root`. */
export function rangeToOffsets(root: Element, range: Range): OffsetRange {
  const a = pointToOffset(root, range.startContainer, range.startOffset);
  const b = pointToOffset(root, range.endContainer, range.endOffset);
  return { start: Math.min(a, b), end: Math.max(a, b) };
}

/**
 * The DOM point for an article offset, looking only at fragments inside `scope` (a paragraph,
 * or the whole region). At a boundary between two fragments the later one is used, so a
 * caret sits in front of the next word.
 */
export function offsetToPoint(scope: Element, offset: number): DomPoint | null {
  const fragments = scope.querySelectorAll(FRAGMENT_SELECTOR);
  let lo = 0;
  let hi = fragments.length - 1;
  let found = -1;
  // Fragments are in offset order: find the last one starting at or before the offset.
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (fragmentStart(fragments[mid]) <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) {
    if (!fragments.length) return null;
    found = 0;
  }
  const fragment = fragments[found];
  const within = Math.max(0, Math.min(offset - fragmentStart(fragment), fragmentLength(fragment)));
  const text = fragment.firstChild;
  if (text && text.nodeType === 3) return { node: text, offset: within };
  return { node: fragment, offset: 0 };
}

/** A DOM Range over [start, end) within `scope`, or null when the offsets are not rendered there. */
export function offsetsToRange(scope: Element, start: number, end: number): Range | null {
  const a = offsetToPoint(scope, start);
  const b = offsetToPoint(scope, end);
  if (!a || !b) return null;
  const range = scope.ownerDocument.createRange();
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  return range;
}
