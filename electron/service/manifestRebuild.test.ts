/**
 * A lost workspace.json: the manifest is a cache, so the index is rebuilt from the article
 * files (journals replayed, broken files listed as broken, the labels they use kept), the
 * user is told, and no sample article is ever seeded over existing articles.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KNOWN_ARTICLES, buildWorkspace, runWorkbenchInProcess } from '../cli/cliTestHelpers';
import { makeSpan, openTestWorkspace, tempDir } from './testWorkspace';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('workbench-rebuild-');
});
afterEach(() => tmp.cleanup());

const T = '2024-05-01T10:00:00.000Z';

describe('a workspace whose workspace.json was deleted', () => {
  it('is rebuilt from its article files and journals, broken ones listed, labels kept, lost entities said; nothing seeded', async () => {
    const first = await openTestWorkspace(tmp.dir, { seed: false, store: { compactDelayMs: 60_000, indexFlushDelayMs: 60_000 } });
    await first.session.store.updateManifest((m) => {
      m.schema.labels.push({ id: 'speaker', name: 'Speaker', color: '#ff0000' });
      m.entities.push({ id: 'e1', kind: 'actor', name: 'Khaji', aliases: [], attributes: {} });
    });
    const [a1, a2, a3] = KNOWN_ARTICLES;
    await first.session.store.addArticles([
      { ...a1, spans: [...a1.spans, makeSpan('sp1', 'speaker', 19, 23, { createdAt: T, updatedAt: T, entityId: 'e1' })] },
      a2,
      a3,
    ]);
    // An acknowledged edit still only in a2's journal, then the process dies and the manifest is lost.
    await first.api.editArticle({ articleId: 'a2', edits: [{ type: 'addSpan', span: makeSpan('j1', 'stance', 18, 26) }] });
    first.session.store.abandonTimers();
    writeFileSync(path.join(tmp.dir, 'workspace.lock'), JSON.stringify({ pid: 999999, hostname: os.hostname(), app: 'killed', since: '' }));
    rmSync(path.join(tmp.dir, 'workspace.json'));
    writeFileSync(path.join(tmp.dir, 'articles', 'a3.json'), '{"formatVersion":1,');

    const { session, api } = await openTestWorkspace(tmp.dir); // seed: true, as the app opens it
    const list = await api.listArticles({});
    expect(list.map((a) => [a.id, a.spanCounts, a.error === undefined])).toEqual([
      ['a1', { actor: 1, stance: 1, claim: 1, speaker: 1 }, true],
      ['a2', { actor: 1, claim: 1, stance: 1 }, true],
      ['a3', {}, false],
    ]);
    expect(list[2].error).toContain(path.join(tmp.dir, 'articles', 'a3.json'));
    expect((await api.getArticle({ id: 'a2' })).spans.map((s) => s.id)).toContain('j1');
    const info = await api.getWorkspace({});
    expect(info.schema.labels.map((l) => l.id)).toEqual(['actor', 'stance', 'claim', 'speaker']);
    const notices = info.notices ?? [];
    expect(notices).toEqual(session.notices);
    expect(notices[0]).toBe(
      `workspace.json was missing; the index was rebuilt from 3 article files in ${path.join(tmp.dir, 'articles')}, with the default label schema and settings`,
    );
    expect(notices.join('\n')).toContain('1 article file could not be read and is listed as broken: a3');
    expect(notices.join('\n')).toContain('were added under their ids (rename them as needed): speaker');
    expect(notices.join('\n')).toContain('1 spans link to 1 actors or concepts whose records');
    // The broken file is left exactly as it was.
    expect(readFileSync(path.join(tmp.dir, 'articles', 'a3.json'), 'utf8')).toBe('{"formatVersion":1,');
    await session.close();

    const again = await openTestWorkspace(tmp.dir);
    expect(again.session.notices).toEqual([]);
    expect((await again.api.listArticles({})).map((a) => a.id)).toEqual(['a1', 'a2', 'a3']);
    await again.session.close();
  });

  it('the CLI reads it (stats, export) after saying on stderr that the index was rebuilt', async () => {
    const ws = path.join(tmp.dir, 'ws');
    await buildWorkspace(ws);
    rmSync(path.join(ws, 'workspace.json'));
    const stats = await runWorkbenchInProcess(['stats', '--workspace', 'ws', '--json'], tmp.dir);
    expect(stats.code).toBe(0);
    expect(JSON.parse(stats.stdout)).toMatchObject({ articles: 4, spans: 6, statements: 1 });
    expect(stats.stderr).toBe(
      `notice: workspace.json was missing; the index was rebuilt from 4 article files in ${path.join(ws, 'articles')}, with the default label schema and settings\n`,
    );
    expect(existsSync(path.join(ws, 'workspace.json'))).toBe(true);
    const exported = await runWorkbenchInProcess(['export', '--workspace', 'ws', '--format', 'jsonl', '--out', 'all.jsonl'], tmp.dir);
    expect(exported).toMatchObject({ code: 0, stderr: '' });
    expect(readFileSync(path.join(tmp.dir, 'all.jsonl'), 'utf8').trim().split('\n')).toHaveLength(4);
  });

  it('a folder with neither a manifest nor article files is still not a workspace to the CLI', async () => {
    const run = await runWorkbenchInProcess(['stats', '--workspace', '.'], tmp.dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('is not a workspace (it has no workspace.json)');
    expect(existsSync(path.join(tmp.dir, 'workspace.json'))).toBe(false);
  });
});
