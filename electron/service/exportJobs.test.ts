import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeSpan, openTestWorkspace, tempDir } from './testWorkspace';
import type { Article } from '../../shared/domain/model';
import { generateArticle } from '../../bench/corpus';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

async function waitForJob(api: Awaited<ReturnType<typeof openTestWorkspace>>['api'], jobId: string) {
  for (;;) {
    const job = await api.getExportJob({ jobId });
    if (job.state !== 'running') return job;
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('background export jobs', () => {
  it('report progress to the end and deliver the same bytes as a direct export, in chunks', async () => {
    const { session, api } = await openTestWorkspace(tmp.dir);
    const [sample] = await api.listArticles({});
    await api.editArticle({ articleId: sample.id, edits: [{ type: 'addSpan', span: makeSpan('k', 'actor', 104, 121) }] });
    await api.createArticle({ title: 'فارسی', text: 'سلام 🐱 دنیا' });
    const started = await api.startExport({ format: 'jsonl', options: {} });
    const job = await waitForJob(api, started.jobId);
    expect(job).toMatchObject({ state: 'done', done: 2, total: 2, fileName: 'workbench-jsonl.jsonl' });
    const chunks: Buffer[] = [];
    for (let offset = 0, eof = false; !eof; ) {
      const chunk = await api.readExportChunk({ jobId: job.jobId, offset, length: 1000 });
      const bytes = Buffer.from(chunk.content, 'base64');
      chunks.push(bytes);
      offset += bytes.length;
      eof = chunk.eof;
    }
    const direct = await api.exportData({ format: 'jsonl', options: {} });
    expect(Buffer.concat(chunks).toString('utf8')).toBe(direct.content);
    await api.discardExportJob({ jobId: job.jobId });
    await expect(api.getExportJob({ jobId: job.jobId })).rejects.toMatchObject({ code: 'not_found' });
    await session.close();
  });

  it('cancelled, leave no output behind', async () => {
    const { session, api } = await openTestWorkspace(tmp.dir, { seed: false });
    await session.store.addArticles(Array.from({ length: 400 }, (_, i) => generateArticle(`g${i}`, 4000, 20, i)));
    const tmpBefore = readdirSync(os.tmpdir()).filter((f) => f.startsWith('workbench-exports-'));
    const started = await api.startExport({ format: 'brat', options: {} });
    const cancelled = await api.cancelExportJob({ jobId: started.jobId });
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.done).toBeLessThan(400);
    await expect(api.readExportChunk({ jobId: started.jobId, offset: 0, length: 10 })).rejects.toMatchObject({ code: 'conflict' });
    await session.close();
    // Closing the workspace removes the jobs' temp folder.
    const tmpAfter = readdirSync(os.tmpdir()).filter((f) => f.startsWith('workbench-exports-'));
    expect(tmpAfter.filter((f) => !tmpBefore.includes(f))).toEqual([]);
    expect(existsSync(tmp.dir)).toBe(true);
  });

  it('with an unreadable article, export the others and list it (the job and exportData alike), naming its file', async () => {
    const { session } = await openTestWorkspace(tmp.dir, { seed: false });
    await session.store.addArticles(['one', 'two', 'three'].map((id, i): Article => generateArticle(id, 300, 3, i + 1)));
    const broken = session.store.articleFile('two');
    await session.close();
    writeFileSync(broken, 'garbage, not an article');
    const { session: reopened, api } = await openTestWorkspace(tmp.dir, { seed: false });
    const expected = { articleId: 'two', file: broken, message: expect.stringContaining(`${broken} is not valid JSON`) };
    for (const format of ['jsonl', 'brat'] as const) {
      const job = await waitForJob(api, (await api.startExport({ format, options: {} })).jobId);
      expect(job).toMatchObject({ state: 'done', done: 3, total: 3, skipped: [expected] });
      const direct = await api.exportData({ format, options: {} });
      expect(direct.skipped).toEqual([expect.objectContaining(expected)]);
      if (format === 'jsonl') expect(direct.content.trim().split('\n').map((l) => JSON.parse(l).id)).toEqual(['one', 'three']);
    }
    await reopened.close();
  });
});
