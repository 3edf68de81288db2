/**
 * The browser host: the same service the Electron app uses, behind a loopback HTTP server,
 * for browser end-to-end tests and preview. Only the transport differs from IPC: requests go
 * through the same `dispatch` and therefore the same validation.
 *
 * Other local web pages must not be able to drive it: it listens on 127.0.0.1 only, every API
 * call must carry the per-launch token (given only in the printed URL), the Host header must
 * name the loopback address (defeats DNS rebinding), and a cross-origin Origin is refused.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { promises as fsp } from 'node:fs';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import path from 'node:path';
import { HOST_API_PREFIX, HOST_TOKEN_HEADER } from '../../shared/api/bridge';
import type { ApiResult } from '../../shared/api/contract';
import type { Dispatch } from '../../shared/api/dispatch';
import { PACKED_JSON_HEADER, packJson } from '../../shared/api/packedJson';

/** Same policy as the Electron window (see electron/main/security.ts). */
export const HOST_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

const MAX_BODY_BYTES = 512 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface HostOptions {
  dispatch: Dispatch;
  /** Built renderer (index.html + assets). */
  staticDir: string;
  /** Per-launch secret; generated when absent. */
  token?: string;
}

export interface RunningHost {
  server: Server;
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

export function newHostToken(): string {
  return randomBytes(24).toString('hex');
}

function tokensMatch(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(res: ServerResponse, status: number, body: string | Buffer, type: string, extraHeaders: Record<string, string> = {}) {
  res.writeHead(status, {
    'content-type': type,
    'content-security-policy': HOST_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    ...extraHeaders,
  });
  res.end(body);
}

/**
 * The result as JSON, packed (shared/api/packedJson.ts) when the request asked for it. (Gzip
 * was tried: it shortens the loopback transfer but not Chromium's hand-over of the decoded
 * body to the page, which is what costs.) Packing is marked on the response, so a client can always
 * tell which form it got (refusals before the request is read are plain).
 */
function sendResult(res: ServerResponse, status: number, result: ApiResult<unknown>, req?: IncomingMessage) {
  const packed = req?.headers[PACKED_JSON_HEADER] === '1';
  const json = JSON.stringify(packed ? packJson(result) : result);
  const headers: Record<string, string> = packed ? { [PACKED_JSON_HEADER]: '1' } : {};
  send(res, status, json, 'application/json; charset=utf-8', headers);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error(`request body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Resolve a URL path to a file inside `root`, or null if it would escape it. */
export function staticFileFor(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const rel = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const file = path.resolve(root, rel);
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

export function createHostHandler(options: HostOptions & { token: string; allowedHosts: () => string[] }) {
  const root = path.resolve(options.staticDir);
  return async (req: IncomingMessage, res: ServerResponse) => {
    const unauthorized = (message: string) => sendResult(res, 403, { ok: false, error: { code: 'unauthorized', message } });
    if (!options.allowedHosts().includes(req.headers.host ?? '')) return unauthorized('unexpected Host header');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');

    if (url.pathname.startsWith(HOST_API_PREFIX)) {
      const origin = req.headers.origin;
      if (origin && !options.allowedHosts().some((h) => origin === `http://${h}`)) return unauthorized('cross-origin request refused');
      if (!tokensMatch(req.headers[HOST_TOKEN_HEADER] as string | undefined, options.token))
        return unauthorized('missing or wrong workbench token');
      if (req.method !== 'POST') return sendResult(res, 405, { ok: false, error: { code: 'invalid_input', message: 'use POST' } });
      let input: unknown;
      try {
        const body = await readBody(req);
        input = body === '' ? {} : JSON.parse(body);
      } catch (err) {
        return sendResult(res, 400, { ok: false, error: { code: 'invalid_input', message: `request body is not valid JSON: ${(err as Error).message}` } });
      }
      const name = url.pathname.slice(HOST_API_PREFIX.length);
      const result = await options.dispatch(name, input);
      return sendResult(res, 200, result, req);
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed', 'text/plain');
    const file = staticFileFor(root, url.pathname);
    if (!file) return send(res, 404, 'not found', 'text/plain');
    try {
      const body = await fsp.readFile(file);
      send(res, 200, body, CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream');
    } catch {
      send(res, 404, 'not found', 'text/plain');
    }
  };
}

/** Start the host on 127.0.0.1:`port` (0 = any free port). */
export async function startHost(options: HostOptions & { port: number }): Promise<RunningHost> {
  const token = options.token ?? newHostToken();
  let port = options.port;
  const handler = createHostHandler({ ...options, token, allowedHosts: () => [`127.0.0.1:${port}`, `localhost:${port}`] });
  const server = createServer((req, res) => {
    handler(req, res).catch((err) => {
      if (!res.headersSent) sendResult(res, 500, { ok: false, error: { code: 'internal', message: String(err) } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as { port: number }).port;
  return {
    server,
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
