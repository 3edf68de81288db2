/**
 * Import, export and background export jobs for the fake API. Files are read by the real
 * codecs of shared/formats/registry.ts, labels are mapped like the service does (by id or
 * name, case-insensitively; the rest need a mapping or "add"), and export jobs are simulated
 * with progress a test can hold and advance (`exportJobs.manual`, `exportJobs.advance()`).
 * Uploads keep their chunks in memory, refusing one out of order as the service does.
 */
import type { OperationInput, OperationOutput, SkippedArticle } from '../../../shared/api/contract';
import { WorkbenchError } from '../../../shared/api/errors';
import { compareSpanPosition } from '../../../shared/domain/edits';
import { IdSchema, type Article, type ArticleSummary, type Label } from '../../../shared/domain/model';
import type { InputFile, ImportedArticle } from '../../../shared/formats/codec';
import { collectSingleFile, collectZip, runExport } from '../../../shared/formats/exportDriver';
import { getCodec } from '../../../shared/formats/registry';
import { base64ToBytes, bytesToBase64 } from '../library/importFiles';

const T0 = '2026-01-01T00:00:00.000Z';

type InterchangeOp =
  | 'previewImport'
  | 'commitImport'
  | 'startExport'
  | 'getExportJob'
  | 'cancelExportJob'
  | 'readExportChunk'
  | 'discardExportJob'
  | 'beginUpload'
  | 'appendUpload'
  | 'discardUpload';
type Handlers = { [K in InterchangeOp]: (input: OperationInput<K>) => Promise<OperationOutput<K>> | OperationOutput<K> };

export interface FakeExportJob {
  job: OperationOutput<'getExportJob'>;
  content: Uint8Array;
}

export interface FakeExportJobs {
  /** Hold started jobs at "running" until `advance()`; when false a job is done at its first poll. */
  manual: boolean;
  /** Move every running job on by `articles` (default: to the end). */
  advance(articles?: number): void;
  /** Warnings the next jobs report when done. */
  warnings: string[];
  /** Unreadable articles the next jobs report as left out when done. */
  skipped: SkippedArticle[];
  jobs: Map<string, FakeExportJob>;
  cancelled: string[];
  discarded: string[];
}

export interface FakeUpload {
  name: string;
  size: number;
  chunks: Uint8Array[];
  received: number;
}

export interface FakeUploads {
  /** Uploads not yet imported or discarded. */
  live: Map<string, FakeUpload>;
  /** Every appendUpload accepted: its upload, offset and decoded size. */
  appended: { uploadId: string; offset: number; bytes: number }[];
  discarded: string[];
}

export interface FakeInterchangeState {
  articles: Map<string, Article>;
  labels: Label[];
  nextArticleId: () => string;
  summarize: (a: Article) => ArticleSummary;
}

const joined = (chunks: readonly Uint8Array[]) => {
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return bytes;
};

export function createFakeInterchange(state: FakeInterchangeState): {
  handlers: Handlers;
  exportJobs: FakeExportJobs;
  uploads: FakeUploads;
  toInputFile(f: OperationInput<'previewImport'>['files'][number]): InputFile;
} {
  const { articles, labels } = state;
  let jobSeq = 0;
  let uploadSeq = 0;
  const uploads: FakeUploads = { live: new Map(), appended: [], discarded: [] };
  const getUpload = (uploadId: string) => {
    const found = uploads.live.get(uploadId);
    if (!found) throw new WorkbenchError('not_found', `no upload ${uploadId}`);
    return found;
  };

  const toInputFile = (f: OperationInput<'previewImport'>['files'][number]): InputFile => {
    if ('uploadId' in f) {
      const upload = getUpload(f.uploadId);
      if (upload.received !== upload.size) throw new WorkbenchError('conflict', `${f.name}: the upload is incomplete`);
      return { name: f.name, bytes: joined(upload.chunks) };
    }
    return f.encoding === 'base64' ? { name: f.name, bytes: base64ToBytes(f.content) } : { name: f.name, text: f.content };
  };
  const removeUploads = (files: OperationInput<'previewImport'>['files']) => {
    for (const f of files) if ('uploadId' in f) uploads.live.delete(f.uploadId);
  };

  const parse = (input: OperationInput<'previewImport'>) => getCodec(input.format).parse(input.files.map(toInputFile), input.options ?? {});

  const resolveLabel = (name: string) => labels.find((l) => l.id.toLowerCase() === name.toLowerCase() || l.name.toLowerCase() === name.toLowerCase())?.id;
  const unknownLabels = (parsed: ImportedArticle[]) =>
    [...new Set(parsed.flatMap((a) => a.spans.map((s) => s.label)).filter((l) => !resolveLabel(l)))].sort();

  const exportJobs: FakeExportJobs = {
    manual: false,
    warnings: [],
    skipped: [],
    jobs: new Map(),
    cancelled: [],
    discarded: [],
    advance(by) {
      for (const { job } of exportJobs.jobs.values()) {
        if (job.state !== 'running') continue;
        job.done = Math.min(job.total, by === undefined ? job.total : job.done + by);
        if (job.done === job.total) finish(job);
      }
    },
  };
  const finish = (job: FakeExportJob['job']) => {
    Object.assign(job, { state: 'done', done: job.total, bytes: exportJobs.jobs.get(job.jobId)!.content.length, warnings: [...exportJobs.warnings], skipped: [...exportJobs.skipped] });
  };
  const getJob = (jobId: string) => {
    const found = exportJobs.jobs.get(jobId);
    if (!found) throw new WorkbenchError('not_found', `no export job ${jobId}`);
    return found;
  };

  const handlers: Handlers = {
    previewImport: (input) => {
      const { articles: parsed, warnings } = parse(input);
      return {
        articles: parsed.length,
        spans: parsed.reduce((n, a) => n + a.spans.length, 0),
        statements: parsed.reduce((n, a) => n + a.statements.length, 0),
        entities: 0,
        titles: parsed.slice(0, 50).map((a) => a.title),
        unknownLabels: unknownLabels(parsed),
        warnings,
      };
    },
    commitImport: (input) => {
      const parsed = parse(input).articles;
      const mapping = input.labelMapping ?? {};
      const unresolved = unknownLabels(parsed).filter((l) => !mapping[l]);
      if (unresolved.length) throw new WorkbenchError('invalid_input', `unknown labels ${unresolved.map((l) => `"${l}"`).join(', ')}`);
      const labelId = (name: string) => {
        const known = resolveLabel(name);
        if (known) return known;
        if (mapping[name] !== 'add') return mapping[name];
        const id = name.toLowerCase().replace(/[^a-z0-9_-]+/g, '-') || 'label';
        if (!labels.some((l) => l.id === id)) labels.push({ id, name, color: '#7c3aed' });
        return id;
      };
      const added = parsed.map((p) => {
        const spanIds = new Map<string, string>();
        const spans = p.spans
          .map((s, i) => {
            const id = s.id && IdSchema.safeParse(s.id).success && ![...spanIds.values()].includes(s.id) ? s.id : `s${i}`;
            if (s.id) spanIds.set(s.id, id);
            return {
              id,
              labelId: labelId(s.label),
              start: s.start,
              end: s.end,
              ...(s.fragments ? { fragments: s.fragments } : {}),
              annotator: s.annotator ?? '',
              createdAt: T0,
              updatedAt: T0,
            };
          })
          .sort(compareSpanPosition);
        const statements = p.statements.map((st, i) => ({
          id: `st${i}`,
          actorSpanId: spanIds.get(st.actorSpanId)!,
          claimSpanId: spanIds.get(st.claimSpanId)!,
          ...(st.stanceSpanId ? { stanceSpanId: spanIds.get(st.stanceSpanId)! } : {}),
          polarity: st.polarity,
          annotator: st.annotator ?? '',
          createdAt: T0,
          updatedAt: T0,
        }));
        const article: Article = {
          id: state.nextArticleId(),
          title: p.title,
          text: p.text,
          status: p.status ?? (spans.length ? 'in_progress' : 'not_started'),
          createdAt: T0,
          updatedAt: T0,
          spans,
          statements,
        };
        return article;
      });
      for (const a of added) articles.set(a.id, a);
      removeUploads(input.files);
      return added.map(state.summarize);
    },

    startExport: async (request) => {
      const codec = getCodec(request.format);
      const chosen = [...articles.values()].filter(
        (a) => (!request.articleIds || request.articleIds.includes(a.id)) && (!request.status || a.status === request.status),
      );
      const ctx = { schema: { labels }, options: request.options ?? {} };
      const content =
        codec.layout === 'single'
          ? new TextEncoder().encode(await collectSingleFile(runExport(codec, chosen, ctx)))
          : await collectZip(codec, chosen, ctx, { total: chosen.length });
      const jobId = `job${++jobSeq}`;
      const job: FakeExportJob['job'] = {
        jobId,
        state: 'running',
        done: 0,
        total: chosen.length,
        fileName: `workbench-${request.format}.${codec.layout === 'multi' ? 'zip' : codec.extension}`,
        mimeType: codec.layout === 'multi' ? 'application/zip' : codec.mimeType,
        bytes: 0,
        warnings: [],
      };
      exportJobs.jobs.set(jobId, { job, content });
      return job;
    },
    getExportJob: ({ jobId }) => {
      const { job } = getJob(jobId);
      if (job.state === 'running' && !exportJobs.manual) finish(job);
      return job;
    },
    cancelExportJob: ({ jobId }) => {
      const found = getJob(jobId);
      if (found.job.state === 'running') found.job.state = 'cancelled';
      found.content = new Uint8Array(0);
      exportJobs.cancelled.push(jobId);
      return found.job;
    },
    readExportChunk: ({ jobId, offset, length }) => {
      const { job, content } = getJob(jobId);
      if (job.state !== 'done') throw new WorkbenchError('conflict', `export job ${jobId} is ${job.state}, not done`);
      const slice = content.subarray(offset, offset + Math.min(length, 8 * 1024 * 1024));
      return { content: bytesToBase64(slice), eof: offset + slice.length >= content.length };
    },
    discardExportJob: ({ jobId }) => {
      getJob(jobId);
      exportJobs.jobs.delete(jobId);
      exportJobs.discarded.push(jobId);
      return { discarded: jobId };
    },

    beginUpload: ({ name, size }) => {
      const uploadId = `up${++uploadSeq}`;
      uploads.live.set(uploadId, { name, size, chunks: [], received: 0 });
      return { uploadId };
    },
    appendUpload: ({ uploadId, offset, content }) => {
      const upload = getUpload(uploadId);
      if (offset !== upload.received) throw new WorkbenchError('conflict', `${upload.name}: a chunk at byte ${offset} was refused`);
      const bytes = base64ToBytes(content);
      if (bytes.length > 8 * 1024 * 1024 || offset + bytes.length > upload.size) throw new WorkbenchError('invalid_input', `${upload.name}: chunk too large`);
      upload.chunks.push(bytes);
      upload.received += bytes.length;
      uploads.appended.push({ uploadId, offset, bytes: bytes.length });
      return { received: upload.received, complete: upload.received === upload.size };
    },
    discardUpload: ({ uploadId }) => {
      getUpload(uploadId);
      uploads.live.delete(uploadId);
      uploads.discarded.push(uploadId);
      return { discarded: uploadId };
    },
  };
  return { handlers, exportJobs, uploads, toInputFile };
}

