/**
 * Crash soak of the command line (issue 9): `workbench import` of a JSONL of a few thousand
 * articles into a workspace that already holds some, SIGKILLed at a random moment while it
 * writes. Afterwards the workspace is opened as the app would open it, and checked: the
 * import's articles are listed all or none, the old ones are intact, and files the import left
 * behind (not cleaned by the reopen) are counted. Every run starts from a fresh copy of the
 * same workspace. One unkilled run first measures when writing starts and ends, so the kills
 * land while the import writes (not while Node starts).
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Article } from '../shared/domain/model';
import { articleToJsonlLine } from '../shared/formats/jsonl';
import { openWorkspace } from '../electron/service/workspace';
import { REPO_DATA_DIR, REPO_ROOT } from '../electron/service/repoPaths';
import { generateArticle, prng } from './corpus';
import { leftoverFiles, randomInt } from './soakTools';

export interface ImportSoakOptions {
  seed: number;
  kills: number;
  /** Articles in the imported file, and already in the workspace. */
  imported: number;
  existing: number;
}

export interface ImportSoakReport {
  kills: number;
  /** Runs whose import finished before the kill came (counted, not a finding). */
  endedBeforeKill: number;
  committed: number;
  rolledBack: number;
  /** Runs after which only some of the import's articles were listed. */
  partial: number;
  oldArticlesDamaged: number;
  corruptArticles: number;
  /** Runs after which the workspace would not open. */
  unopenable: number;
  leftoverFiles: number;
  findings: string[];
}

const WORKBENCH_BIN = path.join(REPO_ROOT, 'bin', 'workbench.cjs');

/** Run the import; kill it `killAfterMs` after the first article file appears (never, when undefined). */
function runImport(workspace: string, file: string, killAfterMs?: number): Promise<{ writingStartedMs: number; endedMs: number; killed: boolean; code: number | null }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [WORKBENCH_BIN, 'import', '--workspace', workspace, '--format', 'jsonl', file], { stdio: 'ignore' });
  const articlesDir = path.join(workspace, 'articles');
  const before = new Set(readdirSync(articlesDir));
  let writingStartedMs = -1;
  let killed = false;
  const poll = setInterval(() => {
    if (writingStartedMs >= 0) return;
    if (readdirSync(articlesDir).some((n) => !before.has(n))) {
      writingStartedMs = performance.now() - t0;
      if (killAfterMs !== undefined)
        setTimeout(() => {
          killed = child.kill('SIGKILL');
        }, killAfterMs);
    }
  }, 5);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearInterval(poll);
      resolve({ writingStartedMs, endedMs: performance.now() - t0, killed: killed && code === null, code });
    }),
  );
}

export async function soakImportKills(options: ImportSoakOptions): Promise<ImportSoakReport> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'soak-import-'));
  const rand = prng(options.seed ^ 0x5eed);
  const report: ImportSoakReport = { kills: 0, endedBeforeKill: 0, committed: 0, rolledBack: 0, partial: 0, oldArticlesDamaged: 0, corruptArticles: 0, unopenable: 0, leftoverFiles: 0, findings: [] };
  let keep = false;
  try {
    const template = path.join(root, 'template');
    const old: Article[] = Array.from({ length: options.existing }, (_, i) => generateArticle(`old${i}`, 3000, 10, i + 1));
    const session = await openWorkspace({ dir: template, dataDir: REPO_DATA_DIR, seed: false, appName: 'crash soak' });
    await session.store.addArticles(old);
    await session.close();
    const file = path.join(root, 'import.jsonl');
    const importedIds = Array.from({ length: options.imported }, (_, i) => `imp${i}`);
    writeFileSync(file, importedIds.map((id, i) => articleToJsonlLine(generateArticle(id, 2000, 5, 10_000 + i)) + '\n').join(''));

    const calibration = path.join(root, 'calibration');
    cpSync(template, calibration, { recursive: true });
    const measured = await runImport(calibration, file);
    if (measured.code !== 0 || measured.writingStartedMs < 0) throw new Error(`the unkilled import failed (exit ${measured.code})`);
    const writing = measured.endedMs - measured.writingStartedMs;
    console.log(`  import of ${options.imported} articles: writing from ${measured.writingStartedMs.toFixed(0)} ms to ${measured.endedMs.toFixed(0)} ms`);

    for (let run = 1; run <= options.kills; run++) {
      const ws = path.join(root, `run${run}`);
      cpSync(template, ws, { recursive: true });
      const killAfter = randomInt(rand, 0, Math.max(1, Math.round(writing * 0.95)));
      const result = await runImport(ws, file, killAfter);
      const find = (line: string) => report.findings.push(`run ${run} (killed ${killAfter} ms into writing): ${line}`);
      if (result.killed) report.kills++;
      else if (result.code === 0) report.endedBeforeKill++;
      else find(`the import failed (exit ${result.code}) before the kill`);
      let opened;
      try {
        opened = await openWorkspace({ dir: ws, dataDir: REPO_DATA_DIR, seed: false, appName: 'crash soak check' });
      } catch (err) {
        report.unopenable++;
        find(`the workspace does not open: ${(err as Error).message}`);
        keep = true;
        continue;
      }
      try {
        const summaries = opened.store.listSummaries();
        const listed = new Set(summaries.map((s) => s.id));
        const landed = importedIds.filter((id) => listed.has(id)).length;
        if (landed === options.imported) report.committed++;
        else if (landed === 0) report.rolledBack++;
        else {
          report.partial++;
          find(`${landed} of the ${options.imported} imported articles are listed`);
        }
        if (summaries.length !== listed.size) find(`${summaries.length - listed.size} articles are listed twice`);
        for (const s of summaries)
          if (s.error) {
            report.corruptArticles++;
            find(`article ${s.id} is unreadable: ${s.error}`);
          }
        for (const a of old) {
          const got = listed.has(a.id) ? await opened.store.readArticle(a.id).catch((err: Error) => err) : new Error('not listed');
          if (got instanceof Error || JSON.stringify({ ...got, updatedAt: '' }) !== JSON.stringify({ ...a, updatedAt: '' })) {
            report.oldArticlesDamaged++;
            find(`old article ${a.id} is ${got instanceof Error ? got.message : 'changed'}`);
          }
        }
        const left = leftoverFiles(ws, listed);
        report.leftoverFiles += left.length;
        if (left.length) find(`${left.length} files left behind after the reopen, e.g. ${left.slice(0, 3).join(', ')}`);
      } finally {
        await opened.close();
      }
      if (report.findings.length) keep = true;
      else rmSync(ws, { recursive: true, force: true });
      process.stdout.write('.');
    }
  } finally {
    if (keep) report.findings.push(`the workspaces are kept for inspection under ${root}`);
    else if (existsSync(root)) rmSync(root, { recursive: true, force: true });
  }
  return report;
}
