// @vitest-environment happy-dom
/**
 * The library with more rows than fit on screen: only those on screen are in the page, the
 * filter still searches every article, and the list's state survives opening an article.
 * happy-dom has no layout, so the library's scroll area is given a height of 600 px here and each
 * row 50 px (what a window gives them in the app).
 */
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeArticle } from '../test/fakeApi';
import { renderApp } from '../test/renderApp';
import { FIRST_PAGE_ROWS, LATER_PAGE_ROWS } from '../store/librarySlice';
import { ROW_WINDOW_THRESHOLD } from './useRowWindow';

const VIEWPORT = 600;
const ROW = 50;
const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight')!;
const offsetHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetHeight')!;

beforeEach(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('library') ? VIEWPORT : clientHeight.get!.call(this);
    },
  });
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.tagName === 'TR' ? ROW : offsetHeight.get!.call(this);
    },
  });
});

afterEach(() => {
  cleanup();
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', clientHeight);
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', offsetHeight);
});

const many = Array.from({ length: 300 }, (_, i) =>
  makeArticle({ id: `a${i}`, title: `Report ${String(i).padStart(4, '0')}`, source: i % 2 ? 'Mehr News' : 'Kyodo', text: `Text ${i}.` }),
);

const articleRows = () => screen.getAllByRole('row').filter((r) => r.hasAttribute('aria-rowindex') && r.getAttribute('aria-rowindex') !== '1');

describe('library with many articles', () => {
  it('puts only the rows on screen in the page, each with its place in the whole list', async () => {
    await renderApp({ articles: many, open: null });
    const table = screen.getByRole('table', { name: 'Articles' });
    expect(table.getAttribute('aria-rowcount')).toBe('301');
    const rows = articleRows();
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(ROW_WINDOW_THRESHOLD);
    expect(rows.map((r) => r.getAttribute('aria-rowindex')).slice(0, 3)).toEqual(['2', '3', '4']);
    expect(within(rows[0]).getByRole('button', { name: 'Report 0000' })).toBeTruthy();
    // The spacers that stand in for the other rows are not rows of the table.
    expect(screen.getAllByRole('row')).toHaveLength(rows.length + 1);
  });

  it('filters every article, not only those in the page', async () => {
    const user = userEvent.setup();
    await renderApp({ articles: many, open: null });
    await user.type(screen.getByRole('searchbox', { name: 'Filter articles' }), 'report 0299');
    await waitFor(() => expect(articleRows()).toHaveLength(1));
    expect(within(articleRows()[0]).getByRole('button', { name: 'Report 0299' })).toBeTruthy();
  });

  it('keeps the filter, the checked rows and the scroll position across opening an article, without listing again', async () => {
    const user = userEvent.setup();
    const t = await renderApp({ articles: many, open: null });
    await user.type(screen.getByRole('searchbox', { name: 'Filter articles' }), 'mehr');
    await waitFor(() => expect(screen.getByRole('table', { name: 'Articles' }).getAttribute('aria-rowcount')).toBe('151'));
    const first = articleRows()[0];
    await user.click(within(first).getByRole('checkbox', { name: 'Select Report 0001' }));
    const main = screen.getByRole('main');
    main.scrollTop = 2000;
    main.dispatchEvent(new Event('scroll'));
    await user.click(within(articleRows().at(-1)!).getAllByRole('button')[0]);
    await screen.findByRole('document', { name: 'Article text' });

    await user.click(screen.getByRole('button', { name: 'Back to library' }));
    expect((screen.getByRole('searchbox', { name: 'Filter articles' }) as HTMLInputElement).value).toBe('mehr');
    expect(screen.getByRole('table', { name: 'Articles' }).getAttribute('aria-rowcount')).toBe('151');
    // Back where it was (which rows that shows needs a layout engine: the library bench checks it in Chromium).
    expect(screen.getByRole('main').scrollTop).toBe(2000);
    expect(screen.getByRole('button', { name: 'Export JSONL (1 selected)' })).toBeTruthy();
    // Listed once, in its two pages (the second starting with the first's last row), and not again on the way back.
    expect(t.api.calls.filter((c) => c.name === 'listArticlePage').map((c) => c.input)).toEqual([
      { offset: 0, limit: FIRST_PAGE_ROWS },
      { offset: FIRST_PAGE_ROWS - 1, limit: LATER_PAGE_ROWS + 1 },
    ]);
    expect(t.api.calls.filter((c) => c.name === 'listArticles')).toHaveLength(0);
  });
});
