/**
 * An in-memory WorkbenchApi for renderer tests, following the contract: edits go through
 * the real `applyEdits` (with the schema's label ids), errors are WorkbenchErrors, JSONL uses
 * the native codec. Tests can make the next call of an operation fail, hold calls until
 * released, and read the log of calls.
 */
import type { OperationInput, OperationName, OperationOutput, WorkbenchApi } from '../../../shared/api/contract';
import { WorkbenchError } from '../../../shared/api/errors';
import { applyEdits, EditConflictError } from '../../../shared/domain/edits';
import { summarizeArticle, type Article, type Label, type WorkspaceSettings } from '../../../shared/domain/model';
import { articleToJsonlLine, parseJsonl } from '../../../shared/formats/jsonl';

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
  settings: WorkspaceSettings;
  labels: Label[];
  calls: { name: OperationName; input: unknown }[];
  /** Make the next call of `name` fail with this error. */
  failNext(name: OperationName, error?: WorkbenchError): void;
  /** Hold calls of `name` until `release()` is called; returns release. */
  hold(name: OperationName): () => void;
}

export function createFakeApi(options: { articles?: Article[]; settings?: Partial<WorkspaceSettings>; labels?: Label[] } = {}): FakeApi {
  const articles = new Map((options.articles ?? []).map((a) => [a.id, a]));
  const labels = options.labels ?? TEST_LABELS.map((l) => ({ ...l }));
  const settings: WorkspaceSettings = { annotator: 'Tester', snapToWords: true, ...options.settings };
  const failures = new Map<OperationName, WorkbenchError[]>();
  const holds = new Map<OperationName, Promise<void>>();
  const calls: FakeApi['calls'] = [];
  let seq = 0;

  const get = (id: string) => {
    const a = articles.get(id);
    if (!a) throw new WorkbenchError('not_found', `article ${id} does not exist`);
    return a;
  };

  const handlers: { [K in OperationName]: (input: OperationInput<K>) => Promise<OperationOutput<K>> | OperationOutput<K> } = {
    getWorkspace: () => ({ path: '/tmp/fake-workspace', settings: { ...settings }, schema: { labels: labels.map((l) => ({ ...l })) } }),
    updateSettings: (patch) => {
      Object.assign(settings, Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)));
      return { ...settings };
    },
    listArticles: () => [...articles.values()].map(summarizeArticle),
    getArticle: ({ id }) => structuredClone(get(id)),
    createArticle: (input) => {
      const a = makeArticle({ id: `a${++seq}`, ...input });
      articles.set(a.id, a);
      return summarizeArticle(a);
    },
    importTextFiles: ({ files }) =>
      files.map((f) => {
        if (!f.content.trim()) throw new WorkbenchError('invalid_input', `${f.name} is empty`, f.name);
        const a = makeArticle({ id: `a${++seq}`, title: f.name.replace(/\.[^.]+$/, ''), text: f.content });
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
    previewImport: ({ files }) => {
      const parsed = files.flatMap((f) => parseJsonl({ name: f.name, text: f.content }));
      const known = new Set(labels.flatMap((l) => [l.id, l.name]));
      return {
        articles: parsed.length,
        spans: parsed.reduce((n, a) => n + a.spans.length, 0),
        statements: parsed.reduce((n, a) => n + a.statements.length, 0),
        titles: parsed.map((a) => a.title),
        unknownLabels: [...new Set(parsed.flatMap((a) => a.spans.map((s) => s.label)).filter((l) => !known.has(l)))],
        warnings: [],
      };
    },
    commitImport: ({ files, labelMapping = {} }) => {
      const parsed = files.flatMap((f) => parseJsonl({ name: f.name, text: f.content }));
      return parsed.map((p) => {
        const a = makeArticle({
          id: `a${++seq}`,
          title: p.title,
          text: p.text,
          spans: p.spans.map((s, i) => {
            const byName = labels.find((l) => l.id === s.label || l.name === s.label);
            let labelId = byName?.id ?? labelMapping[s.label];
            if (labelId === 'add') {
              labelId = s.label.toLowerCase().replace(/[^a-z0-9_-]/g, '_');
              if (!labels.some((l) => l.id === labelId)) labels.push({ id: labelId, name: s.label, color: '#7c3aed' });
            }
            if (!labelId) throw new WorkbenchError('invalid_input', `unknown label "${s.label}"`);
            return { id: s.id ?? `s${i}`, labelId, start: s.start, end: s.end, annotator: s.annotator ?? '', createdAt: T0, updatedAt: T0 };
          }),
        });
        articles.set(a.id, a);
        return summarizeArticle(a);
      });
    },
    exportData: ({ articleIds }) => {
      const chosen = [...articles.values()].filter((a) => !articleIds || articleIds.includes(a.id));
      return {
        fileName: 'workbench-export.jsonl',
        mimeType: 'application/x-ndjson',
        encoding: 'utf8',
        content: chosen.map((a) => articleToJsonlLine(a) + '\n').join(''),
      };
    },
    listEntities: () => [],
    saveEntity: ({ entity }) => ({ ...entity, aliases: entity.aliases ?? [], attributes: entity.attributes ?? {} }),
    deleteEntity: ({ id }) => ({ deleted: id, spansUnlinked: 0 }),
    mergeEntities: () => {
      throw new WorkbenchError('unsupported', 'not in the fake');
    },
    listStatements: () => [],
    startExport: () => {
      throw new WorkbenchError('unsupported', 'export jobs are not faked');
    },
    getExportJob: () => {
      throw new WorkbenchError('unsupported', 'export jobs are not faked');
    },
    cancelExportJob: () => {
      throw new WorkbenchError('unsupported', 'export jobs are not faked');
    },
    readExportChunk: () => {
      throw new WorkbenchError('unsupported', 'export jobs are not faked');
    },
    discardExportJob: () => {
      throw new WorkbenchError('unsupported', 'export jobs are not faked');
    },
  };

  const api = {
    articles,
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
