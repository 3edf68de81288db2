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
export const STORAGE_FORMAT_VERSION = 1;

/** Size and mtime of the article file the summary was computed from. */
export const FileStampSchema = z.object({ size: z.number(), mtimeMs: z.number() });
export type FileStamp = z.infer<typeof FileStampSchema>;

export const ArticleIndexEntrySchema = ArticleSummarySchema.omit({ error: true }).extend({
  stamp: FileStampSchema.optional(),
});
export type ArticleIndexEntry = z.infer<typeof ArticleIndexEntrySchema>;

export const ManifestSchema = z.object({
  formatVersion: z.literal(STORAGE_FORMAT_VERSION),
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
  formatVersion: z.literal(STORAGE_FORMAT_VERSION),
  /** Offsets in `article.spans` count UTF-16 code units. */
  offsetUnit: z.literal('utf-16'),
  /** The journal revision this file includes (see articleJournal.ts). */
  revision: z.number().int().nonnegative().default(0),
  article: ArticleSchema,
});
export type ArticleFile = z.infer<typeof ArticleFileSchema>;
