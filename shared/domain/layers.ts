/**
 * Layers (issue 11, docs/teams.md): who made a set of spans and statements on an article.
 *
 *  - the workspace's **own layer** is the one its user edits, stored in the article itself
 *    (`Article.spans/statements`, articles/<id>.json + journal). In a workspace that opened an
 *    assignment package it is that annotator's layer; in the lead's (or a lone annotator's)
 *    workspace it is the **gold** layer: the curated result that exports take by default.
 *  - **annotator layers** are collected from work packages: one record per (article, annotator),
 *    read-only here, replaced only by a newer revision from the same annotator
 *    (`<workspace>/layers/<articleId>/<key>.json`, electron/service/layerStore.ts).
 *
 * Each layer is its own record with its own revision and a single writer, so that a replication
 * engine can carry one document per (article, annotator) that never conflicts with another's.
 * Offsets inside a layer count UTF-16 code units, end exclusive, like every span (model.ts).
 */
import { z } from 'zod';
import { AnnotatorNameSchema } from './annotatorName';
import { ArticleStatusSchema, EntitySchema, IdSchema, IsoTimestampSchema, SpanSchema, StatementSchema, type Span, type Statement } from './model';

export type LayerRef = { kind: 'gold' } | { kind: 'annotator'; annotator: string };

export const GOLD: LayerRef = { kind: 'gold' };

/** "gold" or "annotator:NAME", as the CLI and the export dialogs name a layer. */
export function layerName(layer: LayerRef): string {
  return layer.kind === 'gold' ? 'gold' : `annotator:${layer.annotator}`;
}

export const sameLayer = (a: LayerRef, b: LayerRef) => layerName(a) === layerName(b);

/** Parse "gold" or "annotator:NAME"; a message saying what is accepted otherwise. */
export function parseLayerName(text: string): LayerRef | { error: string } {
  if (text === 'gold') return GOLD;
  const m = /^annotator:(.*)$/.exec(text);
  if (m) {
    const name = AnnotatorNameSchema.safeParse(m[1]);
    return name.success ? { kind: 'annotator', annotator: name.data } : { error: `"${text}": ${name.error.issues[0].message}` };
  }
  return { error: `"${text}" is not a layer: say gold or annotator:NAME` };
}

/**
 * The file name (without ".json") of an annotator's layer record. Names may hold any letter, and
 * macOS and Windows fold case and normalise some characters in file names, so every character
 * but [a-z0-9_-] is written as "~<hex code point>~": "Ann B" → "annotator-~41~nn~20~~42~". One
 * name, one file, on every file system; the name itself is inside the record.
 */
export function layerFileKey(annotator: string): string {
  let key = 'annotator-';
  for (const ch of annotator) key += /[a-z0-9_-]/.test(ch) ? ch : `~${ch.codePointAt(0)!.toString(16)}~`;
  return key;
}

/** An annotator's layer of one article, as collected from their work package. */
export const AnnotatorLayerRecordSchema = z.object({
  formatVersion: z.literal(1),
  articleId: IdSchema,
  annotator: AnnotatorNameSchema,
  /** The annotator's revision of the article: a later work package carries a higher one. */
  revision: z.number().int().nonnegative(),
  /** The annotator's progress on the article when they exported it. */
  status: ArticleStatusSchema,
  /** When the annotator last changed the article. */
  updatedAt: IsoTimestampSchema,
  /** The work package it came from and when it was collected here. */
  packageId: IdSchema,
  collectedAt: IsoTimestampSchema,
  /** SHA-256 of the article's text the layer was made on (the lead's text: checked on collect). */
  textSha256: z.string().regex(/^[0-9a-f]{64}$/),
  spans: z.array(SpanSchema),
  statements: z.array(StatementSchema).default([]),
  /** The annotator's entities and concepts that these spans link to (proposals where the lead's registry lacks them). */
  entities: z.array(EntitySchema).default([]),
});
export type AnnotatorLayerRecord = z.infer<typeof AnnotatorLayerRecordSchema>;

/**
 * A collected layer's span or statement as the page is sent it (listArticleLayers): without who
 * made it and when, which every record of a layer repeats (the layer's annotator and times say it
 * once). Curation copies spans into gold under the curator's name and its own times, and drawing
 * needs neither: 3 layers × 20,000 spans were 4 MB to send, 45 % of it those three fields.
 */
export const CollectedSpanSchema = z.object(SpanSchema.shape).omit({ annotator: true, createdAt: true, updatedAt: true });
export type CollectedSpan = z.infer<typeof CollectedSpanSchema>;
export const CollectedStatementSchema = StatementSchema.omit({ annotator: true, createdAt: true, updatedAt: true });
export type CollectedStatement = z.infer<typeof CollectedStatementSchema>;

/** `span` without its annotator and times (a new object; the others are not read). */
export function collectedSpan({ annotator: _a, createdAt: _c, updatedAt: _u, ...rest }: Span): CollectedSpan {
  return rest;
}

export function collectedStatement({ annotator: _a, createdAt: _c, updatedAt: _u, ...rest }: Statement): CollectedStatement {
  return rest;
}

/**
 * Whether a layer codes its article: the annotator started it (in_progress or done) or made
 * anything in it. An assigned article they never opened is missing, not "nothing is there":
 * agreement leaves it out, and exports do not count it as a layer to choose from.
 */
export const codedAnything = (layer: Pick<AnnotatorLayerRecord, 'status'> & { spans: readonly unknown[]; statements: readonly unknown[] }) =>
  layer.status !== 'not_started' || layer.spans.length > 0 || layer.statements.length > 0;

/** What the API hands the renderer about an article's collected layers (the own layer is the article). */
export const LayerSummarySchema = z.object({
  annotator: AnnotatorNameSchema,
  revision: z.number().int().nonnegative(),
  status: ArticleStatusSchema,
  spanCount: z.number().int().nonnegative(),
  statementCount: z.number().int().nonnegative(),
  collectedAt: IsoTimestampSchema,
});
export type LayerSummary = z.infer<typeof LayerSummarySchema>;
