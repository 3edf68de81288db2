import { describe, expect, it } from 'vitest';
import type { Edit } from '../../../shared/domain/edits';
import { summarizeArticle, type Span } from '../../../shared/domain/model';
import { buildBuckets } from './paragraphBuckets';
import { makeArticle } from '../test/fakeApi';
import { DocumentSession, SAVE_ERROR, type ParagraphChange, type RemovedSpans } from './documentSession';

const T = '2026-01-01T00:00:00.000Z';
const span = (id: string, start: number, end: number, labelId = 'actor'): Span => ({ id, labelId, start, end, annotator: '', createdAt: T, updatedAt: T });

// Paragraphs: 0 "first para" [0,10), 1 "second para" [11,22), 2 "" , 3 "fourth para" [24,35).
const text = 'first para\nsecond para\n\nfourth para';
const ids = (bucket: readonly Span[]) => bucket.map((s) => s.id);

/** A service that answers each batch only when the test says so. */
function heldService() {
  const calls: { articleId: string; edits: readonly Edit[]; answer: (ok: boolean) => void }[] = [];
  let seq = 0;
  const send = (articleId: string, edits: readonly Edit[]) =>
    new Promise<ReturnType<typeof summarizeArticle>>((resolve, reject) =>
      calls.push({ articleId, edits, answer: (ok) => (ok ? resolve(summarizeArticle(makeArticle({ id: articleId, text }))) : reject(new Error('refused by the service'))) }),
    );
  /** Answer the oldest open call, then let the session's pump run. */
  const answer = async (ok: boolean) => {
    calls.shift()!.answer(ok);
    await new Promise((r) => setTimeout(r, 0));
  };
  return { calls, send, answer, newId: (prefix: string) => `${prefix}${++seq}` };
}

function opened(spans: Span[] = [span('a', 0, 5)]) {
  const service = heldService();
  const errors: unknown[] = [];
  const session = new DocumentSession({ send: service.send, newId: service.newId, refused: (e) => errors.push(e) });
  const changes: ParagraphChange[] = [];
  const removed: RemovedSpans[] = [];
  session.subscribe((c, _state, r) => {
    changes.push(c);
    removed.push(r);
  });
  session.open(makeArticle({ id: 'art', text, spans }));
  return { session, changes, removed, service, errors };
}

describe('DocumentSession', () => {
  it('opening an article splits its paragraphs and buckets its spans; every paragraph is reported', () => {
    const { session, changes } = opened([span('a', 0, 5), span('b', 6, 15)]);
    expect(session.state.paragraphs).toHaveLength(4);
    expect(session.state.buckets.map(ids)).toEqual([['a', 'b'], ['b'], [], []]);
    expect(changes).toEqual([{ all: true }]);
    session.open(null);
    expect(session.state).toMatchObject({ article: null, confirmed: null, paragraphs: [], buckets: [], undoStack: [], redoStack: [] });
  });

  it('applying edits updates article and buckets together and reports only the paragraphs that changed', () => {
    const { session, changes } = opened();
    const before = session.state;
    const after = session.apply([{ type: 'addSpan', span: span('n', 24, 30, 'claim') }], 'Add Claim');
    expect(after.article!.spans.map((s) => s.id)).toEqual(['a', 'n']);
    expect(after.buckets.map(ids)).toEqual([['a'], [], [], ['n']]);
    expect(after.buckets[0]).toBe(before.buckets[0]);
    expect(after.paragraphs).toBe(before.paragraphs);
    expect(changes.at(-1)).toEqual({ all: false, paragraphs: [3] });

    // A relabelled span is a new object: its paragraph's bucket holds the new version.
    session.apply([{ type: 'updateSpan', id: 'a', patch: { labelId: 'claim', updatedAt: T } }], 'Change label');
    expect(session.state.buckets[0][0].labelId).toBe('claim');
    expect(changes.at(-1)).toEqual({ all: false, paragraphs: [0] });

    session.apply([{ type: 'removeSpan', id: 'n' }], 'Delete span');
    expect(session.state.buckets.map(ids)).toEqual([['a'], [], [], []]);
    expect(changes.at(-1)).toEqual({ all: false, paragraphs: [3] });
    // The buckets always equal the ones built from scratch.
    expect(session.state.buckets).toEqual(buildBuckets(session.state.paragraphs, session.state.article!.spans));
  });

  it('edits that do not fit change nothing and report nothing', () => {
    const { session, changes } = opened();
    const before = session.state;
    expect(() => session.apply([{ type: 'removeSpan', id: 'missing' }], 'x')).toThrow();
    expect(() => session.apply([{ type: 'addSpan', span: span('x', 0, 3, 'unknown') }], 'x', new Set(['actor']))).toThrow();
    expect(session.state).toBe(before);
    expect(changes).toHaveLength(1);
    const closed = new DocumentSession({ ...heldService() });
    expect(() => closed.apply([{ type: 'setStatus', status: 'done' }], 'x')).toThrow(/No article/);
  });

  it('a refused batch rolls the article back (buckets rebuilt, unchanged ones kept) and forgets its history entry', async () => {
    const { session, changes, removed, service, errors } = opened();
    const original = session.state.article!;
    session.apply([{ type: 'addSpan', span: span('n', 11, 17) }], 'Add Actor');
    const withNew = session.state;
    expect(withNew.undoStack.map((e) => e.description)).toEqual(['Add Actor']);
    await service.answer(false);
    const back = session.state;
    expect(back.article!.spans).toEqual(original.spans);
    expect(back.buckets.map(ids)).toEqual([['a'], [], [], []]);
    expect(back.buckets[0]).toBe(withNew.buckets[0]);
    expect(changes.at(-1)).toEqual({ all: false, paragraphs: [1] });
    expect(removed.at(-1)).toBe('all');
    expect(back.undoStack).toEqual([]);
    expect(back.saveError).toBe(SAVE_ERROR);
    expect(errors).toHaveLength(1);
  });

  it('sends one batch at a time in order; the confirmed copy follows the acknowledgements', async () => {
    const { session, service } = opened([]);
    session.apply([{ type: 'addSpan', span: span('x', 0, 5) }], 'Add Actor');
    session.apply([{ type: 'addSpan', span: span('y', 11, 17) }], 'Add Actor');
    session.apply([{ type: 'removeSpan', id: 'x' }], 'Delete span');
    expect(service.calls).toHaveLength(1);
    expect(session.state.outbox).toHaveLength(3);
    await service.answer(true);
    expect(session.state.confirmed!.spans.map((s) => s.id)).toEqual(['x']);
    expect(service.calls.map((c) => c.edits[0].type)).toEqual(['addSpan']);
    await service.answer(true);
    await service.answer(true);
    expect(session.state.outbox).toEqual([]);
    // With nothing left to send, the shown article is the confirmed one (no replay, no copy).
    expect(session.state.confirmed).toBe(session.state.article);
    expect(session.state.article!.spans.map((s) => s.id)).toEqual(['y']);
  });

  it('a refusal keeps later batches that still fit, drops those that depended on it, and takes all their history back', async () => {
    const { session, service } = opened([]);
    session.apply([{ type: 'addSpan', span: span('x', 0, 5) }], 'Add x');
    session.apply([{ type: 'addSpan', span: span('y', 11, 17, 'claim') }], 'Add y');
    session.apply([{ type: 'updateSpan', id: 'x', patch: { note: 'needs x', updatedAt: T } }], 'Note on x');
    await service.answer(false);
    expect(session.state.article!.spans.map((s) => s.id)).toEqual(['y']);
    expect(session.state.undoStack.map((e) => e.description)).toEqual(['Add y']);
    expect(session.state.outbox.map((b) => b.edits[0].type)).toEqual(['addSpan']);
    await service.answer(true);
    expect(session.state.saveError).toBeNull();
    expect(session.state.confirmed).toBe(session.state.article);
  });

  it('undo sends the inverse and redo the batch again; a refused undo goes back on the undo stack; a new edit clears redo', async () => {
    const { session, service } = opened([]);
    session.apply([{ type: 'addSpan', span: span('x', 0, 5) }], 'Add Actor');
    await service.answer(true);
    const inverse = session.state.undoStack[0].inverse;
    expect(inverse).toContainEqual({ type: 'removeSpan', id: 'x' });
    expect(session.undo()).toBe(inverse);
    expect(session.state.article!.spans).toEqual([]);
    expect(session.state.redoStack.map((e) => e.description)).toEqual(['Add Actor']);
    await service.answer(false);
    expect(session.state.article!.spans.map((s) => s.id)).toEqual(['x']);
    expect(session.state.undoStack.map((e) => e.description)).toEqual(['Add Actor']);
    expect(session.state.redoStack).toEqual([]);

    session.undo();
    await service.answer(true);
    const redone = session.state.redoStack.at(-1)!.edits;
    expect(redone).toEqual([{ type: 'addSpan', span: span('x', 0, 5) }]);
    expect(session.redo()).toBe(redone);
    await service.answer(true);
    expect(session.state.article!.spans.map((s) => s.id)).toEqual(['x']);
    session.undo();
    await service.answer(true);
    session.apply([{ type: 'addSpan', span: span('z', 24, 30) }], 'Add z');
    expect(session.state.redoStack).toEqual([]);
    expect(session.redo()).toBeNull();
  });

  it("opening another article starts a fresh history while the first one's batches are still saved; whenSaved waits for them", async () => {
    const { session, service } = opened([]);
    session.apply([{ type: 'addSpan', span: span('x', 0, 5) }], 'Add Actor');
    let saved = false;
    void session.whenSaved('art').then(() => (saved = true));
    session.open(makeArticle({ id: 'other', text }));
    expect(session.state.undoStack).toEqual([]);
    expect(session.undo()).toBeNull();
    expect(session.state.outbox.map((b) => b.articleId)).toEqual(['art']);
    await Promise.resolve();
    expect(saved).toBe(false);
    await service.answer(true);
    expect(saved).toBe(true);
    expect(session.state.article!.id).toBe('other');
    expect(session.state.confirmed!.id).toBe('other');
  });

  it("rewrite changes the shown and confirmed copies and the history's edits, keeping untouched entries", () => {
    const { session } = opened([]);
    session.apply([{ type: 'addSpan', span: { ...span('x', 0, 5), entityId: 'e1' } }], 'Add linked');
    session.apply([{ type: 'addSpan', span: span('y', 11, 17) }], 'Add plain');
    const plain = session.state.undoStack[1];
    const relink = (edits: readonly Edit[]) =>
      edits.some((e) => e.type === 'addSpan' && e.span.entityId === 'e1') ? edits.map((e) => (e.type === 'addSpan' ? { ...e, span: { ...e.span, entityId: 'e2' } } : e)) : edits;
    session.rewrite((a) => ({ ...a, spans: a.spans.map((s) => (s.entityId === 'e1' ? { ...s, entityId: 'e2' } : s)) }), relink);
    expect(session.state.article!.spans.find((s) => s.id === 'x')!.entityId).toBe('e2');
    expect((session.state.undoStack[0].edits[0] as Extract<Edit, { type: 'addSpan' }>).span.entityId).toBe('e2');
    expect(session.state.undoStack[1]).toBe(plain);
  });

  it('getState is a stable snapshot: the same object until the next change, seen by listeners in subscription order', () => {
    const { session } = opened();
    const { getState, subscribe } = session; // unbound, as useSyncExternalStore holds them
    const first = getState();
    expect(getState()).toBe(first);
    const heard: string[] = [];
    const stopA = subscribe((_c, state) => heard.push(`a:${state === getState()}`));
    subscribe(() => heard.push('b'));
    session.apply([{ type: 'addSpan', span: span('n', 24, 30, 'claim') }], 'Add Claim');
    expect(getState()).not.toBe(first);
    expect(heard).toEqual(['a:true', 'b']);
    const second = getState();
    expect(getState()).toBe(second);
    stopA();
    session.undo();
    expect(heard).toEqual(['a:true', 'b', 'b']);
  });
});

describe('collected layers', () => {
  const layer = (annotator: string) => ({ annotator, revision: 1, status: 'done' as const, updatedAt: T, collectedAt: T, spans: [span(`${annotator}1`, 0, 5)], statements: [], entities: [] });

  it('shows the layers with the article they were read for, and drops them with it', () => {
    const { session } = opened();
    const article = session.state.article!;
    session.setLayers(article.id, [layer('ann'), layer('bob')]);
    expect(session.state.layers.map((l) => l.annotator)).toEqual(['ann', 'bob']);
    // Layers read for an article that is no longer open arrive too late: ignored.
    session.setLayers('another', [layer('cy')]);
    expect(session.state.layers.map((l) => l.annotator)).toEqual(['ann', 'bob']);
    // Edits go to the article's own layer; the collected ones stay as they were.
    session.apply([{ type: 'addSpan', span: span('g1', 11, 17) }], 'Add Actor');
    expect(session.state.layers[0].spans.map((s) => s.id)).toEqual(['ann1']);
    session.open(makeArticle({ id: 'other', text }));
    expect(session.state.layers).toEqual([]);
  });

  it('opens the text first: nothing can be edited or undone until the spans and statements come, then they are the confirmed copy', async () => {
    const service = heldService();
    const session = new DocumentSession({ send: service.send, newId: service.newId });
    const article = makeArticle({ id: 'art', text, updatedAt: T });
    expect(() => session.openText({ ...article, spans: [span('a', 0, 5)] })).toThrow('without its spans');
    const changes: ParagraphChange[] = [];
    session.subscribe((c) => changes.push(c));
    session.openText(article);
    expect(session.state.annotationsPending).toBe(true);
    expect(session.state.paragraphs).toHaveLength(4);
    let ready = false;
    void session.whenAnnotated().then(() => (ready = true));
    expect(() => session.apply([{ type: 'addSpan', span: span('x', 0, 5) }], 'Add')).toThrow('still loading');
    expect(service.calls).toHaveLength(0);

    // Spans read at another time than the text: refused, nothing changes.
    expect(session.completeAnnotations('art', '2026-02-02T00:00:00.000Z', [span('a', 0, 5)], [])).toBe(false);
    expect(session.state.annotationsPending).toBe(true);
    expect(session.completeAnnotations('art', T, [span('a', 0, 5), span('b', 11, 17)], [])).toBe(true);
    await Promise.resolve();
    expect(ready).toBe(true);
    expect(session.state.annotationsPending).toBe(false);
    expect(session.state.buckets.map(ids)).toEqual([['a'], ['b'], [], []]);
    expect(session.state.confirmed?.spans.map((s) => s.id)).toEqual(['a', 'b']);
    expect(changes.at(-1)).toEqual({ all: true });
    session.apply([{ type: 'removeSpan', id: 'a' }], 'Remove');
    expect(service.calls.map((c) => c.edits)).toEqual([[{ type: 'removeSpan', id: 'a' }]]);
  });

  it('lets whenAnnotated go when the article is closed or replaced before its spans come; late spans are ignored', async () => {
    const session = new DocumentSession({ send: heldService().send, newId: (p) => p });
    session.openText(makeArticle({ id: 'art', text, updatedAt: T }));
    const waiting = session.whenAnnotated();
    session.open(makeArticle({ id: 'other', text }));
    await waiting;
    expect(session.completeAnnotations('art', T, [span('a', 0, 5)], [])).toBe(false);
    expect(session.state.article?.id).toBe('other');
    expect(session.state.annotationsPending).toBe(false);
  });
});
