import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './repoPaths';
import { articleToJsonlLine } from '../../shared/formats/jsonl';
import { makeSpan, openTestWorkspace, tempDir } from './testWorkspace';
import { createUploads, UPLOADS_DIR_NAME } from './uploads';

const b64 = (text: string) => Buffer.from(text).toString('base64');

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('workbench-uploads-');
});
afterEach(() => tmp.cleanup());

const uploadsDir = () => path.join(tmp.dir, UPLOADS_DIR_NAME);
const partFiles = () => (existsSync(uploadsDir()) ? readdirSync(uploadsDir()) : []);

/** Send `text` in chunks of `chunk` bytes through the API, as the app does. */
async function upload(api: Awaited<ReturnType<typeof openTestWorkspace>>['api'], name: string, text: string, chunk = 7) {
  const bytes = Buffer.from(text);
  const { uploadId } = await api.beginUpload({ name, size: bytes.length });
  for (let offset = 0; offset < bytes.length; offset += chunk)
    await api.appendUpload({ uploadId, offset, content: bytes.subarray(offset, offset + chunk).toString('base64') });
  return uploadId;
}

const T0 = '2026-01-01T00:00:00.000Z';
const jsonl = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    articleToJsonlLine({
      id: `u${i}`,
      title: `Article ${i}`,
      text: `Text number ${i}, with ünïcode.`,
      status: 'in_progress',
      createdAt: T0,
      updatedAt: T0,
      spans: [makeSpan('s1', 'actor', 0, 4)],
      statements: [],
    }),
  ).join('\n') + '\n';

describe('uploads', () => {
  it('refuse a repeated, skipped or simultaneous chunk, and a chunk past the announced size', async () => {
    const { handlers } = createUploads(tmp.dir);
    const { uploadId } = await handlers.beginUpload({ name: 'big.jsonl', size: 10 });
    expect(await handlers.appendUpload({ uploadId, offset: 0, content: b64('0123') })).toEqual({ received: 4, complete: false });
    await expect(handlers.appendUpload({ uploadId, offset: 0, content: b64('0123') })).rejects.toMatchObject({
      code: 'conflict',
      message: 'big.jsonl: a chunk at byte 0 was refused; the upload has 4 bytes and takes the next chunk at byte 4',
    });
    await expect(handlers.appendUpload({ uploadId, offset: 8, content: b64('89') })).rejects.toMatchObject({ code: 'conflict' });
    // Two chunks for the same offset at once: the second arrives while the first is written.
    const [first, second] = await Promise.allSettled([
      handlers.appendUpload({ uploadId, offset: 4, content: b64('4567') }),
      handlers.appendUpload({ uploadId, offset: 4, content: b64('4567') }),
    ]);
    expect(first).toMatchObject({ status: 'fulfilled', value: { received: 8 } });
    expect(second).toMatchObject({ status: 'rejected', reason: { code: 'conflict' } });
    await expect(handlers.appendUpload({ uploadId, offset: 8, content: b64('89X') })).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'big.jsonl: the chunk at byte 8 goes past the 10 bytes announced',
    });
    expect(await handlers.appendUpload({ uploadId, offset: 8, content: b64('89') })).toEqual({ received: 10, complete: true });
    expect(readdirSync(uploadsDir())).toEqual([`${uploadId}.part`]);
  });

  it('cap the bytes of one chunk and of all uploads together', async () => {
    const { handlers } = createUploads(tmp.dir, { maxTotalBytes: 100, maxChunkBytes: 4 });
    const { uploadId } = await handlers.beginUpload({ name: 'a.jsonl', size: 60 });
    await expect(handlers.appendUpload({ uploadId, offset: 0, content: b64('01234') })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(handlers.beginUpload({ name: 'b.jsonl', size: 50 })).rejects.toMatchObject({
      code: 'invalid_input',
      file: 'b.jsonl',
      message: expect.stringContaining('b.jsonl (0 MiB) does not fit: uploads waiting to be imported may hold at most'),
    });
    await handlers.discardUpload({ uploadId });
    await expect(handlers.beginUpload({ name: 'b.jsonl', size: 50 })).resolves.toMatchObject({ uploadId: expect.any(String) });
  });

  it('import an uploaded JSONL streamed from disk, and remove the upload once committed', async () => {
    const { session, api } = await openTestWorkspace(tmp.dir, { seed: false });
    try {
      const uploadId = await upload(api, 'corpus.jsonl', jsonl(30), 100);
      const request = { format: 'jsonl' as const, files: [{ name: 'corpus.jsonl', uploadId }], options: {} };
      expect(await api.previewImport(request)).toMatchObject({ articles: 30, spans: 30, unknownLabels: [] });
      const added = await api.commitImport(request);
      expect(added.map((a) => a.id)).toEqual(Array.from({ length: 30 }, (_, i) => `u${i}`));
      expect((await api.getArticle({ id: 'u7' })).text).toBe('Text number 7, with ünïcode.');
      expect(partFiles()).toEqual([]);
      await expect(api.previewImport(request)).rejects.toMatchObject({ code: 'not_found' });
    } finally {
      await session.close();
    }
  });

  it('import uploaded files of other formats (read whole) and text files; an incomplete upload is refused', async () => {
    const { session, api } = await openTestWorkspace(tmp.dir, { seed: false });
    try {
      const csv = await upload(api, 'articles.csv', 'article_id,title,text\r\nc1,One,Hello there\r\n');
      expect(await api.commitImport({ format: 'csv', files: [{ name: 'articles.csv', uploadId: csv }], options: {} })).toMatchObject([{ id: 'c1' }]);
      const txt = await upload(api, 'note.txt', 'A note\nwith two lines');
      expect(await api.importTextFiles({ files: [{ name: 'note.txt', uploadId: txt }] })).toMatchObject([{ title: 'note' }]);
      const { uploadId } = await api.beginUpload({ name: 'half.jsonl', size: 100 });
      await api.appendUpload({ uploadId, offset: 0, content: b64('{"id"') });
      await expect(api.previewImport({ format: 'jsonl', files: [{ name: 'half.jsonl', uploadId }], options: {} })).rejects.toMatchObject({
        code: 'conflict',
        message: 'half.jsonl: the upload is incomplete (5 of 100 bytes received)',
      });
      expect(partFiles()).toEqual([`${uploadId}.part`]);
    } finally {
      await session.close();
    }
  });

  it('are removed when discarded and when the session closes', async () => {
    const { session, api } = await openTestWorkspace(tmp.dir, { seed: false });
    const kept = await upload(api, 'a.jsonl', jsonl(2));
    const discarded = await upload(api, 'b.jsonl', jsonl(2));
    await api.discardUpload({ uploadId: discarded });
    expect(partFiles()).toEqual([`${kept}.part`]);
    await session.close();
    expect(existsSync(uploadsDir())).toBe(false);
  });

  it('left by a session killed mid-upload (SIGKILL) are removed by the next open, with a notice', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/service/uploadCrashChild.ts', tmp.dir], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('uploaded') && resolve());
      void exited.then(() => reject(new Error(`the child ended before uploading: ${stderr}`)));
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(partFiles()).toHaveLength(1);
    // A file not ours in the folder is counted too: the folder is the app's own.
    writeFileSync(path.join(uploadsDir(), 'other.part'), '');
    const { session } = await openTestWorkspace(tmp.dir);
    try {
      expect(existsSync(uploadsDir())).toBe(false);
      expect(session.notices).toContain(`removed 2 uploaded files of an import that was never finished from ${uploadsDir()}`);
    } finally {
      await session.close();
    }
  }, 30_000);
});
