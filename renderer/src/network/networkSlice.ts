/**
 * What the Network view remembers while the user goes elsewhere: the filters, the kind of
 * network, the minimum edge weight drawn; and the way out for exported files (the store's
 * `download`, a Blob behind <a download> in the app).
 */
import type { ExportResult, StatementRow } from '../../../shared/api/contract';
import type { ArticleStatus, Polarity } from '../../../shared/domain/model';
import type { SliceCreator } from '../store/types';

export type NetworkChoice = 'two-mode' | 'actor-congruence' | 'actor-conflict' | 'concept-congruence' | 'concept-conflict';

export interface NetworkSettings {
  kind: NetworkChoice;
  /** "YYYY-MM-DD" or '' for no bound. */
  from: string;
  to: string;
  statuses: readonly ArticleStatus[];
  polarities: readonly Polarity[];
  /** Edges lighter than this are not drawn; null picks one that keeps the drawing fast. */
  minWeight: number | null;
}

export const DEFAULT_NETWORK_SETTINGS: NetworkSettings = {
  kind: 'two-mode',
  from: '',
  to: '',
  statuses: ['not_started', 'in_progress', 'done'],
  polarities: ['support', 'oppose', 'neutral'],
  minWeight: null,
};

export interface NetworkSlice {
  networkSettings: NetworkSettings;
  /** Every statement of the workspace, flattened (loaded each time the Network view opens). */
  statementRows: StatementRow[] | null;
  statementRowsLoading: boolean;
  loadStatementRows(): Promise<void>;
  setNetworkSettings(patch: Partial<NetworkSettings>): void;
  /** Hand a file to the user (download). */
  offerFile(file: ExportResult): void;
}

export const createNetworkSlice: SliceCreator<NetworkSlice> = (set, get, { api, download }) => ({
  networkSettings: DEFAULT_NETWORK_SETTINGS,
  statementRows: null,
  statementRowsLoading: false,
  loadStatementRows: async () => {
    set({ statementRowsLoading: true });
    try {
      // Edits still on their way would be missing from what the service lists.
      await get().whenSaved();
      const [rows] = await Promise.all([api.listStatements({}), get().loadEntities(true)]);
      set({ statementRows: rows, statementRowsLoading: false });
    } catch (err) {
      set({ statementRowsLoading: false });
      get().reportError(err, 'Could not list the statements');
    }
  },
  setNetworkSettings: (patch) => set((s) => ({ networkSettings: { ...s.networkSettings, ...patch } })),
  offerFile: (file) => {
    try {
      download(file);
    } catch (err) {
      get().reportError(err, `Could not save ${file.fileName}`);
    }
  },
});
