/**
 * Undo/redo for the open article. An entry keeps the batch that was sent and its inverse
 * (computed by `invertEdits` against the state it was applied to); undoing sends the inverse
 * batch, redoing sends the batch again. Stack moves happen optimistically together with the
 * edit and are reverted if the service refuses it (see documentSlice's rollback).
 */
import type { Edit } from '../../../shared/domain/edits';
import type { SliceCreator, WorkbenchState } from './types';

export interface HistoryEntry {
  id: string;
  articleId: string;
  /** What the user did, for the Undo/Redo button titles: "Add Actor", "Delete span". */
  description: string;
  edits: Edit[];
  inverse: Edit[];
}

/** How a batch moves the history stacks. */
export type HistoryEffect =
  | { kind: 'record'; entry: HistoryEntry }
  | { kind: 'undo'; entryId: string }
  | { kind: 'redo'; entryId: string };

export interface HistorySlice {
  undoStack: HistoryEntry[];
  redoStack: HistoryEntry[];
  undo(): boolean;
  redo(): boolean;
  resetHistory(): void;
  /** Move the stacks for a batch that was just applied (called by the document slice). */
  applyHistoryEffect(effect: HistoryEffect): void;
  /** Undo that move after the service refused the batch. */
  revertHistoryEffect(effect: HistoryEffect): void;
}

export const HISTORY_LIMIT = 1000;

/** After undo/redo, select (and scroll to) the span that came back or changed, so the user sees what happened. */
function revealEdits(state: WorkbenchState, edits: readonly Edit[]): void {
  for (const e of edits) {
    const id = e.type === 'addSpan' ? e.span.id : e.type === 'updateSpan' ? e.id : null;
    if (id && state.article?.spans.some((s) => s.id === id)) {
      state.selectSpan(id, { scroll: true, moveCaret: true });
      return;
    }
  }
}

function without(stack: HistoryEntry[], id: string): [HistoryEntry[], HistoryEntry | undefined] {
  const entry = stack.find((e) => e.id === id);
  return entry ? [stack.filter((e) => e !== entry), entry] : [stack, undefined];
}

export const createHistorySlice: SliceCreator<HistorySlice> = (set, get) => ({
  undoStack: [],
  redoStack: [],

  undo: () => {
    const entry = get().undoStack.at(-1);
    if (!entry || entry.articleId !== get().openArticleId) return false;
    const ok = get().sendEdits(entry.inverse, { kind: 'undo', entryId: entry.id });
    if (ok) revealEdits(get(), entry.inverse);
    return ok;
  },
  redo: () => {
    const entry = get().redoStack.at(-1);
    if (!entry || entry.articleId !== get().openArticleId) return false;
    const ok = get().sendEdits(entry.edits, { kind: 'redo', entryId: entry.id });
    if (ok) revealEdits(get(), entry.edits);
    return ok;
  },
  resetHistory: () => set({ undoStack: [], redoStack: [] }),

  applyHistoryEffect: (effect) =>
    set((s) => {
      switch (effect.kind) {
        case 'record':
          return { undoStack: [...s.undoStack, effect.entry].slice(-HISTORY_LIMIT), redoStack: [] };
        case 'undo': {
          const [undoStack, entry] = without(s.undoStack, effect.entryId);
          return entry ? { undoStack, redoStack: [...s.redoStack, entry] } : s;
        }
        case 'redo': {
          const [redoStack, entry] = without(s.redoStack, effect.entryId);
          return entry ? { redoStack, undoStack: [...s.undoStack, entry] } : s;
        }
      }
    }),

  revertHistoryEffect: (effect) =>
    set((s) => {
      switch (effect.kind) {
        case 'record':
          return {
            undoStack: s.undoStack.filter((e) => e.id !== effect.entry.id),
            redoStack: s.redoStack.filter((e) => e.id !== effect.entry.id),
          };
        case 'undo': {
          const [redoStack, entry] = without(s.redoStack, effect.entryId);
          return entry ? { redoStack, undoStack: [...s.undoStack, entry] } : s;
        }
        case 'redo': {
          const [undoStack, entry] = without(s.undoStack, effect.entryId);
          return entry ? { undoStack, redoStack: [...s.redoStack, entry] } : s;
        }
      }
    }),
});
