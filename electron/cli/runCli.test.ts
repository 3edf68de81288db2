/**
 * The CLI's commands run in process (runCli with captured output): everything after process
 * start is the same code as the binary, at a fraction of the cost of a child process.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { articleToJsonlLine } from '../../shared/formats/jsonl';
import { makeSpan, openTestWorkspace, tempDir } from '../service/testWorkspace';
import { KNOWN_ARTICLES, buildWorkspace, knownArticle, runWorkbenchInProcess as run, snapshotDir } from './cliTestHelpers';
import { parseLabelMapArg } from './importCommand';

let tmp: ReturnType<typeof tempDir>;
let cwd: string;
beforeEach(() => {
  tmp = tempDir('workbench-runcli-');
  cwd = tmp.dir;
});
afterEach(() => tmp.cleanup());

const file = (name: string) => path.join(cwd, name);
const jsonlIds = (name: string) => readFileSync(file(name), 'utf8').trim().split('\n').map((l) => JSON.parse(l).id);

/** A JSONL line whose spans use the label names of another tool. */
function foreignLine(id: string, labels: string[]) {
  const a = knownArticle(
    id,
    'in_progress',
    'Khaji denounced the presence',
    labels.map((l, i) => makeSpan(`s${i}`, l, i * 6, i * 6 + 5)),
  );
  return articleToJsonlLine(a);
}

describe('workbench export', () => {
  beforeEach(() => buildWorkspace(file('ws')));

  it('--status and --article select the articles, in library order', async () => {
    expect(await run(['export', '--workspace', 'ws', '--format', 'jsonl', '--status', 'done', '--out', 'done.jsonl'], cwd)).toMatchObject({ code: 0 });
    expect(jsonlIds('done.jsonl')).toEqual(['a1', 'a4']);
    expect(await run(['export', '--workspace', 'ws', '--format', 'jsonl', '--article', 'a4', '--article', 'a2', '--out', 'two.jsonl'], cwd)).toMatchObject({ code: 0 });
    expect(jsonlIds('two.jsonl')).toEqual(['a2', 'a4']);
    const missing = await run(['export', '--workspace', 'ws', '--format', 'jsonl', '--article', 'zz9', '--out', 'none.jsonl'], cwd);
    expect(missing).toMatchObject({ code: 1, stderr: 'error: no article with id zz9\n' });
    expect(existsSync(file('none.jsonl'))).toBe(false);
  });

  it('shows progress on stderr with --progress', async () => {
    const r = await run(['export', '--workspace', 'ws', '--format', 'jsonl', '--out', 'p.jsonl', '--progress'], cwd);
    expect(r.code).toBe(0);
    expect(r.stderr.trim().split('\n').at(-1)).toBe('exported 4/4 articles');
  });

  it('when cancelled, exits 130 and writes nothing', async () => {
    const controller = new AbortController();
    controller.abort(new DOMException('interrupted', 'AbortError'));
    const r = await run(['export', '--workspace', 'ws', '--format', 'jsonl', '--out', 'c.jsonl'], cwd, controller.signal);
    expect(r).toMatchObject({ code: 130, stderr: 'cancelled; nothing was written\n' });
    expect(existsSync(file('c.jsonl'))).toBe(false);
    expect(existsSync(file('ws/workspace.lock'))).toBe(false);
  });

  it('refuses a folder that is not a workspace instead of creating one', async () => {
    const r = await run(['export', '--workspace', 'nowhere', '--format', 'jsonl', '--out', 'x.jsonl'], cwd);
    expect(r).toMatchObject({ code: 1, stderr: `error: ${file('nowhere')} is not a workspace (it has no workspace.json)\n` });
    expect(existsSync(file('nowhere'))).toBe(false);
  });

  it('exits 2 for a format name it does not know', async () => {
    const r = await run(['export', '--workspace', 'ws', '--format', 'xml', '--out', 'x'], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format must be one of jsonl, brat');
  });

  it('round-trips brat through a zip and through a folder, and CSV with --bom through a zip', async () => {
    const counts = async (ws: string) => JSON.parse((await run(['stats', '--workspace', ws, '--json'], cwd)).stdout);
    const expected = await counts('ws');
    for (const [format, out, extra] of [
      ['brat', 'brat.zip', []],
      ['brat', 'brat-folder', []],
      ['csv', 'tables.zip', ['--bom']],
    ] as const) {
      const exported = await run(['export', '--workspace', 'ws', '--format', format, '--out', out, ...extra], cwd);
      expect(exported.code).toBe(0);
      expect((await run(['validate', '--format', format, out], cwd)).stdout).toContain('4 articles, 6 spans, 1 statement');
      const imported = await run(['import', '--workspace', `ws-${out}`, '--format', format, out], cwd);
      expect(imported.stderr).toBe('');
      const got = await counts(`ws-${out}`);
      // (brat has no article status, so statuses are not compared)
      expect([got.articles, got.spansByLabel, got.statements]).toEqual([expected.articles, expected.spansByLabel, expected.statements]);
    }
    expect(readFileSync(file('brat-folder/annotation.conf'), 'utf8')).toContain('[entities]');
    const tables = unzipSync(readFileSync(file('tables.zip')));
    for (const t of Object.values(tables)) expect([...t.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});

describe('workbench stats', () => {
  it('prints a table of the counts', async () => {
    await buildWorkspace(file('ws'));
    const r = await run(['stats', '--workspace', 'ws'], cwd);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('articles: 4\nspans: 6\nstatements: 1\n');
    expect(r.stdout).toContain('spans by label:\n  Actor (actor)    3\n  Stance (stance)  1\n  Claim (claim)    2\n');
    expect(r.stdout).toContain('spans by annotator:\n  ann             3\n  bob             2\n  (no annotator)  1\n');
  });
});

describe('workbench import', () => {
  it('refuses labels the schema lacks, naming them and the flags that resolve them, and creates no workspace', async () => {
    writeFileSync(file('in.jsonl'), foreignLine('x1', ['Speaker', 'actor', 'Topic']) + '\n');
    const r = await run(['import', '--workspace', 'new-ws', '--format', 'jsonl', 'in.jsonl'], cwd);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('labels not in the workspace\'s schema: "Speaker", "Topic"');
    expect(r.stderr).toContain('--map LABEL=ID (labels: actor, stance, claim) or add them with --add-unknown-labels');
    expect(existsSync(file('new-ws'))).toBe(false);
  });

  it('maps unknown labels with --map (by label id or name) and adds the rest with --add-unknown-labels', async () => {
    writeFileSync(file('in.jsonl'), foreignLine('x1', ['Speaker', 'actor', 'Topic']) + '\n');
    const r = await run(
      ['import', '--workspace', 'ws', '--format', 'jsonl', '--map', 'Speaker=Actor', '--add-unknown-labels', 'in.jsonl'],
      cwd,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('imported 1 article (3 spans, 0 statements)');
    expect(r.stdout).toContain('added labels: Topic (id topic)');
    const { session, api } = await openTestWorkspace(file('ws'));
    const [summary] = await api.listArticles({});
    expect(summary).toMatchObject({ id: 'x1', spanCounts: { actor: 2, topic: 1 } });
    expect((await api.getWorkspace({})).schema.labels.map((l) => l.id)).toEqual(['actor', 'stance', 'claim', 'topic']);
    await session.close();
  });

  it('rejects a --map onto a label the schema lacks (exit 1) or without "=" (exit 2), writing nothing', async () => {
    await buildWorkspace(file('ws'));
    const before = snapshotDir(file('ws'));
    writeFileSync(file('in.jsonl'), foreignLine('x1', ['Speaker']) + '\n');
    const bad = await run(['import', '--workspace', 'ws', '--format', 'jsonl', '--map', 'Speaker=Person', 'in.jsonl'], cwd);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--map Speaker=Person: the workspace has no label "Person"');
    const usage = await run(['import', '--workspace', 'ws', '--format', 'jsonl', '--map', 'Speaker', 'in.jsonl'], cwd);
    expect(usage.code).toBe(2);
    expect(parseLabelMapArg('a=b=c')).toEqual(['a=b', 'c']);
    expect(snapshotDir(file('ws'))).toEqual(before);
  });

  it('with --dry-run reports what it would import and writes nothing', async () => {
    writeFileSync(file('in.jsonl'), KNOWN_ARTICLES.map(articleToJsonlLine).join('\n') + '\n');
    const r = await run(['import', '--workspace', 'ws', '--format', 'jsonl', '--dry-run', 'in.jsonl'], cwd);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('would import 4 articles (6 spans, 1 statement)');
    expect(existsSync(file('ws'))).toBe(false);
  });

  it('imports every file of the format from a folder, skipping hidden files and other extensions', async () => {
    mkdirSync(file('batch/sub'), { recursive: true });
    writeFileSync(file('batch/one.jsonl'), articleToJsonlLine(KNOWN_ARTICLES[0]) + '\n');
    writeFileSync(file('batch/sub/two.jsonl'), articleToJsonlLine(KNOWN_ARTICLES[1]) + '\n');
    writeFileSync(file('batch/.hidden.jsonl'), 'not json\n');
    writeFileSync(file('batch/README.md'), '# notes\n');
    const r = await run(['import', '--workspace', 'ws', '--format', 'jsonl', 'batch'], cwd);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('imported 2 articles');
  });

  it('names a path that does not exist', async () => {
    const r = await run(['import', '--workspace', 'ws', '--format', 'jsonl', 'missing.jsonl'], cwd);
    expect(r).toMatchObject({ code: 1, stderr: 'error: missing.jsonl: no such file or folder\n' });
    expect(existsSync(file('ws'))).toBe(false);
  });
});

describe('workbench validate', () => {
  it('prints counts, labels and labels outside the default schema, without a workspace', async () => {
    writeFileSync(file('in.jsonl'), [foreignLine('x1', ['Speaker', 'actor']), articleToJsonlLine(KNOWN_ARTICLES[0])].join('\n') + '\n');
    const r = await run(['validate', '--format', 'jsonl', 'in.jsonl'], cwd);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      '1 file: 2 articles, 5 spans, 1 statement\n' +
        'labels: actor 2, Speaker 1, stance 1, claim 1\n' +
        'not in the default schema: Speaker (import with --map LABEL=ID or --add-unknown-labels)\n' +
        'valid\n',
    );
  });

  it('exits 1 naming the file and line of a span that ends beyond its text', async () => {
    const broken = JSON.parse(articleToJsonlLine(KNOWN_ARTICLES[3]));
    broken.spans[0].end = 500;
    writeFileSync(file('in.jsonl'), articleToJsonlLine(KNOWN_ARTICLES[0]) + '\n' + JSON.stringify(broken) + '\n');
    const r = await run(['validate', '--format', 'jsonl', 'in.jsonl'], cwd);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: in\.jsonl \(line 2\): span s6 ends at 500, beyond the text/);
  });
});
