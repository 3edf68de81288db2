/**
 * What the Network view remembers while the user goes elsewhere: the filters, the kind of
 * network, the minimum edge weight drawn; and the way out for exported files (the store's
 * `download`, a Blob behind <a download> in the app).
 */
import type { ExportResult, StatementRow } from '../../../shared/api/contract';
import type { ArticleStatus, Polarity } from '../../../shared/domain/model';
import { networkExportFile } from '../../../shared/network/networkExport';
import type { Network } from '../../../shared/network/networks';
import type { AnalysisRow } from '../../../shared/network/statementsTable';
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
  /** True while the statements CSV reads the article texts it needs. */
  statementsExporting: boolean;
  /**
   * Download the statements CSV of `rows`, with the code-point offsets filled: the texts of
   * their articles are read first (a few at a time).
   */
  exportStatementsCsv(network: Network, rows: readonly AnalysisRow[]): Promise<void>;
}

/** Article texts read at once for the statements CSV. */
const TEXTS_IN_FLIGHT = 8;

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
  statementsExporting: false,
  exportStatementsCsv: async (network, rows) => {
    if (get().statementsExporting) return;
    set({ statementsExporting: true });
    try {
      const ids = [...new Set(rows.map((r) => r.articleId))];
      const articleTexts = new Map<string, string>();
      for (let i = 0; i < ids.length; i += TEXTS_IN_FLIGHT) {
        const batch = ids.slice(i, i + TEXTS_IN_FLIGHT);
        const articles = await Promise.all(batch.map((id) => api.getArticle({ id })));
        articles.forEach((a) => articleTexts.set(a.id, a.text));
      }
      get().offerFile({ ...networkExportFile('statements-csv', network, rows, { articleTexts }), encoding: 'utf8' });
    } catch (err) {
      get().reportError(err, 'Could not export the statements');
    } finally {
      set({ statementsExporting: false });
    }
  },
});
