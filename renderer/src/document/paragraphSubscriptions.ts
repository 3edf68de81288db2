/**
 * One subscription to the session and one to the store for all paragraphs. A 1 MB article has
 * thousands of paragraph components; giving each its own selector would run thousands of
 * selectors on every change (each caret move, each save acknowledgement). Instead this hub
 * wakes only the paragraphs the DocumentSession reports as changed, and those that gain or lose
 * the caret or the selected span (one comparison of the previous and next store state).
 */
import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { Span } from '../../../shared/domain/model';
import type { WorkbenchStore } from '../store/createWorkbenchStore';
import type { WorkbenchState } from '../store/types';
import { selectSelectedSpan } from '../store/selectionSlice';
import { documentOf } from '../store/documentState';
import { paragraphAt, paragraphsOverlapping, type Bucket, type TextRange } from '../session/paragraphBuckets';

export interface ParagraphHub {
  subscribe(index: number, listener: () => void): () => void;
  dispose(): void;
}

// Both read the current document with a store state (the previous one, too): the store's
// selection changes without the document, and a document change wakes its paragraphs itself.
function caretParagraph(s: WorkbenchState): number {
  const { paragraphs } = documentOf(s);
  return s.textFocused && s.textSelection && paragraphs.length ? paragraphAt(paragraphs, s.textSelection.focus) : -1;
}

function selectedRange(s: WorkbenchState): [number, number] | null {
  const doc = documentOf(s);
  if (!s.selectedSpanId || !doc.article) return null;
  const span = selectSelectedSpan(s, doc);
  return span ? paragraphsOverlapping(doc.paragraphs, span.start, span.end) : null;
}

export function createParagraphHub(store: WorkbenchStore): ParagraphHub {
  const listeners = new Map<number, Set<() => void>>();
  const notify = (i: number) => listeners.get(i)?.forEach((l) => l());
  const notifyRange = (r: [number, number] | null) => {
    if (r) for (let i = r[0]; i < r[1]; i++) notify(i);
  };
  // Which paragraphs' spans changed is the session's to say (it computes the buckets); it calls
  // its listeners once its new state is readable, so a woken paragraph reads it. A new article
  // (new paragraphs) is `all`, so the caret's paragraph needs no check of its own here.
  const stopSession = store.getState().documentSession.subscribe((change) => {
    if (change.all) listeners.forEach((set) => set.forEach((l) => l()));
    else change.paragraphs.forEach(notify);
  });
  const stopStore = store.subscribe((s, prev) => {
    if (s.textSelection !== prev.textSelection || s.textFocused !== prev.textFocused) {
      const before = caretParagraph(prev);
      const after = caretParagraph(s);
      if (before >= 0) notify(before);
      if (after >= 0 && after !== before) notify(after);
    }
    if (s.selectedSpanId !== prev.selectedSpanId) {
      notifyRange(selectedRange(prev));
      notifyRange(selectedRange(s));
    }
  });
  return {
    subscribe(index, listener) {
      let set = listeners.get(index);
      if (!set) listeners.set(index, (set = new Set()));
      set.add(listener);
      return () => {
        set!.delete(listener);
        if (!set!.size) listeners.delete(index);
      };
    },
    dispose() {
      stopSession();
      stopStore();
    },
  };
}

export interface ParagraphState {
  bucket: Bucket;
  /** Caret offset when the caret is in this paragraph (and the text has focus), else -1. */
  caret: number;
  /** The selected span's id when it is one of this paragraph's spans. */
  selectedId: string | null;
}

const NO_SPANS: readonly Span[] = [];

/** What one paragraph renders from the document and the store, re-read only when the hub wakes it. */
export function useParagraphState(store: WorkbenchStore, hub: ParagraphHub, index: number, range: TextRange): ParagraphState {
  const last = useRef<ParagraphState | null>(null);
  const subscribe = useCallback((listener: () => void) => hub.subscribe(index, listener), [hub, index]);
  const getSnapshot = () => {
    const s = store.getState();
    const bucket = documentOf(s).buckets[index] ?? NO_SPANS;
    const sel = s.textSelection;
    const caret = s.textFocused && sel && sel.focus >= range.start && sel.focus <= range.end ? sel.focus : -1;
    const selectedId = s.selectedSpanId && bucket.some((sp) => sp.id === s.selectedSpanId) ? s.selectedSpanId : null;
    const prev = last.current;
    if (prev && prev.bucket === bucket && prev.caret === caret && prev.selectedId === selectedId) return prev;
    return (last.current = { bucket, caret, selectedId });
  };
  return useSyncExternalStore(subscribe, getSnapshot);
}
