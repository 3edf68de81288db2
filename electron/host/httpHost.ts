/**
 * The browser host: the same service the Electron app uses, behind a loopback HTTP server,
 * for browser end-to-end tests and preview. Only the transport differs from IPC: requests go
 * through the same `dispatch` and therefore the same validation.
 *
 * Other local web pages must not be able to drive it: it listens on 127.0.0.1 only, every API
 * call must carry the per-launch token (given only in the printed URL), the Host header must
 * name the loopback address (defeats DNS rebinding), and a cross-origin Origin is refused. All
 * three are checked before a byte of the body is read.
 *
 * Nor may a client, even one with the token, make it hold much memory or many sockets: each
 * operation has a body limit (shared/api/bodyLimits.ts) refused with 413 before reading, and
 * slow or silent clients are cut off by the timeouts below.
 */
import { isUtf8 } from 'node:buffer';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { promises as fsp } from 'node:fs';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import path from 'node:path';
import { HOST_API_PREFIX, HOST_TOKEN_HEADER } from '../../shared/api/bridge';
import { bodyTooLargeMessage, REQUEST_BODY_LIMITS } from '../../shared/api/bodyLimits';
import { isOperationName, type ApiResult, type ErrorCode, type OperationName } from '../../shared/api/contract';
import type { Dispatch } from '../../shared/api/dispatch';
import { PACKED_JSON_HEADER, packJson } from '../../shared/api/packedJson';
import { BodyTooLargeError, bodyPending, declaredBodyLength, readBody } from './requestBody';

/** Same policy as the Electron window (see electron/main/security.ts). */
export const HOST_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

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

/**
 * How long the host waits on a client. Its clients are a browser on the same machine, which
 * sends a request as fast as it is written (a 256 MiB body in a second or two), so the limits
 * only ever cut off clients that stall or trickle on purpose; they are generous for a loaded
 * machine all the same.
 */
export interface HostTimeouts {
  /** From the start of a request until its headers are complete (a client that sends them byte by byte). */
  headersMs: number;
  /** From the start of a request until its body is complete, however steadily it trickles. */
  requestMs: number;
  /** An idle keep-alive connection between two requests. */
  keepAliveMs: number;
  /** Silence from a client the host is waiting on (a new connection, a stalled body); never while the host works on an answer. */
  idleMs: number;
}

export const DEFAULT_HOST_TIMEOUTS: HostTimeouts = { headersMs: 10_000, requestMs: 60_000, keepAliveMs: 5_000, idleMs: 15_000 };

export interface HostOptions {
  dispatch: Dispatch;
  /** Built renderer (index.html + assets). */
  staticDir: string;
  /** Per-launch secret; generated when absent. */
  token?: string;
  /** Tests use short ones; DEFAULT_HOST_TIMEOUTS for the rest. */
  timeouts?: Partial<HostTimeouts>;
  /** Tests lower some (to send a large file in chunks without megabytes of test data); REQUEST_BODY_LIMITS for the rest. */
  bodyLimits?: Partial<Record<OperationName, number>>;
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
    'content-length': String(Buffer.byteLength(body)),
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

/**
 * An API request refused without reading (all of) its body. When body bytes are still on their
 * way the connection is closed after the answer, so the host neither reads nor drains them (Node
 * would otherwise read and discard the rest to keep the connection alive).
 */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, code: ErrorCode, message: string) {
  if (req.socket.destroyed) return;
  const json = JSON.stringify({ ok: false, error: { code, message } } satisfies ApiResult<unknown>);
  send(res, status, json, 'application/json; charset=utf-8', bodyPending(req) ? { connection: 'close' } : {});
}

/** The body as JSON: checked and decoded from UTF-8 once; an empty body is `{}`. */
function parseJsonBody(body: Buffer): unknown {
  if (!isUtf8(body)) throw new Error('it is not UTF-8');
  const text = body.toString('utf8');
  return text === '' ? {} : JSON.parse(text);
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
  const idleMs = options.timeouts?.idleMs ?? DEFAULT_HOST_TIMEOUTS.idleMs;
  /** `expectsContinue`: the client waits for "100 Continue" before it sends the body (curl does for large ones). */
  return async (req: IncomingMessage, res: ServerResponse, expectsContinue = false) => {
    const unauthorized = (message: string) => refuse(req, res, 403, 'unauthorized', message);
    if (!options.allowedHosts().includes(req.headers.host ?? '')) return unauthorized('unexpected Host header');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');

    if (url.pathname.startsWith(HOST_API_PREFIX)) {
      const origin = req.headers.origin;
      if (origin && !options.allowedHosts().some((h) => origin === `http://${h}`)) return unauthorized('cross-origin request refused');
      if (!tokensMatch(req.headers[HOST_TOKEN_HEADER] as string | undefined, options.token))
        return unauthorized('missing or wrong workbench token');
      if (req.method !== 'POST') return refuse(req, res, 405, 'invalid_input', 'use POST');
      const name = url.pathname.slice(HOST_API_PREFIX.length);
      if (!isOperationName(name)) return refuse(req, res, 404, 'invalid_input', `unknown operation "${name}"`);
      const limit = options.bodyLimits?.[name] ?? REQUEST_BODY_LIMITS[name];
      const declared = declaredBodyLength(req);
      if (declared !== undefined && declared > limit) return refuse(req, res, 413, 'invalid_input', bodyTooLargeMessage(name, declared, limit));
      let input: unknown;
      try {
        // Node re-arms the socket's idle timer only for a connection's first request; while the
        // body arrives the host waits on the client, afterwards the client waits on the host.
        req.socket.setTimeout(idleMs);
        if (expectsContinue) res.writeContinue();
        input = parseJsonBody(await readBody(req, limit));
        req.socket.setTimeout(0);
      } catch (err) {
        if (err instanceof BodyTooLargeError) return refuse(req, res, 413, 'invalid_input', bodyTooLargeMessage(name, err.bytes, limit));
        return refuse(req, res, 400, 'invalid_input', `request body is not valid JSON: ${(err as Error).message}`);
      }
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
  const timeouts = { ...DEFAULT_HOST_TIMEOUTS, ...options.timeouts };
  const handler = createHostHandler({ ...options, token, timeouts, allowedHosts: () => [`127.0.0.1:${port}`, `localhost:${port}`] });
  const serve = (expectsContinue: boolean) => (req: IncomingMessage, res: ServerResponse) => {
    handler(req, res, expectsContinue).catch((err) => {
      if (!res.headersSent) sendResult(res, 500, { ok: false, error: { code: 'internal', message: String(err) } });
    });
  };
  const server = createServer(
    {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      keepAliveTimeout: timeouts.keepAliveMs,
      // Node checks the two limits above on this period (30 s by default), which would let a
      // connection outlive them by that much.
      connectionsCheckingInterval: Math.max(10, Math.min(1000, timeouts.headersMs / 4)),
    },
    serve(false),
  );
  // Applies to every new socket; without a 'timeout' listener Node destroys a socket that times out.
  server.setTimeout(timeouts.idleMs);
  // Answer "Expect: 100-continue" ourselves, so a refused request's body is never sent at all.
  server.on('checkContinue', serve(true));
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
