/** Assembles the slices into the one store. Each window (and each test) makes its own. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { newId as randomId, nowIso } from '../../../shared/domain/model';
import { createDocumentSlice } from './documentSlice';
import { createHistorySlice } from './historySlice';
import { createInterchangeSlice } from './interchangeSlice';
import { createScreenSlice } from './screenSlice';
import { createStatementsSlice } from '../statements/statementsSlice';
import { createEntitiesSlice } from '../entities/entitiesSlice';
import { createNetworkSlice } from '../network/networkSlice';
import { createTeamSlice } from '../team/teamSlice';
import { createLibrarySlice } from './librarySlice';
import { createSelectionSlice } from './selectionSlice';
import { createUiSlice } from './uiSlice';
import { createWorkspaceSlice } from './workspaceSlice';
import type { StoreDeps, WorkbenchState } from './types';

export type WorkbenchStore = StoreApi<WorkbenchState>;

export function createWorkbenchStore(deps: Partial<StoreDeps> & Pick<StoreDeps, 'api'>): WorkbenchStore {
  const full: StoreDeps = {
    download: () => {},
    saveFile: () => {},
    now: nowIso,
    newId: randomId,
    ...deps,
  };
  return createStore<WorkbenchState>()((set, get) => ({
    ...createWorkspaceSlice(set, get, full),
    ...createLibrarySlice(set, get, full),
    ...createDocumentSlice(set, get, full),
    ...createSelectionSlice(set, get, full),
    ...createHistorySlice(set, get, full),
    ...createUiSlice(set, get, full),
    ...createInterchangeSlice(set, get, full),
    ...createScreenSlice(set, get, full),
    ...createStatementsSlice(set, get, full),
    ...createEntitiesSlice(set, get, full),
    ...createNetworkSlice(set, get, full),
    ...createTeamSlice(set, get, full),
  }));
}

/** Load what the first screen needs. */
export async function initializeStore(store: WorkbenchStore): Promise<void> {
  await Promise.all([store.getState().loadWorkspace(), store.getState().loadLibrary()]);
}
