/**
 * The domain's article invariants where articles enter the workspace through the service: an
 * edit over the API, and an article file written by another program (read on open).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeSpan, openTestWorkspace, tempDir } from './testWorkspace';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

describe('an edit over the API', () => {
  it('is refused as a conflict when a span splits a surrogate pair, and nothing is saved', async () => {
    const { session, api } = await openTestWorkspace(tmp.dir);
    // "😀 سلام": the emoji takes UTF-16 units 0 and 1.
    const a = await api.createArticle({ title: 'Emoji', text: '😀 سلام' });
    await expect(api.editArticle({ articleId: a.id, edits: [{ type: 'addSpan', span: makeSpan('s1', 'actor', 1, 6) }] })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('span s1 has offset 1, which splits a surrogate pair'),
    });
    expect((await api.getArticle({ id: a.id })).spans).toEqual([]);
    await session.close();
  });
});

describe('an article file that is valid JSON but breaks the invariants', () => {
  const hostile: [string, (article: { text: string; spans: unknown[]; statements: unknown[] }) => void, RegExp][] = [
    ['a span past the end of its text', (a) => a.spans.push(makeSpan('s9', 'actor', 2, 500)), /span s9 \(2-500\) ends at 500, beyond the text/],
    ['a span splitting a surrogate pair', (a) => a.spans.push(makeSpan('s9', 'actor', 0, 1)), /span s9 \(0-1\) has offset 1, which splits a surrogate pair/],
    ['a duplicate span id', (a) => a.spans.push(makeSpan('s1', 'claim', 3, 7), makeSpan('s1', 'claim', 3, 7)), /span id s1 appears twice \(3-7\)/],
    [
      'a statement pointing at a missing span',
      (a) => {
        a.spans.push(makeSpan('s1', 'actor', 3, 7));
        a.statements.push({ id: 'st1', actorSpanId: 's1', claimSpanId: 'gone', polarity: 'oppose', annotator: 't', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' });
      },
      /statement st1 refers to missing claim span gone/,
    ],
  ];

  it.each(hostile)('(%s) is listed with an error naming the file, refused, left byte-identical; the others open', async (_name, breakIt, problem) => {
    const first = await openTestWorkspace(tmp.dir);
    const good = await first.api.createArticle({ title: 'Good', text: 'fine text' });
    const bad = await first.api.createArticle({ title: 'Bad', text: '😀 سلام دنیا' });
    await first.session.close();
    const badFile = path.join(tmp.dir, 'articles', `${bad.id}.json`);
    const stored = JSON.parse(readFileSync(badFile, 'utf8'));
    breakIt(stored.article);
    const bytes = JSON.stringify(stored, null, 2);
    writeFileSync(badFile, bytes);

    const { session, api } = await openTestWorkspace(tmp.dir);
    const list = await api.listArticles({});
    const row = list.find((a) => a.id === bad.id)!;
    expect(row.error).toContain(badFile);
    expect(row.error).toMatch(problem);
    expect(row.error).toMatch(/it was left untouched/);
    expect(list.find((a) => a.id === good.id)!.error).toBeUndefined();
    await expect(api.getArticle({ id: bad.id })).rejects.toMatchObject({ code: 'corrupt_file', file: badFile, message: expect.stringMatching(problem) });
    expect((await api.getArticle({ id: good.id })).text).toBe('fine text');
    await session.close();
    expect(readFileSync(badFile, 'utf8')).toBe(bytes);
  });
});
