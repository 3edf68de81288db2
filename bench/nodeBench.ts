/**
 * Service benchmarks in Node: persisting one new span on a 1 MB / 20,000-span article, and
 * listing a workspace of 5,000 articles. Figures are printed, never asserted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nowIso } from '../shared/domain/model';
import { openWorkspace } from '../electron/service/workspace';
import { REPO_DATA_DIR } from '../electron/service/repoPaths';
import { generateArticle } from './corpus';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  goal?: string;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
export const median = (v: number[]) => percentile(v, 50);

export async function benchPersistSpan(): Promise<Figure[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-persist-'));
  try {
    const session = await openWorkspace({ dir, dataDir: REPO_DATA_DIR, seed: false });
    const article = generateArticle('big', 1_000_000, 20_000);
    await session.store.addArticles([article]);
    const times: number[] = [];
    for (let i = 0; i < 40; i++) {
      const now = nowIso();
      const start = 10 + i * 50;
      const t0 = performance.now();
      const result = await session.dispatch('editArticle', {
        articleId: 'big',
        edits: [{ type: 'addSpan', span: { id: `new${i}`, labelId: 'actor', start, end: start + 5, annotator: 'bench', createdAt: now, updatedAt: now } }],
      });
      times.push(performance.now() - t0);
      if (!result.ok) throw new Error(result.error.message);
    }
    await session.close();
    return [
      { name: 'persist one span (1 MB, 20k spans): median', value: median(times), unit: 'ms', goal: '< 20 ms' },
      { name: 'persist one span (1 MB, 20k spans): p95', value: percentile(times, 95), unit: 'ms' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchListWorkspace(): Promise<Figure[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-list-'));
  try {
    let session = await openWorkspace({ dir, dataDir: REPO_DATA_DIR, seed: false });
    const articles = Array.from({ length: 5000 }, (_, i) => generateArticle(`n${i}`, 1500, 10, i + 10));
    for (let i = 0; i < articles.length; i += 500) await session.store.addArticles(articles.slice(i, i + 500));
    await session.close();

    // Cold: open the workspace (reads the manifest, checks 5,000 file stamps) and list.
    const t0 = performance.now();
    session = await openWorkspace({ dir, dataDir: REPO_DATA_DIR, seed: false });
    const listed = await session.dispatch('listArticles', {});
    const cold = performance.now() - t0;
    if (!listed.ok || (listed.value as unknown[]).length !== 5000) throw new Error('listing failed');
    const warm: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t1 = performance.now();
      await session.dispatch('listArticles', {});
      warm.push(performance.now() - t1);
    }
    await session.close();
    return [
      { name: 'open + list 5,000 articles (cold)', value: cold, unit: 'ms', goal: '< 300 ms' },
      { name: 'list 5,000 articles (warm, median)', value: median(warm), unit: 'ms', goal: '< 300 ms' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
