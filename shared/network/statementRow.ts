/**
 * One statement flattened with what networks, tables and charts need (a read-only view). It
 * lives with the network code that consumes it; the API contract imports it from here.
 */
import { z } from 'zod';
import { ArticleStatusSchema, IdSchema, PolaritySchema } from '../domain/model';

export const StatementRowSchema = z.object({
  articleId: IdSchema,
  articleTitle: z.string(),
  articleDate: z.string().optional(),
  articleStatus: ArticleStatusSchema,
  statementId: IdSchema,
  polarity: PolaritySchema,
  actorSpanId: IdSchema,
  actorText: z.string(),
  actorEntityId: IdSchema.optional(),
  claimSpanId: IdSchema,
  claimText: z.string(),
  conceptId: IdSchema.optional(),
  stanceSpanId: IdSchema.optional(),
  stanceText: z.string().optional(),
  /** UTF-16 code units. */
  actorStart: z.number().int(),
  actorEnd: z.number().int(),
  claimStart: z.number().int(),
  claimEnd: z.number().int(),
  annotator: z.string(),
});
export type StatementRow = z.infer<typeof StatementRowSchema>;
