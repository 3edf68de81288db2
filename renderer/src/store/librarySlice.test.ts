import { describe, expect, it, vi } from 'vitest';
import { WorkbenchError } from '../../../shared/api/errors';
import { articleToJsonlLine } from '../../../shared/formats/jsonl';
import { createFakeApi, makeArticle } from '../test/fakeApi';
import { createWorkbenchStore } from './createWorkbenchStore';
import { filterArticles, FIRST_PAGE_ROWS } from './librarySlice';
import { createTestStore } from '../test/testStore';

const file = (name: string, content: string) => new File([content], name, { type: 'text/plain' });

describe('library slice', () => {
  it('lists, filters and adds articles', async () => {
    const t = await createTestStore({ open: null });
    expect(t.state().articles.map((a) => a.title)).toEqual(['Diplomats meet']);
    expect(await t.state().createArticle({ title: 'Second', text: 'Body', source: 'Mehr' })).toBe(true);
    expect(t.state().articles.map((a) => a.title)).toEqual(['Diplomats meet', 'Second']);
    expect(filterArticles(t.state().articles, 'mehr').map((a) => a.title)).toEqual(['Second']);
  });

  it('imports several text files and rejects other kinds with a message naming them', async () => {
    const t = await createTestStore({ open: null });
    expect(await t.state().importTextFiles([file('a.txt', 'One'), file('b.md', '# Two')])).toBe(true);
    expect(t.state().articles).toHaveLength(3);
    expect(await t.state().importTextFiles([file('c.pdf', 'x')])).toBe(false);
    expect(t.state().errors.at(-1)!.message).toMatch(/c\.pdf/);
  });

  it('shows the service error for a bad file', async () => {
    const t = await createTestStore({ open: null });
    await t.state().importTextFiles([file('empty.txt', '   ')]);
    expect(t.state().errors.at(-1)!.message).toMatch(/empty\.txt is empty/);
  });

  it('previews a JSONL import, maps unknown labels, then commits it', async () => {
    const t = await createTestStore({ open: null });
    const line = articleToJsonlLine(
      makeArticle({
        id: 'x1',
        title: 'Imported',
        text: 'Person speaks',
        spans: [{ id: 's1', labelId: 'Person', start: 0, end: 6, annotator: '', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' }],
      }),
    );
    expect(await t.state().previewJsonl(file('corpus.jsonl', line + '\n'))).toBe(true);
    const dialog = t.state().dialog;
    expect(dialog?.kind).toBe('importJsonl');
    if (dialog?.kind !== 'importJsonl') return;
    expect(dialog.preview).toMatchObject({ articles: 1, spans: 1, unknownLabels: ['Person'] });
    expect(await t.state().commitJsonl({ Person: 'add' })).toBe(true);
    expect(t.state().dialog).toBeNull();
    expect(t.state().articles.map((a) => a.title)).toContain('Imported');
    expect(t.state().workspace!.schema.labels.map((l) => l.name)).toContain('Person');
  });

  it('reports a JSONL file that does not parse, naming the file and line', async () => {
    const t = await createTestStore({ open: null });
    expect(await t.state().previewJsonl(file('broken.jsonl', '{"title": oops\n'))).toBe(false);
    expect(t.state().errors.at(-1)!.message).toMatch(/broken\.jsonl/);
    expect(t.state().errors.at(-1)!.message).toMatch(/line 1/);
  });

  it('exports everything, or just the checked articles', async () => {
    const t = await createTestStore({ open: null });
    await t.state().createArticle({ title: 'Second', text: 'Body' });
    await t.state().exportJsonl();
    expect(t.downloads[0].content.trim().split('\n')).toHaveLength(2);
    t.state().toggleChecked('art1');
    await t.state().exportJsonl();
    expect(t.downloads[1].content.trim().split('\n')).toHaveLength(1);
    expect(t.api.calls.filter((c) => c.name === 'exportData').at(-1)!.input).toMatchObject({ format: 'jsonl', articleIds: ['art1'] });
  });

  it('deletes an article and forgets that it was checked', async () => {
    const t = await createTestStore({ open: null });
    t.state().toggleChecked('art1');
    expect(await t.state().deleteArticle('art1')).toBe(true);
    expect(t.state().articles).toHaveLength(0);
    expect(t.state().checkedIds).toEqual([]);
  });

  it('keeps an API error visible until dismissed', async () => {
    const t = await createTestStore({ open: null });
    t.api.failNext('deleteArticle', new WorkbenchError('locked', 'the workspace is open in another window'));
    await t.state().deleteArticle('art1');
    const [err] = t.state().errors;
    expect(err.message).toMatch(/another window/);
    t.state().dismissError(err.id);
    expect(t.state().errors).toHaveLength(0);
  });
});

describe('library listed in pages', () => {
  const reports = Array.from({ length: 450 }, (_, i) => makeArticle({ id: `r${i}`, title: `Report ${i}`, text: `Text ${i}.`, status: i % 2 ? 'done' : 'not_started' }));

  /** A store whose library load has shown its first page and waits for the second (held until `release`). */
  async function loadingStore() {
    const api = createFakeApi({ articles: reports });
    const store = createWorkbenchStore({ api, download: () => undefined, saveFile: () => undefined });
    const loaded = store.getState().loadLibrary();
    // The first page was asked for already; the second waits.
    const release = api.hold('listArticlePage');
    await vi.waitFor(() => expect(store.getState().libraryLoaded).toBe(true));
    return { api, store, loaded, release, state: () => store.getState() };
  }
  const ids = (articles: readonly { id: string }[]) => articles.map((a) => a.id);

  it('shows the first page with the total, then merges the rest in order', async () => {
    const t = await loadingStore();
    expect(ids(t.state().articles)).toEqual(ids(reports.slice(0, FIRST_PAGE_ROWS)));
    expect(t.state().libraryTotal).toBe(450);
    t.release();
    await t.loaded;
    expect(ids(t.state().articles)).toEqual(ids(reports));
    expect(t.state().libraryTotal).toBeNull();
    expect(t.api.calls.filter((c) => c.name === 'listArticles')).toHaveLength(0);
  });

  it('neither loses nor duplicates an article created or deleted while the rest loads, and keeps the total right', async () => {
    const t = await loadingStore();
    expect(await t.state().createArticle({ title: 'Added meanwhile', text: 'New.' })).toBe(true);
    const added = t.state().articles.at(-1)!;
    expect(added.title).toBe('Added meanwhile');
    expect(t.state().libraryTotal).toBe(451);
    // One already listed, one still to come.
    expect(await t.state().deleteArticle('r10')).toBe(true);
    expect(await t.state().deleteArticle('r300')).toBe(true);
    expect(t.state().libraryTotal).toBe(449);
    t.release();
    await t.loaded;
    const expected = [...ids(reports).filter((id) => id !== 'r10' && id !== 'r300'), added.id];
    expect(ids(t.state().articles)).toEqual(expected);
    expect(ids(t.state().articles)).toEqual(ids(await t.api.listArticles({})));
    expect(t.state().libraryTotal).toBeNull();
  });

  it('lists again whole when an article already listed was deleted elsewhere while the rest loads', async () => {
    const t = await loadingStore();
    t.api.articles.delete('r5');
    t.release();
    await t.loaded;
    expect(ids(t.state().articles)).toEqual(ids(reports).filter((id) => id !== 'r5'));
    expect(t.api.calls.filter((c) => c.name === 'listArticles')).toHaveLength(1);
  });

  it('forgets checked rows that are gone once everything has arrived, and reports a page that failed', async () => {
    const t = await loadingStore();
    t.state().setChecked(['r1', 'gone']);
    t.api.failNext('listArticlePage', new WorkbenchError('io', 'the host went away'));
    t.release();
    await t.loaded;
    expect(t.state().errors.at(-1)!.message).toMatch(/the host went away/);
    expect(t.state().libraryTotal).toBeNull();
    await t.state().loadLibrary();
    expect(t.state().articles).toHaveLength(450);
    expect(t.state().checkedIds).toEqual(['r1']);
  });
});
