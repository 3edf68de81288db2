// Temporary profiling script (not part of the repo): unminified build in /tmp/wb-prof-dist, in-process host, CPU profile of opening.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { openWorkspace } from '/work/main/electron/service/workspace';
import { REPO_DATA_DIR } from '/work/main/electron/service/repoPaths';
import { startHost } from '/work/main/electron/host/httpHost';
import { CHROMIUM_ARGS, chromiumExecutable } from '/work/main/e2e/chromium';
import { generateArticle } from '/work/main/bench/corpus';
import { splitParagraphs } from '/work/main/shared/text/paragraphs';

const dist = process.argv[2] ?? '/tmp/wb-prof-dist';
const mode = process.argv[3] ?? 'open';
const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'prof-')), 'ws');
const a = { ...generateArticle('withspans', 1_000_000, 20_000), title: 'WITH' };
const b = { ...generateArticle('withoutspans', 1_000_000, 0), title: 'WITHOUT' };
const session = await openWorkspace({ dir, dataDir: REPO_DATA_DIR, seed: false, appName: 'prof' });
await session.store.addArticles([a, b]);
await session.dispatch('updateSettings', { annotator: 'bench' });
const host = await startHost({ dispatch: session.dispatch, staticDir: dist, port: 0 });
const last = splitParagraphs(a.text).length - 1;
const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: [...CHROMIUM_ARGS] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
const cdp = await page.context().newCDPSession(page);
async function open(title: string) {
  await page.goto(host.url);
  await page.getByRole('heading', { name: 'Library', level: 1 }).waitFor();
  return page.evaluate(async ({ title, last }) => {
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent === title)!;
    const rendered = () => document.querySelector(`[data-paragraph="${last}"]`) !== null;
    const t0 = performance.now();
    button.click();
    await new Promise<void>((resolve) => { const o = new MutationObserver(() => { if (rendered()) { o.disconnect(); resolve(); } }); o.observe(document.body, { childList: true, subtree: true }); });
    await new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return performance.now() - t0;
  }, { title, last });
}
for (const t of ['WITHOUT', 'WITH', 'WITHOUT', 'WITH']) console.log(t, (await open(t)).toFixed(0));
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
if (mode === 'open') {
await cdp.send('Profiler.start');
console.log('profiled WITH', (await open('WITH')).toFixed(0));
} else {
  await open('WITH');
  await page.getByRole('document', { name: 'Article text' }).focus();
  await cdp.send('Profiler.start');
  const lat: number[] = [];
  for (let i = 0; i < 25; i++) {
    const p = 40 + i * 60;
    await page.evaluate(async (p) => {
      const para = document.querySelector(`[data-paragraph="${p}"]`)!;
      para.scrollIntoView({ block: 'center' });
      const f = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      await f(); await f();
      const piece = [...para.querySelectorAll('[data-start]')].find((e) => !e.hasAttribute('data-span-ids') && /\w{5}/.test(e.textContent!))!;
      const m = /\w{5,}/.exec(piece.textContent!)!;
      document.getSelection()!.setBaseAndExtent(piece.firstChild!, m.index, piece.firstChild!, m.index + m[0].length);
      await f();
      const w = window as any;
      w.__lat = new Promise((resolve) => {
        let t0 = 0;
        window.addEventListener('keydown', () => (t0 = performance.now()), { capture: true, once: true });
        const n = para.querySelectorAll('[data-span-ids]').length;
        const o = new MutationObserver(() => { if (t0 && para.isConnected && para.querySelectorAll('[data-span-ids]').length !== n) { o.disconnect(); requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0)); } });
        o.observe(para.parentElement!, { childList: true, subtree: true, attributes: true });
      });
    }, p);
    await page.keyboard.press('1');
    lat.push(await page.evaluate(() => (window as any).__lat));
    await page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor({ timeout: 10_000 });
  }
  console.log('latencies', lat.map((x) => x.toFixed(0)).join(' '));
}
const { profile } = await cdp.send('Profiler.stop');
const self = new Map<string, number>();
const total = profile.samples!.length;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const counts = new Map<number, number>();
for (const s of profile.samples!) counts.set(s, (counts.get(s) ?? 0) + 1);
for (const [id, c] of counts) {
  const n = byId.get(id)!;
  const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
  self.set(key, (self.get(key) ?? 0) + c);
}
const dt = (profile.endTime - profile.startTime) / 1000 / total;
console.log([...self].sort((x, y) => y[1] - x[1]).slice(0, 40).map(([k, c]) => `${(c * dt).toFixed(0).padStart(6)} ms  ${k}`).join('\n'));
await browser.close(); await host.close(); await session.close();
process.exit(0);
