/**
 * The library at corpus scale: the built renderer in headless Chromium against the browser host
 * on a workspace of 100,000 small articles (five spans each), written straight into the store
 * with one addArticles call (not 100,000 API calls). Measured inside the page with
 * performance.now(), each ending with the frame that paints the result:
 *  - first rows: from the Library heading in the page to the first article row (after a reload);
 *  - all rows listed: from the page's start to the last page of summaries taken in (the rest of
 *    the list arrives in the background after the first rows); the figures below are taken after it;
 *  - back: from the click on "Back to library" to an article row;
 *  - filter keystroke: from the keydown in the filter box to the table holding the rows that
 *    match (its aria-rowcount, or its rows when few enough to be all in the page);
 *  - open: from the click on a title to the article's text, beside the same in a 10-article workspace.
 * Figures are printed, never asserted. Needs `npx vite build` and a Chromium (see e2e/chromium.ts).
 */
import { existsSync, mkdtempSync, promises as fsp, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { nowIso, type Article } from '../shared/domain/model';
import type { DurableFs } from '../electron/service/durableJsonFile';
import { openWorkspace } from '../electron/service/workspace';
import { WorkspaceStore } from '../electron/service/workspaceStore';
import { REPO_DATA_DIR, RENDERER_DIST_DIR } from '../electron/service/repoPaths';
import { HostProcess } from '../e2e/hostProcess';
import { benchPage, launchBrowser } from './browserBench';
import { generateSpans, generateText, prng } from './corpus';
import { median, type Figure } from './nodeBench';

export interface LibraryBenchOptions {
  articleCount?: number;
  /** Opens, backs and reloads measured (after one warm-up each). */
  runs?: number;
}

const PLACES = ['Geneva', 'Tehran', 'Tokyo', 'Astana', 'Damascus', 'Ankara', 'Moscow', 'Vienna', 'Doha', 'Baghdad'];
const TOPICS = ['talks', 'ceasefire', 'aid', 'committee', 'sanctions', 'elections', 'pandemic', 'minister', 'summit', 'guarantors'];
const SOURCES = ['Mehr News', 'Tehran Times', 'Kyodo', 'TASS', 'Anadolu'];
/** Typed one key at a time into the filter, then erased key by key, then the second. */
const QUERIES = ['geneva talks', 'tokyo'];

/** `count` small articles sharing one text (five spans each); titles, sources and dates vary. */
export function* smallArticles(count: number): Generator<Article> {
  const text = generateText(1500, 7);
  const spans = generateSpans(text, 5, 8);
  const rand = prng(11);
  const now = nowIso();
  for (let i = 0; i < count; i++) {
    const place = PLACES[Math.floor(rand() * PLACES.length)];
    const topic = TOPICS[Math.floor(rand() * TOPICS.length)];
    const day = 1 + Math.floor(rand() * 28);
    yield {
      id: `lib${i}`,
      title: `${place} ${topic} report ${i}`,
      source: SOURCES[i % SOURCES.length],
      date: `2020-${String(1 + (i % 12)).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      status: i % 3 === 0 ? 'done' : 'in_progress',
      createdAt: now,
      updatedAt: now,
      text,
      spans,
      statements: [],
    };
  }
}

/** How many articles the library's filter keeps for `query` (the same fields, lower-cased). */
function matchCount(articles: readonly Article[], query: string): number {
  const q = query.trim().toLocaleLowerCase();
  if (!q) return articles.length;
  return articles.filter((a) => [a.title, a.source ?? '', a.date ?? '', a.url ?? ''].join('\n').toLocaleLowerCase().includes(q)).length;
}

/**
 * Bench setup only: the store's own writes without their fsyncs (200,000 of them would take
 * minutes and measure the disk, not the library). What is written is the same.
 */
const unsyncedFs: DurableFs = {
  open: (async (...args: Parameters<typeof fsp.open>) => Object.assign(await fsp.open(...args), { sync: async () => undefined })) as typeof fsp.open,
  rename: fsp.rename,
  readFile: fsp.readFile,
  unlink: fsp.unlink,
};

/** A workspace holding `articles`, written with the store's addArticles (one manifest write). */
export async function createWorkspace(dir: string, articles: readonly Article[]): Promise<void> {
  const session = await openWorkspace({ dir, dataDir: REPO_DATA_DIR, seed: false, appName: 'library benchmark' });
  await session.dispatch('updateSettings', { annotator: 'bench' });
  await session.close();
  const store = await WorkspaceStore.open(
    dir,
    () => Promise.reject(new Error(`${dir} was just created`)),
    { fs: unsyncedFs },
  );
  await store.addArticles(articles);
  await store.flush();
}

/** In the page: resolve to ms from `start()` until `done()` holds in the DOM, plus the frame that paints it. */
const PAGE_HELPERS = `
  window.__until = (start, done) => new Promise((resolve) => {
    const t0 = start();
    const finish = () => requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
    if (done()) return finish();
    const observer = new MutationObserver(() => {
      if (done()) { observer.disconnect(); finish(); }
    });
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
  });
  window.__articleRow = () => document.querySelector('table.library-table tbody tr[aria-rowindex]');
`;

/** Reload and time the Library heading → first article row. */
async function timeFirstRows(page: Page, url: string): Promise<number> {
  await page.goto('about:blank');
  await page.goto(url, { waitUntil: 'commit' });
  return page.evaluate(async () => {
    const w = window as unknown as { __until(start: () => number, done: () => boolean): Promise<number> };
    const heading = () => [...document.querySelectorAll('h1')].some((h) => h.textContent === 'Library');
    // The heading's own moment, then the rows' from it.
    await new Promise<void>((resolve) => {
      const poll = () => (heading() ? resolve() : requestAnimationFrame(poll));
      poll();
    });
    return w.__until(
      () => performance.now(),
      () => document.querySelector('table.library-table tbody tr[aria-rowindex]') !== null,
    );
  });
}

/** Ms from the page's start until the library's head no longer says it is loading (every summary taken in). */
function timeAllListed(page: Page): Promise<number> {
  return page.evaluate(() => {
    const w = window as unknown as { __until(start: () => number, done: () => boolean): Promise<number> };
    const head = () => document.querySelector('.library-head')?.textContent ?? '';
    return w.__until(
      () => 0,
      () => head().includes(' done'),
    );
  });
}

/** Click the title of the library's `nth` rendered row; ms until the article's text is in the page. */
async function timeOpen(page: Page, nth: number): Promise<number> {
  await page.locator('table.library-table tbody tr[aria-rowindex]').nth(nth).waitFor();
  return page.evaluate((nth) => {
    const w = window as unknown as { __until(start: () => number, done: () => boolean): Promise<number> };
    const button = document.querySelectorAll<HTMLButtonElement>('table.library-table tbody tr[aria-rowindex] .title-button')[nth];
    return w.__until(
      () => {
        const t0 = performance.now();
        button.click();
        return t0;
      },
      () => document.querySelector('[role="document"][aria-label="Article text"] [data-paragraph]') !== null,
    );
  }, nth);
}

async function timeBack(page: Page): Promise<number> {
  await page.getByRole('button', { name: 'Back to library' }).waitFor();
  return page.evaluate(() => {
    const w = window as unknown as { __until(start: () => number, done: () => boolean): Promise<number>; __articleRow(): Element | null };
    const back = [...document.querySelectorAll('button')].find((b) => b.textContent?.includes('Back to library'))!;
    return w.__until(
      () => {
        const t0 = performance.now();
        back.click();
        return t0;
      },
      () => w.__articleRow() !== null,
    );
  });
}

/** Press `key` in the filter box; ms from its keydown until the table shows `expected` matching rows. */
async function timeKeystroke(page: Page, key: string, expected: number): Promise<number> {
  await page.evaluate((expected) => {
    const w = window as unknown as { __until(start: () => number, done: () => boolean): Promise<number>; __keystroke?: Promise<number> };
    const table = () => document.querySelector('table.library-table');
    const shows = () => {
      const t = table();
      if (!t) return false;
      const count = t.getAttribute('aria-rowcount');
      if (count !== null) return Number(count) - 1 === expected;
      const rows = t.querySelectorAll('tbody tr[aria-rowindex]').length;
      return rows === expected && (expected > 0 || t.querySelector('.empty-row') !== null);
    };
    w.__keystroke = new Promise<number>((resolve) => {
      window.addEventListener('keydown', () => void w.__until(() => performance.now(), shows).then(resolve), { capture: true, once: true });
    });
  }, expected);
  await page.keyboard.press(key);
  return page.evaluate(() => (window as unknown as { __keystroke: Promise<number> }).__keystroke);
}

export async function benchLibrary(options: LibraryBenchOptions = {}): Promise<Figure[]> {
  const { articleCount = 100_000, runs = 3 } = options;
  if (!existsSync(path.join(RENDERER_DIST_DIR, 'index.html'))) throw new Error('the renderer is not built: run `npx vite build` first');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-library-'));
  const hosts: HostProcess[] = [];
  const browser = await launchBrowser();
  try {
    const articles = [...smallArticles(articleCount)];
    const started = performance.now();
    await createWorkspace(path.join(tmp, 'large'), articles);
    const createMs = performance.now() - started;
    await createWorkspace(path.join(tmp, 'small'), articles.slice(0, 10));

    // Opening in a 10-article workspace: the yardstick for opening in the large one.
    const small = await HostProcess.start(path.join(tmp, 'small'), false);
    hosts.push(small);
    const { page: smallPage } = await benchPage(browser);
    await smallPage.addInitScript({ content: PAGE_HELPERS });
    await smallPage.goto(small.url);
    const smallOpens: number[] = [];
    for (let run = -1; run < runs; run++) {
      const ms = await timeOpen(smallPage, 0);
      if (run >= 0) smallOpens.push(ms);
      await timeBack(smallPage);
    }

    const large = await HostProcess.start(path.join(tmp, 'large'), false);
    hosts.push(large);
    const { page, pageErrors } = await benchPage(browser);
    await page.addInitScript({ content: PAGE_HELPERS });
    const firstRows: number[] = [];
    for (let run = -1; run < runs; run++) {
      const ms = await timeFirstRows(page, large.url);
      if (run >= 0) firstRows.push(ms);
    }
    const allListedMs = await timeAllListed(page);

    // Scrolled down a little first, so "back" also has a place to come back to.
    await page.locator('main.library').evaluate((m) => m.scrollBy(0, 2000));
    const opens: number[] = [];
    const backs: number[] = [];
    for (let run = -1; run < runs; run++) {
      const open = await timeOpen(page, 3);
      const back = await timeBack(page);
      if (run >= 0) {
        opens.push(open);
        backs.push(back);
      }
    }

    const filter = page.getByRole('searchbox', { name: 'Filter articles' });
    await filter.focus();
    const keystrokes: number[] = [];
    for (const query of QUERIES) {
      for (let i = 1; i <= query.length; i++) keystrokes.push(await timeKeystroke(page, query[i - 1], matchCount(articles, query.slice(0, i))));
      for (let i = query.length - 1; i >= 0; i--) keystrokes.push(await timeKeystroke(page, 'Backspace', matchCount(articles, query.slice(0, i))));
    }
    if (pageErrors.length) throw new Error(`errors in the page: ${pageErrors.join('; ')}`);

    const n = articleCount.toLocaleString('en');
    return [
      { name: `workspace of ${n} articles written by one addArticles (bench setup)`, value: createMs / 1000, unit: 's' },
      { name: `${n} articles: Library heading → first rows painted, after a reload: median of ${runs}`, value: median(firstRows), unit: 'ms', goal: '≤ 500 ms' },
      { name: `${n} articles: all rows listed (in the background), from the page's start`, value: allListedMs, unit: 'ms' },
      { name: `${n} articles: back from an article → rows painted: median of ${runs}`, value: median(backs), unit: 'ms', goal: '≤ 200 ms' },
      { name: `${n} articles: filter keystroke → rows painted: median of ${keystrokes.length}`, value: median(keystrokes), unit: 'ms', goal: '≤ 100 ms' },
      { name: `${n} articles: filter keystroke → rows painted: slowest of ${keystrokes.length}`, value: Math.max(...keystrokes), unit: 'ms' },
      { name: `${n} articles: open an article (click → text painted): median of ${runs}`, value: median(opens), unit: 'ms' },
      { name: `10 articles: open the same article: median of ${runs}`, value: median(smallOpens), unit: 'ms' },
      { name: `open an article, ${n} / 10 articles`, value: median(opens) / median(smallOpens), unit: '×', goal: '≈ 1' },
    ];
  } finally {
    await browser.close();
    for (const host of hosts) await host.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}
