import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { contentTypeFor, handleAppProtocol, registerAppScheme, resolveAppFile, serveAppRequest } from './appProtocol';
import { CONTENT_SECURITY_POLICY } from './security';

let tmp: string;
let rendererDir: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'workbench-protocol-'));
  rendererDir = path.join(tmp, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Workbench</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(path.join(rendererDir, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(path.join(tmp, 'secret.txt'), 'secret');
  writeFileSync(path.join(tmp, 'renderer-evil.txt'), 'sibling');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => serveAppRequest(new Request(url, { method }), rendererDir);

describe('resolveAppFile', () => {
  it('maps app://workbench paths to files inside the renderer folder', () => {
    expect(resolveAppFile(rendererDir, 'app://workbench/')).toBe(path.join(rendererDir, 'index.html'));
    expect(resolveAppFile(rendererDir, 'app://workbench/index.html')).toBe(path.join(rendererDir, 'index.html'));
    expect(resolveAppFile(rendererDir, 'app://workbench/assets/index-abc.js?v=1#x')).toBe(path.join(rendererDir, 'assets', 'index-abc.js'));
  });

  it('never resolves outside the renderer folder', () => {
    // Plain and %2e-encoded dot segments are folded away by the URL parser itself (as Chromium
    // does), so they land inside the folder; what survives parsing must still stay inside.
    for (const url of [
      'app://workbench/../secret.txt',
      'app://workbench/%2e%2e/secret.txt',
      'app://workbench/assets/../../../secret.txt',
      'app://workbench/%2e%2e/renderer-evil.txt',
    ]) {
      const file = resolveAppFile(rendererDir, url);
      expect(file === null || file.startsWith(rendererDir + path.sep), `${url} -> ${file}`).toBe(true);
    }
  });

  it('refuses encoded separators, NUL and malformed escapes', () => {
    for (const url of [
      'app://workbench/%2E%2E%2Fsecret.txt',
      'app://workbench/assets/..%2f..%2fsecret.txt',
      'app://workbench/..%5c..%5csecret.txt',
      'app://workbench/index.html%00.js',
      'app://workbench/%E0%A4%A',
    ]) {
      expect(resolveAppFile(rendererDir, url), url).toBeNull();
    }
  });

  it('serves our host only', () => {
    expect(resolveAppFile(rendererDir, 'app://evil/index.html')).toBeNull();
    expect(resolveAppFile(rendererDir, 'file:///index.html')).toBeNull();
  });
});

describe('serveAppRequest', () => {
  it('serves index.html with its content type and the CSP', async () => {
    const res = await get('app://workbench/index.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>Workbench</title>');
  });

  it('serves assets with the right content types', async () => {
    const js = await get('app://workbench/assets/index-abc.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1)');
    expect((await get('app://workbench/assets/index-abc.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers path traversal with 404 and never reads outside the folder', async () => {
    const readFile = vi.fn(async () => new Uint8Array());
    for (const url of ['app://workbench/..%2fsecret.txt', 'app://workbench/..%5csecret.txt', 'app://workbench/a/..%2f..%2f..%2fsecret.txt']) {
      const res = await serveAppRequest(new Request(url), rendererDir, readFile);
      expect(res.status, url).toBe(404);
    }
    expect(readFile).not.toHaveBeenCalled();
    // Dot segments the URL parser folds away end up inside the folder, where there is no such file.
    for (const url of ['app://workbench/../secret.txt', 'app://workbench/%2e%2e/secret.txt', 'app://workbench/%2e%2e/renderer-evil.txt']) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      expect(await res.text()).not.toMatch(/secret|sibling/);
    }
  });

  it('answers missing files and folders with 404, still with the CSP', async () => {
    for (const url of ['app://workbench/nope.js', 'app://workbench/assets/', 'app://workbench/assets']) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('accepts GET and HEAD only', async () => {
    expect((await get('app://workbench/index.html', 'HEAD')).status).toBe(200);
    expect((await get('app://workbench/index.html', 'POST')).status).toBe(405);
  });
});

describe('content types', () => {
  it('knows the files Vite emits and falls back to octet-stream', () => {
    expect(contentTypeFor('a.SVG')).toBe('image/svg+xml');
    expect(contentTypeFor('font.woff2')).toBe('font/woff2');
    expect(contentTypeFor('blob.bin')).toBe('application/octet-stream');
  });
});

describe('scheme registration', () => {
  it('registers app:// as standard, secure and fetchable, without bypassing the CSP', () => {
    const registerSchemesAsPrivileged = vi.fn();
    registerAppScheme({ registerSchemesAsPrivileged });
    const [[schemes]] = registerSchemesAsPrivileged.mock.calls;
    expect(schemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) }]);
    expect(schemes[0].privileges.bypassCSP).toBeUndefined();
  });

  it('handles app:// with the renderer folder', async () => {
    let handler: ((request: Request) => Promise<Response> | Response) | null = null;
    handleAppProtocol({ handle: (scheme: string, h: typeof handler) => { expect(scheme).toBe('app'); handler = h; } } as never, rendererDir);
    const res = await handler!(new Request('app://workbench/'));
    expect(res.status).toBe(200);
  });
});
