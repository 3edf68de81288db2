/**
 * The on-disk records of a workspace and their schemas:
 *   workspace.json          the manifest: label schema, settings, entities, and the article index
 *   articles/<id>.json      one file per article (text + spans + statements)
 *   articles/<id>.journal   acknowledged edits not yet folded into the article file
 *   workspace.lock          present while a process has the workspace open
 * Article files are the truth; the manifest's index is a cache of their summaries that is
 * checked against each file's size and mtime when the workspace opens, and rebuilt from the
 * article files if the manifest is lost (its schema, settings and entities are not: see
 * workspaceRecovery.ts).
 */
import { z } from 'zod';
import {
  ArticleSchema,
  ArticleSummarySchema,
  EntitySchema,
  LabelSchemaDefSchema,
  WorkspaceSettingsSchema,
} from '../../shared/domain/model';

export const MANIFEST_FILE_NAME = 'workspace.json';
export const ARTICLES_DIR_NAME = 'articles';
/**
 * The manifest's format. 2: the workspace may hold collected annotator layers (`layers/`,
 * layerStore.ts), which an app reading format 1 would ignore, so exporting or editing there would
 * silently leave them out; format 1 apps refuse a format 2 manifest ("formatVersion: expected 1"),
 * naming the file and writing nothing. A format 1 workspace is migrated in place when this
 * version opens it: nothing in it changes but the mark (see migrateManifest).
 */
export const STORAGE_FORMAT_VERSION = 2;
/** Manifest formats this version reads. */
export const READABLE_FORMAT_VERSIONS = [1, 2] as const;
/** Article files have not changed since format 1 (the own layer is the article's spans). */
export const ARTICLE_FILE_FORMAT_VERSION = 1;

/** Size and mtime of the article file the summary was computed from. */
export const FileStampSchema = z.object({ size: z.number(), mtimeMs: z.number() });
export type FileStamp = z.infer<typeof FileStampSchema>;

export const ArticleIndexEntrySchema = ArticleSummarySchema.omit({ error: true }).extend({
  stamp: FileStampSchema.optional(),
});
export type ArticleIndexEntry = z.infer<typeof ArticleIndexEntrySchema>;

export const ManifestSchema = z.object({
  formatVersion: z.union(READABLE_FORMAT_VERSIONS.map((v) => z.literal(v))),
  schema: LabelSchemaDefSchema,
  settings: WorkspaceSettingsSchema,
  articles: z.array(ArticleIndexEntrySchema),
  /** Actor entities and claim concepts that spans are normalised to. */
  entities: z.array(EntitySchema).default([]),
  /**
   * Set on a workspace that an import is creating (CLI import into a new folder), and cleared
   * by the same manifest write that commits its articles. A manifest still marked when opened
   * was left by an import that was killed: the workspace is removed, leaving nothing behind.
   */
  incomplete: z.literal(true).optional(),
});
export type Manifest = z.infer<typeof ManifestSchema>;

export const ArticleFileSchema = z.object({
  formatVersion: z.literal(ARTICLE_FILE_FORMAT_VERSION),
  /** Offsets in `article.spans` count UTF-16 code units. */
  offsetUnit: z.literal('utf-16'),
  /** The journal revision this file includes (see articleJournal.ts). */
  revision: z.number().int().nonnegative().default(0),
  article: ArticleSchema,
});
export type ArticleFile = z.infer<typeof ArticleFileSchema>;

/**
 * A manifest read from disk in any readable format, as this version writes it. From 1 to 2 only
 * the mark changes: a format 1 workspace has no collected layers, and its spans are its own layer.
 * The store writes the result before anything else, so an older app stops at it from then on.
 */
export function migrateManifest(manifest: Manifest): { manifest: Manifest; migratedFrom: number | null } {
  if (manifest.formatVersion === STORAGE_FORMAT_VERSION) return { manifest, migratedFrom: null };
  return { manifest: { ...manifest, formatVersion: STORAGE_FORMAT_VERSION }, migratedFrom: manifest.formatVersion };
}
