/**
 * Undo/redo for the open article. The stacks live in the DocumentSession
 * (session/editHistory.ts; read them with `documentOf(s).undoStack`); undoing or redoing
 * selects what came back, so the user sees what happened.
 */
import type { Edit } from '../../../shared/domain/edits';
import { labelIdSet } from './documentSlice';
import { documentOf } from './documentState';
import type { HistorySlice, SliceCreator, WorkbenchState } from './types';

export type { HistoryEntry } from '../session/editHistory';

/** After undo/redo, select (and scroll to) the span that came back or changed. */
function revealEdits(state: WorkbenchState, edits: readonly Edit[]): void {
  for (const e of edits) {
    const id = e.type === 'addSpan' ? e.span.id : e.type === 'updateSpan' ? e.id : null;
    if (id && documentOf(state).article?.spans.some((s) => s.id === id)) {
      state.selectSpan(id, { scroll: true, moveCaret: true });
      return;
    }
  }
}

export const createHistorySlice: SliceCreator<HistorySlice> = (_set, get) => {
  const step = (which: 'undo' | 'redo') => {
    const s = get();
    try {
      const edits = which === 'undo' ? s.documentSession.undo(labelIdSet(s)) : s.documentSession.redo(labelIdSet(s));
      if (!edits) return false;
      revealEdits(get(), edits);
      return true;
    } catch (err) {
      s.reportError(err, 'That change does not fit the article');
      return false;
    }
  };
  return {
    undo: () => step('undo'),
    redo: () => step('redo'),
  };
};
