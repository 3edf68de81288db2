/**
 * Edits to one article's annotations, as data. The renderer sends batches of these; the
 * service validates and applies a batch atomically (all or nothing) and persists it before
 * acknowledging. Undo/redo is just sending the inverse batch, computed by `invertEdits`
 * against the article state the batch was applied to.
 */
import { z } from 'zod';
import {
  ArticleStatusSchema,
  IdSchema,
  SpanSchema,
  StatementSchema,
  type Article,
  type Span,
  type Statement,
} from './model';
import { spanExtentProblem } from './articleInvariants';

export const SpanPatchSchema = z.object({
  labelId: IdSchema.optional(),
  note: z.string().max(10_000).optional(),
  entityId: IdSchema.nullable().optional(),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type SpanPatch = z.infer<typeof SpanPatchSchema>;

export const StatementPatchSchema = z.object({
  polarity: StatementSchema.shape.polarity.optional(),
  actorSpanId: IdSchema.optional(),
  claimSpanId: IdSchema.optional(),
  stanceSpanId: IdSchema.nullable().optional(),
  note: z.string().max(10_000).optional(),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type StatementPatch = z.infer<typeof StatementPatchSchema>;

export const EditSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('addSpan'), span: SpanSchema }),
  z.object({ type: z.literal('updateSpan'), id: IdSchema, patch: SpanPatchSchema }),
  z.object({ type: z.literal('removeSpan'), id: IdSchema }),
  z.object({ type: z.literal('addStatement'), statement: StatementSchema }),
  z.object({ type: z.literal('updateStatement'), id: IdSchema, patch: StatementPatchSchema }),
  z.object({ type: z.literal('removeStatement'), id: IdSchema }),
  z.object({ type: z.literal('setStatus'), status: ArticleStatusSchema }),
  /** Record (or take back) a curation decision on the disagreement with this key. */
  z.object({ type: z.literal('setCurationDecision'), key: z.string().min(1).max(200), decided: z.boolean() }),
]);
export type Edit = z.infer<typeof EditSchema>;

/** Reading order of spans: by start, longer first, then id. Stored span arrays keep this order. */
export function compareSpanPosition(a: Pick<Span, 'start' | 'end' | 'id'>, b: Pick<Span, 'start' | 'end' | 'id'>): number {
  return a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** First index in `spans` (in reading order) not before `s`: where `s` is, or would be inserted. */
export function spanIndexInOrder(spans: readonly Pick<Span, 'start' | 'end' | 'id'>[], s: Pick<Span, 'start' | 'end' | 'id'>): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareSpanPosition(spans[mid], s) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class EditConflictError extends Error {
  override name = 'EditConflictError';
}

/**
 * Apply edits to an article, returning a new article (the input is not mutated).
 * Throws EditConflictError when an edit does not fit the article (unknown id, offsets that
 * break the span rule of articleInvariants.ts: outside the text, splitting a surrogate pair; a
 * statement pointing at a missing span, a span still used by a statement).
 */
export function applyEdits(article: Article, edits: readonly Edit[], knownLabelIds?: ReadonlySet<string>): Article {
  const next = applyEditsLiterally(article, edits, knownLabelIds);
  // The first annotation moves an untouched article to "in progress"; "done" is only set explicitly.
  if (next.status === 'not_started' && next.spans.length > 0 && !edits.some((e) => e.type === 'setStatus'))
    return { ...next, status: 'in_progress' };
  return next;
}

/** Apply edits exactly as written, without the automatic status rule. */
function applyEditsLiterally(article: Article, edits: readonly Edit[], knownLabelIds?: ReadonlySet<string>): Article {
  let spans = article.spans;
  let statements = article.statements;
  let status = article.status;
  let curation = article.curation;
  // Linear scans, not a Map: building a 20,000-entry index costs more than the few lookups
  // an interactive edit makes (this runs on every keystroke-sized edit of long articles).
  const spanIndex = {
    get: (id: string): number | undefined => {
      const i = spans.findIndex((s) => s.id === id);
      return i < 0 ? undefined : i;
    },
    has: (id: string) => spans.some((s) => s.id === id),
  };
  let spansCopied = false;
  const ensureSpansCopy = () => {
    if (!spansCopied) {
      spans = spans.slice();
      spansCopied = true;
    }
  };

  for (const edit of edits) {
    switch (edit.type) {
      case 'addSpan': {
        const s = edit.span;
        if (spanIndex.has(s.id)) throw new EditConflictError(`span ${s.id} already exists`);
        const problem = spanExtentProblem(article.text, s);
        if (problem) throw new EditConflictError(`span ${s.id} ${problem}`);
        if (knownLabelIds && !knownLabelIds.has(s.labelId))
          throw new EditConflictError(`span ${s.id} has unknown label "${s.labelId}"`);
        ensureSpansCopy();
        // Spans are kept in reading order, so undoing a removal puts a span back where it was.
        spans.splice(spanIndexInOrder(spans, s), 0, s);
        break;
      }
      case 'updateSpan': {
        const i = spanIndex.get(edit.id);
        if (i === undefined) throw new EditConflictError(`span ${edit.id} does not exist`);
        if (edit.patch.labelId && knownLabelIds && !knownLabelIds.has(edit.patch.labelId))
          throw new EditConflictError(`unknown label "${edit.patch.labelId}"`);
        ensureSpansCopy();
        const next: Span = { ...spans[i], updatedAt: edit.patch.updatedAt };
        if (edit.patch.labelId !== undefined) next.labelId = edit.patch.labelId;
        if (edit.patch.note !== undefined) {
          if (edit.patch.note === '') delete next.note;
          else next.note = edit.patch.note;
        }
        if (edit.patch.entityId !== undefined) {
          if (edit.patch.entityId === null) delete next.entityId;
          else next.entityId = edit.patch.entityId;
        }
        spans[i] = next;
        break;
      }
      case 'removeSpan': {
        const i = spanIndex.get(edit.id);
        if (i === undefined) throw new EditConflictError(`span ${edit.id} does not exist`);
        const user = statements.find(
          (st) => st.actorSpanId === edit.id || st.claimSpanId === edit.id || st.stanceSpanId === edit.id,
        );
        if (user) throw new EditConflictError(`span ${edit.id} is used by statement ${user.id}; remove the statement first`);
        ensureSpansCopy();
        spans.splice(i, 1);
        break;
      }
      case 'addStatement': {
        const st = edit.statement;
        if (statements.some((x) => x.id === st.id)) throw new EditConflictError(`statement ${st.id} already exists`);
        for (const ref of [st.actorSpanId, st.claimSpanId, st.stanceSpanId]) {
          if (ref !== undefined && !spanIndex.has(ref))
            throw new EditConflictError(`statement ${st.id} refers to missing span ${ref}`);
        }
        statements = [...statements, st];
        break;
      }
      case 'updateStatement': {
        const i = statements.findIndex((x) => x.id === edit.id);
        if (i < 0) throw new EditConflictError(`statement ${edit.id} does not exist`);
        const p = edit.patch;
        const next: Statement = { ...statements[i], updatedAt: p.updatedAt };
        if (p.polarity !== undefined) next.polarity = p.polarity;
        if (p.actorSpanId !== undefined) next.actorSpanId = p.actorSpanId;
        if (p.claimSpanId !== undefined) next.claimSpanId = p.claimSpanId;
        if (p.stanceSpanId !== undefined) {
          if (p.stanceSpanId === null) delete next.stanceSpanId;
          else next.stanceSpanId = p.stanceSpanId;
        }
        if (p.note !== undefined) {
          if (p.note === '') delete next.note;
          else next.note = p.note;
        }
        for (const ref of [next.actorSpanId, next.claimSpanId, next.stanceSpanId]) {
          if (ref !== undefined && !spanIndex.has(ref))
            throw new EditConflictError(`statement ${next.id} refers to missing span ${ref}`);
        }
        statements = statements.slice();
        statements[i] = next;
        break;
      }
      case 'removeStatement': {
        if (!statements.some((x) => x.id === edit.id)) throw new EditConflictError(`statement ${edit.id} does not exist`);
        statements = statements.filter((x) => x.id !== edit.id);
        break;
      }
      case 'setStatus':
        status = edit.status;
        break;
      case 'setCurationDecision': {
        const decided = (curation?.decided ?? []).filter((k) => k !== edit.key);
        if (edit.decided) decided.push(edit.key);
        curation = { decided };
        break;
      }
    }
  }
  return { ...article, spans, statements, status, ...(curation ? { curation } : {}) };
}

/**
 * The batch that undoes `edits` when applied after them. `before` is the article state the
 * edits were applied to. Inverse edits come in reverse order.
 */
export function invertEdits(before: Article, edits: readonly Edit[]): Edit[] {
  const inverse: Edit[] = [];
  let state = before;
  edits.forEach((edit, i) => {
    inverse.unshift(...invertOne(state, edit));
    // Later edits are inverted against the state before them. After the last one there is
    // nothing left to invert: not applying it saves a copy of every span of the article
    // (a label key on an article with 20,000 spans).
    if (i < edits.length - 1) state = applyEditsLiterally(state, [edit]);
  });
  // Status can also change as a side effect (first span => in progress). The inverse always
  // ends by restoring it; being explicit, it also keeps the automatic rule from firing.
  inverse.push({ type: 'setStatus', status: before.status });
  return inverse;
}

function invertOne(state: Article, edit: Edit): Edit[] {
  switch (edit.type) {
    case 'addSpan':
      return [{ type: 'removeSpan', id: edit.span.id }];
    case 'removeSpan': {
      const span = state.spans.find((s) => s.id === edit.id);
      return span ? [{ type: 'addSpan', span }] : [];
    }
    case 'updateSpan': {
      const span = state.spans.find((s) => s.id === edit.id);
      if (!span) return [];
      return [
        {
          type: 'updateSpan',
          id: edit.id,
          patch: {
            ...(edit.patch.labelId !== undefined ? { labelId: span.labelId } : {}),
            ...(edit.patch.note !== undefined ? { note: span.note ?? '' } : {}),
            ...(edit.patch.entityId !== undefined ? { entityId: span.entityId ?? null } : {}),
            updatedAt: span.updatedAt,
          },
        },
      ];
    }
    case 'addStatement':
      return [{ type: 'removeStatement', id: edit.statement.id }];
    case 'removeStatement': {
      const st = state.statements.find((s) => s.id === edit.id);
      return st ? [{ type: 'addStatement', statement: st }] : [];
    }
    case 'updateStatement': {
      const st = state.statements.find((s) => s.id === edit.id);
      if (!st) return [];
      const p = edit.patch;
      return [
        {
          type: 'updateStatement',
          id: edit.id,
          patch: {
            ...(p.polarity !== undefined ? { polarity: st.polarity } : {}),
            ...(p.actorSpanId !== undefined ? { actorSpanId: st.actorSpanId } : {}),
            ...(p.claimSpanId !== undefined ? { claimSpanId: st.claimSpanId } : {}),
            ...(p.stanceSpanId !== undefined ? { stanceSpanId: st.stanceSpanId ?? null } : {}),
            ...(p.note !== undefined ? { note: st.note ?? '' } : {}),
            updatedAt: st.updatedAt,
          },
        },
      ];
    }
    case 'setStatus':
      return [{ type: 'setStatus', status: state.status }];
    case 'setCurationDecision':
      return [{ type: 'setCurationDecision', key: edit.key, decided: state.curation?.decided.includes(edit.key) ?? false }];
  }
}
