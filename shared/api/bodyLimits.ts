/**
 * The largest request body each operation accepts over HTTP (the browser host refuses a larger
 * one with 413 before reading it). Each limit is what the largest input the contract allows,
 * or the largest the app sends, takes as UTF-8 JSON, so no valid request of the app is refused
 * and nothing else makes the host hold hundreds of megabytes. Zod-free like operations.ts, so
 * a client can check a request before sending it.
 */
import type { OperationName } from './operations';

const MiB = 1024 * 1024;

/**
 * Settings, one id, a search query, one entity: a few KiB. 1 MiB still holds an entity with
 * 3,000 aliases of the 300 characters each may have.
 */
const SMALL = 1 * MiB;

/**
 * Lists of ids: an export's or the statements' article scope (every checked article of the
 * library), the entities of a merge. 100,000 ids of the 128 characters `IdSchema` allows are
 * 13 MB as JSON.
 */
const ID_LIST = 16 * MiB;

/**
 * One batch of edits: the contract allows 100,000, and a new span with a generated id, label,
 * offsets, annotator and two timestamps is about 230 bytes as JSON, so about 23 MB
 * (bodyLimits.test.ts builds that batch). The app itself sends one batch per command (a span, a
 * statement, their undo): a few KiB. Notes (10,000 characters each) on every edit of a full
 * batch would be 1 GB; no client sends that.
 */
const EDIT_BATCH = 32 * MiB;

/**
 * Whole texts: the text files of the library's "Import files" travel inline (importTextFiles),
 * and createArticle's text may be 50,000,000 UTF-16 code units; ordinary text takes at most 3
 * UTF-8 bytes per code unit (a surrogate pair, 2 units, takes 4), so 150 MB. Decoded, such a
 * body is still far below V8's longest string (2^29 characters). Larger files are sent ahead
 * in chunks (beginUpload, appendUpload) or imported with the command line (`workbench import`).
 */
const FILES = 256 * MiB;

/**
 * An import's inline files. The Import dialog sends a file over 8 MiB, and any file that would
 * take the inline ones past 60 MiB as JSON, ahead in chunks (renderer/src/library/uploadFile.ts),
 * so its requests stay below this; the rest is the format, options and label mapping.
 */
const IMPORT = 64 * MiB;

/** One chunk of an upload: 8 MiB as base64 is 10.7 MiB, and a short envelope. */
const UPLOAD_CHUNK = 12 * MiB;

/** Operations whose files may be uploaded in chunks instead of carried inline. */
const UPLOADABLE: ReadonlySet<OperationName> = new Set(['previewImport', 'commitImport', 'importTextFiles']);

export const REQUEST_BODY_LIMITS: { readonly [K in OperationName]: number } = {
  getWorkspace: SMALL,
  updateSettings: SMALL,
  listArticles: SMALL,
  listArticlePage: SMALL,
  getArticle: SMALL,
  getArticleAnnotations: SMALL,
  createArticle: FILES,
  importTextFiles: FILES,
  deleteArticle: SMALL,
  editArticle: EDIT_BATCH,
  previewImport: IMPORT,
  commitImport: IMPORT,
  exportData: ID_LIST,
  startExport: ID_LIST,
  getExportJob: SMALL,
  cancelExportJob: SMALL,
  readExportChunk: SMALL,
  discardExportJob: SMALL,
  beginUpload: SMALL,
  appendUpload: UPLOAD_CHUNK,
  discardUpload: SMALL,
  listEntities: SMALL,
  saveEntity: SMALL,
  deleteEntity: SMALL,
  mergeEntities: ID_LIST,
  listStatements: ID_LIST,
  getTeamStatus: SMALL,
  listArticleLayers: SMALL,
  computeAgreement: ID_LIST,
  assignArticles: ID_LIST,
  // A package is a zip of texts or layers: as large as an import's inline files, or uploaded in chunks.
  openAssignmentPackage: IMPORT,
  exportWorkPackage: SMALL,
  collectWorkPackage: IMPORT,
  getCurationProgress: SMALL,
  listEntityProposals: SMALL,
  decideEntityProposal: SMALL,
};

/** "256 MiB", "1 MiB", "512 KiB": a byte count as people read it in a message. */
export function formatBytes(bytes: number): string {
  if (bytes >= MiB) return `${+(bytes / MiB).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

/** Why a body of `bytes` (undefined: not known yet, it passed the limit while arriving) is refused. */
export function bodyTooLargeMessage(operation: OperationName, bytes?: number, limit = REQUEST_BODY_LIMITS[operation]): string {
  const size = bytes === undefined ? 'this one is larger' : `this one is ${formatBytes(bytes)} (${bytes} bytes)`;
  const hint = UPLOADABLE.has(operation)
    ? '; send larger files ahead in chunks (beginUpload, appendUpload; the Import dialog does) or import them with the command line (workbench import)'
    : '';
  return `${operation} accepts a request body of at most ${formatBytes(limit)} (${limit} bytes); ${size}${hint}`;
}
