/**
 * What the span and article commands do, as data: each planner reads the article and the
 * schema and returns an `EditPlan` (the batch with its history description, and what the user
 * should see afterwards) without changing anything. One runner, the document slice's `runPlan`,
 * carries a plan out: the batch through the DocumentSession (applied, recorded for undo,
 * sent), then the selection, notice or question. Pure, so each rule is tested on its own.
 */
import type { Edit } from '../../../shared/domain/edits';
import { entityKindOfLabel } from '../../../shared/domain/labelRoles';
import type { Article, Label, Span, WorkspaceSettings } from '../../../shared/domain/model';
import { snapToWords, trimWhitespace } from '../../../shared/text/snap';

export interface EditPlan {
  /** The batch, and what the history calls it ("Add Actor"); absent when nothing changes. */
  readonly edit?: { readonly edits: Edit[]; readonly description: string };
  /** Said to the user (the aria-live notice). */
  readonly notice?: string;
  /** Select this span afterwards (and move the caret to it). */
  readonly select?: { readonly spanId: string; readonly caretAt?: number; readonly known?: Span };
  /** Collapse the text selection here after the batch. */
  readonly caretAt?: number;
  /** Ask first instead of editing: a span that statements use goes only with them. */
  readonly ask?: { readonly kind: 'deleteSpanWithStatements'; readonly spanId: string };
}

/** What the planners read: the open article, the schema, the settings, a clock and ids. */
export interface EditContext {
  readonly article: Article;
  readonly labels: readonly Label[];
  readonly settings: Pick<WorkspaceSettings, 'snapToWords' | 'annotator'> | undefined;
  readonly now: () => string;
  readonly newId: (prefix: string) => string;
}

const NOTHING: EditPlan = {};

/** A new span over [start, end), snapped to words (or only trimmed, with snapping off). */
export function planCreateSpan(ctx: EditContext, labelId: string, start: number, end: number): EditPlan {
  const { article } = ctx;
  const label = ctx.labels.find((l) => l.id === labelId);
  if (!label) return NOTHING;
  const snap = ctx.settings?.snapToWords ?? true;
  const range = snap ? snapToWords(article.text, start, end) : trimWhitespace(article.text, start, end);
  if (!range || range.end <= range.start) return { notice: 'The selection has no words to label.' };
  const existing = article.spans.find((sp) => sp.start === range.start && sp.end === range.end && sp.labelId === labelId);
  if (existing) return { select: { spanId: existing.id }, notice: `That text is already labelled ${label.name}.` };
  const at = ctx.now();
  const span: Span = { id: ctx.newId('s'), labelId, start: range.start, end: range.end, annotator: ctx.settings?.annotator ?? '', createdAt: at, updatedAt: at };
  return { edit: { edits: [{ type: 'addSpan', span }], description: `Add ${label.name}` }, select: { spanId: span.id, caretAt: span.end, known: span } };
}

/** Another label for a span; a link made for the old role (an actor entity is no concept) is dropped (undo restores it). */
export function planRelabel(ctx: EditContext, spanId: string, labelId: string): EditPlan {
  const span = ctx.article.spans.find((sp) => sp.id === spanId);
  const label = ctx.labels.find((l) => l.id === labelId);
  if (!span || !label || span.labelId === labelId) return NOTHING;
  const oldLabel = ctx.labels.find((l) => l.id === span.labelId) ?? { id: span.labelId, name: span.labelId };
  const dropLink = !!span.entityId && entityKindOfLabel(oldLabel) !== entityKindOfLabel(label);
  const patch = { labelId, ...(dropLink ? { entityId: null } : {}), updatedAt: ctx.now() };
  return { edit: { edits: [{ type: 'updateSpan', id: spanId, patch }], description: `Change label to ${label.name}` } };
}

/** A label key: label the text selection, else relabel the selected span, else say what to do. */
export function planApplyLabel(
  ctx: EditContext,
  labelId: string,
  selection: { anchor: number; focus: number } | null,
  selectedSpanId: string | null,
): EditPlan {
  if (selection && selection.anchor !== selection.focus)
    return planCreateSpan(ctx, labelId, Math.min(selection.anchor, selection.focus), Math.max(selection.anchor, selection.focus));
  if (selectedSpanId) return planRelabel(ctx, selectedSpanId, labelId);
  return { notice: 'Select some text first, then choose a label.' };
}

/** The note of a span (trimmed; empty removes it). */
export function planNote(ctx: EditContext, spanId: string, note: string): EditPlan {
  const span = ctx.article.spans.find((sp) => sp.id === spanId);
  const value = note.trim();
  if (!span || (span.note ?? '') === value) return NOTHING;
  return { edit: { edits: [{ type: 'updateSpan', id: spanId, patch: { note: value, updatedAt: ctx.now() } }], description: value ? 'Edit note' : 'Remove note' } };
}

/** Delete a span; one that statements use is only asked about (see DeleteSpanDialog). */
export function planDeleteSpan(ctx: EditContext, spanId: string): EditPlan {
  const span = ctx.article.spans.find((sp) => sp.id === spanId);
  if (!span) return NOTHING;
  if (ctx.article.statements.some((st) => st.actorSpanId === spanId || st.claimSpanId === spanId || st.stanceSpanId === spanId))
    return { ask: { kind: 'deleteSpanWithStatements', spanId } };
  return { edit: { edits: [{ type: 'removeSpan', id: spanId }], description: 'Delete span' }, caretAt: span.start };
}

/** Mark the article done, or reopen it. */
export function planToggleDone(ctx: EditContext): EditPlan {
  const done = ctx.article.status === 'done';
  return { edit: { edits: [{ type: 'setStatus', status: done ? 'in_progress' : 'done' }], description: done ? 'Reopen article' : 'Mark done' } };
}
