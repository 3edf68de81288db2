/**
 * Races between operations on different articles (and on one article) of a workspace, driven
 * step by step: an edit is held just before its journal append (testing/gatedFs.ts) while the
 * competing operation runs to the end, then released. Each test then reopens the workspace
 * from disk and checks that the library is exactly right.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gatedJournalFs, type JournalGate } from './testing/gatedFs';
import { makeSpan, openTestWorkspace, tempDir } from './testWorkspace';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('workbench-races-');
});
afterEach(() => tmp.cleanup());

const TITLES = ['A', 'B', 'C', 'D'];

/** A workspace holding articles A, B, C, D (in that order), opened with a journal gate. */
async function fourArticles(): Promise<{ gate: JournalGate; ids: Record<string, string> } & Awaited<ReturnType<typeof openTestWorkspace>>> {
  const gate = gatedJournalFs();
  const opened = await openTestWorkspace(tmp.dir, { seed: false, store: { fs: gate.fs, compactDelayMs: 60_000 } });
  const ids: Record<string, string> = {};
  for (const title of TITLES) ids[title] = (await opened.api.createArticle({ title, text: `Article ${title} says something.` })).id;
  return { gate, ids, ...opened };
}

async function libraryAfterReopen(): Promise<{ title: string; spans: number; error?: string }[]> {
  const { session, api } = await openTestWorkspace(tmp.dir, { seed: false });
  try {
    const list = await api.listArticles({});
    const out = [];
    for (const a of list) {
      const spans = a.error ? 0 : (await api.getArticle({ id: a.id })).spans.length;
      out.push({ title: a.title, spans, ...(a.error ? { error: a.error } : {}) });
    }
    return out;
  } finally {
    await session.close();
  }
}

const addSpan = (id: string) => [{ type: 'addSpan' as const, span: makeSpan(id, 'actor', 0, 7) }];

describe('an edit of one article while another is deleted', () => {
  /** Edit `edited` and delete A at once, the edit held before its journal append until the delete is done. */
  async function editWhileDeletingA(edited: string) {
    const { gate, ids, api, session } = await fourArticles();
    gate.arm();
    const [summary] = await Promise.all([
      api.editArticle({ articleId: ids[edited], edits: addSpan('s1') }),
      (async () => {
        await gate.reached;
        await api.deleteArticle({ id: ids.A });
        gate.release();
      })(),
    ]);
    expect(summary).toMatchObject({ id: ids[edited], spanCounts: { actor: 1 } });
    const listed = (await api.listArticles({})).map((a) => [a.title, a.spanCounts]);
    await session.close();
    return listed;
  }

  it('keeps every other article: edit C and delete A at once leave B, C (edited), D', async () => {
    expect(await editWhileDeletingA('C')).toEqual([
      ['B', {}],
      ['C', { actor: 1 }],
      ['D', {}],
    ]);
    expect(await libraryAfterReopen()).toEqual([
      { title: 'B', spans: 0 },
      { title: 'C', spans: 1 },
      { title: 'D', spans: 0 },
    ]);
  });

  it('acknowledges the edit of the last article instead of failing after saving it', async () => {
    expect(await editWhileDeletingA('D')).toEqual([
      ['B', {}],
      ['C', {}],
      ['D', { actor: 1 }],
    ]);
    expect(await libraryAfterReopen()).toEqual([
      { title: 'B', spans: 0 },
      { title: 'C', spans: 0 },
      { title: 'D', spans: 1 },
    ]);
  });
});

describe('an edit of an article while the same article is deleted', () => {
  it('in the store: the delete waits for the edit, and neither resurrects the article nor touches another', async () => {
    const { gate, ids, api, session } = await fourArticles();
    const { store } = session;
    const before = await store.readArticle(ids.C);
    const after = { ...before, spans: [makeSpan('s1', 'actor', 0, 7)], status: 'in_progress' as const };
    gate.arm();
    const edit = store.commitEdits(ids.C, addSpan('s1'), after);
    await gate.reached;
    const deletion = store.deleteArticle(ids.C);
    gate.release();
    const [editOutcome, deleteOutcome] = await Promise.allSettled([edit, deletion]);
    expect(deleteOutcome.status).toBe('fulfilled');
    // The edit was queued first: it is acknowledged, then the article is deleted with its journal.
    expect(editOutcome.status).toBe('fulfilled');
    expect((await api.listArticles({})).map((a) => a.title)).toEqual(['A', 'B', 'D']);
    await expect(api.getArticle({ id: ids.C })).rejects.toMatchObject({ code: 'not_found' });
    await session.close();
    expect(existsSync(path.join(tmp.dir, 'articles', `${ids.C}.journal`))).toBe(false);
    expect(existsSync(path.join(tmp.dir, 'articles', `${ids.C}.json`))).toBe(false);
    expect(await libraryAfterReopen()).toEqual([
      { title: 'A', spans: 0 },
      { title: 'B', spans: 0 },
      { title: 'D', spans: 0 },
    ]);
  });

  it('through the handlers, started at once in either order: the article is gone, the edit acknowledged or refused as not found', async () => {
    const { ids, api, session } = await fourArticles();
    const outcomes = [
      ...(await Promise.allSettled([api.editArticle({ articleId: ids.B, edits: addSpan('s1') }), api.deleteArticle({ id: ids.B })])),
      ...(await Promise.allSettled([api.deleteArticle({ id: ids.C }), api.editArticle({ articleId: ids.C, edits: addSpan('s1') })])),
    ];
    for (const outcome of outcomes)
      if (outcome.status === 'rejected') expect(outcome.reason).toMatchObject({ code: 'not_found' });
    expect(outcomes.filter((o) => o.status === 'fulfilled' && 'deleted' in (o.value as object))).toHaveLength(2);
    expect((await api.listArticles({})).map((a) => a.title)).toEqual(['A', 'D']);
    await session.close();
    expect(await libraryAfterReopen()).toEqual([
      { title: 'A', spans: 0 },
      { title: 'D', spans: 0 },
    ]);
  });
});
