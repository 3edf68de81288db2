import { describe, expect, it } from 'vitest';
import type { Span, Statement } from '../../../shared/domain/model';
import { makeArticle, TEST_LABELS } from '../test/fakeApi';
import { planApplyLabel, planCreateSpan, planDeleteSpan, planNote, planRelabel, planToggleDone, type EditContext } from './spanEdits';

const T = '2026-01-01T00:00:00.000Z';
const TEXT = 'Akira Endo met Iran in Geneva.';
const span = (id: string, start: number, end: number, labelId = 'actor', extra: Partial<Span> = {}): Span => ({ id, labelId, start, end, annotator: '', createdAt: T, updatedAt: T, ...extra });

function context(spans: Span[] = [], statements: Statement[] = [], snapToWords = true): EditContext {
  let n = 0;
  return {
    article: makeArticle({ id: 'a', text: TEXT, spans, statements }),
    labels: TEST_LABELS,
    settings: { snapToWords, annotator: 'Ana' },
    now: () => T,
    newId: (prefix) => `${prefix}${++n}`,
  };
}

describe('edit planners', () => {
  it('a new span is snapped to words, named for the history, and selected with the caret at its end', () => {
    const plan = planCreateSpan(context(), 'actor', 2, 8);
    expect(plan.edit).toEqual({ edits: [{ type: 'addSpan', span: span('s1', 0, 10, 'actor', { annotator: 'Ana' }) }], description: 'Add Actor' });
    expect(plan.select).toMatchObject({ spanId: 's1', caretAt: 10 });
    expect(planCreateSpan(context([], [], false), 'actor', 2, 9).edit!.edits[0]).toMatchObject({ span: { start: 2, end: 9 } });
  });

  it('changes nothing, but says why, for a selection without words, a duplicate, or an unknown label', () => {
    expect(planCreateSpan(context(), 'actor', 5, 6)).toEqual({ notice: 'The selection has no words to label.' });
    expect(planCreateSpan(context([span('x', 0, 10)]), 'actor', 0, 10)).toEqual({ select: { spanId: 'x' }, notice: 'That text is already labelled Actor.' });
    expect(planCreateSpan(context(), 'nope', 0, 5)).toEqual({});
    expect(planApplyLabel(context(), 'actor', null, null)).toEqual({ notice: 'Select some text first, then choose a label.' });
  });

  it('a label key labels the text selection first, else relabels the selected span; a link of the old role is dropped', () => {
    const ctx = context([span('x', 0, 10, 'actor', { entityId: 'e1' })]);
    expect(planApplyLabel(ctx, 'claim', { anchor: 19, focus: 15 }, 'x').edit!.edits[0]).toMatchObject({ type: 'addSpan', span: { start: 15, end: 19 } });
    expect(planApplyLabel(ctx, 'claim', null, 'x').edit).toEqual({
      edits: [{ type: 'updateSpan', id: 'x', patch: { labelId: 'claim', entityId: null, updatedAt: T } }],
      description: 'Change label to Claim',
    });
    expect(planRelabel(ctx, 'x', 'actor')).toEqual({});
  });

  it('notes are trimmed and an unchanged note is no edit; toggling done names the way it goes', () => {
    const ctx = context([span('x', 0, 10, 'actor', { note: 'same' })]);
    expect(planNote(ctx, 'x', ' same ')).toEqual({});
    expect(planNote(ctx, 'x', '').edit!.description).toBe('Remove note');
    expect(planToggleDone(ctx).edit).toEqual({ edits: [{ type: 'setStatus', status: 'done' }], description: 'Mark done' });
  });

  it('deleting a span puts the caret where it was; one that a statement uses is only asked about', () => {
    const statement: Statement = { id: 'st', actorSpanId: 'x', claimSpanId: 'y', polarity: 'support', annotator: '', createdAt: T, updatedAt: T };
    expect(planDeleteSpan(context([span('x', 0, 10)]), 'x')).toEqual({ edit: { edits: [{ type: 'removeSpan', id: 'x' }], description: 'Delete span' }, caretAt: 0 });
    expect(planDeleteSpan(context([span('x', 0, 10), span('y', 23, 29, 'claim')], [statement]), 'x')).toEqual({ ask: { kind: 'deleteSpanWithStatements', spanId: 'x' } });
  });
});
