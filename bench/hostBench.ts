/**
 * The browser host's memory for one large request body (issue 9, item 10): a 200 MB body posted
 * to importTextFiles (the largest inline body an operation takes: imports above 64 MiB travel as
 * uploaded chunks), and a 300 MiB one that is over the operation's limit. The host runs in a
 * child process of its own (this file, started with `child`), so its resident memory is its
 * own: before the request, the peak while it is read and parsed (the kernel's high-water mark,
 * reset just before), and after the answer (as left, then after full garbage collections).
 * The request names no real encoding, so the contract refuses it once the body is parsed: the
 * figures are the transport's own cost, not an importer's. Printed, never asserted.
 *
 * To compare another version of the host by hand (e.g. the one before a change, copied beside
 * it): `tsx bench/hostBench.ts compare electron/host/httpHostOld.ts`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { HOST_API_PREFIX, HOST_TOKEN_HEADER } from '../shared/api/bridge';
import type { Figure } from './nodeBench';

const MB = 1024 * 1024;
const THIS_FILE = fileURLToPath(import.meta.url);
const REPO_ROOT = path.resolve(path.dirname(THIS_FILE), '..');
const DEFAULT_HOST_MODULE = path.join(REPO_ROOT, 'electron', 'host', 'httpHost.ts');

interface Memory {
  rssMb: number;
  /** Peak resident memory since the last reset (VmHWM). */
  peakMb: number;
}
type ToChild = { type: 'memory'; resetPeak?: boolean; gc?: boolean };
type FromChild = { type: 'ready'; port: number; token: string } | ({ type: 'memory' } & Memory);

// ---- the child: a host on a fresh workspace, answering memory questions over IPC ----

function memory(): Memory {
  const rssMb = process.memoryUsage.rss() / MB;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return { rssMb, peakMb: Number(m[1]) / 1024 };
  } catch {
    // not Linux
  }
  return { rssMb, peakMb: process.resourceUsage().maxRSS / 1024 };
}

function resetPeak(): void {
  try {
    // "5" resets the process's peak resident set size (Linux, proc(5)).
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // not Linux: the peak then counts from the start
  }
}

async function runChild(hostModule: string): Promise<void> {
  const { openWorkspace } = await import('../electron/service/workspace');
  const { REPO_DATA_DIR } = await import('../electron/service/repoPaths');
  const { startHost } = (await import(pathToFileURL(hostModule).href)) as typeof import('../electron/host/httpHost');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-host-'));
  const session = await openWorkspace({ dir: path.join(tmp, 'ws'), dataDir: REPO_DATA_DIR, seed: false, appName: 'host benchmark' });
  const host = await startHost({ dispatch: session.dispatch, staticDir: tmp, port: 0 });
  const gc = (globalThis as { gc?: () => void }).gc;
  process.on('message', async (message: ToChild) => {
    if (message.gc && gc) {
      // A buffer's memory is released after the collection that finds it unreachable; a second
      // collection a moment later sees the memory actually returned.
      gc();
      await new Promise((resolve) => setTimeout(resolve, 300));
      gc();
    }
    if (message.resetPeak) resetPeak();
    process.send!({ type: 'memory', ...memory() } satisfies FromChild);
  });
  process.on('disconnect', () => {
    void host.close().then(() => session.close()).finally(() => {
      rmSync(tmp, { recursive: true, force: true });
      process.exit(0);
    });
  });
  process.send!({ type: 'ready', port: host.port, token: host.token } satisfies FromChild);
}

// ---- the parent: posts the bodies and reads the child's memory ----

function nextMessage(child: ChildProcess): Promise<FromChild> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`the host child exited (${code})`));
    child.once('exit', onExit);
    child.once('message', (m: FromChild) => {
      child.off('exit', onExit);
      resolve(m);
    });
  });
}

async function ask(child: ChildProcess, message: ToChild): Promise<Memory> {
  const reply = nextMessage(child);
  child.send(message);
  const m = await reply;
  if (m.type !== 'memory') throw new Error('unexpected message from the host child');
  return m;
}

/**
 * POST `body` (repeated up to `declaredBytes` when that is larger, to see a refusal) and resolve
 * with the status once answered; 0 when the host closed the connection before the answer was read.
 */
function post(port: number, token: string, operation: string, body: Buffer, declaredBytes = body.length): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: HOST_API_PREFIX + operation,
        headers: { 'content-type': 'application/json', 'content-length': declaredBytes, [HOST_TOKEN_HEADER]: token },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    // A refused upload is cut off by the host: writing the rest then fails, which may come
    // before the answer is read.
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (declaredBytes > body.length && (err.code === 'EPIPE' || err.code === 'ECONNRESET')) resolve(0);
      else reject(err);
    });
    if (declaredBytes === body.length) req.end(body);
    else {
      let left = declaredBytes;
      const writeMore = (): void => {
        while (!req.destroyed && left > 0) {
          const piece = left < body.length ? body.subarray(0, left) : body;
          left -= piece.length;
          if (!req.write(piece)) return void req.once('drain', writeMore);
        }
        if (!req.destroyed) req.end();
      };
      writeMore();
    }
  });
}

/** An importTextFiles request of about `bytes` with an encoding no file has: refused after it is parsed. */
function importBody(bytes: number): Buffer {
  const line = `${JSON.stringify({ title: 'An article', text: 'Ein Satz über das Wetter, "zitiert" und\tmit Tab. '.repeat(20) })}\n`;
  const content = line.repeat(Math.ceil(bytes / (line.length * 1.1)));
  return Buffer.from(JSON.stringify({ files: [{ name: 'corpus.txt', content, encoding: 'not-an-encoding' }] }));
}

async function measureHost(hostModule: string): Promise<Figure[]> {
  const child = fork(THIS_FILE, ['child', hostModule], { execArgv: ['--import', 'tsx', '--expose-gc'], cwd: REPO_ROOT });
  try {
    const ready = await nextMessage(child);
    if (ready.type !== 'ready') throw new Error('the host child did not start');
    const body = importBody(200 * MB);
    const before = await ask(child, { type: 'memory', gc: true, resetPeak: true });
    const t0 = performance.now();
    const status = await post(ready.port, ready.token, 'importTextFiles', body);
    const ms = performance.now() - t0;
    const after = await ask(child, { type: 'memory' });
    const afterGc = await ask(child, { type: 'memory', gc: true, resetPeak: true });
    const over = Buffer.alloc(8 * MB, 'x');
    const refusedStatus = await post(ready.port, ready.token, 'importTextFiles', over, 300 * MB);
    const refused = await ask(child, { type: 'memory' });
    const size = `${Math.round(body.length / MB)} MB body to importTextFiles`;
    return [
      { name: `${size}: answered ${status} in`, value: ms, unit: 'ms' },
      { name: `${size}: host RSS before`, value: before.rssMb, unit: 'MB' },
      { name: `${size}: peak RSS while it is read and parsed`, value: after.peakMb, unit: 'MB', goal: 'before + 3 copies at most' },
      { name: `${size}: RSS after the answer`, value: after.rssMb, unit: 'MB' },
      { name: `${size}: RSS after full GCs`, value: afterGc.rssMb, unit: 'MB', goal: 'near before' },
      {
        name: `300 MiB body over the limit: ${refusedStatus ? `answered ${refusedStatus}` : 'connection closed'}, peak RSS (at its start: ${Math.round(afterGc.rssMb)} MB)`,
        value: refused.peakMb,
        unit: 'MB',
        goal: 'no growth',
      },
    ];
  } finally {
    child.disconnect();
  }
}

export function benchHost(): Promise<Figure[]> {
  return measureHost(DEFAULT_HOST_MODULE);
}

if (process.argv[1] && path.resolve(process.argv[1]) === THIS_FILE) {
  const [mode, hostModule] = process.argv.slice(2);
  const main =
    mode === 'child'
      ? runChild(hostModule ?? DEFAULT_HOST_MODULE)
      : (async () => {
          const print = (label: string, figures: Figure[]) => figures.forEach((f) => console.log(`${label}: ${f.name}: ${f.value.toFixed(0)} ${f.unit}`));
          if (hostModule) print(path.basename(hostModule), await measureHost(path.resolve(hostModule)));
          print('httpHost.ts', await benchHost());
        })();
  main.catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
