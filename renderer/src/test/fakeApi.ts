/**
 * An in-memory WorkbenchApi for renderer tests, following the contract: edits go through
 * the real `applyEdits` (with the schema's label ids), errors are WorkbenchErrors, JSONL uses
 * the native codec. Tests can make the next call of an operation fail, hold calls until
 * released, and read the log of calls.
 */
import { computeAgreement } from '../../../shared/agreement/agreement';
import { curationProgressOf } from '../../../shared/agreement/curation';
import type { ArticleLayer } from '../../../shared/api/teamContract';
import type { OperationInput, OperationName, OperationOutput, WorkbenchApi } from '../../../shared/api/contract';
import { WorkbenchError } from '../../../shared/api/errors';
import { applyEdits, EditConflictError } from '../../../shared/domain/edits';
import { summarizeArticle, type Article, type Entity, type Label, type WorkspaceSettings } from '../../../shared/domain/model';
import { articleSearchKey, normalizeArticleQuery } from '../../../shared/domain/articleSearch';
import { articleToJsonlLine } from '../../../shared/formats/jsonl';
import { statementRowsOf } from '../../../shared/network/statementRow';
import { createFakeInterchange, type FakeExportJobs, type FakeUploads } from './fakeInterchange';

export const TEST_LABELS: Label[] = [
  { id: 'actor', name: 'Actor', color: '#2563eb', hotkey: '1' },
  { id: 'stance', name: 'Stance', color: '#d97706', hotkey: '2' },
  { id: 'claim', name: 'Claim', color: '#059669', hotkey: '3' },
];

const T0 = '2026-01-01T00:00:00.000Z';

export function makeArticle(partial: Partial<Article> & Pick<Article, 'id' | 'text'>): Article {
  return {
    title: partial.id,
    status: 'not_started',
    createdAt: T0,
    updatedAt: T0,
    spans: [],
    statements: [],
    ...partial,
  };
}

export interface FakeApi extends WorkbenchApi {
  articles: Map<string, Article>;
  /** Collected annotator layers per article id (set by tests). */
  layers: Map<string, ArticleLayer[]>;
  /** The workspace's actor entities and concepts. */
  entities: Entity[];
  settings: WorkspaceSettings;
  labels: Label[];
  calls: { name: OperationName; input: unknown }[];
  /** Make the next call of `name` fail with this error. */
  failNext(name: OperationName, error?: WorkbenchError): void;
  /** Hold calls of `name` until `release()` is called; returns release. */
  hold(name: OperationName): () => void;
  /** Simulated background exports: hold them (`manual`), advance them, see what was cancelled. */
  exportJobs: FakeExportJobs;
  /** Files uploaded in chunks (the Import dialog's large files). */
  uploads: FakeUploads;
}

export function createFakeApi(
  options: { articles?: Article[]; settings?: Partial<WorkspaceSettings>; labels?: Label[]; entities?: Entity[]; notices?: string[] } = {},
): FakeApi {
  const articles = new Map((options.articles ?? []).map((a) => [a.id, a]));
  let entities: Entity[] = (options.entities ?? []).map((e) => structuredClone(e));
  /** Relink spans in every article (like the service): null unlinks. Returns how many spans changed. */
  const relinkSpans = (map: (entityId: string) => string | null | undefined) => {
    let changed = 0;
    for (const [id, a] of articles) {
      const spans = a.spans.map((s) => {
        const next = s.entityId ? map(s.entityId) : undefined;
        if (next === undefined) return s;
        changed++;
        const { entityId: _old, ...rest } = s;
        return next === null ? rest : { ...rest, entityId: next };
      });
      articles.set(id, { ...a, spans });
    }
    return changed;
  };
  const labels = options.labels ?? TEST_LABELS.map((l) => ({ ...l }));
  const settings: WorkspaceSettings = { annotator: 'Tester', snapToWords: true, ...options.settings };
  const failures = new Map<OperationName, WorkbenchError[]>();
  const holds = new Map<OperationName, Promise<void>>();
  const calls: FakeApi['calls'] = [];
  let seq = 0;
  const interchange = createFakeInterchange({ articles, labels, nextArticleId: () => `a${++seq}`, summarize: summarizeArticle });

  /** Collected annotator layers per article id, as listArticleLayers returns them. */
  const layers = new Map<string, ArticleLayer[]>();
  const notInFake = (name: string): never => {
    throw new WorkbenchError('invalid_input', `${name} builds real packages; test it against the service (electron/cli/teamWork.test.ts), not the fake`);
  };

  const get = (id: string) => {
    const a = articles.get(id);
    if (!a) throw new WorkbenchError('not_found', `article ${id} does not exist`);
    return a;
  };

  const handlers: { [K in OperationName]: (input: OperationInput<K>) => Promise<OperationOutput<K>> | OperationOutput<K> } = {
    getWorkspace: () => ({
      path: '/tmp/fake-workspace',
      settings: { ...settings },
      schema: { labels: labels.map((l) => ({ ...l })) },
      ...(options.notices ? { notices: [...options.notices] } : {}),
    }),
    updateSettings: (patch) => {
      Object.assign(settings, Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)));
      return { ...settings };
    },
    listArticles: () => [...articles.values()].map(summarizeArticle),
    listArticlePage: ({ offset, limit, query }) => {
      const q = normalizeArticleQuery(query);
      const all = [...articles.values()].map(summarizeArticle).filter((a) => !q || articleSearchKey(a).includes(q));
      return { total: all.length, articles: all.slice(offset, offset + limit) };
    },
    getArticle: ({ id, withoutAnnotations }) => structuredClone(withoutAnnotations ? { ...get(id), spans: [], statements: [] } : get(id)),
    getArticleAnnotations: ({ id }) => {
      const { updatedAt, spans, statements } = structuredClone(get(id));
      return { updatedAt, spans, statements };
    },
    createArticle: (input) => {
      const a = makeArticle({ id: `a${++seq}`, ...input });
      articles.set(a.id, a);
      return summarizeArticle(a);
    },
    importTextFiles: ({ files }) =>
      files.map((f) => {
        const input = interchange.toInputFile(f);
        const text = input.text ?? new TextDecoder().decode(input.bytes);
        if (!text.trim()) throw new WorkbenchError('invalid_input', `${f.name} is empty`, f.name);
        const a = makeArticle({ id: `a${++seq}`, title: f.name.replace(/\.[^.]+$/, ''), text });
        articles.set(a.id, a);
        return summarizeArticle(a);
      }),
    deleteArticle: ({ id }) => {
      get(id);
      articles.delete(id);
      return { deleted: id };
    },
    editArticle: ({ articleId, edits }) => {
      const before = get(articleId);
      try {
        const after = applyEdits(before, edits, new Set(labels.map((l) => l.id)));
        articles.set(articleId, after);
        return summarizeArticle(after);
      } catch (err) {
        if (err instanceof EditConflictError) throw new WorkbenchError('conflict', err.message);
        throw err;
      }
    },
    previewImport: interchange.handlers.previewImport,
    commitImport: interchange.handlers.commitImport,
    exportData: ({ articleIds }) => {
      const chosen = [...articles.values()].filter((a) => !articleIds || articleIds.includes(a.id));
      return {
        fileName: 'workbench-export.jsonl',
        mimeType: 'application/x-ndjson',
        encoding: 'utf8',
        content: chosen.map((a) => articleToJsonlLine(a) + '\n').join(''),
      };
    },
    listEntities: ({ query }) => {
      const q = query?.trim().toLocaleLowerCase();
      return q ? entities.filter((e) => [e.name, ...e.aliases].some((n) => n.toLocaleLowerCase().includes(q))) : entities;
    },
    saveEntity: ({ entity: input }) => {
      const entity: Entity = { ...input, aliases: input.aliases ?? [], attributes: input.attributes ?? {} };
      const clash = entities.find((e) => e.id !== entity.id && e.kind === entity.kind && e.name.toLocaleLowerCase() === entity.name.toLocaleLowerCase());
      if (clash) throw new WorkbenchError('conflict', `an ${entity.kind} named "${entity.name}" already exists; merge them instead`);
      const i = entities.findIndex((e) => e.id === entity.id);
      entities = i >= 0 ? entities.map((e, k) => (k === i ? entity : e)) : [...entities, entity];
      api.entities = entities;
      return entity;
    },
    deleteEntity: ({ id }) => {
      if (!entities.some((e) => e.id === id)) throw new WorkbenchError('not_found', `no entity with id ${id}`);
      const spansUnlinked = relinkSpans((eid) => (eid === id ? null : undefined));
      entities = entities.filter((e) => e.id !== id);
      api.entities = entities;
      return { deleted: id, spansUnlinked };
    },
    mergeEntities: ({ ids, intoId }) => {
      const target = entities.find((e) => e.id === intoId);
      if (!target) throw new WorkbenchError('not_found', `no entity with id ${intoId}`);
      const sources = entities.filter((e) => ids.includes(e.id) && e.id !== intoId);
      const sourceIds = new Set(sources.map((e) => e.id));
      const spansRelinked = relinkSpans((eid) => (sourceIds.has(eid) ? intoId : undefined));
      const aliases = [...new Set([...target.aliases, ...sources.flatMap((e) => [e.name, ...e.aliases])])].filter((a) => a !== target.name);
      const merged = { ...target, aliases };
      entities = entities.filter((e) => !sourceIds.has(e.id)).map((e) => (e.id === intoId ? merged : e));
      api.entities = entities;
      return { entity: merged, spansRelinked };
    },
    listStatements: ({ articleIds, status }) =>
      [...articles.values()]
        .filter((a) => (!articleIds || articleIds.includes(a.id)) && (!status || a.status === status))
        .flatMap(statementRowsOf),
    startExport: interchange.handlers.startExport,
    getExportJob: interchange.handlers.getExportJob,
    cancelExportJob: interchange.handlers.cancelExportJob,
    readExportChunk: interchange.handlers.readExportChunk,
    discardExportJob: interchange.handlers.discardExportJob,
    beginUpload: interchange.handlers.beginUpload,
    appendUpload: interchange.handlers.appendUpload,
    discardUpload: interchange.handlers.discardUpload,
    // Team work: collected layers are whatever a test puts in `api.layers`; agreement is the real computation over them.
    getTeamStatus: () => ({ opened: [], assignments: [], collected: [], layerCounts: Object.fromEntries([...layers].map(([id, l]) => [id, l.length])) }),
    listArticleLayers: ({ articleId }) => (get(articleId), { layers: structuredClone(layers.get(articleId) ?? []) }),
    computeAgreement: ({ annotators, articleIds, labels: labelIds }) =>
      computeAgreement({
        articles: [...layers]
          .filter(([id]) => !articleIds || articleIds.includes(id))
          .map(([id, ls]) => ({ id, text: get(id).text, layers: Object.fromEntries(ls.filter((l) => !annotators || annotators.includes(l.annotator)).map((l) => [l.annotator, l])) })),
        entities,
        ...(annotators ? { annotators } : {}),
        ...(labelIds ? { labels: labelIds } : {}),
      }),
    assignArticles: () => notInFake('assignArticles'),
    openAssignmentPackage: () => notInFake('openAssignmentPackage'),
    exportWorkPackage: () => notInFake('exportWorkPackage'),
    collectWorkPackage: () => notInFake('collectWorkPackage'),
    listEntityProposals: () => [],
    decideEntityProposal: () => notInFake('decideEntityProposal'),
    getCurationProgress: () => ({
      articles: Object.fromEntries([...layers].map(([id, ls]) => [id, { layers: ls.length, ...curationProgressOf(get(id), ls, entities) }])),
    }),
  };

  const api = {
    articles,
    layers,
    exportJobs: interchange.exportJobs,
    uploads: interchange.uploads,
    entities,
    settings,
    labels,
    calls,
    failNext(name: OperationName, error = new WorkbenchError('io', `${name} failed (test)`)) {
      failures.set(name, [...(failures.get(name) ?? []), error]);
    },
    hold(name: OperationName) {
      let release!: () => void;
      holds.set(name, new Promise<void>((r) => (release = r)));
      return () => {
        holds.delete(name);
        release();
      };
    },
  } as FakeApi;

  for (const name of Object.keys(handlers) as OperationName[]) {
    (api as unknown as Record<string, (input: unknown) => Promise<unknown>>)[name] = async (input: unknown) => {
      calls.push({ name, input: structuredClone(input) });
      const held = holds.get(name);
      if (held) await held;
      const queued = failures.get(name);
      if (queued?.length) {
        const err = queued.shift()!;
        throw err;
      }
      // Copies in and out, like a real transport.
      return structuredClone(await (handlers[name] as (i: unknown) => unknown)(structuredClone(input ?? {})));
    };
  }
  return api;
}
