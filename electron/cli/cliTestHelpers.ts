/**
 * Test helpers for the CLI: run the real `bin/workbench.cjs` as a child process or runCli in
 * process, build a workspace with known content, and snapshot a folder to prove that a
 * failed command wrote nothing.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Article, ArticleStatus } from '../../shared/domain/model';
import { REPO_DATA_DIR, REPO_ROOT } from '../service/repoPaths';
import { makeSpan, openTestWorkspace } from '../service/testWorkspace';
import type { CliContext } from './cliCommand';
import { runCli } from './runCli';

export const WORKBENCH_BIN = path.join(REPO_ROOT, 'bin', 'workbench.cjs');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `node bin/workbench.cjs ...args` in `cwd`. */
export function runWorkbench(args: string[], cwd: string): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [WORKBENCH_BIN, ...args], { cwd, timeout: 80_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Run the CLI in this process (fast; same code path after process start). */
export async function runWorkbenchInProcess(args: string[], cwd: string, signal = new AbortController().signal): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const ctx: CliContext = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stderrIsTTY: false,
    signal,
    cwd,
    dataDir: REPO_DATA_DIR,
  };
  const code = await runCli(args, ctx);
  return { code, stdout, stderr };
}

const T = '2024-05-01T10:00:00.000Z';

export function knownArticle(id: string, status: ArticleStatus, text: string, spans: Article['spans'], statements: Article['statements'] = []): Article {
  return { id, title: `Article ${id}`, source: 'Test Wire', date: '2024-05-01', status, createdAt: T, updatedAt: T, text, spans, statements };
}

/**
 * Four articles with known annotations:
 *   spans 6 (actor 3, stance 1, claim 2); by annotator ann 3, bob 2, (none) 1;
 *   articles done 2, in_progress 1, not_started 1; statements 1 (ann).
 */
export const KNOWN_ARTICLES: Article[] = [
  knownArticle(
    'a1',
    'done',
    'Khaji denounced the U.S. presence in Syria 🐱',
    [
      makeSpan('s1', 'actor', 0, 5, { annotator: 'ann', createdAt: T, updatedAt: T }),
      makeSpan('s2', 'stance', 6, 15, { annotator: 'ann', createdAt: T, updatedAt: T, note: 'strong' }),
      makeSpan('s3', 'claim', 16, 42, { annotator: 'bob', createdAt: T, updatedAt: T }),
    ],
    [{ id: 'st1', actorSpanId: 's1', claimSpanId: 's3', stanceSpanId: 's2', polarity: 'oppose', annotator: 'ann', createdAt: T, updatedAt: T }],
  ),
  knownArticle('a2', 'in_progress', 'سلام دنیا: Tehran welcomed the talks', [
    makeSpan('s4', 'actor', 11, 17, { annotator: 'bob', createdAt: T, updatedAt: T }),
    makeSpan('s5', 'claim', 27, 36, { annotator: '', createdAt: T, updatedAt: T }),
  ]),
  knownArticle('a3', 'not_started', 'Nothing annotated here yet.', []),
  knownArticle('a4', 'done', 'Tokyo said little.', [makeSpan('s6', 'actor', 0, 5, { annotator: 'ann', createdAt: T, updatedAt: T })]),
];

/** Create a workspace (no sample) holding `articles`, closed again so a child process can open it. */
export async function buildWorkspace(dir: string, articles: Article[] = KNOWN_ARTICLES): Promise<void> {
  const { session } = await openTestWorkspace(dir, { seed: false });
  await session.store.addArticles(articles);
  await session.close();
}

/** Every file under `dir` with its content, to compare before and after a command. */
export function snapshotDir(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[path.relative(dir, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}
