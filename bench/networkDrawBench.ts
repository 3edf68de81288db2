/**
 * Drawing the discourse network (issue 4) in headless Chromium through the browser host: a
 * workspace of 1,000 articles holding the generated network corpus of shared/network/benchmark
 * (2,000 actors, 150 concepts, 20,000 statements, real spans and entities), the top bar's
 * "Network" button clicked, and the time until the canvas is first drawn and until the force
 * layout has settled; then the same after switching to the actor congruence projection.
 * "Drawn" is the `network-drawn` performance mark NetworkCanvas sets after each draw, plus the
 * frame that paints it. Figures are printed, never asserted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { nowIso, type Article, type Span, type Statement } from '../shared/domain/model';
import { generateNetworkCorpus } from '../shared/network/benchmark';
import { openWorkspace } from '../electron/service/workspace';
import { REPO_DATA_DIR } from '../electron/service/repoPaths';
import { HostProcess } from '../e2e/hostProcess';
import { benchPage, launchBrowser } from './browserBench';
import type { Figure } from './nodeBench';

/** The generated statement rows as articles: per statement a sentence with its actor and claim spans. */
function networkArticles(): { articles: Article[]; entities: ReturnType<typeof generateNetworkCorpus>['entities']; statements: number } {
  const { rows, entities } = generateNetworkCorpus();
  const now = nowIso();
  const byArticle = new Map<string, typeof rows>();
  for (const r of rows) {
    let list = byArticle.get(r.articleId);
    if (!list) byArticle.set(r.articleId, (list = []));
    list.push(r);
  }
  const articles: Article[] = [];
  for (const [id, list] of byArticle) {
    let text = '';
    const spans: Span[] = [];
    const statements: Statement[] = [];
    for (const r of list) {
      const actorStart = text.length;
      text += r.actorText;
      const actorEnd = text.length;
      text += ' said that there is a ';
      const claimStart = text.length;
      text += r.claimText;
      const claimEnd = text.length;
      text += '.\n';
      const base = { annotator: 'bench', createdAt: now, updatedAt: now };
      spans.push({ id: r.actorSpanId, labelId: 'actor', start: actorStart, end: actorEnd, ...(r.actorEntityId ? { entityId: r.actorEntityId } : {}), ...base });
      spans.push({ id: r.claimSpanId, labelId: 'claim', start: claimStart, end: claimEnd, ...(r.conceptId ? { entityId: r.conceptId } : {}), ...base });
      statements.push({ id: r.statementId, actorSpanId: r.actorSpanId, claimSpanId: r.claimSpanId, polarity: r.polarity, ...base });
    }
    const first = list[0];
    articles.push({ id, title: first.articleTitle, date: first.articleDate, status: first.articleStatus, createdAt: now, updatedAt: now, text, spans, statements });
  }
  return { articles, entities, statements: rows.length };
}

/** Run `action` in the page, then wait for the first `network-drawn` mark after it (plus a frame) and for the layout to settle. */
async function timeDraw(page: Page, action: 'open' | 'congruence'): Promise<{ first: number; settled: number }> {
  return page.evaluate(async (action) => {
    performance.clearMarks('network-drawn');
    const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const drawn = () => performance.getEntriesByName('network-drawn', 'mark').length > 0;
    const settled = () => drawn() && !document.querySelector('.network-busy');
    const until = (test: () => boolean, ms = 120_000) =>
      new Promise<void>((resolve, reject) => {
        const started = performance.now();
        const poll = () => (test() ? resolve() : performance.now() - started > ms ? reject(new Error('the network was not drawn')) : setTimeout(poll, 2));
        poll();
      });
    const t0 = performance.now();
    if (action === 'open') [...document.querySelectorAll('button')].find((b) => b.textContent === 'Network')!.click();
    else {
      const label = [...document.querySelectorAll('label.choice')].find((l) => l.textContent === 'Actor congruence')!;
      label.querySelector('input')!.click();
    }
    await until(drawn);
    await frame();
    const first = performance.now() - t0;
    await until(settled);
    await frame();
    return { first, settled: performance.now() - t0 };
  }, action);
}

export async function benchNetworkDraw(runs = 3): Promise<Figure[]> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-network-'));
  const dir = path.join(tmp, 'workspace');
  let host: HostProcess | null = null;
  let browser: Browser | null = null;
  try {
    const { articles, entities, statements } = networkArticles();
    const session = await openWorkspace({ dir, dataDir: REPO_DATA_DIR, seed: false, appName: 'network benchmark' });
    await session.store.updateManifest((m) => void (m.entities = entities));
    for (let i = 0; i < articles.length; i += 250) await session.store.addArticles(articles.slice(i, i + 250));
    await session.dispatch('updateSettings', { annotator: 'bench' });
    await session.close();

    host = await HostProcess.start(dir, false);
    browser = await launchBrowser();
    const { page, pageErrors } = await benchPage(browser);
    const times = { open: [] as number[], openSettled: [] as number[], congruence: [] as number[], congruenceSettled: [] as number[] };
    for (let run = -1; run < runs; run++) {
      // A fresh page each run: the statements are loaded and the two-mode network shown afresh.
      await page.goto(host.url);
      await page.getByRole('heading', { name: 'Library', level: 1 }).waitFor();
      const open = await timeDraw(page, 'open');
      const congruence = await timeDraw(page, 'congruence');
      if (run < 0) continue;
      times.open.push(open.first);
      times.openSettled.push(open.settled);
      times.congruence.push(congruence.first);
      times.congruenceSettled.push(congruence.settled);
    }
    if (pageErrors.length) throw new Error(`errors in the page: ${pageErrors.join('; ')}`);
    const med = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
    const corpus = `${statements.toLocaleString('en')} statements, ${articles.length.toLocaleString('en')} articles`;
    return [
      { name: `click "Network" → two-mode network drawn (${corpus}, incl. loading statements): median of ${runs}`, value: med(times.open), unit: 'ms' },
      { name: 'click "Network" → two-mode layout settled and drawn', value: med(times.openSettled), unit: 'ms' },
      { name: 'switch to actor congruence → first drawing (force layout starts)', value: med(times.congruence), unit: 'ms' },
      { name: 'switch to actor congruence → force layout settled and drawn', value: med(times.congruenceSettled), unit: 'ms' },
    ];
  } finally {
    await browser?.close();
    await host?.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}
