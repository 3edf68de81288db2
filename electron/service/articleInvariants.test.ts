/**
 * The domain's article invariants where articles enter the workspace through the service: an
 * edit over the API, an article file written by another program (read on open), an import.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../shared/api/errors';
import { planImport } from './interchange';
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

describe('an import', () => {
  // Line 2 cuts the emoji of "😀 سلام" in half (UTF-16 offset 1), and a statement uses that span.
  const doccano = [
    { text: 'Khaji denounced the presence', entities: [{ id: 1, label: 'Actor', start_offset: 0, end_offset: 5 }] },
    {
      text: '😀 سلام دنیا',
      entities: [
        { id: 1, label: 'Actor', start_offset: 1, end_offset: 7 },
        { id: 2, label: 'Claim', start_offset: 8, end_offset: 12 },
      ],
      relations: [{ id: 1, from_id: 1, to_id: 2, type: 'support' }],
    },
  ]
    .map((r) => JSON.stringify(r))
    .join('\n');
  const request = (skipBadRecords?: boolean) => ({
    format: 'doccano' as const,
    files: [{ name: 'in.jsonl', content: doccano, encoding: 'utf8' as const }],
    options: skipBadRecords ? { skipBadRecords } : {},
    labelMapping: {},
  });

  it('refuses a span splitting a surrogate pair naming file and line; when asked to skip, the preview lists each skip and the rest imports', async () => {
    const { session, api } = await openTestWorkspace(tmp.dir);
    const before = await api.listArticles({});
    await expect(api.previewImport(request())).rejects.toMatchObject({
      code: 'invalid_input',
      file: 'in.jsonl',
      location: 'line 2, $.entities[0]',
      message: expect.stringContaining('span 1 has offset 1, which splits a surrogate pair'),
    });
    await expect(api.commitImport(request())).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await api.listArticles({})).toEqual(before);

    const preview = await api.previewImport(request(true));
    expect(preview).toMatchObject({ articles: 2, spans: 2, statements: 0 });
    expect(preview.warnings).toEqual([
      'skipped (bad record): in.jsonl (line 2, $.entities[0]): span 1 has offset 1, which splits a surrogate pair (a character such as an emoji would be cut in half)',
      'skipped: in.jsonl (line 2, $.relations): the statement 1 → 2 was dropped: its actor span 1 was skipped',
    ]);
    const added = await api.commitImport(request(true));
    expect(added).toHaveLength(2);
    const second = await api.getArticle({ id: added[1].id });
    expect(second.spans.map((s) => second.text.slice(s.start, s.end))).toEqual(['دنیا']);
    await session.close();
  });

  it('plans no article whose spans share an id, whatever the codec let through', () => {
    const corpus = {
      articles: [
        {
          title: 't',
          text: 'سلام دنیا',
          spans: [{ id: 'x', label: 'Actor', start: 0, end: 4 }, { id: 'x', label: 'Claim', start: 5, end: 9 }],
          statements: [{ actorSpanId: 'x', claimSpanId: 'x', polarity: 'support' as const }],
        },
      ],
      warnings: [],
    };
    const labels = [{ id: 'actor', name: 'Actor', color: '#000000' }, { id: 'claim', name: 'Claim', color: '#000000' }];
    expect(() => planImport(corpus, { labelMapping: {}, files: [{ name: 'c.jsonl' }] }, labels, new Set())).toThrow(
      new WorkbenchError('invalid_input', 'c.jsonl, article 1: span id "x" is used by two spans'),
    );
    const split = { ...corpus, articles: [{ ...corpus.articles[0], text: '😀 سلام', spans: [{ id: 'x', label: 'Actor', start: 1, end: 4 }], statements: [] }] };
    expect(() => planImport(split, { labelMapping: {}, files: [{ name: 'c.jsonl' }] }, labels, new Set())).toThrow(/c\.jsonl, article 1: span x \(1-4\) has offset 1, which splits a surrogate pair/);
  });
});
