/**
 * What the user is pointing at in the open article: the text selection (anchor/focus
 * offsets, from the mouse or the keyboard caret), the selected span, and whether the text
 * region has focus (the caret is drawn only then). A non-empty text selection and a selected
 * span exclude each other, so a label key always means one thing: label the selected text,
 * or else relabel the selected span.
 */
import { nextSpanId } from '../../../shared/text/spanOrder';
import { moveSelection, type TextSelection } from '../document/caretMotion';
import type { Span } from '../../../shared/domain/model';
import type { SelectionSlice, SliceCreator, WorkbenchState } from './types';
import { documentOf, type DocumentState } from './documentState';

export type { TextSelection };

interface SelectedLookup {
  spans: readonly Span[] | undefined;
  id: string | null;
  span: Span | undefined;
}
/** The last two answers: a store listener asks about the previous state and the next one. */
let lookups: [SelectedLookup | null, SelectedLookup | null] = [null, null];

/**
 * The selected span, or undefined: the selection (the store's) looked up in the open document
 * (the session's, passed in so `useWorkbench` cannot take this selector), so components read it
 * with `useWorkbenchDocument`, which wakes on changes of either. Several components and the paragraph hub ask on every change; the answer is kept
 * while the span array and the selected id stay the same, so a 20,000-span article is searched
 * once per change instead of once per asker.
 */
export function selectSelectedSpan(s: WorkbenchState, doc: DocumentState): Span | undefined {
  const spans = doc.article?.spans;
  const id = s.selectedSpanId;
  for (const l of lookups) if (l && l.spans === spans && l.id === id) return l.span;
  const span = id && spans ? spans.find((sp) => sp.id === id) : undefined;
  remember(spans, id, span);
  return span;
}

function remember(spans: readonly Span[] | undefined, id: string | null, span: Span | undefined): void {
  lookups = [{ spans, id, span }, lookups[0]];
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
    const { article, paragraphs } = documentOf(s);
    if (!article) return;
    const next = moveSelection(article.text, paragraphs, s.textSelection, motion, extend);
    set({ selectedSpanId: null });
    s.setTextSelection(next, { scroll: true });
  },

  selectSpan: (id, opts) => {
    const s = get();
    const spans = documentOf(s).article?.spans;
    const span = id ? (opts?.known?.id === id ? opts.known : spans?.find((sp) => sp.id === id)) : undefined;
    if (id && !span) return;
    if (span) remember(spans, span.id, span);
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
    const spans = documentOf(s).article?.spans;
    if (!spans?.length) return;
    let id: string | null;
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
