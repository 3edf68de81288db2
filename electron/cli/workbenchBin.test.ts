/**
 * The real `workbench` binary, run as a child process (node bin/workbench.cjs) on temp
 * workspaces. Each start costs ~0.7 s, so independent runs go in parallel and the finer
 * behaviour is tested in process (runCli.test.ts).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestWorkspace, tempDir } from '../service/testWorkspace';
import { buildWorkspace, runWorkbench, snapshotDir } from './cliTestHelpers';

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir('workbench-cli-');
});
afterAll(() => tmp.cleanup());

const sub = (name: string) => path.join(tmp.dir, name);

// Generous timeout: on a loaded machine a dozen parallel starts take far longer than alone (~12 s).
describe.concurrent('the workbench binary', { timeout: 90_000 }, () => {
  it('prints help for the program and for each command, and its version, from any folder', async () => {
    const [general, exportHelp, version] = await Promise.all([
      runWorkbench(['--help'], tmp.dir),
      runWorkbench(['export', '--help'], tmp.dir),
      runWorkbench(['--version'], tmp.dir),
    ]);
    expect(general.code).toBe(0);
    for (const c of ['import', 'export', 'stats', 'validate']) expect(general.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
    expect(general.stdout).toContain('3 workspace in use by the app');
    expect(exportHelp.code).toBe(0);
    for (const f of ['--workspace DIR', '--format FORMAT', '--out PATH', '--status STATUS', '--article ID', '--bom', '--progress', '--network NETWORK'])
      expect(exportHelp.stdout).toContain(f);
    expect(version).toEqual({ code: 0, stdout: `${JSON.parse(readFileSync('package.json', 'utf8')).version}\n`, stderr: '' });
  });

  it('exits 2 on a usage error: unknown command, unknown flag, missing required flag', async () => {
    const runs = await Promise.all([
      runWorkbench(['frobnicate'], tmp.dir),
      runWorkbench(['stats', '--workspace', 'x', '--verbose'], tmp.dir),
      runWorkbench(['export', '--format', 'jsonl', '--out', 'x.jsonl'], tmp.dir),
    ]);
    expect(runs.map((r) => r.code)).toEqual([2, 2, 2]);
    expect(runs[0].stderr).toContain('unknown command "frobnicate"');
    expect(runs[1].stderr).toContain("Unknown option '--verbose'");
    expect(runs[2].stderr).toContain('missing required flag --workspace');
    for (const r of runs) expect(r.stderr).toContain('--help" for usage');
  });

  it('exits 3 while the app holds the workspace, naming the holder, and writes nothing', async () => {
    const ws = sub('locked');
    await buildWorkspace(ws);
    const input = sub('locked-input.jsonl');
    writeFileSync(input, readFileSync(path.join(ws, 'articles', 'a1.json'), 'utf8').replace(/^.*"article":(.*)}\s*$/s, '$1').replace(/"id":"a1"/, '"id":"x1"') + '\n');
    const holder = await openTestWorkspace(ws, { appName: 'Annotation Workbench' });
    try {
      const before = snapshotDir(ws);
      const out = sub('locked-out.jsonl');
      const runs = await Promise.all([
        runWorkbench(['import', '--workspace', ws, '--format', 'jsonl', input], tmp.dir),
        runWorkbench(['export', '--workspace', ws, '--format', 'jsonl', '--out', out], tmp.dir),
      ]);
      for (const r of runs) {
        expect(r.code).toBe(3);
        expect(r.stderr).toMatch(new RegExp(`The workspace .* is in use by Annotation Workbench \\(process ${process.pid} `));
      }
      expect(snapshotDir(ws)).toEqual(before);
      expect(existsSync(out)).toBe(false);
    } finally {
      await holder.session.close();
    }
  });

  it('exits 1 on a malformed file, naming the file and line, and leaves the workspace (or its absence) unchanged', async () => {
    const ws = sub('malformed');
    await buildWorkspace(ws);
    const before = snapshotDir(ws);
    const good = readFileSync(path.join(ws, 'articles', 'a3.json'), 'utf8').replace(/^.*"article":(.*)}\s*$/s, '$1').replace(/"id":"a3"/, '"id":"new1"');
    writeFileSync(sub('bad.jsonl'), `${good}\n{"id": "new2", "title": \n`);
    const [intoExisting, intoNew] = await Promise.all([
      runWorkbench(['import', '--workspace', ws, '--format', 'jsonl', 'bad.jsonl'], tmp.dir),
      runWorkbench(['import', '--workspace', 'fresh', '--format', 'jsonl', 'bad.jsonl'], tmp.dir),
    ]);
    for (const r of [intoExisting, intoNew]) {
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^error: bad\.jsonl \(line 2\): not valid JSON/);
      expect(r.stdout).toBe('');
    }
    expect(snapshotDir(ws)).toEqual(before);
    expect(existsSync(sub('fresh'))).toBe(false);
  });

  it('round-trips: jsonl export, import into a new workspace, export again is identical; stats count right', async () => {
    // Two copies: one process at a time may open a workspace, even to read it.
    await Promise.all([buildWorkspace(sub('source')), buildWorkspace(sub('source-2'))]);
    const [all, stats] = await Promise.all([
      runWorkbench(['export', '--workspace', 'source', '--format', 'jsonl', '--out', 'all.jsonl'], tmp.dir),
      runWorkbench(['stats', '--workspace', 'source-2', '--json'], tmp.dir),
    ]);
    expect(all).toMatchObject({ code: 0, stdout: `exported 4 articles to ${sub('all.jsonl')}\n` });
    expect(readFileSync(sub('all.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).id)).toEqual(['a1', 'a2', 'a3', 'a4']);
    expect(stats.code).toBe(0);
    expect(JSON.parse(stats.stdout)).toEqual({
      articles: 4,
      articlesByStatus: { not_started: 1, in_progress: 1, done: 2 },
      spans: 6,
      spansByLabel: [
        { labelId: 'actor', name: 'Actor', count: 3 },
        { labelId: 'stance', name: 'Stance', count: 1 },
        { labelId: 'claim', name: 'Claim', count: 2 },
      ],
      spansByAnnotator: { ann: 3, bob: 2, '': 1 },
      spansByStatus: { not_started: 0, in_progress: 2, done: 4 },
      statements: 1,
      statementsByAnnotator: { ann: 1 },
      unreadable: [],
    });

    const imported = await runWorkbench(['import', '--workspace', 'copy', '--format', 'jsonl', 'all.jsonl'], tmp.dir);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`imported 4 articles (6 spans, 1 statement) into ${sub('copy')}`);
    expect(imported.stdout).toContain('a2  Article a2  (2 spans)');
    const again = await runWorkbench(['export', '--workspace', 'copy', '--format', 'jsonl', '--out', 'again.jsonl'], tmp.dir);
    expect(again).toMatchObject({ code: 0, stdout: `exported 4 articles to ${sub('again.jsonl')}\n` });
    // Identical, and no sample article was seeded into the new workspace.
    expect(readFileSync(sub('again.jsonl'), 'utf8')).toBe(readFileSync(sub('all.jsonl'), 'utf8'));
  });
});
