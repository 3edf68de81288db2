import { describe, expect, it } from 'vitest';
import { REQUEST_BODY_LIMITS } from '../../../shared/api/bodyLimits';
import { createFakeApi } from '../test/fakeApi';
import { discardUploads, INLINE_BUDGET_BYTES, toImportFiles, type UploadCache } from './uploadFile';

const utf8Bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;
const line = (id: string, text: string) =>
  JSON.stringify({ id, title: id, text, status: 'not_started', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', spans: [], statements: [] });

describe('toImportFiles', () => {
  it('sends a file over the threshold in ordered chunks, once for every preview of the same choice, and the import reads it', async () => {
    const api = createFakeApi({ articles: [] });
    const big = new File([`${line('b1', 'x'.repeat(250))}\n${line('b2', 'y'.repeat(250))}\n`], 'big.jsonl');
    const small = new File([`${line('s1', 'small')}\n`], 'small.jsonl');
    const cache: UploadCache = new Map();
    const progress: [number, number][] = [];
    const options = { threshold: 200, chunkBytes: 128, onProgress: (sent: number, total: number) => progress.push([sent, total]) };
    const files = await toImportFiles(api, [big, small], 'jsonl', cache, options);
    expect(files).toEqual([{ name: 'big.jsonl', uploadId: 'up1' }, { name: 'small.jsonl', content: `${line('s1', 'small')}\n`, encoding: 'utf8' }]);
    expect(api.uploads.appended.map((a) => a.offset)).toEqual(Array.from({ length: Math.ceil(big.size / 128) }, (_, i) => i * 128));
    expect(progress.at(-1)).toEqual([big.size, big.size]);
    expect(await toImportFiles(api, [big, small], 'jsonl', cache, options)).toEqual(files);
    expect(api.uploads.live.size).toBe(1);
    expect(await api.commitImport({ format: 'jsonl', files, options: {} })).toHaveLength(3);
    expect(api.articles.get('a1')?.text).toBe('x'.repeat(250));
    expect(api.uploads.live.size).toBe(0);
  });

  it('uploads the files that would take the inline ones over the budget as JSON, so the request fits its body limit', async () => {
    const api = createFakeApi({ articles: [] });
    // Quotes double as JSON: each of these takes 2 × 120 bytes inline, so only two fit a budget of 500.
    const quoted = Array.from({ length: 4 }, (_, i) => new File(['"'.repeat(120)], `q${i}.txt`));
    const files = await toImportFiles(api, quoted, 'jsonl', new Map(), { threshold: 1000, budget: 500 });
    expect(files.map((f) => ('uploadId' in f ? 'uploaded' : 'inline'))).toEqual(['inline', 'inline', 'uploaded', 'uploaded']);
    // The real budget leaves the request's envelope room under previewImport's and commitImport's limits.
    const envelope = utf8Bytes({ format: 'label-studio', files: [], options: { doccanoUnit: 'grapheme', skipBadRecords: true }, labelMapping: { x: 'add'.repeat(300) } });
    expect(INLINE_BUDGET_BYTES + envelope + 1000 * 1100).toBeLessThan(Math.min(REQUEST_BODY_LIMITS.previewImport, REQUEST_BODY_LIMITS.commitImport));
  });

  it('discards the uploads of a choice given up, also one a preview still running starts afterwards', async () => {
    const api = createFakeApi({ articles: [] });
    const cache: UploadCache = new Map();
    const release = api.hold('beginUpload');
    const first = toImportFiles(api, [new File(['x'.repeat(300)], 'first.jsonl')], 'jsonl', cache, { threshold: 100 });
    discardUploads(api, cache);
    release();
    await first;
    // The preview of the old choice goes on to its next file after the dialog gave it up.
    await toImportFiles(api, [new File(['y'.repeat(300)], 'second.jsonl')], 'jsonl', cache, { threshold: 100 });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(api.uploads.discarded.sort()).toEqual(['up1', 'up2']);
    expect(api.uploads.live.size).toBe(0);
  });
});
