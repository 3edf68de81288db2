/**
 * Curation benchmark (issue 11, Speed): the built renderer in headless Chromium against the browser
 * host, on the browser section's generated 1 MB article, once plain and once with three collected
 * annotator layers of ~20,000 spans each (the generated spans, each annotator changing a seeded
 * ~7 % of them: dropped, relabelled, widened by a word, or one of their own added). Its gold layer
 * (the article's own spans) starts empty. Figures are printed, never asserted.
 *  - Open: from the click on the title to the last paragraph in the page, plus one frame, for the
 *    plain article; for the layered one until, in addition, the Curation tab (shown once the layers
 *    arrive) is clicked and its status "N of M places decided" is in the page, plus one frame.
 *    Median of 5 each (interleaved, after one warm-up each); goal: layered ≤ 2 × plain.
 *  - One resolution key: with the Curation panel focused, the keydown of the first annotator's
 *    key that has spans at the place ("1" mostly) until the panel shows the next place and the gold
 *    highlight of the copied span is in the text, plus one frame. 40 after 5 warm-up presses;
 *    goal p95 ≤ 50 ms. Each trial waits for "All changes saved" before the next.
 * Needs `npx vite build` (dist/renderer) and a Chromium (see e2e/chromium.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { RENDERER_DIST_DIR } from '../electron/service/repoPaths';
import { writeLayer } from '../electron/service/layerStore';
import { HostProcess } from '../e2e/hostProcess';
import { nowIso, type Span } from '../shared/domain/model';
import { splitParagraphs } from '../shared/text/paragraphs';
import { benchPage, launchBrowser, writeBenchWorkspace } from './browserBench';
import { generateArticle, generateSpans, prng } from './corpus';
import { median, percentile, type Figure } from './nodeBench';

export interface CurationBenchOptions {
  textBytes?: number;
  spanCount?: number;
  annotators?: readonly string[];
  /** Share of the spans each annotator does differently from the others. */
  disagreement?: number;
  openRuns?: number;
  keyTrials?: number;
}

const PLAIN = 'Curation bench: plain article';
const LAYERED = 'Curation bench: article with layers';
const KEY_WARMUP = 5;

/** What one annotator made of the shared `base` spans: most kept, a seeded `share` changed. */
export function annotatorSpans(text: string, base: readonly Span[], annotator: string, share: number, seed: number): Span[] {
  const rand = prng(seed);
  const labels = ['actor', 'stance', 'claim'];
  const now = nowIso();
  const nextWordEnd = (end: number) => {
    const m = /\s+\S+/y;
    m.lastIndex = end;
    return m.exec(text) ? m.lastIndex : end;
  };
  const out: Span[] = [];
  base.forEach((s, i) => {
    const own = { ...s, id: `${annotator}-${i}`, annotator, createdAt: now, updatedAt: now };
    if (rand() >= share) return void out.push(own);
    const change = rand();
    if (change < 0.25) return; // dropped
    if (change < 0.5) return void out.push({ ...own, labelId: labels[(labels.indexOf(s.labelId) + 1) % labels.length] });
    if (change < 0.75) return void out.push({ ...own, end: nextWordEnd(s.end) });
    out.push(own, { ...own, id: `${annotator}-${i}-extra`, labelId: labels[(labels.indexOf(s.labelId) + 2) % labels.length] });
  });
  return out.sort((a, b) => a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : 1));
}

/**
 * The library, once its curation progress is shown: the host computes it (every layer read, the
 * plan made) whenever the library shows, and an open clicked before that would queue behind it.
 */
async function showLibrary(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('heading', { name: 'Library', level: 1 }).waitFor();
  await page.locator('.curation-progress').first().waitFor({ timeout: 60_000 });
}

/** Click `title` in the library; ms until its last paragraph is in the page (and, `curation`: the Curation tab's status too), plus a frame. */
async function timeOpen(page: Page, url: string, title: string, lastParagraph: number, curation: boolean): Promise<number> {
  await showLibrary(page, url);
  return page.evaluate(
    async ({ title, lastParagraph, curation }) => {
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent === title);
      if (!button) throw new Error(`no button "${title}" in the library`);
      const until = (done: () => boolean) =>
        new Promise<void>((resolve) => {
          if (done()) return resolve();
          const observer = new MutationObserver(() => {
            if (done()) {
              observer.disconnect();
              resolve();
            }
          });
          observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
        });
      const t0 = performance.now();
      button.click();
      await until(() => document.querySelector(`[data-paragraph="${lastParagraph}"]`) !== null);
      if (curation) {
        // The tab appears once the layers are in the session; a user clicks it then.
        const tab = () => document.querySelector<HTMLElement>('#side-tab-curation');
        await until(() => tab() !== null);
        if (tab()!.getAttribute('aria-selected') !== 'true') tab()!.click();
        const status = () => document.querySelector('[role="group"][aria-label="Curation"] [role="status"]')?.textContent ?? '';
        await until(() => /^\d+ of \d+ places? decided/.test(status()));
      }
      // The frame that paints it: rAF runs before paint, the task after it runs after.
      await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      return performance.now() - t0;
    },
    { title, lastParagraph, curation },
  );
}

/**
 * Arm one resolution key: returns the key to press (the first option with spans; a place where
 * only the first annotator marked nothing would add no highlight). `window.__curationLatency`
 * resolves to ms from its keydown until the panel shows another place and a new span id is among
 * the text's highlights, plus one frame (-1 after 5 s).
 */
async function armKeyTrial(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const panel = document.querySelector<HTMLElement>('[role="group"][aria-label="Curation"]')!;
    const root = document.querySelector('[role="document"][aria-label="Article text"]')!;
    const place = () => panel.querySelector('section.curation-item')?.getAttribute('aria-label') ?? '';
    const options = [...panel.querySelectorAll<HTMLElement>('.curation-options > li')];
    const index = options.findIndex((li) => !li.textContent!.includes('nothing here'));
    if (index < 0) throw new Error(`no option with spans at ${place()}`);
    // The place was selected and scrolled to: let its paragraphs draw their highlights.
    const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    await frame();
    await frame();
    const ids = () => {
      const out = new Set<string>();
      for (const el of root.querySelectorAll<HTMLElement>('[data-span-ids]')) for (const id of el.dataset.spanIds!.split(' ')) out.add(id);
      return out;
    };
    const before = ids();
    const placeBefore = place();
    const shown = panel.querySelector('section.curation-item')?.textContent?.slice(0, 400);
    if (document.activeElement !== panel) panel.focus();
    const w = window as unknown as { __curationLatency: Promise<{ painted: number; dom: number; why?: string }> };
    w.__curationLatency = new Promise((resolve) => {
      let t0 = 0;
      const onKey = () => {
        t0 = performance.now();
        window.removeEventListener('keydown', onKey, true);
      };
      window.addEventListener('keydown', onKey, true);
      const observer = new MutationObserver(() => {
        if (!t0 || place() === placeBefore) return;
        for (const id of ids()) {
          if (before.has(id)) continue;
          observer.disconnect();
          const dom = performance.now() - t0;
          requestAnimationFrame(() => setTimeout(() => resolve({ painted: performance.now() - t0, dom }), 0));
          return;
        }
      });
      observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-span-ids', 'aria-label'] });
      setTimeout(() => {
        observer.disconnect();
        const added = [...ids()].filter((id) => !before.has(id)).length;
        resolve({ painted: -1, dom: -1, why: `${t0 ? 'key seen' : 'no keydown'}; place ${placeBefore} → ${place()}; ${added} new highlighted span ids; focus on ${document.activeElement?.tagName} ${document.activeElement?.getAttribute('aria-label') ?? ''}; ${root.querySelectorAll('[data-span-ids]').length} highlights, ${before.size} before; shown: ${shown}` });
      }, 5000);
    });
    return String(index + 1);
  });
}

/** A new workspace at `dir`: the plain article, and the same text with the annotators' layers written beside it (gold empty). */
export async function writeCurationWorkspace(
  dir: string,
  { textBytes, spanCount, annotators, share }: { textBytes: number; spanCount: number; annotators: readonly string[]; share: number },
): Promise<{ lastParagraph: number; layerSpans: number }> {
  const plain = { ...generateArticle('plain', textBytes, 0), title: PLAIN };
  const layered = { ...plain, id: 'layered', title: LAYERED };
  const lastParagraph = splitParagraphs(plain.text).length - 1;
  await writeBenchWorkspace(dir, [plain, layered]);
  const base = generateSpans(plain.text, spanCount, 2);
  const textSha256 = createHash('sha256').update(plain.text, 'utf8').digest('hex');
  const now = nowIso();
  let layerSpans = 0;
  for (const [k, annotator] of annotators.entries()) {
    const spans = annotatorSpans(plain.text, base, annotator, share, 100 + k);
    layerSpans += spans.length;
    await writeLayer(dir, {
      formatVersion: 1,
      articleId: layered.id,
      annotator,
      revision: 1,
      status: 'done',
      updatedAt: now,
      packageId: `bench-${annotator}`,
      collectedAt: now,
      textSha256,
      spans,
      statements: [],
      entities: [],
    });
  }
  return { lastParagraph, layerSpans };
}

export async function benchCuration(options: CurationBenchOptions = {}): Promise<Figure[]> {
  const textBytes = options.textBytes ?? 1_000_000;
  const spanCount = options.spanCount ?? 20_000;
  const annotators = options.annotators ?? ['ann', 'bob', 'cem'];
  const share = options.disagreement ?? 0.07;
  const openRuns = Math.max(3, options.openRuns ?? 5);
  const keyTrials = Math.max(30, options.keyTrials ?? 40);
  if (!existsSync(path.join(RENDERER_DIST_DIR, 'index.html'))) throw new Error('the renderer is not built: run `npx vite build` first');

  const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-curation-'));
  const dir = path.join(tmp, 'workspace');
  let host: HostProcess | null = null;
  let browser: Browser | null = null;
  try {
    const { lastParagraph, layerSpans } = await writeCurationWorkspace(dir, { textBytes, spanCount, annotators, share });

    host = await HostProcess.start(dir, false);
    browser = await launchBrowser();
    const { page, pageErrors } = await benchPage(browser);

    const opens: Record<string, number[]> = { [PLAIN]: [], [LAYERED]: [] };
    for (let run = -1; run < openRuns; run++) {
      for (const title of [PLAIN, LAYERED]) {
        const ms = await timeOpen(page, host.url, title, lastParagraph, title === LAYERED);
        if (run >= 0) opens[title].push(ms);
      }
    }
    const openPlain = median(opens[PLAIN]);
    const openLayered = median(opens[LAYERED]);
    const status = await page.getByRole('group', { name: 'Curation' }).getByRole('status').textContent();
    const places = Number(/of (\d+) place/.exec(status ?? '')?.[1] ?? NaN);

    // Resolution keys on the layered article as it is open now (the Curation tab shown).
    await page.getByRole('group', { name: 'Curation' }).focus();
    const latencies: number[] = [];
    const domLatencies: number[] = [];
    const warmup: number[] = [];
    while (latencies.length < keyTrials) {
      const key = await armKeyTrial(page);
      await page.keyboard.press(key);
      const ms = await page.evaluate(() => (window as unknown as { __curationLatency: Promise<{ painted: number; dom: number; why?: string }> }).__curationLatency);
      if (ms.painted < 0) throw new Error(`key "${key}" showed no next place with a new highlight within 5 s (${ms.why})`);
      if (warmup.length < KEY_WARMUP) warmup.push(ms.painted);
      else {
        latencies.push(ms.painted);
        domLatencies.push(ms.dom);
      }
      await page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor({ timeout: 10_000 });
    }
    if (pageErrors.length) throw new Error(`errors in the page: ${pageErrors.join('; ')}`);

    const size = `${Math.round(textBytes / 1000)} kB, ${annotators.length} layers × ~${spanCount.toLocaleString('en')} spans`;
    return [
      { name: `open the plain article (${Math.round(textBytes / 1000)} kB): median of ${openRuns}`, value: openPlain, unit: 'ms' },
      { name: `open with layers (${size}) to the Curation plan shown: median of ${openRuns}`, value: openLayered, unit: 'ms' },
      { name: 'open time ratio, curation view / plain', value: openLayered / openPlain, unit: '×', goal: '≤ 2' },
      { name: 'spans in the layers, all annotators', value: layerSpans, unit: '' },
      { name: 'places to decide', value: places, unit: '' },
      { name: `resolution key → next place and gold highlight painted: median of ${latencies.length}`, value: median(latencies), unit: 'ms' },
      { name: `resolution key → next place and gold highlight painted: p95 of ${latencies.length}`, value: percentile(latencies, 95), unit: 'ms', goal: '≤ 50 ms' },
      { name: 'resolution key → both in the DOM, before the frame: median', value: median(domLatencies), unit: 'ms' },
      { name: 'resolution key → both in the DOM, before the frame: p95', value: percentile(domLatencies, 95), unit: 'ms' },
      { name: `resolution key, the ${KEY_WARMUP} warm-up presses before those: slowest`, value: Math.max(...warmup), unit: 'ms' },
    ];
  } finally {
    await browser?.close();
    await host?.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}
