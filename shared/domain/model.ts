/**
 * The domain model: every record the workbench stores or sends, as zod schemas.
 * The TypeScript types are inferred from the schemas, so the schema is the one contract
 * for storage, IPC, the browser host and the interchange codecs.
 *
 * OFFSET CONTRACT: every `start`/`end` in this module counts UTF-16 code units of the
 * article text (JavaScript string indices, DOM Range offsets), `start` inclusive and `end`
 * exclusive. Formats that count code points or graphemes convert at their boundary
 * (see shared/text/offsets.ts), never here.
 */
import { z } from 'zod';

/** Identifier of a stored record: safe as a file name on every OS. */
export const IdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, 'ids use only letters, digits, "_" and "-"');

export const IsoTimestampSchema = z.iso.datetime({ offset: true });

/** A label of the annotation schema (Actor, Stance, Claim by default). */
export const LabelSchema = z.object({
  id: IdSchema,
  name: z.string().min(1).max(64),
  /** CSS hex colour, e.g. "#2563eb". */
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colour must be #rrggbb'),
  /** A single key that applies the label, e.g. "1". */
  hotkey: z.string().max(1).optional(),
  description: z.string().max(500).optional(),
});
export type Label = z.infer<typeof LabelSchema>;

export const LabelSchemaDefSchema = z.object({
  labels: z.array(LabelSchema).min(1).max(50),
});
export type LabelSchemaDef = z.infer<typeof LabelSchemaDefSchema>;

/** One contiguous piece of a span, in UTF-16 code units, end exclusive. */
export const OffsetRangeSchema = z
  .object({
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
  })
  .refine((r) => r.end > r.start, { message: 'end must be greater than start' });
export type OffsetRange = z.infer<typeof OffsetRangeSchema>;

/**
 * A highlighted, labelled stretch of text. `start`/`end` are UTF-16 code units.
 * A discontinuous span (as brat allows) lists its pieces in `fragments`, sorted and
 * non-overlapping; then `start` is the first piece's start and `end` the last piece's end.
 */
export const SpanSchema = z
  .object({
    id: IdSchema,
    labelId: IdSchema,
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    fragments: z.array(OffsetRangeSchema).min(2).optional(),
    note: z.string().max(10_000).optional(),
    annotator: z.string().max(200),
    createdAt: IsoTimestampSchema,
    updatedAt: IsoTimestampSchema,
    /** Normalisation (statements issue): the actor entity or claim concept this mention belongs to. */
    entityId: IdSchema.optional(),
    /** Free key/value attributes (brat A lines, imported metadata). */
    attributes: z.record(z.string(), z.string()).optional(),
  })
  .refine((s) => s.end > s.start, { message: 'span end must be greater than start', path: ['end'] })
  .refine(
    (s) =>
      !s.fragments ||
      (s.fragments[0].start === s.start &&
        s.fragments[s.fragments.length - 1].end === s.end &&
        s.fragments.every((f, i) => i === 0 || f.start >= s.fragments![i - 1].end)),
    { message: 'fragments must be sorted, disjoint, and bounded by start/end', path: ['fragments'] },
  );
export type Span = z.infer<typeof SpanSchema>;

export const PolaritySchema = z.enum(['support', 'oppose', 'neutral']);
export type Polarity = z.infer<typeof PolaritySchema>;

/** "Actor X takes stance S on claim C": links spans of one article. */
export const StatementSchema = z.object({
  id: IdSchema,
  actorSpanId: IdSchema,
  claimSpanId: IdSchema,
  polarity: PolaritySchema,
  /** The Stance span that expresses the polarity ("denounced"), when there is one. */
  stanceSpanId: IdSchema.optional(),
  note: z.string().max(10_000).optional(),
  annotator: z.string().max(200),
  createdAt: IsoTimestampSchema,
  updatedAt: IsoTimestampSchema,
});
export type Statement = z.infer<typeof StatementSchema>;

/**
 * Normalisation targets, kept per workspace: an actor entity ("Ali-Asghar Khaji", type person)
 * that many actor mentions point to, or a claim concept from the codebook ("U.S. withdrawal from
 * Syria") that claim spans point to. Spans refer to them by `entityId`.
 */
export const EntityKindSchema = z.enum(['actor', 'concept']);
export type EntityKind = z.infer<typeof EntityKindSchema>;
export const ActorTypeSchema = z.enum(['person', 'organisation', 'state', 'other']);
export type ActorType = z.infer<typeof ActorTypeSchema>;

export const EntitySchema = z.object({
  id: IdSchema,
  kind: EntityKindSchema,
  /** Canonical name (for concepts: the short name used in networks and charts). */
  name: z.string().trim().min(1).max(300),
  /** Actors only. */
  actorType: ActorTypeSchema.optional(),
  /** Other surface forms that should suggest this entity ("Khaji", "the Iranian diplomat"). */
  aliases: z.array(z.string().max(300)).default([]),
  description: z.string().max(5000).optional(),
  attributes: z.record(z.string(), z.string()).default({}),
});
export type Entity = z.infer<typeof EntitySchema>;

export const ArticleStatusSchema = z.enum(['not_started', 'in_progress', 'done']);
export type ArticleStatus = z.infer<typeof ArticleStatusSchema>;

/** Descriptive metadata of an article (everything but its text and annotations). */
export const ArticleMetaSchema = z.object({
  id: IdSchema,
  title: z.string().min(1).max(1000),
  source: z.string().max(1000).optional(),
  url: z.string().max(4000).optional(),
  /** Publication date as given, ideally ISO 8601 (YYYY-MM-DD). */
  date: z.string().max(64).optional(),
  status: ArticleStatusSchema,
  createdAt: IsoTimestampSchema,
  updatedAt: IsoTimestampSchema,
});
export type ArticleMeta = z.infer<typeof ArticleMetaSchema>;

/** A whole article as stored in its own file and as carried by the native JSONL format. */
export const ArticleSchema = ArticleMetaSchema.extend({
  text: z.string().max(50_000_000),
  spans: z.array(SpanSchema),
  statements: z.array(StatementSchema).default([]),
  /**
   * Curation into gold (docs/teams.md): the keys of the annotators' disagreements the curator
   * decided (shared/agreement/curation.ts). A decision may add nothing ("take neither"), so it is
   * recorded, not inferred from the spans. Absent until the first decision.
   */
  curation: z.object({ decided: z.array(z.string().max(200)).max(1_000_000) }).optional(),
});
export type Article = z.infer<typeof ArticleSchema>;

/** What the library list shows: metadata plus counts, never the text. */
export const ArticleSummarySchema = ArticleMetaSchema.extend({
  /** Text length in UTF-16 code units. */
  length: z.number().int().nonnegative(),
  spanCounts: z.record(z.string(), z.number().int().nonnegative()),
  statementCount: z.number().int().nonnegative(),
  /** Set when the article's file could not be read; the message names the file and the problem. */
  error: z.string().optional(),
});
export type ArticleSummary = z.infer<typeof ArticleSummarySchema>;

export const WorkspaceSettingsSchema = z.object({
  /** The annotator's name, recorded on every span they make. Empty until asked. */
  annotator: z.string().max(200).default(''),
  snapToWords: z.boolean().default(true),
});
export type WorkspaceSettings = z.infer<typeof WorkspaceSettingsSchema>;

export const NEW_ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** Random characters of a new id (36^12: about 62 bits). */
const NEW_ID_BYTES = 12;

/**
 * Random bytes for newId, drawn from the platform's CSPRNG a page at a time: one
 * getRandomValues call per id was most of the cost of giving 1,000 converted articles their
 * ids (bench section `convert`). Each byte is used once.
 */
const RANDOM_POOL_BYTES = 4096;
const randomPool = new Uint8Array(RANDOM_POOL_BYTES);
let randomPoolUsed = RANDOM_POOL_BYTES;

/** A random id usable as a record id and file name (works in Node and browsers). */
export function newId(prefix = ''): string {
  if (randomPoolUsed + NEW_ID_BYTES > RANDOM_POOL_BYTES) {
    globalThis.crypto.getRandomValues(randomPool);
    randomPoolUsed = 0;
  }
  let id = prefix;
  for (let i = randomPoolUsed, end = randomPoolUsed + NEW_ID_BYTES; i < end; i++) id += NEW_ID_ALPHABET[randomPool[i] % NEW_ID_ALPHABET.length];
  randomPoolUsed += NEW_ID_BYTES;
  return id;
}

export function nowIso(): string {
  return new Date().toISOString();
}

/** Count spans per label id. */
export function countSpansByLabel(spans: readonly Pick<Span, 'labelId'>[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of spans) counts[s.labelId] = (counts[s.labelId] ?? 0) + 1;
  return counts;
}

export function summarizeArticle(article: Article): ArticleSummary {
  const { text, spans, statements, ...meta } = article;
  return {
    ...meta,
    length: text.length,
    spanCounts: countSpansByLabel(spans),
    statementCount: statements.length,
  };
}
