/**
 * UI state that is nobody's data: which dialog is open, the error messages shown in the
 * alert region, and a transient notice (e.g. "Select some text first").
 */
import { describeError } from './describeError';
import type { SliceCreator, UiSlice } from './types';

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
