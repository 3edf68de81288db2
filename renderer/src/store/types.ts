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
import type { InterchangeSlice } from './interchangeSlice';
import type { ScreenSlice } from './screenSlice';
import type { StatementsSlice } from '../statements/statementsSlice';
import type { EntitiesSlice } from '../entities/entitiesSlice';
import type { NetworkSlice } from '../network/networkSlice';

export type WorkbenchState = WorkspaceSlice &
  LibrarySlice &
  DocumentSlice &
  SelectionSlice &
  HistorySlice &
  UiSlice &
  InterchangeSlice &
  ScreenSlice &
  StatementsSlice &
  EntitiesSlice &
  NetworkSlice;

/** What the store needs from the outside world; tests pass fakes. */
export interface StoreDeps {
  api: WorkbenchApi;
  /** Offer an exported file to the user (Blob + a[download] in the app). */
  download: (file: ExportResult) => void;
  /** Save a file the renderer assembled (a background export read back in chunks). */
  saveFile: (blob: Blob, fileName: string) => void;
  now: () => string;
  newId: (prefix: string) => string;
}

export type SetState = StoreApi<WorkbenchState>['setState'];
export type GetState = StoreApi<WorkbenchState>['getState'];
export type SliceCreator<T> = (set: SetState, get: GetState, deps: StoreDeps) => T;
