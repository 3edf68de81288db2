import { describe, expect, it } from 'vitest';
import type { Span } from '../../../shared/domain/model';
import { buildBuckets } from '../document/paragraphBuckets';
import { makeArticle } from '../test/fakeApi';
import { DocumentSession, type ParagraphChange } from './documentSession';

const T = '2026-01-01T00:00:00.000Z';
const span = (id: string, start: number, end: number, labelId = 'actor'): Span => ({ id, labelId, start, end, annotator: '', createdAt: T, updatedAt: T });

// Paragraphs: 0 "first para" [0,10), 1 "second para" [11,22), 2 "" , 3 "fourth para" [24,35).
const text = 'first para\nsecond para\n\nfourth para';
const ids = (bucket: readonly Span[]) => bucket.map((s) => s.id);

function opened(spans: Span[] = [span('a', 0, 5)]) {
  const session = new DocumentSession();
  const changes: ParagraphChange[] = [];
  session.subscribe((c) => changes.push(c));
  session.open(makeArticle({ id: 'art', text, spans }));
  return { session, changes };
}

describe('DocumentSession', () => {
  it('opening an article splits its paragraphs and buckets its spans; every paragraph is reported', () => {
    const { session, changes } = opened([span('a', 0, 5), span('b', 6, 15)]);
    expect(session.state.paragraphs).toHaveLength(4);
    expect(session.state.buckets.map(ids)).toEqual([['a', 'b'], ['b'], [], []]);
    expect(changes).toEqual([{ all: true }]);
    session.open(null);
    expect(session.state).toEqual({ article: null, paragraphs: [], buckets: [] });
  });

  it('applying edits updates article and buckets together and reports only the paragraphs that changed', () => {
    const { session, changes } = opened();
    const before = session.state;
    const after = session.apply([{ type: 'addSpan', span: span('n', 24, 30, 'claim') }]);
    expect(after.article!.spans.map((s) => s.id)).toEqual(['a', 'n']);
    expect(after.buckets.map(ids)).toEqual([['a'], [], [], ['n']]);
    expect(after.buckets[0]).toBe(before.buckets[0]);
    expect(after.paragraphs).toBe(before.paragraphs);
    expect(changes.at(-1)).toEqual({ all: false, paragraphs: [3] });

    // A relabelled span is a new object: its paragraph's bucket holds the new version.
    session.apply([{ type: 'updateSpan', id: 'a', patch: { labelId: 'claim', updatedAt: T } }]);
    expect(session.state.buckets[0][0].labelId).toBe('claim');
    expect(changes.at(-1)).toEqual({ all: false, paragraphs: [0] });

    session.apply([{ type: 'removeSpan', id: 'n' }]);
    expect(session.state.buckets.map(ids)).toEqual([['a'], [], [], []]);
    expect(changes.at(-1)).toEqual({ all: false, paragraphs: [3] });
    // The buckets always equal the ones built from scratch.
    expect(session.state.buckets).toEqual(buildBuckets(session.state.paragraphs, session.state.article!.spans));
  });

  it('edits that do not fit change nothing and report nothing', () => {
    const { session, changes } = opened();
    const before = session.state;
    expect(() => session.apply([{ type: 'removeSpan', id: 'missing' }])).toThrow();
    expect(() => session.apply([{ type: 'addSpan', span: span('x', 0, 3, 'unknown') }], new Set(['actor']))).toThrow();
    expect(session.state).toBe(before);
    expect(changes).toHaveLength(1);
    expect(() => new DocumentSession().apply([{ type: 'setStatus', status: 'done' }])).toThrow(/No article/);
  });

  it('replacing the article (a refused batch rolled back) rebuilds the buckets, keeping the unchanged ones', () => {
    const { session, changes } = opened();
    const original = session.state.article!;
    session.apply([{ type: 'addSpan', span: span('n', 11, 17) }]);
    const withNew = session.state;
    const back = session.replace(original);
    expect(back.buckets.map(ids)).toEqual([['a'], [], [], []]);
    expect(back.buckets[0]).toBe(withNew.buckets[0]);
    expect(changes.at(-1)).toEqual({ all: false, paragraphs: [1] });
  });
});
