/**
 * The shape of the renderer's one zustand store, assembled from slices per concern
 * (zustand "slices pattern"). Each slice file owns its state and actions; cross-slice work
 * goes through `get()`. Components subscribe with narrow selectors (see StoreContext.tsx).
 */
import type { StoreApi } from 'zustand/vanilla';
import type { ExportResult, WorkbenchApi } from '../../../shared/api/contract';
import type { WorkspaceSlice } from './workspaceSlice';
import type { LibrarySlice } from './librarySlice';
import type { DocumentSlice } from './documentSlice';
import type { SelectionSlice } from './selectionSlice';
import type { HistorySlice } from './historySlice';
import type { UiSlice } from './uiSlice';

export type WorkbenchState = WorkspaceSlice & LibrarySlice & DocumentSlice & SelectionSlice & HistorySlice & UiSlice;

/** What the store needs from the outside world; tests pass fakes. */
export interface StoreDeps {
  api: WorkbenchApi;
  /** Offer an exported file to the user (Blob + a[download] in the app). */
  download: (file: ExportResult) => void;
  now: () => string;
  newId: (prefix: string) => string;
}

export type SetState = StoreApi<WorkbenchState>['setState'];
export type GetState = StoreApi<WorkbenchState>['getState'];
export type SliceCreator<T> = (set: SetState, get: GetState, deps: StoreDeps) => T;
