import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ARTICLE_PAGE_MAX_ROWS } from '../../shared/api/contract';
import { openTestWorkspace, tempDir } from './testWorkspace';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

/** A workspace of `count` articles titled "Report 0".."Report n", every third from Geneva. */
async function workspaceOf(count: number) {
  const opened = await openTestWorkspace(tmp.dir, { seed: false });
  const files = Array.from({ length: count }, (_, i) => ({
    name: `Report ${i}${i % 3 === 0 ? ' Geneva' : ''}.txt`,
    content: `text of report ${i}`,
    encoding: 'utf8' as const,
  }));
  const summaries = await opened.api.importTextFiles({ files });
  return { ...opened, titles: summaries.map((s) => s.title) };
}

describe('listArticlePage', () => {
  it('returns the rows at offset in library order, and the total, up to the end', async () => {
    const { session, api, titles } = await workspaceOf(7);
    const first = await api.listArticlePage({ offset: 0, limit: 3 });
    expect(first.total).toBe(7);
    expect(first.articles.map((a) => a.title)).toEqual(titles.slice(0, 3));
    expect((await api.listArticlePage({ offset: 3, limit: 3 })).articles.map((a) => a.title)).toEqual(titles.slice(3, 6));
    // The last page is short, and a page past the end is empty, both with the same total.
    expect(await api.listArticlePage({ offset: 6, limit: 3 })).toMatchObject({ total: 7, articles: [{ title: titles[6] }] });
    expect(await api.listArticlePage({ offset: 7, limit: 3 })).toEqual({ total: 7, articles: [] });
    expect(await api.listArticlePage({ offset: 1000, limit: 3 })).toEqual({ total: 7, articles: [] });
    // Pages put together are the whole listing, field for field.
    const pages = [0, 3, 6].map((offset) => api.listArticlePage({ offset, limit: 3 }));
    expect((await Promise.all(pages)).flatMap((p) => p.articles)).toEqual(await api.listArticles({}));
    await session.close();
  });

  it('pages and counts only the rows matching a query, matched like the library filter', async () => {
    const { session, api, titles } = await workspaceOf(10);
    const geneva = titles.filter((t) => t.includes('Geneva'));
    const page = await api.listArticlePage({ offset: 1, limit: 2, query: '  GENEVA ' });
    expect(page).toMatchObject({ total: geneva.length });
    expect(page.articles.map((a) => a.title)).toEqual(geneva.slice(1, 3));
    expect(await api.listArticlePage({ offset: 0, limit: 5, query: 'no such words' })).toEqual({ total: 0, articles: [] });
    // A blank query is no query.
    expect((await api.listArticlePage({ offset: 0, limit: 5, query: '   ' })).total).toBe(10);
    await session.close();
  });

  it('follows creations and deletions, and has no stamp or other index-only field in its rows', async () => {
    const { session, api, titles } = await workspaceOf(3);
    await api.deleteArticle({ id: (await api.listArticlePage({ offset: 0, limit: 1 })).articles[0].id });
    const added = await api.createArticle({ title: 'Added', text: 'new text' });
    const page = await api.listArticlePage({ offset: 0, limit: 10 });
    expect(page.total).toBe(3);
    expect(page.articles.map((a) => a.title)).toEqual([...titles.slice(1), 'Added']);
    expect(page.articles[2]).toEqual(added);
    expect(Object.keys(page.articles[2])).not.toContain('stamp');
    await session.close();
  });

  it('shows an article whose file is broken with its error, in its place', async () => {
    const first = await workspaceOf(3);
    const broken = (await first.api.listArticlePage({ offset: 1, limit: 1 })).articles[0];
    await first.session.close();
    const file = path.join(tmp.dir, 'articles', `${broken.id}.json`);
    writeFileSync(file, '{"formatVersion":1, "article": {trunc');
    const { session, api } = await openTestWorkspace(tmp.dir, { seed: false });
    const page = await api.listArticlePage({ offset: 1, limit: 1 });
    expect(page.articles[0].id).toBe(broken.id);
    expect(page.articles[0].error).toContain(file);
    expect((await api.listArticlePage({ offset: 0, limit: 1 })).articles[0].error).toBeUndefined();
    await session.close();
  });

  it('refuses a negative or fractional offset, a limit of 0 or over the maximum, and unknown fields, saying which', async () => {
    const { session } = await workspaceOf(1);
    const refused = async (input: unknown) => {
      const result = await session.dispatch('listArticlePage', input);
      expect(result.ok).toBe(false);
      return result.ok ? '' : `${result.error.code}: ${result.error.message}`;
    };
    expect(await refused({ offset: -1, limit: 10 })).toBe('invalid_input: invalid input for listArticlePage: offset: offset must be 0 or more');
    expect(await refused({ offset: 1.5, limit: 10 })).toMatch(/offset: offset must be a whole number$/);
    expect(await refused({ offset: 0, limit: 0 })).toMatch(/limit: limit must be at least 1$/);
    expect(await refused({ offset: 0, limit: ARTICLE_PAGE_MAX_ROWS + 1 })).toMatch(/limit: limit must be at most 10000 rows$/);
    expect(await refused({ limit: 10 })).toMatch(/offset: /);
    expect(await refused({ offset: 0, limit: 10, sort: 'title' })).toMatch(/sort/);
    expect(await refused({ offset: 0, limit: 10, query: 'x'.repeat(1001) })).toMatch(/query: /);
    expect((await session.dispatch('listArticlePage', { offset: 0, limit: ARTICLE_PAGE_MAX_ROWS })).ok).toBe(true);
    await session.close();
  });
});
