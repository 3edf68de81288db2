import { describe, expect, it } from 'vitest';
import { createFakeApi, makeArticle } from '../test/fakeApi';
import { runExportJob } from './exportJob';
import { base64ToBytes, bytesToBase64, toTransferFile } from './importFiles';

const articles = Array.from({ length: 5 }, (_, i) => makeArticle({ id: `a${i}`, title: `Article ${i}`, text: `Text ${i} 🐱 ${'x'.repeat(200)}` }));

describe('runExportJob', () => {
  it('reads the finished file back in chunks of the given size and discards the job', async () => {
    const api = createFakeApi({ articles });
    const seen: string[] = [];
    const { blob, job } = await runExportJob(api, { format: 'jsonl', options: {} }, { pollMs: 1, chunkBytes: 100, onProgress: (j, phase) => seen.push(`${phase}:${j.state}`) });
    const direct = await api.exportData({ format: 'jsonl', options: {} });
    expect(await blob.text()).toBe(direct.content);
    expect(job.fileName).toBe('workbench-jsonl.jsonl');
    const reads = api.calls.filter((c) => c.name === 'readExportChunk').map((c) => c.input as { offset: number; length: number });
    expect(reads.length).toBe(Math.ceil(blob.size / 100));
    expect(reads.map((r) => r.offset)).toEqual(reads.map((_, i) => i * 100));
    expect(seen).toEqual(['writing:running', 'writing:done', 'reading:done']);
    expect(api.exportJobs.discarded).toEqual([job.jobId]);
  });

  it('never asks for more than 8 MiB per chunk', async () => {
    const api = createFakeApi({ articles });
    await runExportJob(api, { format: 'jsonl', options: {} }, { pollMs: 1, chunkBytes: 64 * 1024 * 1024 });
    expect(api.calls.find((c) => c.name === 'readExportChunk')!.input).toMatchObject({ length: 8 * 1024 * 1024 });
  });

  it('on abort cancels the job on the service, discards it, and rejects', async () => {
    const api = createFakeApi({ articles });
    api.exportJobs.manual = true;
    const abort = new AbortController();
    const run = runExportJob(api, { format: 'conll', options: {} }, {
      pollMs: 5,
      signal: abort.signal,
      onProgress: (job) => {
        if (job.state === 'running') {
          api.exportJobs.advance(2);
          abort.abort(new DOMException('stop', 'AbortError'));
        }
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(api.exportJobs.cancelled).toHaveLength(1);
    expect(api.exportJobs.discarded).toEqual(api.exportJobs.cancelled);
    expect(api.calls.some((c) => c.name === 'readExportChunk')).toBe(false);
  });

  it('reports a failed job with its error', async () => {
    const api = createFakeApi({ articles });
    api.exportJobs.manual = true;
    const run = runExportJob(api, { format: 'jsonl', options: {} }, {
      pollMs: 1,
      onProgress: (job) => {
        if (job.state === 'running') Object.assign(api.exportJobs.jobs.get(job.jobId)!.job, { state: 'failed', error: 'disk full' });
      },
    });
    await expect(run).rejects.toThrow('disk full');
    expect(api.exportJobs.jobs.size).toBe(0);
  });
});

describe('toTransferFile', () => {
  const file = (bytes: number[] | string, name: string) => new File([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], name);

  it('sends plain UTF-8 text as text', async () => {
    expect(await toTransferFile(file('T1\tActor 0 3\tabc\n', 'a.ann'), 'brat')).toEqual({ name: 'a.ann', content: 'T1\tActor 0 3\tabc\n', encoding: 'utf8' });
  });

  it('sends zips, CSV and files starting with a byte-order mark as base64, byte for byte', async () => {
    const bom = [0xef, 0xbb, 0xbf, 0x41];
    const utf16 = [0xff, 0xfe, 0x41, 0x00];
    for (const [bytes, name, format] of [
      [bom, 'doc.txt', 'brat'],
      [utf16, 'spans.csv', 'csv'],
      [[0x50, 0x4b, 0x03, 0x04], 'all.zip', 'brat'],
      [[0x41, 0x42], 'doc.txt', 'csv'],
    ] as const) {
      const sent = await toTransferFile(file([...bytes], name), format);
      expect(sent.encoding).toBe('base64');
      expect([...base64ToBytes(sent.content)]).toEqual([...bytes]);
    }
  });

  it('sends bytes that are not UTF-8 as base64, for the service to report', async () => {
    expect((await toTransferFile(file([0xc3, 0x28], 'bad.jsonl'), 'jsonl')).encoding).toBe('base64');
  });

  it('base64 round-trips large byte arrays', () => {
    const bytes = new Uint8Array(200_000).map((_, i) => (i * 31) % 256);
    const back = base64ToBytes(bytesToBase64(bytes));
    expect(back.length).toBe(bytes.length);
    expect(back.every((b, i) => b === bytes[i])).toBe(true);
  });
});
