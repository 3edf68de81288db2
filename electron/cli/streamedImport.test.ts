/**
 * `workbench import` of JSONL streams the files twice (check, then write): all or nothing
 * still holds when the last line is bad, when the file changes between the passes, and when
 * the process is killed after writing the article files but before the manifest write.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../shared/domain/model';
import { articleToJsonlLine } from '../../shared/formats/jsonl';
import { REPO_ROOT } from '../service/repoPaths';
import { makeSpan, openTestWorkspace, tempDir } from '../service/testWorkspace';
import { parseCommandArgs, type CliContext } from './cliCommand';
import { buildWorkspace, knownArticle, runWorkbenchInProcess as run, snapshotDir } from './cliTestHelpers';
import { importCommand, runImport, type ImportHooks } from './importCommand';

let tmp: ReturnType<typeof tempDir>;
let cwd: string;
beforeEach(() => {
  tmp = tempDir('workbench-streamed-import-');
  cwd = tmp.dir;
});
afterEach(() => tmp.cleanup());

const file = (name: string) => path.join(cwd, name);

function corpus(count: number): Article[] {
  return Array.from({ length: count }, (_, i) =>
    knownArticle(`n${i + 1}`, 'in_progress', `Khaji ${i} denounced the presence`, [makeSpan('s1', 'actor', 0, 5), makeSpan('s2', 'claim', 6, 15)]),
  );
}

const writeJsonl = (name: string, articles: Article[]) => writeFileSync(file(name), articles.map(articleToJsonlLine).join('\n') + '\n');

/** runImport in this process, with hooks that hold it at a known point. */
async function runHeld(argv: string[], hooks: ImportHooks) {
  let stderr = '';
  const ctx: CliContext = {
    stdout: () => {},
    stderr: (t) => void (stderr += t),
    stderrIsTTY: false,
    signal: new AbortController().signal,
    cwd,
    dataDir: path.join(REPO_ROOT, 'data'),
  };
  try {
    return { code: await runImport(parseCommandArgs(importCommand, argv), ctx, hooks), stderr };
  } catch (err) {
    return { code: 1, stderr: stderr + (err as Error).message };
  }
}

describe('workbench import of JSONL, streamed in two passes', () => {
  beforeEach(() => buildWorkspace(file('ws')));

  it('refuses a bad record on the last line naming the file and line, and leaves the workspace byte-identical', async () => {
    const lines = corpus(40).map(articleToJsonlLine);
    const bad = JSON.parse(lines[39]);
    bad.spans[1].end = 500;
    lines[39] = JSON.stringify(bad);
    writeFileSync(file('in.jsonl'), lines.join('\n') + '\n');
    const before = snapshotDir(file('ws'));
    const r = await run(['import', '--workspace', 'ws', '--format', 'jsonl', 'in.jsonl'], cwd);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: in\.jsonl \(line 40\).*500/);
    expect(snapshotDir(file('ws'))).toEqual(before);
  });

  it('when the file changes between the check and the write, removes the article files written and leaves the workspace byte-identical', async () => {
    const articles = corpus(12);
    writeJsonl('in.jsonl', articles);
    const before = snapshotDir(file('ws'));
    let written = 0;
    const r = await runHeld(['--workspace', 'ws', '--format', 'jsonl', 'in.jsonl'], {
      // Between the passes: the last article's text is edited (it still parses and validates).
      beforeWrite: async () => writeJsonl('in.jsonl', [...articles.slice(0, 11), { ...articles[11], text: `${articles[11].text}!` }]),
      beforeCommit: async () => void written++,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('in.jsonl (line 12): the file changed while it was being imported');
    expect(written).toBe(0);
    expect(snapshotDir(file('ws'))).toEqual(before);
  });

  it('killed (SIGKILL) after writing every article file, before the manifest write, leaves the manifest unchanged', async () => {
    const articles = corpus(5);
    writeJsonl('in.jsonl', articles);
    const manifestBefore = readFileSync(file('ws/workspace.json'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/importCrashChild.ts', cwd, '--workspace', 'ws', '--format', 'jsonl', 'in.jsonl'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('files written') && resolve());
      void exited.then(() => reject(new Error(`the import ended before writing its files: ${stderr}`)));
    });
    // The dangerous moment: every article file is on disk, the manifest does not list them yet.
    for (const a of articles) expect(existsSync(file(`ws/articles/${a.id}.json`))).toBe(true);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(readFileSync(file('ws/workspace.json'))).toEqual(manifestBefore);
  }, 60_000);

  it('keeps the ids the file gives (when free) and gives new ids to the others, as listed (doccano, one record per line)', async () => {
    const records = [
      { id: 'd1', text: 'Obama spoke', label: [[0, 5, 'actor']] },
      { text: 'Merkel listened', label: [[0, 6, 'actor']] },
      { id: 'a1', text: 'Taken id', label: [] },
      { id: 'd1', text: 'Repeated id', label: [] },
    ];
    writeFileSync(file('in.jsonl'), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const r = await run(['import', '--workspace', 'ws', '--format', 'doccano', 'in.jsonl'], cwd);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('imported 4 articles (2 spans, 0 statements)');
    const { session, api } = await openTestWorkspace(file('ws'));
    const imported = (await api.listArticles({})).slice(4);
    await session.close();
    expect(imported.map((a) => a.title)).toEqual(['in 1', 'in 2', 'in 3', 'in 4']);
    expect(imported[0].id).toBe('d1');
    for (const a of imported.slice(1)) expect(['d1', 'a1']).not.toContain(a.id);
    for (const a of imported) expect(r.stdout).toContain(`  ${a.id}  ${a.title}`);
  });

  it('imports doccano pretty-printed (read whole) and one record per line (streamed) alike', async () => {
    const records = [
      { id: 'p1', text: 'Obama spoke', entities: [{ id: 1, start_offset: 0, end_offset: 5, label: 'Person' }] },
      { id: 'p2', text: 'Merkel listened', entities: [{ id: 1, start_offset: 0, end_offset: 6, label: 'Person' }] },
    ];
    writeFileSync(file('lines.jsonl'), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    writeFileSync(file('pretty.jsonl'), records.map((r) => JSON.stringify(r, null, 2)).join('\n'));
    for (const name of ['lines', 'pretty']) {
      const r = await run(['import', '--workspace', `ws-${name}`, '--format', 'doccano', '--add-unknown-labels', `${name}.jsonl`], cwd);
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain('imported 2 articles (2 spans, 0 statements)');
      expect(r.stdout).toContain('added labels: Person (id person)');
    }
  });
});

describe('WorkspaceStore.addArticles from an async source', () => {
  it('writes each article as it arrives, and when the source fails midway removes what it wrote', async () => {
    const { session } = await openTestWorkspace(file('ws2'), { seed: false });
    const before = snapshotDir(file('ws2'));
    const articles = corpus(3);
    const seenOnDisk: boolean[] = [];
    async function* source() {
      for (const [i, a] of articles.entries()) {
        if (i > 0) seenOnDisk.push(existsSync(file(`ws2/articles/${articles[i - 1].id}.json`)));
        yield a;
      }
      throw new Error('the input broke');
    }
    await expect(session.store.addArticles(source())).rejects.toThrow('the input broke');
    expect(seenOnDisk).toEqual([true, true]);
    expect(snapshotDir(file('ws2'))).toEqual(before);
    expect(session.store.manifest.articles).toEqual([]);
    await session.close();
  });
});
