/**
 * UI state that is nobody's data: which dialog is open, the error messages shown in the
 * alert region, and a transient notice (e.g. "Select some text first").
 */
import type { ImportPreview } from '../../../shared/api/contract';
import { describeError } from './describeError';
import type { SliceCreator } from './types';

export type DialogState =
  | { kind: 'settings' }
  | { kind: 'help' }
  | { kind: 'addArticle' }
  | { kind: 'deleteArticle'; articleId: string; title: string }
  | { kind: 'deleteSpanWithStatements'; spanId: string }
  | { kind: 'mergeEntities'; ids: string[] }
  | { kind: 'deleteEntities'; ids: string[] }
  | { kind: 'importJsonl'; fileName: string; content: string; preview: ImportPreview }
  | { kind: 'import' }
  | { kind: 'export' };

export interface UiMessage {
  id: number;
  message: string;
}

export interface UiSlice {
  dialog: DialogState | null;
  errors: UiMessage[];
  /** Errors with an id above this were reported while the open dialog was open; the dialog shows those. */
  dialogErrorFloor: number;
  notice: UiMessage | null;
  /** Bumped to ask the note field of the selected span to take focus (Enter on a span). */
  noteFocusSeq: number;
  requestNoteFocus(): void;
  openDialog(dialog: DialogState): void;
  closeDialog(): void;
  /** Show an error in the alert region; `context` says what was being attempted. */
  reportError(err: unknown, context?: string): void;
  dismissError(id: number): void;
  clearErrors(): void;
  showNotice(message: string): void;
}

let nextMessageId = 1;

export const createUiSlice: SliceCreator<UiSlice> = (set) => ({
  dialog: null,
  errors: [],
  dialogErrorFloor: 0,
  notice: null,
  noteFocusSeq: 0,
  requestNoteFocus: () => set((s) => ({ noteFocusSeq: s.noteFocusSeq + 1 })),
  openDialog: (dialog) => set({ dialog, dialogErrorFloor: nextMessageId - 1 }),
  closeDialog: () => set({ dialog: null }),
  reportError: (err, context) => {
    const text = describeError(err);
    const message = context ? `${context}: ${text}` : text;
    // The same failure repeated (e.g. several queued edits) is shown once.
    set((s) => (s.errors.some((e) => e.message === message) ? s : { errors: [...s.errors, { id: nextMessageId++, message }] }));
  },
  dismissError: (id) => set((s) => ({ errors: s.errors.filter((e) => e.id !== id) })),
  clearErrors: () => set({ errors: [] }),
  showNotice: (message) => set({ notice: { id: nextMessageId++, message } }),
});
