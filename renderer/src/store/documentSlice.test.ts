import { describe, expect, it, vi } from 'vitest';
import { WorkbenchError } from '../../../shared/api/errors';
import { createTestStore, labelText } from '../test/testStore';

const spanSummary = (spans: readonly { labelId: string; start: number; end: number; note?: string }[]) =>
  spans.map((s) => ({ labelId: s.labelId, start: s.start, end: s.end, note: s.note }));

describe('document slice: opening, the text before the spans', () => {
  it('shows the text, then its spans; a label key pressed before they come is applied once they are in, with the selection it was pressed on', async () => {
    const t = await createTestStore({ open: null });
    const existing = { id: 's0', labelId: 'claim', start: 0, end: 5, annotator: 'x', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
    t.api.articles.get('art1')!.spans.push(existing);
    // The spans are held until the test lets them go.
    let letGo!: () => void;
    const held = new Promise<void>((resolve) => (letGo = resolve));
    const annotations = t.api.getArticleAnnotations;
    t.api.getArticleAnnotations = async (input) => {
      await held;
      return annotations(input);
    };
    const opening = t.state().openArticle('art1');
    await vi.waitFor(() => expect(t.doc().annotationsPending).toBe(true));
    expect(t.doc().article!.spans).toEqual([]);
    t.state().setSelectionFromDom({ anchor: 6, focus: 10 });
    t.state().applyLabel('actor');
    t.state().setSelectionFromDom({ anchor: 0, focus: 0 });
    expect(t.doc().article!.spans).toEqual([]); // waiting, not lost
    letGo();
    await opening;
    await vi.waitFor(() => expect(t.doc().article!.spans.map((sp) => [sp.labelId, sp.start])).toEqual([['claim', 0], ['actor', 6]]));
    await t.saved();
    expect(t.api.articles.get('art1')!.spans.map((sp) => sp.id)).toContain('s0');
    expect(t.api.articles.get('art1')!.spans).toHaveLength(2);
  });
});

describe('document slice: editing', () => {
  it('creates a span from the text selection, snapped to words, and saves it', async () => {
    const t = await createTestStore();
    const text = t.doc().article!.text;
    // A sloppy selection: starts inside "Akira", ends inside "Endo" and a space.
    t.state().setSelectionFromDom({ anchor: 2, focus: 8 });
    t.state().applyLabel('actor');
    const span = t.doc().article!.spans[0];
    expect(text.slice(span.start, span.end)).toBe('Akira Endo');
    expect(span.annotator).toBe('Tester');
    expect(t.state().selectedSpanId).toBe(span.id);
    expect(t.doc().article!.status).toBe('in_progress');
    await t.saved();
    expect(t.api.articles.get('art1')!.spans).toHaveLength(1);
    expect(t.doc().outbox).toHaveLength(0);
    expect(t.state().articles.find((a) => a.id === 'art1')!.spanCounts).toEqual({ actor: 1 });
  });

  it('only trims whitespace when snapping is off', async () => {
    const t = await createTestStore();
    await t.state().saveSettings({ snapToWords: false });
    t.state().setSelectionFromDom({ anchor: 2, focus: 9 });
    t.state().applyLabel('actor');
    const s = t.doc().article!.spans[0];
    expect(t.doc().article!.text.slice(s.start, s.end)).toBe('ira End');
  });

  it('relabels the selected span when there is no text selection', async () => {
    const t = await createTestStore();
    const id = labelText(t, 'Akira Endo', 'actor')!;
    t.state().applyLabel('claim');
    expect(t.doc().article!.spans.find((s) => s.id === id)!.labelId).toBe('claim');
    await t.saved();
    expect(t.api.articles.get('art1')!.spans[0].labelId).toBe('claim');
  });

  it('does not create a duplicate of an existing span', async () => {
    const t = await createTestStore();
    const id = labelText(t, 'Akira Endo', 'actor');
    labelText(t, 'Akira Endo', 'actor');
    expect(t.doc().article!.spans).toHaveLength(1);
    expect(t.state().selectedSpanId).toBe(id);
  });

  it('asks for a selection when there is neither a selection nor a span', async () => {
    const t = await createTestStore();
    t.state().applyLabel('actor');
    expect(t.doc().article!.spans).toHaveLength(0);
    expect(t.state().notice?.message).toMatch(/select some text/i);
  });

  it('sends batches one at a time, in the order they were made', async () => {
    const t = await createTestStore();
    const release = t.api.hold('editArticle');
    labelText(t, 'Akira Endo', 'actor');
    labelText(t, 'Tehran', 'claim');
    const id = labelText(t, 'denounced', 'stance')!;
    t.state().setSpanNote(id, 'strong word');
    expect(t.doc().outbox).toHaveLength(4);
    release();
    await t.saved();
    const sent = t.api.calls.filter((c) => c.name === 'editArticle').map((c) => (c.input as { edits: { type: string }[] }).edits[0].type);
    expect(sent).toEqual(['addSpan', 'addSpan', 'addSpan', 'updateSpan']);
    expect(spanSummary(t.api.articles.get('art1')!.spans)).toEqual(spanSummary(t.doc().article!.spans));
  });

  it('keeps the document in the session: saving changes the document, not the store', async () => {
    const t = await createTestStore();
    labelText(t, 'Akira Endo', 'actor');
    const storeChanges = vi.fn();
    const documentChanges = vi.fn();
    t.store.subscribe(storeChanges);
    t.store.getState().documentSession.subscribe(documentChanges);
    const pending = t.doc();
    await t.saved();
    // The acknowledgement moved the confirmed copy and emptied the outbox; the store, which
    // holds UI state and the selection only, had nothing to copy. (The library's row is updated.)
    expect(documentChanges).toHaveBeenCalledTimes(1);
    expect(t.doc()).not.toBe(pending);
    expect(t.doc().outbox).toHaveLength(0);
    expect(storeChanges).toHaveBeenCalledTimes(1);
    for (const field of ['article', 'confirmed', 'paragraphs', 'buckets', 'outbox', 'saveError', 'undoStack', 'redoStack'])
      expect(t.state()).not.toHaveProperty(field);
  });

  it('keeps the span buckets of untouched paragraphs identical', async () => {
    const t = await createTestStore();
    const before = t.doc().buckets;
    labelText(t, 'Astana', 'claim');
    const after = t.doc().buckets;
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect(after[3]).toBe(before[3]);
  });
});

describe('document slice: undo and redo', () => {
  it('undoes and redoes every kind of edit, on the screen and in the service', async () => {
    const t = await createTestStore();
    const snapshots: string[] = [];
    const snap = () => JSON.stringify({ spans: spanSummary(t.doc().article!.spans), status: t.doc().article!.status });
    snapshots.push(snap());
    const id = labelText(t, 'Akira Endo', 'actor')!;
    snapshots.push(snap());
    t.state().relabelSpan(id, 'claim');
    snapshots.push(snap());
    t.state().setSpanNote(id, 'a note');
    snapshots.push(snap());
    t.state().toggleDone();
    snapshots.push(snap());
    t.state().deleteSpan(id);
    snapshots.push(snap());
    await t.saved();
    const server = () =>
      JSON.stringify({ spans: spanSummary(t.api.articles.get('art1')!.spans), status: t.api.articles.get('art1')!.status });
    expect(server()).toBe(snapshots[5]);

    for (let i = 4; i >= 0; i--) {
      expect(t.state().undo()).toBe(true);
      expect(snap()).toBe(snapshots[i]);
    }
    expect(t.state().undo()).toBe(false);
    await t.saved();
    expect(server()).toBe(snapshots[0]);

    for (let i = 1; i <= 5; i++) {
      expect(t.state().redo()).toBe(true);
      expect(snap()).toBe(snapshots[i]);
    }
    await t.saved();
    expect(server()).toBe(snapshots[5]);
  });

  it('selects the span an undo brings back', async () => {
    const t = await createTestStore();
    const id = labelText(t, 'Tehran', 'claim')!;
    t.state().deleteSpan(id);
    expect(t.state().selectedSpanId).toBeNull();
    t.state().undo();
    expect(t.state().selectedSpanId).toBe(id);
    expect(t.state().scrollTarget?.spanId).toBe(id);
  });

  it('clears the redo stack on a new edit', async () => {
    const t = await createTestStore();
    labelText(t, 'Akira Endo', 'actor');
    t.state().undo();
    expect(t.doc().redoStack).toHaveLength(1);
    labelText(t, 'Tehran', 'claim');
    expect(t.doc().redoStack).toHaveLength(0);
  });

  it('starts a fresh history for each opened article', async () => {
    const t = await createTestStore();
    labelText(t, 'Akira Endo', 'actor');
    t.state().closeArticle();
    await t.state().openArticle('art1');
    expect(t.doc().undoStack).toHaveLength(0);
    expect(t.doc().article!.spans).toHaveLength(1);
  });
});

describe('document slice: when the service refuses', () => {
  it('rolls the optimistic edit back, shows the error and forgets its history entry', async () => {
    const t = await createTestStore();
    t.api.failNext('editArticle', new WorkbenchError('io', 'disk full while writing art1.json', 'art1.json'));
    labelText(t, 'Akira Endo', 'actor');
    expect(t.doc().article!.spans).toHaveLength(1);
    await t.saved();
    expect(t.doc().article!.spans).toHaveLength(0);
    expect(t.doc().article!.status).toBe('not_started');
    expect(t.doc().undoStack).toHaveLength(0);
    expect(t.state().selectedSpanId).toBeNull();
    expect(t.doc().saveError).toBeTruthy();
    expect(t.state().errors[0].message).toMatch(/disk full while writing art1\.json/);
  });

  it('keeps later independent edits and drops those that depended on the refused one', async () => {
    const t = await createTestStore();
    const release = t.api.hold('editArticle');
    t.api.failNext('editArticle');
    const a = labelText(t, 'Akira Endo', 'actor')!;
    labelText(t, 'Tehran', 'claim');
    t.state().relabelSpan(a, 'stance'); // depends on the refused span
    release();
    await t.saved();
    const texts = t.doc().article!.spans.map((s) => t.doc().article!.text.slice(s.start, s.end));
    expect(texts).toEqual(['Tehran']);
    expect(t.api.articles.get('art1')!.spans.map((s) => s.labelId)).toEqual(['claim']);
    expect(t.doc().undoStack.map((e) => e.description)).toEqual(['Add Claim']);
    // Undo still works on what is left.
    t.state().undo();
    await t.saved();
    expect(t.api.articles.get('art1')!.spans).toHaveLength(0);
  });

  it('rolls back to what the service acknowledged, whether later batches were waiting or not', async () => {
    const t = await createTestStore();
    const first = t.api.hold('editArticle');
    labelText(t, 'Akira Endo', 'actor');
    labelText(t, 'Tehran', 'claim');
    first();
    // Hold the second batch, so the first is acknowledged while the second still waits.
    const second = t.api.hold('editArticle');
    await vi.waitFor(() => expect(t.api.calls.filter((c) => c.name === 'editArticle')).toHaveLength(2));
    expect(t.doc().outbox).toHaveLength(1);
    t.api.failNext('editArticle');
    second();
    await t.saved();
    const texts = () => t.doc().article!.spans.map((s) => t.doc().article!.text.slice(s.start, s.end));
    expect(texts()).toEqual(['Akira Endo']);
    // Acknowledged with nothing else waiting, then refused: back to that state again.
    labelText(t, 'Tehran', 'claim');
    await t.saved();
    t.api.failNext('editArticle');
    labelText(t, 'Khaji', 'actor');
    await t.saved();
    expect(texts()).toEqual(['Akira Endo', 'Tehran']);
    expect(t.api.articles.get('art1')!.spans).toHaveLength(2);
  });

  it('puts a refused undo back on the undo stack', async () => {
    const t = await createTestStore();
    labelText(t, 'Akira Endo', 'actor');
    await t.saved();
    t.api.failNext('editArticle');
    t.state().undo();
    expect(t.doc().article!.spans).toHaveLength(0);
    await t.saved();
    expect(t.doc().article!.spans).toHaveLength(1);
    expect(t.doc().undoStack).toHaveLength(1);
    expect(t.doc().redoStack).toHaveLength(0);
  });

  it('reports an edit that does not fit the article without sending it', async () => {
    const t = await createTestStore();
    expect(t.state().runEdits([{ type: 'removeSpan', id: 'nope' }], 'x')).toBe(false);
    expect(t.state().errors).toHaveLength(1);
    expect(t.api.calls.some((c) => c.name === 'editArticle')).toBe(false);
  });
});
