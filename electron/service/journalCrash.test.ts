/**
 * A process killed (SIGKILL) in the middle of appending a journal entry longer than one write
 * chunk leaves a torn last line. The next acknowledged edit must not be appended onto it: after
 * another crash the edit is there and the article is readable.
 */
import { spawn } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { makeSpan, openTestWorkspace, tempDir } from './testWorkspace';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('workbench-torn-');
});
afterEach(() => tmp.cleanup());

const FIXTURE = path.join(import.meta.dirname, 'testing', 'tornAppend.ts');

function runTornAppend(journalFile: string): Promise<NodeJS.Signals | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, journalFile, '1'], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve(signal));
  });
}

/** What a process that dies leaves behind: no flush, no compaction, its lock file. */
function crash(session: { store: { abandonTimers(): void } }, dir: string) {
  session.store.abandonTimers();
  writeFileSync(path.join(dir, 'workspace.lock'), JSON.stringify({ pid: 999999, hostname: os.hostname(), app: 'killed', since: '' }));
}

it('an edit acknowledged after a torn multi-MB journal append survives the next crash, and the article stays readable', { timeout: 20_000 }, async () => {
  const slow = { store: { compactDelayMs: 60_000, indexFlushDelayMs: 60_000 } };
  const first = await openTestWorkspace(tmp.dir, { seed: false });
  const { id } = await first.api.createArticle({ title: 'T', text: 'Khaji denounced the U.S. presence' });
  await first.session.close();
  const journalFile = path.join(tmp.dir, 'articles', `${id}.journal`);

  expect(await runTornAppend(journalFile)).toBe('SIGKILL');
  const tornSize = statSync(journalFile).size;
  expect(tornSize).toBeGreaterThan(0);
  expect(readFileSync(journalFile, 'utf8').endsWith('\n')).toBe(false);

  const second = await openTestWorkspace(tmp.dir, { seed: false, ...slow });
  const notices = [...second.session.notices];
  expect((await second.api.getArticle({ id })).spans).toEqual([]);
  const span = makeSpan('s1', 'actor', 0, 5);
  await second.api.editArticle({ articleId: id, edits: [{ type: 'addSpan', span }] });
  crash(second.session, tmp.dir);

  const third = await openTestWorkspace(tmp.dir, { seed: false });
  const row = (await third.api.listArticles({})).find((a) => a.id === id)!;
  expect(row.error).toBeUndefined();
  expect((await third.api.getArticle({ id })).spans).toEqual([span]);
  await third.session.close();
  expect(notices.join('\n')).toContain(`${journalFile} ended in an edit that was never acknowledged`);
});
