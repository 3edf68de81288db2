import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportRequest } from '../../shared/api/contract';
import type { FormatCodec } from '../../shared/formats/codec';
import type { Article, ArticleStatus } from '../../shared/domain/model';
import { exportToFile, safeEntryName, type ExportProgress } from './exportToFile';
import { exportArticles } from './interchange';
import { makeSpan, openTestWorkspace, tempDir } from './testWorkspace';
import type { WorkspaceSession } from './workspace';

const T = '2024-05-01T10:00:00.000Z';

function article(id: string, status: ArticleStatus, text: string, spans: Article['spans'] = []): Article {
  return { id, title: `Title ${id}`, status, createdAt: T, updatedAt: T, text, spans, statements: [] };
}

/** A multi-file codec like brat: one .txt and one .ann per article, plus a config file at the end. */
const pairCodec: FormatCodec = {
  name: 'brat',
  description: 'test pairs',
  layout: 'multi',
  extension: 'ann',
  mimeType: 'application/zip',
  losses: { title: 'test pairs', export: [], import: [] },
  parse: () => ({ articles: [], warnings: [] }),
  article: (a) => [
    { file: `${a.id}.txt`, text: a.text },
    { file: `${a.id}.ann`, text: a.spans.map((s, i) => `T${i + 1}\t${s.labelId} ${s.start} ${s.end}\n`).join('') },
  ],
  end: () => [{ file: 'annotation.conf', text: '[entities]\n' }, { file: 'annotation.conf', text: 'actor\n' }],
};

let tmp: ReturnType<typeof tempDir>;
let session: WorkspaceSession;
let outDir: string;

beforeEach(async () => {
  tmp = tempDir();
  ({ session } = await openTestWorkspace(path.join(tmp.dir, 'ws'), { seed: false }));
  await session.store.addArticles([
    article('a1', 'done', 'Khaji denounced the U.S. presence 🐱', [makeSpan('s1', 'actor', 0, 5), makeSpan('s2', 'stance', 6, 15)]),
    article('a2', 'in_progress', 'سلام دنیا café', [makeSpan('s3', 'claim', 0, 4)]),
    article('a3', 'done', 'Third article'),
    article('a4', 'not_started', 'Fourth article'),
    article('a5', 'done', 'Fifth article', [makeSpan('s4', 'actor', 0, 5)]),
  ]);
  outDir = path.join(tmp.dir, 'out');
  mkdirSync(outDir);
});
afterEach(async () => {
  await session.close();
  tmp.cleanup();
});

const jsonl = (extra: Partial<ExportRequest> = {}): ExportRequest => ({ format: 'jsonl', options: {}, ...extra });

describe('exportToFile', () => {
  it('writes exactly what the in-memory export produces, and reports where and how much', async () => {
    const outPath = path.join(outDir, 'all.jsonl');
    const result = await exportToFile({ store: session.store, request: jsonl(), outPath });
    const expected = await exportArticles(jsonl(), session.store);
    expect(readFileSync(outPath, 'utf8')).toBe(expected.content);
    expect(result).toEqual({
      outPath,
      layout: 'file',
      articles: 5,
      skipped: [],
      files: 1,
      bytes: Buffer.byteLength(expected.content),
      warnings: [],
      warningCount: 0,
    });
    expect(readdirSync(outDir)).toEqual(['all.jsonl']);
  });

  it('exports only the articles with the requested status, or the requested ids, in library order', async () => {
    const ids = async (request: ExportRequest, name: string) => {
      await exportToFile({ store: session.store, request, outPath: path.join(outDir, name) });
      return readFileSync(path.join(outDir, name), 'utf8').trim().split('\n').map((l) => JSON.parse(l).id);
    };
    expect(await ids(jsonl({ status: 'done' }), 'done.jsonl')).toEqual(['a1', 'a3', 'a5']);
    expect(await ids(jsonl({ articleIds: ['a4', 'a2'] }), 'two.jsonl')).toEqual(['a2', 'a4']);
    expect(await ids(jsonl({ articleIds: ['a4', 'a1'], status: 'done' }), 'both.jsonl')).toEqual(['a1']);
    await expect(exportToFile({ store: session.store, request: jsonl({ articleIds: ['nope'] }), outPath: path.join(outDir, 'x.jsonl') })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(existsSync(path.join(outDir, 'x.jsonl'))).toBe(false);
  });

  it('reports progress from 0 to the total, one article at a time', async () => {
    const seen: ExportProgress[] = [];
    await exportToFile({ store: session.store, request: jsonl(), outPath: path.join(outDir, 'p.jsonl'), onProgress: (p) => seen.push(p) });
    expect(seen).toEqual([0, 1, 2, 3, 4, 5].map((done) => ({ done, total: 5 })));
  });

  it('when cancelled mid-way, leaves neither the file nor a temp file, and keeps an existing file as it was', async () => {
    const outPath = path.join(outDir, 'cancel.jsonl');
    writeFileSync(outPath, 'previous export\n');
    const controller = new AbortController();
    const seen: number[] = [];
    const run = exportToFile({
      store: session.store,
      request: jsonl(),
      outPath,
      signal: controller.signal,
      onProgress: ({ done }) => {
        seen.push(done);
        if (done === 2) controller.abort(new Error('user cancelled'));
      },
    });
    await expect(run).rejects.toThrow('user cancelled');
    expect(seen).toEqual([0, 1, 2]);
    expect(readdirSync(outDir)).toEqual(['cancel.jsonl']);
    expect(readFileSync(outPath, 'utf8')).toBe('previous export\n');
  });

  it('when an article file is corrupt, exports the others and lists the one, naming its file', async () => {
    await session.close();
    writeFileSync(session.store.articleFile('a3'), '{ not json');
    ({ session } = await openTestWorkspace(path.join(tmp.dir, 'ws')));
    const outPath = path.join(outDir, 'broken.jsonl');
    const seen: number[] = [];
    const result = await exportToFile({ store: session.store, request: jsonl(), outPath, onProgress: (p) => seen.push(p.done) });
    expect(readFileSync(outPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l).id)).toEqual(['a1', 'a2', 'a4', 'a5']);
    expect(result).toMatchObject({ articles: 4, skipped: [{ articleId: 'a3', title: 'Title a3', file: session.store.articleFile('a3') }] });
    expect(result.skipped[0].message).toContain(`${session.store.articleFile('a3')} is not valid JSON`);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
    expect(readdirSync(outDir)).toEqual(['broken.jsonl']);
  });

  it('still fails, leaving nothing behind, on an error that is not an unreadable article', async () => {
    const failing: FormatCodec = { ...pairCodec, layout: 'single', article: () => { throw new Error('codec bug'); } };
    await expect(exportToFile({ store: session.store, request: jsonl(), outPath: path.join(outDir, 'x.jsonl'), codec: failing })).rejects.toThrow('codec bug');
    expect(readdirSync(outDir)).toEqual([]);
  });

  it('refuses a destination in a missing folder or on an existing folder', async () => {
    await expect(
      exportToFile({ store: session.store, request: jsonl(), outPath: path.join(outDir, 'missing', 'x.jsonl') }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('does not exist') });
    await expect(exportToFile({ store: session.store, request: jsonl(), outPath: outDir })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('is a folder'),
    });
  });
});

describe('exportToFile with a multi-file format', () => {
  it('writes a zip, one entry per file, when the destination ends in .zip', async () => {
    const outPath = path.join(outDir, 'brat.zip');
    const result = await exportToFile({ store: session.store, request: { format: 'brat', status: 'done', options: {} }, outPath, codec: pairCodec });
    expect(result).toMatchObject({ layout: 'zip', articles: 3, files: 7 });
    const entries = unzipSync(readFileSync(outPath));
    expect(Object.keys(entries)).toEqual(['a1.txt', 'a1.ann', 'a3.txt', 'a3.ann', 'a5.txt', 'a5.ann', 'annotation.conf']);
    expect(strFromU8(entries['a1.txt'])).toBe('Khaji denounced the U.S. presence 🐱');
    expect(strFromU8(entries['a1.ann'])).toBe('T1\tactor 0 5\nT2\tstance 6 15\n');
    expect(strFromU8(entries['annotation.conf'])).toBe('[entities]\nactor\n');
    expect(readdirSync(outDir)).toEqual(['brat.zip']);
  });

  it('writes a folder otherwise, and refuses to write into a folder that is not empty', async () => {
    const outPath = path.join(outDir, 'brat');
    const result = await exportToFile({ store: session.store, request: { format: 'brat', articleIds: ['a2'], options: {} }, outPath, codec: pairCodec });
    expect(result).toMatchObject({ layout: 'folder', articles: 1, files: 3 });
    expect(readdirSync(outPath).sort()).toEqual(['a2.ann', 'a2.txt', 'annotation.conf']);
    expect(readFileSync(path.join(outPath, 'a2.txt'), 'utf8')).toBe('سلام دنیا café');
    await expect(exportToFile({ store: session.store, request: { format: 'brat', options: {} }, outPath, codec: pairCodec })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('not empty'),
    });
    expect(readdirSync(outDir)).toEqual(['brat']);
  });

  it('keeps files opened in begin() open across articles (tables with a row per span), in a zip and in a folder', async () => {
    const tables: FormatCodec = {
      ...pairCodec,
      begin: () => [{ file: 'articles.csv', text: 'id\n' }, { file: 'spans.csv', text: 'article,span\n' }],
      article: (a) => [{ file: 'articles.csv', text: `${a.id}\n` }, ...a.spans.map((s) => ({ file: 'spans.csv', text: `${a.id},${s.id}\n` }))],
      end: () => [],
    };
    const request = { format: 'csv' as const, status: 'done' as const, options: {} };
    const zipped = await exportToFile({ store: session.store, request, outPath: path.join(outDir, 't.zip'), codec: tables });
    const folder = await exportToFile({ store: session.store, request, outPath: path.join(outDir, 't'), codec: tables });
    expect([zipped.files, folder.files]).toEqual([2, 2]);
    const entries = unzipSync(readFileSync(path.join(outDir, 't.zip')));
    for (const read of [(n: string) => strFromU8(entries[n]), (n: string) => readFileSync(path.join(outDir, 't', n), 'utf8')]) {
      expect(read('articles.csv')).toBe('id\na1\na3\na5\n');
      expect(read('spans.csv')).toBe('article,span\na1,s1\na1,s2\na5,s4\n');
    }
  });

  it('fails without output when a codec comes back to a file an earlier article completed', async () => {
    const revisiting: FormatCodec = { ...pairCodec, article: () => [{ file: 'all.txt', text: 'x' }, { file: 'other.txt', text: 'y' }] };
    for (const name of ['bad.zip', 'bad']) {
      await expect(
        exportToFile({ store: session.store, request: { format: 'brat', options: {} }, outPath: path.join(outDir, name), codec: revisiting }),
      ).rejects.toThrow(/wrote to "?all\.txt"? after it was complete/);
    }
    expect(readdirSync(outDir)).toEqual([]);
  });

  it('refuses entry names that would leave the zip or folder, before writing them', async () => {
    const escaping: FormatCodec = { ...pairCodec, article: () => [{ file: '../escape.txt', text: 'x' }] };
    await expect(
      exportToFile({ store: session.store, request: { format: 'brat', options: {} }, outPath: path.join(outDir, 'e.zip'), codec: escaping }),
    ).rejects.toThrow('not a plain relative path');
    expect(readdirSync(outDir)).toEqual([]);
    expect(existsSync(path.join(tmp.dir, 'escape.txt'))).toBe(false);
  });

  it('collects what the codec could not write exactly', async () => {
    const lossy: FormatCodec = {
      ...pairCodec,
      article: (a, ctx) => {
        for (const s of a.spans) ctx.warn?.(`${a.id}: span ${s.id} dropped`);
        return pairCodec.article(a, ctx, 0);
      },
    };
    const result = await exportToFile({ store: session.store, request: { format: 'brat', options: {} }, outPath: path.join(outDir, 'w.zip'), codec: lossy });
    expect(result.warningCount).toBe(4);
    expect(result.warnings).toEqual(['a1: span s1 dropped', 'a1: span s2 dropped', 'a2: span s3 dropped', 'a5: span s4 dropped']);
  });

  it('keeps entry names inside the archive or folder', () => {
    expect(safeEntryName('docs\\a1.txt')).toBe('docs/a1.txt');
    for (const bad of ['../evil.txt', '/etc/passwd', 'a/../../b', 'C:\\x', '', 'a//b']) expect(() => safeEntryName(bad)).toThrow('not a plain relative path');
  });
});
