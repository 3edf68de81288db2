/**
 * The workbench service: one implementation of every operation in the API contract, over a
 * WorkspaceStore. Plain Node, no `electron` import: the Electron IPC handlers, the browser
 * host and the CLI all call these same handlers through `createDispatcher`, which has already
 * validated each input against the contract.
 */
import { promises as fsp } from 'node:fs';
import { isUploadedFile, type WorkbenchHandlers } from '../../shared/api/contract';
import { WorkbenchError } from '../../shared/api/errors';
import { applyEdits, EditConflictError } from '../../shared/domain/edits';
import { newId, nowIso, type Article, type ArticleSummary } from '../../shared/domain/model';
import { articleSearchKey, normalizeArticleQuery } from '../../shared/domain/articleSearch';
import { exportArticles } from './interchange';
import { prepareImportRequest, uploadIdsOf } from './importRequest';
import { createStatementHandlers } from './statementHandlers';
import { createTeamHandlers } from './teamHandlers';
import { createExportJobs } from './exportJobs';
import { createUploads } from './uploads';
import { KeyedQueue, type WorkspaceStore } from './workspaceStore';

/** Title for an imported text file: its first non-empty line if short, else the file name. */
export function titleForTextFile(fileName: string, content: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.(txt|md|markdown)$/i, '');
  const firstLine = content.split(/\r?\n/).find((l) => l.trim() !== '')?.trim().replace(/^#+\s*/, '');
  if (firstLine && firstLine.length <= 120 && /\.md$/i.test(fileName)) return firstLine;
  return base || 'Untitled';
}

export function createWorkbenchHandlers(
  store: WorkspaceStore,
  exportJobs = createExportJobs(store),
  uploads = createUploads(store.dir),
): WorkbenchHandlers {
  const queue = new KeyedQueue();
  // Imports are not cancelled from the API; the streamed import takes a signal all the same.
  const never = new AbortController().signal;
  const manifestKey = '\u0000manifest';

  const newArticle = (fields: Pick<Article, 'title' | 'text'> & Partial<Article>): Article => {
    const now = nowIso();
    return {
      id: newId('a'),
      status: 'not_started',
      createdAt: now,
      updatedAt: now,
      spans: [],
      statements: [],
      ...fields,
    };
  };

  /** The library's summaries matching the filter's `query` (all of them without one), in library order. */
  const matchingSummaries = (query: string | undefined): ArticleSummary[] => {
    const all = store.listSummaries();
    const q = normalizeArticleQuery(query);
    return q ? all.filter((a) => articleSearchKey(a).includes(q)) : all;
  };

  return {
    ...createStatementHandlers(store, (key, task) => queue.run(key, task), manifestKey),
    ...exportJobs.handlers,
    ...uploads.handlers,
    ...createTeamHandlers(store, uploads, queue),

    async getWorkspace() {
      return { path: store.dir, settings: store.settings, schema: store.schema, notices: [...store.notices] };
    },

    updateSettings(patch) {
      return queue.run(manifestKey, async () => {
        await store.updateManifest((m) => {
          m.settings = { ...m.settings, ...patch };
        });
        return store.settings;
      });
    },

    async listArticles({ query }) {
      return matchingSummaries(query);
    },

    async listArticlePage({ offset, limit, query }) {
      // Unfiltered, only the page's rows become summaries: the first screenful of 100,000 costs what 200 do.
      if (!normalizeArticleQuery(query)) {
        return { total: store.articleEntries.length, articles: store.listSummaries(offset, offset + limit) };
      }
      const matching = matchingSummaries(query);
      return { total: matching.length, articles: matching.slice(offset, offset + limit) };
    },

    async getArticle({ id, withoutAnnotations }) {
      const article = await store.readArticle(id);
      return withoutAnnotations ? { ...article, spans: [], statements: [] } : article;
    },

    async getArticleAnnotations({ id }) {
      const { updatedAt, spans, statements } = await store.readArticle(id);
      return { updatedAt, spans, statements };
    },

    createArticle(input) {
      return queue.run(manifestKey, async () => {
        const [summary] = await store.addArticles([
          newArticle({
            title: input.title,
            text: input.text,
            ...(input.source ? { source: input.source } : {}),
            ...(input.url ? { url: input.url } : {}),
            ...(input.date ? { date: input.date } : {}),
          }),
        ]);
        return summary;
      });
    },

    importTextFiles({ files }) {
      return queue.run(manifestKey, async () => {
        const articles = [];
        for (const f of files) {
          // Bytes (uploaded or base64) are decoded here, and must be UTF-8.
          const bytes = isUploadedFile(f) ? await fsp.readFile(uploads.pathOf(f).path) : f.encoding === 'base64' ? Buffer.from(f.content, 'base64') : null;
          const text = bytes?.toString('utf8') ?? (isUploadedFile(f) ? '' : f.content);
          if (text.trim() === '') throw new WorkbenchError('invalid_input', `${f.name} is empty`, f.name);
          if (text.includes('\uFFFD') && bytes) throw new WorkbenchError('invalid_input', `${f.name} is not valid UTF-8 text`, f.name);
          articles.push(newArticle({ title: titleForTextFile(f.name, text), text: text.replace(/^\uFEFF/, '') }));
        }
        const added = await store.addArticles(articles);
        await uploads.remove(uploadIdsOf(files));
        return added;
      });
    },

    deleteArticle({ id }) {
      return queue.run(manifestKey, async () => {
        await queue.run(id, () => store.deleteArticle(id));
        return { deleted: id };
      });
    },

    editArticle({ articleId, edits }) {
      return queue.run(articleId, async () => {
        const before = await store.readArticle(articleId);
        const labelIds = new Set(store.schema.labels.map((l) => l.id));
        let after: Article;
        try {
          after = applyEdits(before, edits, labelIds);
        } catch (err) {
          if (err instanceof EditConflictError) throw new WorkbenchError('conflict', err.message);
          throw err;
        }
        return store.commitEdits(articleId, edits, { ...after, updatedAt: nowIso() });
      });
    },

    async previewImport(request) {
      return (await prepareImportRequest(request, store, uploads, never)).preview;
    },

    commitImport(request) {
      return queue.run(manifestKey, async () => {
        // Articles and the labels and entities they add are committed by one manifest write.
        const added = await (await prepareImportRequest(request, store, uploads, never)).commit();
        await uploads.remove(uploadIdsOf(request.files));
        return added;
      });
    },

    async exportData(request) {
      await store.flush();
      return exportArticles(request, store);
    },
  };
}
