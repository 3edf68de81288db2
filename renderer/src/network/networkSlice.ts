/**
 * What the Network view remembers while the user goes elsewhere: the filters, the kind of
 * network, the minimum edge weight drawn; and the way out for exported files (the store's
 * `download`, a Blob behind <a download> in the app).
 */
import { networkExportFile } from '../../../shared/network/networkExport';
import type { NetworkSettings, NetworkSlice, SliceCreator } from '../store/types';

export const DEFAULT_NETWORK_SETTINGS: NetworkSettings = {
  kind: 'two-mode',
  from: '',
  to: '',
  statuses: ['not_started', 'in_progress', 'done'],
  polarities: ['support', 'oppose', 'neutral'],
  minWeight: null,
};

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
