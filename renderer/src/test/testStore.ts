/** Test helper: a store over a fake API with one article open. */
import { createFakeApi, makeArticle, type FakeApi } from './fakeApi';
import type { Article } from '../../../shared/domain/model';
import type { ExportResult } from '../../../shared/api/contract';
import type { DocumentState } from '../session/documentSession';
import { createWorkbenchStore, initializeStore, type WorkbenchStore } from '../store/createWorkbenchStore';

export const SAMPLE_TEXT =
  'Akira Endo met Ali-Asghar Khaji in Tehran.\nThey discussed the Astana peace process.\n\nThe ministry denounced the strikes.';

export interface TestStore {
  store: WorkbenchStore;
  api: FakeApi;
  downloads: ExportResult[];
  /** Files the store saved through `saveFile` (background exports), in order. */
  savedFiles: { blob: Blob; fileName: string }[];
  state: () => ReturnType<WorkbenchStore['getState']>;
  /** The open document's state: the DocumentSession's, which the store does not copy. */
  doc: () => DocumentState;
  saved: () => Promise<void>;
}

export async function createTestStore(options: { articles?: Article[]; open?: string | null; notices?: string[] } = {}): Promise<TestStore> {
  const articles = options.articles ?? [makeArticle({ id: 'art1', title: 'Diplomats meet', text: SAMPLE_TEXT })];
  const api = createFakeApi({ articles, notices: options.notices });
  const downloads: ExportResult[] = [];
  const savedFiles: TestStore['savedFiles'] = [];
  let n = 0;
  const store = createWorkbenchStore({
    api,
    download: (f) => downloads.push(f),
    saveFile: (blob, fileName) => savedFiles.push({ blob, fileName }),
    newId: (p) => `${p}${++n}`,
  });
  await initializeStore(store);
  const open = options.open === undefined ? articles[0]?.id : options.open;
  if (open) await store.getState().openArticle(open);
  return {
    store,
    api,
    downloads,
    savedFiles,
    state: () => store.getState(),
    doc: () => store.getState().documentSession.getState(),
    saved: async () => {
      await store.getState().whenSaved();
      // Let the pump's continuation run.
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}

/** Select text by its content (first occurrence) and apply a label. */
export function labelText(t: TestStore, words: string, labelId: string): string | null {
  const text = t.doc().article!.text;
  const start = text.indexOf(words);
  if (start < 0) throw new Error(`"${words}" is not in the text`);
  t.state().setSelectionFromDom({ anchor: start, focus: start + words.length });
  t.state().applyLabel(labelId);
  return t.state().selectedSpanId;
}
