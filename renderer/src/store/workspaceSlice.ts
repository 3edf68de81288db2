/**
 * The workspace the service has open: its settings (annotator name, word snapping) and the
 * label schema. Loaded once at start and after an import that adds labels.
 */
import type { WorkspaceInfo } from '../../../shared/api/contract';
import type { Label } from '../../../shared/domain/model';
import type { SliceCreator, WorkspaceSlice } from './types';

const NO_LABELS: readonly Label[] = [];

export function selectLabels(s: { workspace: WorkspaceInfo | null }): readonly Label[] {
  return s.workspace?.schema.labels ?? NO_LABELS;
}

export const createWorkspaceSlice: SliceCreator<WorkspaceSlice> = (set, get, { api }) => ({
  workspace: null,
  loadWorkspace: async () => {
    try {
      set({ workspace: await api.getWorkspace({}) });
    } catch (err) {
      get().reportError(err, 'Could not open the workspace');
    }
  },
  dismissNotices: () => {
    const ws = get().workspace;
    if (ws?.notices) set({ workspace: { ...ws, notices: [] } });
  },
  saveSettings: async (patch) => {
    try {
      const settings = await api.updateSettings(patch);
      const ws = get().workspace;
      if (ws) set({ workspace: { ...ws, settings } });
      return true;
    } catch (err) {
      get().reportError(err, 'Could not save the settings');
      return false;
    }
  },
});
