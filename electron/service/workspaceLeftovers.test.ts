/**
 * What killed imports, compactions and deletes leave behind is removed on the next open, and
 * said: article files the manifest does not list, orphan journals, temp files of stopped
 * writes, and a workspace that a CLI import into a new folder was creating. The imports are
 * real `bin/workbench.cjs` children, SIGKILLed once they have written some article files.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_ARTICLES, WORKBENCH_BIN, buildWorkspace, knownArticle, runWorkbenchInProcess } from '../cli/cliTestHelpers';
import { openTestWorkspace, tempDir } from './testWorkspace';

let tmp: ReturnType<typeof tempDir>;
const BIG = 'big.jsonl';
beforeAll(() => {
  tmp = tempDir('workbench-leftovers-');
  const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify(knownArticle(`imp${i}`, 'not_started', `Imported article number ${i}.`, [])));
  writeFileSync(path.join(tmp.dir, BIG), lines.join('\n') + '\n');
});
afterAll(() => tmp.cleanup());

const sub = (name: string) => path.join(tmp.dir, name);
const articleFiles = (ws: string) => (existsSync(path.join(ws, 'articles')) ? readdirSync(path.join(ws, 'articles')).filter((n) => n.endsWith('.json')) : []);

/** Start `workbench import` of the big file into `ws` and SIGKILL it once it has written `files` more article files. */
function killImportMidway(ws: string, files: number): Promise<void> {
  const before = articleFiles(ws).length;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKBENCH_BIN, 'import', '--workspace', ws, '--format', 'jsonl', BIG], { cwd: tmp.dir, stdio: 'ignore' });
    const poll = setInterval(() => {
      if (articleFiles(ws).length >= before + files) child.kill('SIGKILL');
    }, 2);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`the import ended by itself (exit ${code}) before it could be killed`));
    });
  });
}

describe.concurrent('after a CLI import killed mid-way', { timeout: 60_000 }, () => {
  it('into a new folder: the next open removes the unfinished workspace and says so; a retried import starts clean', async () => {
    const [readOnly, retried] = [sub('new-a'), sub('new-b')];
    await Promise.all([killImportMidway(readOnly, 3), killImportMidway(retried, 3)]);
    for (const ws of [readOnly, retried]) {
      // Killed between writing article files and committing them: no article is listed.
      expect(JSON.parse(readFileSync(path.join(ws, 'workspace.json'), 'utf8')).articles).toEqual([]);
      expect(articleFiles(ws).length).toBeGreaterThanOrEqual(3);
    }

    const stats = await runWorkbenchInProcess(['stats', '--workspace', 'new-a'], tmp.dir);
    expect(stats.code).toBe(1);
    expect(stats.stderr).toMatch(/^error: .*new-a is not a workspace \(it has no workspace\.json\); .*new-a was being created by an import that was stopped before it finished; what it had written was removed \(removed \d+ article files/);
    expect(readdirSync(readOnly)).toEqual([]);

    writeFileSync(sub('one.jsonl'), JSON.stringify(KNOWN_ARTICLES[0]) + '\n');
    const again = await runWorkbenchInProcess(['import', '--workspace', 'new-b', '--format', 'jsonl', 'one.jsonl'], tmp.dir);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/^notice: .*new-b was being created by an import that was stopped before it finished; what it had written was removed/);
    expect(articleFiles(retried)).toEqual(['a1.json']);
    const { session, api } = await openTestWorkspace(retried);
    expect(session.notices).toEqual([]);
    expect((await api.listArticles({})).map((a) => a.id)).toEqual(['a1']);
    await session.close();
  });

  it('into an existing workspace: its article files are removed, the workspace is exactly as before', async () => {
    const ws = sub('existing');
    await buildWorkspace(ws);
    const manifestBefore = readFileSync(path.join(ws, 'workspace.json'), 'utf8');
    await killImportMidway(ws, 3);
    expect(readFileSync(path.join(ws, 'workspace.json'), 'utf8')).toBe(manifestBefore);
    const orphans = articleFiles(ws).filter((n) => n.startsWith('imp'));
    expect(orphans.length).toBeGreaterThanOrEqual(3);

    // The kill may also land inside an article file's atomic write, leaving its temp file; that
    // notice may follow, and nothing else.
    const temps = readdirSync(path.join(ws, 'articles')).filter((n) => n.startsWith('.') && n.endsWith('.tmp'));
    const { session, api } = await openTestWorkspace(ws);
    expect(session.notices).toEqual([
      expect.stringMatching(new RegExp(`^removed ${orphans.length} article files from .*articles that workspace.json does not list .*: imp`)),
      ...(temps.length ? [expect.stringMatching(new RegExp(`^removed ${temps.length} temporary files? left by writes that were stopped mid-way: .*\\.imp\\d+\\.json\\.`))] : []),
    ]);
    expect((await api.getWorkspace({})).notices).toEqual(session.notices);
    expect((await api.listArticles({})).map((a) => a.id)).toEqual(['a1', 'a2', 'a3', 'a4']);
    await session.close();
    expect(articleFiles(ws).sort()).toEqual(['a1.json', 'a2.json', 'a3.json', 'a4.json']);
    expect(readdirSync(path.join(ws, 'articles')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

it('temp files of stopped writes and journals of deleted articles are removed on open, and nothing else', async () => {
  const ws = sub('temps');
  await buildWorkspace(ws);
  const articles = path.join(ws, 'articles');
  const leftovers = [path.join(ws, '.workspace.json.4242.m1abc.tmp'), path.join(articles, '.a1.json.4242.m1abd.tmp'), path.join(articles, 'gone.journal')];
  for (const file of leftovers) writeFileSync(file, '{"partial":');
  const foreign = [path.join(ws, 'notes.txt'), path.join(articles, 'README.md')];
  for (const file of foreign) writeFileSync(file, 'mine');

  const { session } = await openTestWorkspace(ws);
  await session.close();
  expect(session.notices).toEqual([
    `removed 1 edit journal of articles that no longer exist from ${articles}: gone`,
    `removed 2 temporary files left by writes that were stopped mid-way: ${leftovers[1]}, ${leftovers[0]}`,
  ]);
  for (const file of leftovers) expect(existsSync(file)).toBe(false);
  for (const file of foreign) expect(readFileSync(file, 'utf8')).toBe('mine');
});
