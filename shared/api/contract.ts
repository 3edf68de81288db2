/**
 * The API contract between the renderer and the service: one table of operations, each a
 * zod schema for its input and output. Everything else is derived from this table:
 * the `WorkbenchApi` type the renderer calls, the preload bridge (one IPC channel per
 * operation), the IPC handlers, and the browser host's HTTP routes. Add an operation here
 * and to the name list in operations.ts (the compiler insists), and implement it in
 * electron/service/workbenchService.ts; the transports pick it up.
 */
import { z } from 'zod';
import { teamOperations } from './teamContract';
import {
  ArticleSchema,
  ArticleStatusSchema,
  ArticleSummarySchema,
  EntitySchema,
  IdSchema,
  IsoTimestampSchema,
  SpanSchema,
  StatementSchema,
  LabelSchemaDefSchema,
  WorkspaceSettingsSchema,
} from '../domain/model';
import { EditSchema } from '../domain/edits';
import type { OperationName } from './operations';
import { FormatNameSchema, FormatOptionsSchema } from '../formats/formatNames';
import { StatementRowSchema } from '../network/statementRow';

export { OPERATION_NAMES, ipcChannel, isOperationName, type OperationName } from './operations';

// Format names and options live with the codecs, statement rows with the network code; re-exported for callers.
export { FORMAT_NAMES, FormatNameSchema, FormatOptionsSchema, type FormatName, type FormatOptions } from '../formats/formatNames';
export { StatementRowSchema, type StatementRow } from '../network/statementRow';

/** A file handed over the API: text as UTF-8, binary (zip) as base64. */
export const TransferFileSchema = z.object({
  name: z.string().min(1).max(1000),
  content: z.string(),
  encoding: z.enum(['utf8', 'base64']).default('utf8'),
});
export type TransferFile = z.infer<typeof TransferFileSchema>;

/**
 * A file sent before the request in chunks (beginUpload, appendUpload): too large for one
 * request body, it waits on disk in the workspace until the import commits or it is discarded.
 */
export const UploadedFileSchema = z.object({ name: z.string().min(1).max(1000), uploadId: IdSchema }).strict();
export type UploadedFile = z.infer<typeof UploadedFileSchema>;
/** A file of an import: inline, or uploaded in chunks before. */
export const ImportFileSchema = z.union([UploadedFileSchema, TransferFileSchema]);
export type ImportFile = z.infer<typeof ImportFileSchema>;
export const isUploadedFile = (f: ImportFile): f is UploadedFile => 'uploadId' in f;
/** The most one appendUpload carries (before base64). */
export const MAX_UPLOAD_CHUNK_BYTES = 8 * 1024 * 1024;
const UploadRef = z.object({ uploadId: IdSchema }).strict();

export const WorkspaceInfoSchema = z.object({
  path: z.string(),
  settings: WorkspaceSettingsSchema,
  schema: LabelSchemaDefSchema,
  /** What opening the workspace found and repaired (a rebuilt index, leftover files removed), to tell the user. */
  notices: z.array(z.string()).optional(),
});
export type WorkspaceInfo = z.infer<typeof WorkspaceInfoSchema>;

export const NewArticleSchema = z.object({
  title: z.string().trim().min(1, 'a title is required').max(1000),
  text: z.string().min(1, 'the text is empty').max(50_000_000),
  source: z.string().max(1000).optional(),
  url: z.string().max(4000).optional(),
  date: z.string().max(64).optional(),
});
export type NewArticle = z.infer<typeof NewArticleSchema>;

export const ImportRequestSchema = z.object({
  format: FormatNameSchema,
  files: z.array(ImportFileSchema).min(1),
  options: FormatOptionsSchema,
  /** Unknown label name -> existing label id, or "add" to add it to the schema. */
  labelMapping: z.record(z.string(), z.string()).default({}),
});
export type ImportRequest = z.infer<typeof ImportRequestSchema>;

export const ImportPreviewSchema = z.object({
  articles: z.number().int(),
  spans: z.number().int(),
  statements: z.number().int(),
  /** Actor entities and concepts the spans link to that the workspace does not have yet (added with the articles). */
  entities: z.number().int(),
  titles: z.array(z.string()),
  unknownLabels: z.array(z.string()),
  warnings: z.array(z.string()),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

export const ExportRequestSchema = z.object({
  format: FormatNameSchema,
  /** Restrict to these articles; all when absent. */
  articleIds: z.array(IdSchema).optional(),
  status: ArticleStatusSchema.optional(),
  /** Which layer of each article: "gold", "annotator:NAME" or "all"; absent: gold where it exists (electron/service/exportLayers.ts). */
  layer: z
    .string()
    .max(80)
    .regex(/^(gold|all|annotator:.+)$/, 'a layer is gold, annotator:NAME or all')
    .optional(),
  options: FormatOptionsSchema,
});
export type ExportRequest = z.infer<typeof ExportRequestSchema>;

/** An article an export left out because its file could not be read (missing, not JSON, not an article file). */
export const SkippedArticleSchema = z.object({
  articleId: IdSchema,
  title: z.string(),
  /** The file that could not be read (the article file or its journal). */
  file: z.string().optional(),
  /** The problem, naming the file. */
  message: z.string(),
});
export type SkippedArticle = z.infer<typeof SkippedArticleSchema>;

export const ExportResultSchema = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  content: z.string(),
  encoding: z.enum(['utf8', 'base64']),
  /** Articles left out of the file because they could not be read; the rest were exported. */
  skipped: z.array(SkippedArticleSchema).optional(),
});
export type ExportResult = z.infer<typeof ExportResultSchema>;

/** A background export (large workspaces): progress, then the file read back in chunks. */
export const ExportJobSchema = z.object({
  jobId: IdSchema,
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  /** Articles written so far, of `total`. */
  done: z.number().int(),
  total: z.number().int(),
  fileName: z.string(),
  mimeType: z.string(),
  /** Size of the finished file. */
  bytes: z.number().int(),
  warnings: z.array(z.string()),
  /** Articles left out because they could not be read (known when done); the rest were exported. */
  skipped: z.array(SkippedArticleSchema).optional(),
  error: z.string().optional(),
});
export type ExportJob = z.infer<typeof ExportJobSchema>;
const JobRef = z.object({ jobId: IdSchema }).strict();

const Empty = z.object({}).strict();

/** The most rows one listArticlePage returns: a page stays a few MB of JSON however long the library. */
export const ARTICLE_PAGE_MAX_ROWS = 10_000;
const ArticlePageRequestSchema = z
  .object({
    /** Rows skipped, in library order (of those matching `query`, when given). */
    offset: z.number().int('offset must be a whole number').min(0, 'offset must be 0 or more').max(Number.MAX_SAFE_INTEGER),
    limit: z
      .number()
      .int('limit must be a whole number')
      .min(1, 'limit must be at least 1')
      .max(ARTICLE_PAGE_MAX_ROWS, `limit must be at most ${ARTICLE_PAGE_MAX_ROWS} rows`),
    query: z.string().max(1000).optional(),
  })
  .strict();
export const ArticlePageSchema = z.object({
  /** Rows in the whole list (matching `query`, when given) at the time of the call. */
  total: z.number().int().nonnegative(),
  articles: z.array(ArticleSummarySchema),
});
export type ArticlePage = z.infer<typeof ArticlePageSchema>;
/** Only the settings given change (no defaults here: a default would overwrite the stored value). */
const SettingsPatchSchema = z
  .object({ annotator: z.string().trim().max(200).optional(), snapToWords: z.boolean().optional() })
  .strict();
const op = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

/** Checked against operations.ts: `satisfies` on this literal refuses a missing operation and an extra one. */
export const apiContract = {
  getWorkspace: op(Empty, WorkspaceInfoSchema),
  updateSettings: op(SettingsPatchSchema, WorkspaceSettingsSchema),
  listArticles: op(z.object({ query: z.string().max(1000).optional() }).strict(), z.array(ArticleSummarySchema)),
  /** One page of the library (all of it is 27 MB of JSON with 100,000 articles): the rows at `offset`, and how many there are. */
  listArticlePage: op(ArticlePageRequestSchema, ArticlePageSchema),
  /**
   * The article. With `withoutAnnotations`, its text and metadata only (spans and statements
   * empty): the annotating view draws the text first and asks getArticleAnnotations after.
   */
  getArticle: op(z.object({ id: IdSchema, withoutAnnotations: z.boolean().optional() }).strict(), ArticleSchema),
  /** An article's spans and statements, and the `updatedAt` they belong to (to match the text read before). */
  getArticleAnnotations: op(
    z.object({ id: IdSchema }).strict(),
    z.object({ updatedAt: IsoTimestampSchema, spans: z.array(SpanSchema), statements: z.array(StatementSchema) }),
  ),
  createArticle: op(NewArticleSchema.strict(), ArticleSummarySchema),
  importTextFiles: op(z.object({ files: z.array(ImportFileSchema).min(1) }).strict(), z.array(ArticleSummarySchema)),
  deleteArticle: op(z.object({ id: IdSchema }).strict(), z.object({ deleted: IdSchema })),
  editArticle: op(
    z.object({ articleId: IdSchema, edits: z.array(EditSchema).min(1).max(100_000) }).strict(),
    ArticleSummarySchema,
  ),
  previewImport: op(ImportRequestSchema, ImportPreviewSchema),
  commitImport: op(ImportRequestSchema, z.array(ArticleSummarySchema)),
  exportData: op(ExportRequestSchema, ExportResultSchema),
  startExport: op(ExportRequestSchema, ExportJobSchema),
  getExportJob: op(JobRef, ExportJobSchema),
  /** Stops the export and removes its partial output. */
  cancelExportJob: op(JobRef, ExportJobSchema),
  /** `content` is base64; at most 8 MiB per call. */
  readExportChunk: op(
    z.object({ jobId: IdSchema, offset: z.number().int().nonnegative(), length: z.number().int().positive() }).strict(),
    z.object({ content: z.string(), eof: z.boolean() }),
  ),
  discardExportJob: op(JobRef, z.object({ discarded: IdSchema })),

  // A file too large for one request, sent in chunks for an import (uploads.ts).
  /** `size` is the whole file's, in bytes. */
  beginUpload: op(z.object({ name: z.string().min(1).max(1000), size: z.number().int().nonnegative() }).strict(), UploadRef),
  /** `content` is base64, at most MAX_UPLOAD_CHUNK_BYTES decoded; `offset` must be the bytes received so far. */
  appendUpload: op(
    z.object({ uploadId: IdSchema, offset: z.number().int().nonnegative(), content: z.string() }).strict(),
    z.object({ received: z.number().int(), complete: z.boolean() }),
  ),
  discardUpload: op(UploadRef, z.object({ discarded: IdSchema })),

  // Statements and normalisation (actor entities, claim concepts), per workspace.
  listEntities: op(z.object({ query: z.string().max(300).optional() }).strict(), z.array(EntitySchema)),
  /** Create or update (by id) an entity or concept. */
  saveEntity: op(z.object({ entity: EntitySchema }).strict(), EntitySchema),
  /** Delete an entity; spans pointing to it lose their link. */
  deleteEntity: op(z.object({ id: IdSchema }).strict(), z.object({ deleted: IdSchema, spansUnlinked: z.number().int() })),
  /** Merge entities into `intoId`: spans are relinked, names become aliases. */
  mergeEntities: op(
    z.object({ ids: z.array(IdSchema).min(1), intoId: IdSchema }).strict(),
    z.object({ entity: EntitySchema, spansRelinked: z.number().int() }),
  ),
  /** Every statement of the selected articles, flattened, for networks, tables and charts. */
  listStatements: op(
    z.object({ articleIds: z.array(IdSchema).optional(), status: ArticleStatusSchema.optional() }).strict(),
    z.array(StatementRowSchema),
  ),

  // Team work (teamContract.ts): packages, collected layers, agreement.
  ...teamOperations(ImportFileSchema),
} as const satisfies Record<OperationName, { input: z.ZodType; output: z.ZodType }>;

export type ApiContract = typeof apiContract;
export type OperationInput<K extends OperationName> = z.input<ApiContract[K]['input']>;
export type OperationOutput<K extends OperationName> = z.output<ApiContract[K]['output']>;

/** The interface the renderer programs against; both transports implement it. */
export type WorkbenchApi = {
  [K in OperationName]: (input: OperationInput<K>) => Promise<OperationOutput<K>>;
};

/** The service side: the same operations, receiving already-validated input. */
export type WorkbenchHandlers = {
  [K in OperationName]: (input: z.output<ApiContract[K]['input']>) => Promise<OperationOutput<K>>;
};

export const ERROR_CODES = [
  'invalid_input',
  'not_found',
  'corrupt_file',
  'conflict',
  'locked',
  'unsupported',
  'io',
  'unauthorized',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ApiErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  /** The file the problem is in, when there is one. */
  file: z.string().optional(),
  /** 1-based line, or a JSON path, inside that file. */
  location: z.string().optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** Every transport carries this envelope, so errors survive IPC and HTTP with their code. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

