/**
 * The browser host's resources (issue 9, items 10 and 11): bodies over an operation's limit are
 * refused before they are read, and clients that stall or trickle are cut off. The clients are
 * raw TCP sockets (node:net), so a test can send exactly the bytes it means to, and stop.
 */
import { connect, type Socket } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestWorkspace, tempDir } from '../service/testWorkspace';
import { startHost, type HostOptions, type RunningHost } from './httpHost';
import type { Dispatch } from '../../shared/api/dispatch';
import type { WorkspaceSession } from '../service/workspace';
import { REQUEST_BODY_LIMITS } from '../../shared/api/bodyLimits';

const MiB = 1024 * 1024;

let tmp: ReturnType<typeof tempDir>;
let session: WorkspaceSession;
const hosts: RunningHost[] = [];
const sockets: Socket[] = [];

beforeEach(async () => {
  tmp = tempDir();
  ({ session } = await openTestWorkspace(path.join(tmp.dir, 'ws')));
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  for (const h of hosts.splice(0)) await h.close();
  await session.close();
  tmp.cleanup();
});

async function host(options: Partial<HostOptions> = {}): Promise<RunningHost> {
  const h = await startHost({ dispatch: session.dispatch, staticDir: tmp.dir, port: 0, ...options });
  hosts.push(h);
  return h;
}

/** A raw connection: what it received so far, and when the server closed it (this side never does). */
interface Raw {
  socket: Socket;
  received(): string;
  /** Resolves with everything received once the connection is closed. */
  closed: Promise<string>;
  /** Resolves once the received text matches. */
  until(pattern: RegExp): Promise<string>;
}

function raw(port: number, ...writes: Array<string | Buffer>): Raw {
  const socket = connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  sockets.push(socket);
  let text = '';
  const waiters: Array<() => void> = [];
  socket.on('data', (d) => {
    text += d.toString('latin1');
    waiters.splice(0).forEach((w) => w());
  });
  // Writing to a connection the server has closed fails; what it answered before is what counts.
  socket.on('error', () => {});
  const closed = new Promise<string>((resolve) => socket.once('close', () => resolve(text)));
  const until = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        if (pattern.test(text)) return resolve(text);
        if (socket.destroyed) return reject(new Error(`closed without ${pattern}: ${text.slice(0, 300)}`));
        waiters.push(check);
      };
      socket.once('close', check);
      check();
    });
  for (const w of writes) socket.write(w);
  return { socket, received: () => text, closed, until };
}

/** The head of a request as a client with the launch token sends it. */
function head(h: RunningHost, requestLine: string, headers: Record<string, string | number> = {}): string {
  const all = { host: `127.0.0.1:${h.port}`, 'x-workbench-token': h.token, 'content-type': 'application/json', ...headers };
  return `${requestLine}\r\n${Object.entries(all).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`;
}

/** The JSON envelope of a raw HTTP response. */
function envelope(response: string): { ok: boolean; error?: { code: string; message: string } } {
  return JSON.parse(Buffer.from(response.slice(response.indexOf('\r\n\r\n') + 4), 'latin1').toString('utf8'));
}

async function listArticlesOk(h: RunningHost): Promise<boolean> {
  const res = await fetch(`http://127.0.0.1:${h.port}/api/listArticles`, {
    method: 'POST',
    headers: { 'x-workbench-token': h.token, 'content-type': 'application/json' },
    body: '{}',
  });
  return ((await res.json()) as { ok: boolean }).ok;
}

describe('the browser host refuses a body larger than its operation needs', () => {
  it.each([
    ['listArticles', 2 * MiB, '1 MiB'],
    ['editArticle', 40 * MiB, '32 MiB'],
    ['commitImport', 300 * MiB, '64 MiB'],
  ])('answers 413 to %s with a declared %i bytes before a byte of the body is sent, and closes', async (operation, bytes, limit) => {
    const h = await host();
    const response = await raw(h.port, head(h, `POST /api/${operation} HTTP/1.1`, { 'content-length': bytes })).closed;
    expect(response).toMatch(/^HTTP\/1\.1 413 /);
    expect(response).toMatch(/connection: close/i);
    expect(envelope(response)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(envelope(response).error!.message).toBe(
      `${operation} accepts a request body of at most ${limit} (${REQUEST_BODY_LIMITS[operation as 'listArticles']} bytes); this one is ${+(bytes / MiB).toFixed(1)} MiB (${bytes} bytes)` +
        (operation === 'commitImport' ? '; send larger files ahead in chunks (beginUpload, appendUpload; the Import dialog does) or import them with the command line (workbench import)' : ''),
    );
    expect(await listArticlesOk(h)).toBe(true);
  });

  it('stops reading a chunked body as soon as it passes the limit, answers 413 and closes the connection', async () => {
    const h = await host();
    const client = raw(h.port, head(h, 'POST /api/listArticles HTTP/1.1', { 'transfer-encoding': 'chunked' }));
    const chunk = `${(64 * 1024).toString(16)}\r\n${' '.repeat(64 * 1024)}\r\n`;
    // 1.5 MiB, and never the last chunk: only a host that stopped reading can answer.
    for (let i = 0; i < 24 && !client.socket.destroyed; i++) client.socket.write(chunk);
    const response = await client.closed;
    expect(response).toMatch(/^HTTP\/1\.1 413 /);
    expect(envelope(response).error!.message).toBe('listArticles accepts a request body of at most 1 MiB (1048576 bytes); this one is larger');
  });

  it('checks the Host header, the Origin and the token, then the operation name, before any body is read', async () => {
    const h = await host();
    const huge = { 'content-length': 900 * MiB };
    const answers = await Promise.all([
      raw(h.port, head(h, 'POST /api/commitImport HTTP/1.1', { ...huge, host: `evil.example:${h.port}` })).closed,
      raw(h.port, head(h, 'POST /api/commitImport HTTP/1.1', { ...huge, origin: 'http://evil.example' })).closed,
      raw(h.port, head(h, 'POST /api/commitImport HTTP/1.1', { ...huge, 'x-workbench-token': 'f'.repeat(48) })).closed,
      raw(h.port, head(h, 'POST /api/dropEverything HTTP/1.1', { 'content-length': 100 })).closed,
    ]);
    expect(answers.map((a) => a.slice(0, 12))).toEqual(['HTTP/1.1 403', 'HTTP/1.1 403', 'HTTP/1.1 403', 'HTTP/1.1 404']);
    expect(answers.slice(0, 3).map((a) => envelope(a).error!.code)).toEqual(['unauthorized', 'unauthorized', 'unauthorized']);
    expect(envelope(answers[3]).error!.message).toBe('unknown operation "dropEverything"');
  });

  it('answers a refused "Expect: 100-continue" request without asking for its body, and asks for an accepted one', async () => {
    const h = await host();
    const refused = await raw(h.port, head(h, 'POST /api/previewImport HTTP/1.1', { 'content-length': 257 * MiB, expect: '100-continue' })).closed;
    expect(refused).toMatch(/^HTTP\/1\.1 413 /);
    expect(refused).not.toContain('100 Continue');

    const accepted = raw(h.port, head(h, 'POST /api/listArticles HTTP/1.1', { 'content-length': 2, expect: '100-continue' }));
    await accepted.until(/^HTTP\/1\.1 100 Continue\r\n\r\n/);
    accepted.socket.write('{}');
    const response = await accepted.until(/\r\n\r\n.*\}$/s);
    expect(response).toMatch(/HTTP\/1\.1 200 /);
    expect(envelope(response.slice(response.indexOf('\r\n\r\n') + 4))).toMatchObject({ ok: true });
  });

  it('reads an allowed body whole and decodes it once: characters split between packets arrive intact', async () => {
    const h = await host();
    const text = 'Der Bürgermeister sagte: „Wir bauen“ 🐱 — مهر '.repeat(50);
    const body = Buffer.from(JSON.stringify({ files: [{ name: 'split.txt', content: text }] }));
    const client = raw(h.port, head(h, 'POST /api/importTextFiles HTTP/1.1', { 'content-length': body.length }));
    // Odd-sized pieces, each written on its own turn of the event loop, cut through multi-byte characters.
    for (let at = 0; at < body.length; at += 7) {
      client.socket.write(body.subarray(at, at + 7));
      await new Promise((resolve) => setImmediate(resolve));
    }
    const response = await client.until(/\r\n\r\n.*\]\}$/s);
    const added = envelope(response) as unknown as { ok: boolean; value: Array<{ id: string }> };
    expect(added.ok).toBe(true);
    const article = await session.dispatch('getArticle', { id: added.value[0].id });
    expect(article).toMatchObject({ ok: true, value: { text } });
  });

  it('refuses a body that is not UTF-8 instead of replacing its bytes', async () => {
    const h = await host();
    const body = Buffer.concat([Buffer.from('{"query":"caf'), Buffer.from([0xe9]), Buffer.from('"}')]);
    const response = await raw(h.port, head(h, 'POST /api/listArticles HTTP/1.1', { 'content-length': body.length }), body).until(/\}$/);
    expect(response).toMatch(/^HTTP\/1\.1 400 /);
    expect(envelope(response).error!.message).toBe('request body is not valid JSON: it is not UTF-8');
  });

  it('keeps serving after a client leaves in the middle of a body', async () => {
    const h = await host();
    const leaving = raw(h.port, head(h, 'POST /api/listArticles HTTP/1.1', { 'content-length': 1000 }), '{"query":');
    leaving.socket.end();
    await leaving.closed;
    expect(await listArticlesOk(h)).toBe(true);
  });
});

describe('the browser host closes connections of clients that stall or trickle', () => {
  it('cuts off silent, half-sent and trickling clients after its (short, configured) timeouts while serving others', async () => {
    const h = await host({ timeouts: { headersMs: 300, requestMs: 600, keepAliveMs: 200, idleMs: 400 } });
    const post = (operation: string, bytes: number) => head(h, `POST /api/${operation} HTTP/1.1`, { 'content-length': bytes });
    const kinds: Record<string, () => Raw> = {
      'connects and sends nothing': () => raw(h.port),
      'sends half a request line': () => raw(h.port, 'POST /api/listArt'),
      'sends headers without the blank line that ends them': () => raw(h.port, post('listArticles', 10).replace(/\r\n\r\n$/, '\r\n')),
      'trickles header lines': () => raw(h.port, 'GET / HTTP/1.1\r\n'),
      'stalls in the middle of a body': () => raw(h.port, post('listArticles', 1000), '{"query":'),
      'trickles a body': () => raw(h.port, post('listArticles', 1_000_000), '{"query":"'),
      'stays idle after a kept-alive request': () => raw(h.port, head(h, 'GET / HTTP/1.1')),
      'stalls in the body of a second request on a kept-alive connection': () => {
        const c = raw(h.port, head(h, 'GET / HTTP/1.1'));
        void c.until(/not found$/).then(() => c.socket.write(`${post('listArticles', 1000)}{"query":`));
        return c;
      },
    };
    const clients = Object.entries(kinds).flatMap(([kind, open]) => Array.from({ length: 50 }, () => ({ kind, client: open() })));
    const trickle = setInterval(() => {
      for (const { kind, client } of clients) {
        if (client.socket.destroyed) continue;
        if (kind === 'trickles a body') client.socket.write('a');
        if (kind === 'trickles header lines') client.socket.write('x-more: 1\r\n');
      }
    }, 20);
    try {
      // 400 clients hold connections; a normal request is served all the same.
      expect(await listArticlesOk(h)).toBe(true);
      const outcomes = await Promise.all(clients.map(async ({ kind, client }) => ({ kind, response: await client.closed })));
      expect(outcomes.length).toBe(400);
      // Node answers 408 to a request cut off by headersTimeout or requestTimeout.
      for (const { kind, response } of outcomes.filter((o) => o.kind.startsWith('trickles'))) expect(response, kind).toMatch(/^HTTP\/1\.1 408 /);
    } finally {
      clearInterval(trickle);
    }
  });

  it('never times out a request while the host works on its answer', async () => {
    let entered!: () => void;
    const working = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slowDispatch: Dispatch = async (name, input) => {
      if (name === 'getWorkspace') {
        entered();
        await gate;
      }
      return session.dispatch(name, input);
    };
    // The idle timeout is the shortest, so a silent connection is cut by it.
    const h = await host({ dispatch: slowDispatch, timeouts: { headersMs: 5000, requestMs: 5000, idleMs: 200 } });
    const held = raw(h.port, head(h, 'POST /api/getWorkspace HTTP/1.1', { 'content-length': 2 }), '{}');
    await working;
    // A connection opened after the held request's last byte, cut off for its silence: the held
    // one has been silent longer, and its timer (if it had one) fired first.
    await raw(h.port).closed;
    expect(held.socket.destroyed).toBe(false);
    release();
    const response = await held.until(/\r\n\r\n.*\}$/s);
    expect(response).toMatch(/^HTTP\/1\.1 200 /);
    expect(envelope(response)).toMatchObject({ ok: true });
  });
});
