/**
 * Undo/redo stacks as values. An entry keeps the batch that was sent and its inverse (computed
 * by `invertEdits` against the state it was applied to); undoing sends the inverse, redoing the
 * batch again. A stack move happens optimistically with its batch and is reverted if the
 * service refuses the batch: `move` and `revert` are exact opposites.
 */
import type { Edit } from '../../../shared/domain/edits';

export interface HistoryEntry {
  readonly id: string;
  readonly articleId: string;
  /** What the user did, for the Undo/Redo button titles: "Add Actor", "Delete span". */
  readonly description: string;
  readonly edits: readonly Edit[];
  readonly inverse: readonly Edit[];
}

/** How a batch moves the stacks. */
export type HistoryMove =
  | { readonly kind: 'record'; readonly entry: HistoryEntry }
  | { readonly kind: 'undo'; readonly entryId: string }
  | { readonly kind: 'redo'; readonly entryId: string };

export interface EditHistory {
  readonly undoStack: readonly HistoryEntry[];
  readonly redoStack: readonly HistoryEntry[];
}

export const EMPTY_HISTORY: EditHistory = { undoStack: [], redoStack: [] };
export const HISTORY_LIMIT = 1000;

function take(stack: readonly HistoryEntry[], id: string): [readonly HistoryEntry[], HistoryEntry | undefined] {
  const entry = stack.find((e) => e.id === id);
  return entry ? [stack.filter((e) => e !== entry), entry] : [stack, undefined];
}

/** The stacks after a batch with this move was applied. */
export function moveHistory(h: EditHistory, move: HistoryMove): EditHistory {
  switch (move.kind) {
    case 'record':
      return { undoStack: [...h.undoStack, move.entry].slice(-HISTORY_LIMIT), redoStack: [] };
    case 'undo': {
      const [undoStack, entry] = take(h.undoStack, move.entryId);
      return entry ? { undoStack, redoStack: [...h.redoStack, entry] } : h;
    }
    case 'redo': {
      const [redoStack, entry] = take(h.redoStack, move.entryId);
      return entry ? { redoStack, undoStack: [...h.undoStack, entry] } : h;
    }
  }
}

/** The stacks as if the batch with this move had never been made (the service refused it). */
export function revertHistory(h: EditHistory, move: HistoryMove): EditHistory {
  if (move.kind === 'record')
    return { undoStack: h.undoStack.filter((e) => e.id !== move.entry.id), redoStack: h.redoStack.filter((e) => e.id !== move.entry.id) };
  // Taking an undo back is redoing that entry, and the other way round.
  return moveHistory(h, { kind: move.kind === 'undo' ? 'redo' : 'undo', entryId: move.entryId });
}

/** Rewrite the edits of every entry (ids remapped by the service); entries left as they were keep their identity. */
export function mapHistory(h: EditHistory, rewrite: (edits: readonly Edit[]) => readonly Edit[]): EditHistory {
  const map = (stack: readonly HistoryEntry[]) =>
    stack.map((entry) => {
      const edits = rewrite(entry.edits);
      const inverse = rewrite(entry.inverse);
      return edits === entry.edits && inverse === entry.inverse ? entry : { ...entry, edits, inverse };
    });
  return { undoStack: map(h.undoStack), redoStack: map(h.redoStack) };
}
