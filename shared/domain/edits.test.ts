import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits, EditConflictError, invertEdits, type Edit } from './edits';
import type { Article, Span } from './model';

const T = '2026-01-01T00:00:00.000Z';
const T2 = '2026-02-01T00:00:00.000Z';
const span = (id: string, labelId: string, start: number, end: number, note?: string): Span => ({
  id, labelId, start, end, annotator: 'a', createdAt: T, updatedAt: T, ...(note ? { note } : {}),
});
const article = (spans: Span[] = []): Article => ({
  id: 'a1', title: 't', status: 'not_started', createdAt: T, updatedAt: T, text: 'Khaji denounced the presence', spans, statements: [],
});

describe('applyEdits', () => {
  it('adds, relabels, annotates and removes spans without mutating the input', () => {
    const a = article();
    const b = applyEdits(a, [{ type: 'addSpan', span: span('s1', 'actor', 0, 5) }]);
    expect(a.spans).toEqual([]);
    expect(b.status).toBe('in_progress');
    const c = applyEdits(b, [{ type: 'updateSpan', id: 's1', patch: { labelId: 'claim', note: 'who', updatedAt: T2 } }]);
    expect(c.spans[0]).toMatchObject({ labelId: 'claim', note: 'who', updatedAt: T2 });
    expect(applyEdits(c, [{ type: 'removeSpan', id: 's1' }]).spans).toEqual([]);
  });

  it('refuses a span still used by a statement, and statements pointing at missing spans', () => {
    const a = applyEdits(article([span('s1', 'actor', 0, 5), span('s2', 'claim', 16, 28)]), [
      { type: 'addStatement', statement: { id: 'st', actorSpanId: 's1', claimSpanId: 's2', polarity: 'oppose', annotator: 'a', createdAt: T, updatedAt: T } },
    ]);
    expect(() => applyEdits(a, [{ type: 'removeSpan', id: 's1' }])).toThrow(EditConflictError);
    expect(applyEdits(a, [{ type: 'removeStatement', id: 'st' }, { type: 'removeSpan', id: 's1' }]).spans).toHaveLength(1);
    expect(() =>
      applyEdits(a, [{ type: 'addStatement', statement: { id: 'x', actorSpanId: 'nope', claimSpanId: 's2', polarity: 'support', annotator: 'a', createdAt: T, updatedAt: T } }]),
    ).toThrow(/missing span nope/);
  });

  it('refuses spans that split a surrogate pair, end beyond the text, or are empty', () => {
    // "خاجی 👍 گفت": the emoji is two UTF-16 units at 5 and 6.
    const persian: Article = { ...article(), text: 'خاجی 👍 گفت' };
    expect(() => applyEdits(persian, [{ type: 'addSpan', span: span('s1', 'actor', 0, 6) }])).toThrow(
      new EditConflictError('span s1 has offset 6, which splits a surrogate pair (a character such as an emoji would be cut in half)'),
    );
    expect(() => applyEdits(persian, [{ type: 'addSpan', span: span('s1', 'actor', 6, 9) }])).toThrow(/offset 6, which splits a surrogate pair/);
    expect(() => applyEdits(persian, [{ type: 'addSpan', span: { ...span('s1', 'actor', 0, 11), fragments: [{ start: 0, end: 4 }, { start: 6, end: 11 }] } }])).toThrow(
      /offset 6, which splits/,
    );
    expect(() => applyEdits(persian, [{ type: 'addSpan', span: span('s1', 'actor', 8, 12) }])).toThrow(/ends at 12, beyond the text \(11 UTF-16 units\)/);
    expect(applyEdits(persian, [{ type: 'addSpan', span: span('s1', 'actor', 5, 7) }]).spans).toHaveLength(1);
  });

  it('refuses unknown labels when the schema is given', () => {
    expect(() => applyEdits(article(), [{ type: 'addSpan', span: span('s1', 'other', 0, 5) }], new Set(['actor']))).toThrow(/unknown label/);
  });
});

describe('invertEdits', () => {
  const labels = ['actor', 'stance', 'claim'];
  const arbEdit = (ids: string[]): fc.Arbitrary<Edit> =>
    fc.oneof(
      fc.record({ start: fc.nat(20), len: fc.integer({ min: 1, max: 8 }), label: fc.constantFrom(...labels), id: fc.constantFrom('n1', 'n2', 'n3', 'n4') }).map(
        ({ start, len, label, id }): Edit => ({ type: 'addSpan', span: span(id, label, start, start + len) }),
      ),
      ...(ids.length
        ? [
            fc.constantFrom(...ids).map((id): Edit => ({ type: 'removeSpan', id })),
            fc.record({ id: fc.constantFrom(...ids), label: fc.constantFrom(...labels), note: fc.string({ maxLength: 5 }) }).map(
              ({ id, label, note }): Edit => ({ type: 'updateSpan', id, patch: { labelId: label, note, updatedAt: T2 } }),
            ),
          ]
        : []),
      fc.constantFrom('not_started', 'in_progress', 'done').map((status): Edit => ({ type: 'setStatus', status: status as Article['status'] })),
    );

  it('undoing any valid batch restores the article exactly', () => {
    const base = article([span('s1', 'actor', 0, 5, 'n'), span('s2', 'claim', 3, 12)]);
    fc.assert(
      fc.property(fc.array(arbEdit(['s1', 's2']), { minLength: 1, maxLength: 6 }), (edits) => {
        let after: Article;
        try {
          after = applyEdits(base, edits);
        } catch {
          return; // not a valid batch for this article
        }
        const undone = applyEdits(after, invertEdits(base, edits));
        expect(undone.spans).toEqual(base.spans);
        expect(undone.status).toEqual(base.status);
        // and redo (re-applying the batch) reproduces the edited state
        expect(applyEdits(undone, edits)).toEqual(after);
      }),
      { numRuns: 300 },
    );
  });
});
