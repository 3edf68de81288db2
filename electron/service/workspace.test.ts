import { existsSync, promises as fsp, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../shared/api/errors';
import { makeSpan, openTestWorkspace, tempDir } from './testWorkspace';
import { openWorkspace } from './workspace';
import { REPO_DATA_DIR } from './repoPaths';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

describe('a new workspace', () => {
  it('is seeded with the sample article and the default Actor/Stance/Claim schema', async () => {
    const { session, api } = await openTestWorkspace(tmp.dir);
    const info = await api.getWorkspace({});
    expect(info.schema.labels.map((l) => [l.name, l.hotkey])).toEqual([
      ['Actor', '1'],
      ['Stance', '2'],
      ['Claim', '3'],
    ]);
    expect(info.settings.annotator).toBe('');
    const list = await api.listArticles({});
    expect(list).toHaveLength(1);
    const article = await api.getArticle({ id: list[0].id });
    expect(article.text).toContain('Ali-Asghar Khaji');
    expect(article.text).toBe(readFileSync(path.join(REPO_DATA_DIR, 'sample/iran-japan-syria.txt'), 'utf8').trimEnd());
    await session.close();
  });

  it('gives an article whole, or its text first and its spans and statements after (what the annotating view asks for)', async () => {
    const { session, api } = await openTestWorkspace(tmp.dir);
    const [sample] = await api.listArticles({});
    const span = { id: 'k1', labelId: 'actor', start: 0, end: 3, annotator: 't', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
    await api.editArticle({ articleId: sample.id, edits: [{ type: 'addSpan', span }] });
    const whole = await api.getArticle({ id: sample.id });
    const text = await api.getArticle({ id: sample.id, withoutAnnotations: true });
    expect(text).toEqual({ ...whole, spans: [], statements: [] });
    expect(await api.getArticleAnnotations({ id: sample.id })).toEqual({ updatedAt: whole.updatedAt, spans: whole.spans, statements: whole.statements });
    expect(whole.spans.map((s) => s.id)).toEqual(['k1']);
    await expect(api.getArticleAnnotations({ id: 'nope' })).rejects.toThrow();
    await session.close();
  });

  it('is not re-seeded when opened again', async () => {
    const first = await openTestWorkspace(tmp.dir);
    const [sample] = await first.api.listArticles({});
    await first.api.deleteArticle({ id: sample.id });
    await first.session.close();
    const second = await openTestWorkspace(tmp.dir);
    expect(await second.api.listArticles({})).toEqual([]);
    await second.session.close();
  });
});

describe('editing an article', () => {
  it('persists every edit before acknowledging it, and reopening shows exactly the same state', async () => {
    const { session, api } = await openTestWorkspace(tmp.dir);
    const created = await api.createArticle({ title: 'Persian', text: 'سلام دنیا 🐱 café' });
    await api.editArticle({ articleId: created.id, edits: [{ type: 'addSpan', span: makeSpan('s1', 'actor', 0, 4) }] });
    const summary = await api.editArticle({
      articleId: created.id,
      edits: [{ type: 'addSpan', span: makeSpan('s2', 'claim', 10, 12, { note: 'the cat' }) }],
    });
    expect(summary.spanCounts).toEqual({ actor: 1, claim: 1 });
    expect(summary.status).toBe('in_progress');
    // Each acknowledged edit is already on disk, in the article's journal.
    const journal = readFileSync(path.join(tmp.dir, 'articles', `${created.id}.journal`), 'utf8').trim().split('\n');
    expect(journal.map((l) => JSON.parse(l).edits[0].span.id)).toEqual(['s1', 's2']);
    const before = await api.getArticle({ id: created.id });
    await session.close();
    // Closing folds the journal into the article file.
    const file = JSON.parse(readFileSync(path.join(tmp.dir, 'articles', `${created.id}.json`), 'utf8'));
    expect(file.offsetUnit).toBe('utf-16');
    expect(file.article.spans.map((s: { id: string }) => s.id)).toEqual(['s1', 's2']);
    expect(existsSync(path.join(tmp.dir, 'articles', `${created.id}.journal`))).toBe(false);

    const again = await openTestWorkspace(tmp.dir);
    expect(await again.api.getArticle({ id: created.id })).toEqual(before);
    const [row] = (await again.api.listArticles({ query: 'persian' }));
    expect(row.spanCounts).toEqual({ actor: 1, claim: 1 });
    await again.session.close();
  });

  it('repairs stale counts in the index when the process died before the index was written', async () => {
    const { session, api } = await openTestWorkspace(tmp.dir, { store: { indexFlushDelayMs: 60_000 } });
    const created = await api.createArticle({ title: 'T', text: 'one two three' });
    await api.editArticle({ articleId: created.id, edits: [{ type: 'addSpan', span: makeSpan('s1', 'actor', 0, 3) }] });
    // Simulate a crash: the lock is left behind by a dead process and the index flush never ran.
    const manifest = JSON.parse(readFileSync(path.join(tmp.dir, 'workspace.json'), 'utf8'));
    expect(manifest.articles[1].spanCounts).toEqual({});
    writeFileSync(path.join(tmp.dir, 'workspace.lock'), JSON.stringify({ pid: 999999, hostname: (await import('node:os')).hostname(), app: 'x', since: '' }));
    session.store.abandonTimers();
    const again = await openTestWorkspace(tmp.dir);
    const row = (await again.api.listArticles({})).find((a) => a.id === created.id)!;
    expect(row.spanCounts).toEqual({ actor: 1 });
    await again.session.close();
  });

  it('after a crash, reopening replays acknowledged edits from the journal and ignores a torn last line', async () => {
    const { session, api } = await openTestWorkspace(tmp.dir, { store: { indexFlushDelayMs: 60_000, compactDelayMs: 60_000 } });
    const created = await api.createArticle({ title: 'T', text: 'Khaji denounced the U.S. presence' });
    await api.editArticle({ articleId: created.id, edits: [{ type: 'addSpan', span: makeSpan('s1', 'actor', 0, 5) }] });
    await api.editArticle({ articleId: created.id, edits: [{ type: 'updateSpan', id: 's1', patch: { note: 'Iran', updatedAt: '2026-01-01T00:00:00.000Z' } }] });
    const expected = await api.getArticle({ id: created.id });
    // The process dies: no close(), a half-written line at the end of the journal, a stale lock.
    const journalFile = path.join(tmp.dir, 'articles', `${created.id}.journal`);
    await fsp.appendFile(journalFile, '{"rev":3,"at":"2026-01-0');
    writeFileSync(path.join(tmp.dir, 'workspace.lock'), JSON.stringify({ pid: 999999, hostname: (await import('node:os')).hostname(), app: 'x', since: '' }));
    session.store.abandonTimers();
    const again = await openTestWorkspace(tmp.dir);
    expect(await again.api.getArticle({ id: created.id })).toEqual(expected);
    expect((await again.api.listArticles({})).find((a) => a.id === created.id)!.spanCounts).toEqual({ actor: 1 });
    await again.session.close();
  });

  it('a damaged journal line that is not the last is reported naming the journal file', async () => {
    const { session, api } = await openTestWorkspace(tmp.dir, { store: { compactDelayMs: 60_000 } });
    const created = await api.createArticle({ title: 'T', text: 'Khaji denounced' });
    await api.editArticle({ articleId: created.id, edits: [{ type: 'addSpan', span: makeSpan('s1', 'actor', 0, 5) }] });
    const journalFile = path.join(tmp.dir, 'articles', `${created.id}.journal`);
    const good = readFileSync(journalFile, 'utf8');
    writeFileSync(path.join(tmp.dir, 'workspace.lock'), JSON.stringify({ pid: 999999, hostname: (await import('node:os')).hostname(), app: 'x', since: '' }));
    writeFileSync(journalFile, 'garbage\n' + good);
    session.store.abandonTimers();
    const again = await openTestWorkspace(tmp.dir);
    const row = (await again.api.listArticles({})).find((a) => a.id === created.id)!;
    expect(row.error).toContain(journalFile);
    await expect(again.api.getArticle({ id: created.id })).rejects.toMatchObject({ code: 'corrupt_file', file: journalFile, location: 'line 1' });
    expect(readFileSync(journalFile, 'utf8')).toBe('garbage\n' + good);
    await again.session.close();
  });

  it('rejects an edit that does not fit the article and leaves it unchanged', async () => {
    const { session, api } = await openTestWorkspace(tmp.dir);
    const created = await api.createArticle({ title: 'T', text: 'short' });
    await expect(
      api.editArticle({ articleId: created.id, edits: [{ type: 'addSpan', span: makeSpan('s1', 'actor', 0, 99) }] }),
    ).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('beyond the text') });
    await expect(
      api.editArticle({ articleId: created.id, edits: [{ type: 'addSpan', span: makeSpan('s1', 'nope', 0, 2) }] }),
    ).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('unknown label') });
    expect((await api.getArticle({ id: created.id })).spans).toEqual([]);
    await session.close();
  });

  it('serialises concurrent edits of one article without losing any', async () => {
    const { session, api } = await openTestWorkspace(tmp.dir);
    const created = await api.createArticle({ title: 'T', text: 'a'.repeat(100) });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api.editArticle({ articleId: created.id, edits: [{ type: 'addSpan', span: makeSpan(`s${i}`, 'actor', i, i + 1) }] }),
      ),
    );
    await session.close();
    const again = await openTestWorkspace(tmp.dir);
    expect((await again.api.getArticle({ id: created.id })).spans).toHaveLength(20);
    await again.session.close();
  });
});

describe('invalid API input', () => {
  it('is refused with a message naming the field, and nothing is written', async () => {
    const { session } = await openTestWorkspace(tmp.dir);
    const manifestBefore = readFileSync(path.join(tmp.dir, 'workspace.json'), 'utf8');
    const result = await session.dispatch('createArticle', { title: '', text: 42 });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!result.ok && result.error.message).toMatch(/title.*text|text.*title/s);
    expect(await session.dispatch('deleteArticle', { id: '../../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await session.dispatch('noSuchOperation', {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await session.dispatch('editArticle', { articleId: 'x', edits: [{ type: 'addSpan', span: { id: 's', start: 5, end: 2 } }] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(readFileSync(path.join(tmp.dir, 'workspace.json'), 'utf8')).toBe(manifestBefore);
    await session.close();
  });
});

describe('a corrupt article file', () => {
  it('is reported naming the file, left untouched, and does not stop the other articles from opening', async () => {
    const first = await openTestWorkspace(tmp.dir);
    const good = await first.api.createArticle({ title: 'Good', text: 'fine text' });
    const bad = await first.api.createArticle({ title: 'Bad', text: 'will break' });
    await first.session.close();
    const badFile = path.join(tmp.dir, 'articles', `${bad.id}.json`);
    writeFileSync(badFile, '{"formatVersion":1, "article": {trunc');

    const { session, api } = await openTestWorkspace(tmp.dir);
    const list = await api.listArticles({});
    const badRow = list.find((a) => a.id === bad.id)!;
    expect(badRow.error).toContain(badFile);
    expect(list.find((a) => a.id === good.id)!.error).toBeUndefined();
    await expect(api.getArticle({ id: bad.id })).rejects.toMatchObject({ code: 'corrupt_file', file: badFile });
    await expect(
      api.editArticle({ articleId: bad.id, edits: [{ type: 'addSpan', span: makeSpan('s', 'actor', 0, 4) }] }),
    ).rejects.toMatchObject({ code: 'corrupt_file' });
    expect((await api.getArticle({ id: good.id })).text).toBe('fine text');
    expect(readFileSync(badFile, 'utf8')).toBe('{"formatVersion":1, "article": {trunc');
    await session.close();
  });

  it('a missing article file is reported naming it; an article changed behind the index is summarised again', async () => {
    const first = await openTestWorkspace(tmp.dir);
    const gone = await first.api.createArticle({ title: 'Gone', text: 'to be removed' });
    const changed = await first.api.createArticle({ title: 'Changed', text: 'counted again' });
    await first.api.editArticle({ articleId: changed.id, edits: [{ type: 'addSpan', span: makeSpan('c1', 'actor', 0, 7) }] });
    await first.session.close();
    const goneFile = path.join(tmp.dir, 'articles', `${gone.id}.json`);
    await fsp.rm(goneFile);
    // Another program rewrote the article with a second span (size and time change).
    const changedFile = path.join(tmp.dir, 'articles', `${changed.id}.json`);
    const stored = JSON.parse(readFileSync(changedFile, 'utf8'));
    stored.article.spans.push(makeSpan('c2', 'claim', 8, 13));
    writeFileSync(changedFile, JSON.stringify(stored));

    const { session, api } = await openTestWorkspace(tmp.dir);
    const list = await api.listArticles({});
    expect(list.find((a) => a.id === gone.id)!.error).toBe(`the article file ${goneFile} is missing`);
    expect(list.find((a) => a.id === changed.id)!.spanCounts).toEqual({ actor: 1, claim: 1 });
    expect(list.find((a) => a.id === changed.id)!.error).toBeUndefined();
    await session.close();
  });

  it('a corrupt manifest stops the workspace from opening with an error naming it, and is not overwritten', async () => {
    const first = await openTestWorkspace(tmp.dir);
    await first.session.close();
    const manifest = path.join(tmp.dir, 'workspace.json');
    writeFileSync(manifest, '{ not json');
    const err = await openTestWorkspace(tmp.dir).catch((e) => e);
    expect(err).toBeInstanceOf(WorkbenchError);
    expect(err).toMatchObject({ code: 'corrupt_file', file: manifest });
    expect(err.message).toContain(manifest);
    expect(readFileSync(manifest, 'utf8')).toBe('{ not json');
    // The failed open released its lock.
    expect(existsSync(path.join(tmp.dir, 'workspace.lock'))).toBe(false);
  });
});

describe('the workspace lock', () => {
  it('makes a second process refuse with a clear message naming the holder', async () => {
    const first = await openTestWorkspace(tmp.dir, { appName: 'Annotation Workbench' });
    const err = await openWorkspace({ dir: tmp.dir, dataDir: REPO_DATA_DIR, appName: 'workbench CLI' }).catch((e) => e);
    expect(err).toMatchObject({ code: 'locked' });
    expect(err.message).toMatch(/in use by Annotation Workbench \(process \d+/);
    await first.session.close();
    const second = await openTestWorkspace(tmp.dir);
    await second.session.close();
  });

  it('lets a waiting process in once the holder closes', async () => {
    const first = await openTestWorkspace(tmp.dir);
    const waiting = openWorkspace({ dir: tmp.dir, dataDir: REPO_DATA_DIR, lockWaitMs: 5000 });
    setTimeout(() => void first.session.close(), 200);
    const second = await waiting;
    expect(second.dir).toBe(path.resolve(tmp.dir));
    await second.close();
  });
});

describe('library operations', () => {
  it('imports many text files, filters by text, and deletes an article with its file', async () => {
    const { session, api } = await openTestWorkspace(tmp.dir, { seed: false });
    const added = await api.importTextFiles({
      files: [
        { name: 'gaza.txt', content: 'Talks in Cairo' },
        { name: 'notes/اخبار.md', content: '# خبرهای امروز\n\nمتن خبر' },
      ],
    });
    expect(added.map((a) => a.title)).toEqual(['gaza', 'خبرهای امروز']);
    expect((await api.listArticles({ query: 'خبر' })).map((a) => a.title)).toEqual(['خبرهای امروز']);
    await api.deleteArticle({ id: added[0].id });
    expect(readdirSync(path.join(tmp.dir, 'articles'))).toEqual([`${added[1].id}.json`]);
    await expect(api.importTextFiles({ files: [{ name: 'empty.txt', content: '  ' }] })).rejects.toMatchObject({
      message: expect.stringContaining('empty.txt'),
    });
    expect(await api.listArticles({})).toHaveLength(1);
    await session.close();
  });

  it('remembers the annotator name and the snapping preference', async () => {
    const { session, api } = await openTestWorkspace(tmp.dir);
    await api.updateSettings({ annotator: 'Leila' });
    await api.updateSettings({ snapToWords: false });
    await session.close();
    const again = await openTestWorkspace(tmp.dir);
    expect((await again.api.getWorkspace({})).settings).toEqual({ annotator: 'Leila', snapToWords: false });
    await again.session.close();
  });
});

describe('native JSONL round trip', () => {
  it('export, import into an empty workspace, export again gives identical files, entities included', async () => {
    const a = await openTestWorkspace(tmp.dir);
    const [sample] = await a.api.listArticles({});
    const khaji = await a.api.saveEntity({
      entity: { id: 'e-khaji', kind: 'actor', name: 'Ali-Asghar Khaji', actorType: 'person', aliases: ['Khaji', 'the Iranian diplomat'], description: 'Senior adviser', attributes: { country: 'Iran' } },
    });
    const concept = await a.api.saveEntity({ entity: { id: 'c-withdrawal', kind: 'concept', name: 'U.S. withdrawal from Syria', aliases: [], attributes: {} } });
    // Not linked from any span: stays out of the file (each line carries the entities it uses).
    await a.api.saveEntity({ entity: { id: 'e-unused', kind: 'actor', name: 'Nobody', aliases: [], attributes: {} } });
    const rtl = await a.api.createArticle({ title: 'عربی', text: 'قال الوزير إن 👨‍👩‍👧 café\r\nline two', source: 'src', url: 'https://example.org/x', date: '2020-11-25' });
    await a.api.editArticle({
      articleId: sample.id,
      edits: [
        { type: 'addSpan', span: makeSpan('k1', 'actor', 104, 121, { note: 'Khaji', entityId: 'e-khaji' }) },
        { type: 'addSpan', span: makeSpan('k2', 'claim', 100, 130, { entityId: 'c-withdrawal' }) },
        { type: 'addSpan', span: makeSpan('k3', 'stance', 0, 6) },
        { type: 'addStatement', statement: { id: 'st1', actorSpanId: 'k1', claimSpanId: 'k2', stanceSpanId: 'k3', polarity: 'support', annotator: 't', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' } },
        { type: 'setStatus', status: 'done' },
      ],
    });
    await a.api.editArticle({ articleId: rtl.id, edits: [{ type: 'addSpan', span: makeSpan('r1', 'actor', 4, 10, { entityId: 'e-khaji' }) }, { type: 'addSpan', span: makeSpan('r2', 'claim', 14, 22) }] });
    const first = await a.api.exportData({ format: 'jsonl', options: {} });
    await a.session.close();
    // Each line carries the full records of the entities its spans link to, sorted by id.
    const lines = first.content.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => (l.entities ?? []).map((e: { id: string }) => e.id))).toEqual([['c-withdrawal', 'e-khaji'], ['e-khaji']]);
    expect(lines[0].entities[1]).toEqual(khaji);

    const other = tempDir();
    try {
      const b = await openTestWorkspace(other.dir, { seed: false });
      const file = { name: first.fileName, content: first.content, encoding: 'utf8' as const };
      const preview = await b.api.previewImport({ format: 'jsonl', files: [file], options: {}, labelMapping: {} });
      expect(preview).toMatchObject({ articles: 2, spans: 5, statements: 1, unknownLabels: [], warnings: [] });
      await b.api.commitImport({ format: 'jsonl', files: [file], options: {}, labelMapping: {} });
      expect(await b.api.listEntities({})).toEqual(expect.arrayContaining([khaji, concept]));
      expect(await b.api.listEntities({})).toHaveLength(2);
      expect((await b.api.listStatements({}))[0]).toMatchObject({ actorEntityId: 'e-khaji', conceptId: 'c-withdrawal' });
      const second = await b.api.exportData({ format: 'jsonl', options: {} });
      expect(second.content).toBe(first.content);
      expect(first.content.split('\n').filter(Boolean)).toHaveLength(2);
      await b.session.close();
    } finally {
      other.cleanup();
    }
  });

  it('a malformed line is reported with file and line, and nothing is imported', async () => {
    const { session, api } = await openTestWorkspace(tmp.dir, { seed: false });
    const good = JSON.stringify({ id: 'x1', title: 'ok', status: 'not_started', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', text: 'abc', spans: [], statements: [] });
    const files = [{ name: 'corpus.jsonl', content: `${good}\n{"id": "x2", "title": }\n`, encoding: 'utf8' as const }];
    await expect(api.commitImport({ format: 'jsonl', files, options: {}, labelMapping: {} })).rejects.toMatchObject({
      code: 'invalid_input',
      file: 'corpus.jsonl',
      location: 'line 2',
    });
    expect(await api.listArticles({})).toEqual([]);
    await session.close();
  });

  it('unknown labels are reported and can be added to the schema or mapped onto it', async () => {
    const { session, api } = await openTestWorkspace(tmp.dir, { seed: false });
    const line = (id: string) =>
      JSON.stringify({ id, title: id, status: 'in_progress', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', text: 'Khaji said', spans: [makeSpan('s1', 'Speaker', 0, 5)], statements: [] });
    const files = [{ name: 'c.jsonl', content: line('x1') + '\n', encoding: 'utf8' as const }];
    expect((await api.previewImport({ format: 'jsonl', files, options: {}, labelMapping: {} })).unknownLabels).toEqual(['Speaker']);
    await expect(api.commitImport({ format: 'jsonl', files, options: {}, labelMapping: {} })).rejects.toMatchObject({ message: expect.stringContaining('"Speaker"') });
    expect(await api.listArticles({})).toEqual([]);
    await api.commitImport({ format: 'jsonl', files, options: {}, labelMapping: { Speaker: 'actor' } });
    expect((await api.getArticle({ id: 'x1' })).spans[0].labelId).toBe('actor');
    const files2 = [{ name: 'c.jsonl', content: line('x2') + '\n', encoding: 'utf8' as const }];
    await api.commitImport({ format: 'jsonl', files: files2, options: {}, labelMapping: { Speaker: 'add' } });
    expect((await api.getWorkspace({})).schema.labels.map((l) => l.name)).toContain('Speaker');
    expect((await api.getArticle({ id: 'x2' })).spans[0].labelId).toBe('speaker');
    await session.close();
  });
});

describe('storage files', () => {
  it('leaves no temp files behind after writes', async () => {
    const { session, api } = await openTestWorkspace(tmp.dir);
    const created = await api.createArticle({ title: 'T', text: 'abc def' });
    await api.editArticle({ articleId: created.id, edits: [{ type: 'addSpan', span: makeSpan('s1', 'actor', 0, 3) }] });
    await session.close();
    const all = [...(await fsp.readdir(tmp.dir)), ...(await fsp.readdir(path.join(tmp.dir, 'articles')))];
    expect(all.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
