/**
 * What the user is pointing at in the open article: the text selection (anchor/focus
 * offsets, from the mouse or the keyboard caret), the selected span, and whether the text
 * region has focus (the caret is drawn only then). A non-empty text selection and a selected
 * span exclude each other, so a label key always means one thing: label the selected text,
 * or else relabel the selected span.
 */
import { nextSpanId } from '../../../shared/text/spanOrder';
import { moveSelection, type CaretMotion, type TextSelection } from '../document/caretMotion';
import type { SliceCreator } from './types';

export type { TextSelection };

export interface ScrollTarget {
  /** Scroll this span's highlight into view, or else the caret. */
  spanId: string | null;
  seq: number;
}

export interface SelectionSlice {
  textSelection: TextSelection | null;
  /** 'dom': the browser's selection is the source; 'program': the view mirrors textSelection into the DOM. */
  selectionOrigin: 'dom' | 'program';
  selectedSpanId: string | null;
  textFocused: boolean;
  scrollTarget: ScrollTarget | null;

  setSelectionFromDom(sel: TextSelection | null): void;
  setTextSelection(sel: TextSelection | null, opts?: { scroll?: boolean }): void;
  moveCaret(motion: CaretMotion, extend: boolean): void;
  selectSpan(id: string | null, opts?: { scroll?: boolean; moveCaret?: boolean; caretAt?: number }): void;
  /** A click on a highlight covered by these spans (outermost first): innermost first, then cycle outwards. */
  clickSpans(spanIds: readonly string[]): void;
  selectAdjacentSpan(direction: 1 | -1): void;
  setTextFocused(focused: boolean): void;
  /** Escape: deselect the span and collapse the text selection. */
  clearSelection(): void;
  resetSelection(): void;
}

const sameSelection = (a: TextSelection | null, b: TextSelection | null) =>
  a === b || (!!a && !!b && a.anchor === b.anchor && a.focus === b.focus);

let scrollSeq = 0;

export const createSelectionSlice: SliceCreator<SelectionSlice> = (set, get) => ({
  textSelection: null,
  selectionOrigin: 'dom',
  selectedSpanId: null,
  textFocused: false,
  scrollTarget: null,

  setSelectionFromDom: (sel) => {
    const s = get();
    if (sameSelection(s.textSelection, sel)) return;
    const ranged = !!sel && sel.anchor !== sel.focus;
    set({ textSelection: sel, selectionOrigin: 'dom', ...(ranged ? { selectedSpanId: null } : {}) });
  },

  setTextSelection: (sel, opts) => {
    const ranged = !!sel && sel.anchor !== sel.focus;
    set({
      textSelection: sel,
      selectionOrigin: 'program',
      ...(ranged ? { selectedSpanId: null } : {}),
      ...(opts?.scroll ? { scrollTarget: { spanId: null, seq: ++scrollSeq } } : {}),
    });
  },

  moveCaret: (motion, extend) => {
    const s = get();
    if (!s.article) return;
    const next = moveSelection(s.article.text, s.paragraphs, s.textSelection, motion, extend);
    set({ selectedSpanId: null });
    s.setTextSelection(next, { scroll: true });
  },

  selectSpan: (id, opts) => {
    const s = get();
    const span = id ? s.article?.spans.find((sp) => sp.id === id) : undefined;
    if (id && !span) return;
    const patch: Partial<SelectionSlice> = { selectedSpanId: span ? span.id : null };
    if (span && opts?.moveCaret) {
      const at = opts.caretAt ?? span.start;
      patch.textSelection = { anchor: at, focus: at };
      patch.selectionOrigin = 'program';
    } else if (span && s.textSelection && s.textSelection.anchor !== s.textSelection.focus) {
      // A selected span and a ranged text selection exclude each other.
      patch.textSelection = { anchor: s.textSelection.focus, focus: s.textSelection.focus };
      patch.selectionOrigin = 'program';
    }
    if (span && opts?.scroll) patch.scrollTarget = { spanId: span.id, seq: ++scrollSeq };
    set(patch);
  },

  clickSpans: (spanIds) => {
    if (!spanIds.length) return;
    const current = get().selectedSpanId;
    const at = current ? spanIds.indexOf(current) : -1;
    // Innermost is last; each further click on the same place selects the next span outwards.
    const pick = at < 0 ? spanIds[spanIds.length - 1] : spanIds[(at - 1 + spanIds.length) % spanIds.length];
    get().selectSpan(pick);
  },

  selectAdjacentSpan: (direction) => {
    const s = get();
    const spans = s.article?.spans;
    if (!spans?.length) return;
    let id: string | null = null;
    if (s.selectedSpanId) id = nextSpanId(spans, s.selectedSpanId, direction);
    else if (s.textSelection) {
      // From the caret: the first span starting at/after it, or the last one starting before it.
      const at = s.textSelection.focus;
      if (direction === 1) id = spans.find((sp) => sp.start >= at)?.id ?? spans[0].id;
      else id = spans.findLast((sp) => sp.start < at)?.id ?? spans[spans.length - 1].id;
    } else id = nextSpanId(spans, null, direction);
    if (id) get().selectSpan(id, { scroll: true, moveCaret: true });
  },

  setTextFocused: (focused) => {
    if (get().textFocused !== focused) set({ textFocused: focused });
  },

  clearSelection: () => {
    const sel = get().textSelection;
    set({
      selectedSpanId: null,
      textSelection: sel ? { anchor: sel.focus, focus: sel.focus } : null,
      selectionOrigin: 'program',
    });
  },

  resetSelection: () =>
    set({ textSelection: null, selectionOrigin: 'dom', selectedSpanId: null, scrollTarget: null }),
});
