/**
 * One statement flattened with what networks, tables and charts need (a read-only view), and
 * how an article's statements become rows. It lives with the network code that consumes it;
 * the API contract imports the schema from here, and the service's listStatements, the CLI's
 * network export and the renderer's fake API all flatten with `statementRowsOf`.
 */
import { z } from 'zod';
import { ArticleStatusSchema, IdSchema, OffsetRangeSchema, PolaritySchema, type Article } from '../domain/model';

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
  /** The pieces of a discontinuous actor or claim span (UTF-16); absent for a contiguous one. */
  actorFragments: z.array(OffsetRangeSchema).optional(),
  claimFragments: z.array(OffsetRangeSchema).optional(),
  annotator: z.string(),
});
export type StatementRow = z.infer<typeof StatementRowSchema>;

/**
 * The article's statements as rows. A span's text is what it covers; a discontinuous span
 * (with `fragments`) reads as its fragments joined by one space. Offsets are the span's
 * outer `start`/`end`, in UTF-16 code units, plus the fragments of a discontinuous span.
 */
export function statementRowsOf(article: Article): StatementRow[] {
  const spans = new Map(article.spans.map((s) => [s.id, s]));
  const text = (id: string) => {
    const s = spans.get(id)!;
    return s.fragments ? s.fragments.map((f) => article.text.slice(f.start, f.end)).join(' ') : article.text.slice(s.start, s.end);
  };
  return article.statements.map((st) => {
    const actor = spans.get(st.actorSpanId)!;
    const claim = spans.get(st.claimSpanId)!;
    return {
      articleId: article.id,
      articleTitle: article.title,
      ...(article.date ? { articleDate: article.date } : {}),
      articleStatus: article.status,
      statementId: st.id,
      polarity: st.polarity,
      actorSpanId: actor.id,
      actorText: text(actor.id),
      ...(actor.entityId ? { actorEntityId: actor.entityId } : {}),
      claimSpanId: claim.id,
      claimText: text(claim.id),
      ...(claim.entityId ? { conceptId: claim.entityId } : {}),
      ...(st.stanceSpanId ? { stanceSpanId: st.stanceSpanId, stanceText: text(st.stanceSpanId) } : {}),
      actorStart: actor.start,
      actorEnd: actor.end,
      claimStart: claim.start,
      claimEnd: claim.end,
      ...(actor.fragments ? { actorFragments: actor.fragments.map(({ start, end }) => ({ start, end })) } : {}),
      ...(claim.fragments ? { claimFragments: claim.fragments.map(({ start, end }) => ({ start, end })) } : {}),
      annotator: st.annotator,
    };
  });
}
