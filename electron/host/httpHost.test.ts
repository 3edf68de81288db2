import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestWorkspace, tempDir } from '../service/testWorkspace';
import { startHost, staticFileFor, type RunningHost } from './httpHost';
import type { WorkspaceSession } from '../service/workspace';
import { httpInvoke } from '../../renderer/src/api/transport';
import { PACKED_JSON_HEADER, unpackJson } from '../../shared/api/packedJson';

let tmp: ReturnType<typeof tempDir>;
let host: RunningHost;
let session: WorkspaceSession;
let staticDir: string;

beforeEach(async () => {
  tmp = tempDir();
  staticDir = path.join(tmp.dir, 'static');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Workbench</title>');
  writeFileSync(path.join(tmp.dir, 'secret.txt'), 'secret');
  ({ session } = await openTestWorkspace(path.join(tmp.dir, 'ws')));
  host = await startHost({ dispatch: session.dispatch, staticDir, port: 0 });
});
afterEach(async () => {
  await host.close();
  await session.close();
  tmp.cleanup();
});

const call = (name: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`http://127.0.0.1:${host.port}/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('the browser host', () => {
  it('serves the API to a caller with the launch token', async () => {
    const res = await call('listArticles', {}, { 'x-workbench-token': host.token });
    const json = await res.json();
    expect(json.ok).toBe(true);
    expect(json.value[0].title).toContain('Syria');
  });

  it('refuses calls without the token, with a wrong token, or from another origin', async () => {
    expect((await call('listArticles', {})).status).toBe(403);
    expect((await call('listArticles', {}, { 'x-workbench-token': 'f'.repeat(48) })).status).toBe(403);
    const cross = await call('listArticles', {}, { 'x-workbench-token': host.token, origin: 'http://evil.example' });
    expect(cross.status).toBe(403);
    expect((await cross.json()).error.code).toBe('unauthorized');
  });

  it('refuses a request whose Host header is not the loopback address (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: '/', headers: { host: `evil.example:${host.port}` } }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('validates the payload with the same contract as IPC', async () => {
    const json = await (await call('getArticle', { id: 7 }, { 'x-workbench-token': host.token })).json();
    expect(json).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('serves the renderer with a strict CSP and never files outside it', async () => {
    const res = await fetch(`http://127.0.0.1:${host.port}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await res.text()).toContain('Workbench');
    expect((await fetch(`http://127.0.0.1:${host.port}/..%2fsecret.txt`)).status).toBe(404);
    expect(staticFileFor(staticDir, '/../secret.txt')).toBeNull();
    expect(staticFileFor(staticDir, '/%2e%2e/secret.txt')).toBeNull();
  });

  it('sends packed results to clients that ask, which the renderer\'s transport unpacks to the same value', async () => {
    const plainApi = (name: string, body: unknown) => call(name, body, { 'x-workbench-token': host.token }).then((r) => r.json());
    const [summary] = (await plainApi('listArticles', {})).value;
    const edits = Array.from({ length: 12 }, (_, i) => ({
      type: 'addSpan',
      span: { id: `p${i}`, labelId: 'actor', start: i, end: i + 1, annotator: 'Sara', createdAt: '2026-11-29T06:00:00.000Z', updatedAt: '2026-11-29T06:00:00.000Z', ...(i % 2 ? { note: 'café 🐱' } : {}) },
    }));
    expect(await plainApi('editArticle', { articleId: summary.id, edits })).toMatchObject({ ok: true });
    const plain = await plainApi('getArticle', { id: summary.id });
    expect(plain.value.spans.length).toBeGreaterThanOrEqual(12);

    const packedResponse = await call('getArticle', { id: summary.id }, { 'x-workbench-token': host.token, [PACKED_JSON_HEADER]: '1' });
    expect(packedResponse.headers.get(PACKED_JSON_HEADER)).toBe('1');
    const packedBody = await packedResponse.json();
    expect(packedBody.value.spans).toHaveProperty('$table');
    expect(unpackJson(packedBody)).toStrictEqual(plain);

    const invoke = httpInvoke(host.token, (url, init) => fetch(`http://127.0.0.1:${host.port}${String(url)}`, init));
    expect(await invoke('getArticle', { id: summary.id })).toStrictEqual(plain);
    // Refusals are never packed, and still read as an envelope.
    const refused = await httpInvoke('f'.repeat(48), (url, init) => fetch(`http://127.0.0.1:${host.port}${String(url)}`, init))('listArticles', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });
});
