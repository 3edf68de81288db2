import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../shared/domain/model';
import { makeSpan, openTestWorkspace, tempDir } from '../service/testWorkspace';
import { computeWorkspaceStats } from './workspaceStats';

const T = '2024-05-01T10:00:00.000Z';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

describe('computeWorkspaceStats', () => {
  it('counts articles per status, spans per label, annotator and status, and statements, from the article files', async () => {
    const { session, api } = await openTestWorkspace(tmp.dir, { seed: false });
    const base = { createdAt: T, updatedAt: T, title: 't', text: 'Khaji denounced the presence' };
    const articles: Article[] = [
      {
        ...base,
        id: 'a1',
        status: 'done',
        spans: [makeSpan('s1', 'actor', 0, 5, { annotator: 'ann' }), makeSpan('s2', 'claim', 16, 28, { annotator: 'bob' })],
        statements: [{ id: 'st1', actorSpanId: 's1', claimSpanId: 's2', polarity: 'oppose', annotator: 'ann', createdAt: T, updatedAt: T }],
      },
      { ...base, id: 'a2', status: 'in_progress', spans: [makeSpan('s3', 'actor', 0, 5, { annotator: '' })], statements: [] },
      { ...base, id: 'a3', status: 'not_started', spans: [], statements: [] },
    ];
    await session.store.addArticles(articles);
    const stats = await computeWorkspaceStats(api);
    expect(stats).toEqual({
      articles: 3,
      articlesByStatus: { not_started: 1, in_progress: 1, done: 1 },
      spans: 3,
      spansByLabel: [
        { labelId: 'actor', name: 'Actor', count: 2 },
        { labelId: 'stance', name: 'Stance', count: 0 },
        { labelId: 'claim', name: 'Claim', count: 1 },
      ],
      spansByAnnotator: { '': 1, ann: 1, bob: 1 },
      spansByStatus: { not_started: 0, in_progress: 1, done: 2 },
      statements: 1,
      statementsByAnnotator: { ann: 1 },
      unreadable: [],
    });
    await session.close();
  });

  it('lists articles whose file cannot be read instead of counting them', async () => {
    const first = await openTestWorkspace(tmp.dir, { seed: false });
    const created = await first.api.createArticle({ title: 'Broken', text: 'x' });
    await first.session.close();
    writeFileSync(first.session.store.articleFile(created.id), 'garbage');
    const { session, api } = await openTestWorkspace(tmp.dir);
    const stats = await computeWorkspaceStats(api);
    expect(stats.articles).toBe(1);
    expect(stats.articlesByStatus).toEqual({ not_started: 0, in_progress: 0, done: 0 });
    expect(stats.unreadable).toEqual([{ id: created.id, title: 'Broken', error: expect.stringContaining('is not valid JSON') }]);
    await session.close();
  });
});
