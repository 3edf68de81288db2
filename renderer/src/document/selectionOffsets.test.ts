// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { offsetsToRange, offsetToPoint, pointToOffset, rangeToOffsets, selectionToOffsets } from './selectionOffsets';

/*
 * Text "Hello brave world\nسلام" rendered as the view does: paragraphs holding fragments with
 * data-start, a highlight fragment in the middle, a caret element without text, and the line
 * break itself not rendered.
 */
function render(): HTMLElement {
  document.body.innerHTML = `
    <button id="before">before</button>
    <div id="root">
      <p data-paragraph="0"><span data-start="0">Hello </span><span data-start="6" data-span-ids="a">brave</span><span data-start="11"> world</span><span class="caret"></span></p>
      <p data-paragraph="1"><span data-start="18">سلام</span></p>
      <p data-paragraph="2"><span data-start="23"></span></p>
    </div>
    <button id="after">after</button>`;
  return document.getElementById('root')!;
}

const frag = (root: HTMLElement, start: number) => root.querySelector(`[data-start="${start}"]`)!;

afterEach(() => {
  document.body.innerHTML = '';
});

describe('pointToOffset', () => {
  it('adds the offset inside a text node to its fragment start', () => {
    const root = render();
    expect(pointToOffset(root, frag(root, 6).firstChild!, 2)).toBe(8);
    expect(pointToOffset(root, frag(root, 18).firstChild!, 4)).toBe(22);
  });

  it('reads element points as child positions', () => {
    const root = render();
    expect(pointToOffset(root, frag(root, 6), 0)).toBe(6);
    expect(pointToOffset(root, frag(root, 6), 1)).toBe(11);
    const p0 = root.querySelector('[data-paragraph="0"]')!;
    expect(pointToOffset(root, p0, 1)).toBe(6);
    // After the last fragment, before or after the caret element: still this paragraph's end.
    expect(pointToOffset(root, p0, 3)).toBe(17);
    expect(pointToOffset(root, p0, 4)).toBe(17);
    // Between paragraphs: the start of the next one.
    expect(pointToOffset(root, root, 2)).toBe(18);
    expect(pointToOffset(root, root, 0)).toBe(0);
  });

  it('maps points in the caret element and whitespace between blocks to the nearest fragment', () => {
    const root = render();
    expect(pointToOffset(root, root.querySelector('.caret')!, 0)).toBe(17);
    const gap = root.firstChild!; // whitespace text node before the first paragraph
    expect(gap.nodeType).toBe(3);
    expect(pointToOffset(root, gap, 0)).toBe(0);
  });

  it('clamps points outside the region to its ends', () => {
    const root = render();
    expect(pointToOffset(root, document.getElementById('before')!, 0)).toBe(0);
    expect(pointToOffset(root, document.getElementById('after')!, 0)).toBe(23);
  });
});

describe('selections and ranges', () => {
  it('converts a DOM selection to anchor and focus offsets, keeping its direction', () => {
    const root = render();
    const sel = document.getSelection()!;
    sel.setBaseAndExtent(frag(root, 11).firstChild!, 6, frag(root, 0).firstChild!, 0);
    expect(selectionToOffsets(root, sel)).toEqual({ anchor: 17, focus: 0 });
  });

  it('ignores a selection wholly outside the region', () => {
    const root = render();
    const sel = document.getSelection()!;
    sel.setBaseAndExtent(document.getElementById('before')!.firstChild!, 0, document.getElementById('before')!.firstChild!, 3);
    expect(selectionToOffsets(root, sel)).toBeNull();
  });

  it('clamps a selection dragged out of the region', () => {
    const root = render();
    const sel = document.getSelection()!;
    sel.setBaseAndExtent(frag(root, 6).firstChild!, 0, document.getElementById('after')!.firstChild!, 2);
    expect(selectionToOffsets(root, sel)).toEqual({ anchor: 6, focus: 23 });
  });

  it('round-trips offsets through DOM points and ranges', () => {
    const root = render();
    for (const offset of [0, 3, 6, 8, 11, 17, 18, 20, 22]) {
      const point = offsetToPoint(root, offset)!;
      expect(pointToOffset(root, point.node, point.offset)).toBe(offset);
    }
    const range = offsetsToRange(root, 6, 20)!;
    expect(rangeToOffsets(root, range)).toEqual({ start: 6, end: 20 });
    expect(range.toString()).toContain('brave world');
  });

  it('puts a boundary offset at the start of the next fragment', () => {
    const root = render();
    const point = offsetToPoint(root, 6)!;
    expect(point.node.parentElement?.getAttribute('data-start')).toBe('6');
    expect(point.offset).toBe(0);
  });
});
