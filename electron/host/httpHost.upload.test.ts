/**
 * A file larger than one request's body limit imports through the browser host in chunks, sent
 * by the renderer's own upload code over the renderer's HTTP transport (limits lowered here so
 * the file is small enough for a unit test).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../shared/api/client';
import { articleToJsonlLine } from '../../shared/formats/jsonl';
import { httpInvoke } from '../../renderer/src/api/transport';
import { toImportFiles, type UploadCache } from '../../renderer/src/library/uploadFile';
import { makeSpan, openTestWorkspace, tempDir } from '../service/testWorkspace';
import type { WorkspaceSession } from '../service/workspace';
import { startHost, type RunningHost } from './httpHost';

const KiB = 1024;
const LIMIT = 64 * KiB;
const T0 = '2026-01-01T00:00:00.000Z';

let tmp: ReturnType<typeof tempDir>;
let host: RunningHost;
let session: WorkspaceSession;

beforeEach(async () => {
  tmp = tempDir();
  const staticDir = path.join(tmp.dir, 'static');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html>');
  ({ session } = await openTestWorkspace(path.join(tmp.dir, 'ws'), { seed: false }));
  host = await startHost({
    dispatch: session.dispatch,
    staticDir,
    port: 0,
    bodyLimits: { previewImport: LIMIT, commitImport: LIMIT, appendUpload: LIMIT },
  });
});
afterEach(async () => {
  await host.close();
  await session.close();
  tmp.cleanup();
});

describe('the browser host', () => {
  it('imports a JSONL file larger than a request body may be, sent ahead in chunks', async () => {
    const api = createApiClient(httpInvoke(host.token, (url, init) => fetch(`http://127.0.0.1:${host.port}${String(url)}`, init)));
    const lines = Array.from({ length: 400 }, (_, i) =>
      articleToJsonlLine({
        id: `big${i}`,
        title: `Article ${i}`,
        text: `Khaji ${i} denounced the presence of foreign troops. `.repeat(8),
        status: 'in_progress',
        createdAt: T0,
        updatedAt: T0,
        spans: [makeSpan('s1', 'actor', 0, 5)],
        statements: [],
      }),
    );
    const file = new File([lines.join('\n') + '\n'], 'big.jsonl');
    expect(file.size).toBeGreaterThan(3 * LIMIT);

    // Inline, the request is refused: it is over the limit.
    const inline = await toImportFiles(api, [file], 'jsonl', new Map(), { threshold: Infinity });
    await expect(api.commitImport({ format: 'jsonl', files: inline, options: {} })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('commitImport accepts a request body of at most 64 KiB'),
    });

    const progress: number[] = [];
    const cache: UploadCache = new Map();
    const files = await toImportFiles(api, [file], 'jsonl', cache, { threshold: LIMIT / 2, chunkBytes: LIMIT / 2, onProgress: (sent) => progress.push(sent) });
    expect(files).toEqual([{ name: 'big.jsonl', uploadId: expect.any(String) }]);
    expect(progress.length).toBeGreaterThan(6);
    expect(progress.at(-1)).toBe(file.size);
    expect(await api.previewImport({ format: 'jsonl', files, options: {} })).toMatchObject({ articles: 400, spans: 400 });
    expect(await api.commitImport({ format: 'jsonl', files, options: {} })).toHaveLength(400);
    expect((await api.getArticle({ id: 'big399' })).text).toBe(`Khaji 399 denounced the presence of foreign troops. `.repeat(8));
  });
});
