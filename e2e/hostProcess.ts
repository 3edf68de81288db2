/**
 * The browser host (`npm run preview`) as a child process on a free port, for the e2e suite and
 * the browser benchmarks: started on a workspace folder, ready once it prints its URL, stopped
 * with SIGTERM (it then closes the workspace cleanly). Plain Node; no Playwright here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiResult, OperationInput, OperationName, OperationOutput } from '../shared/api/contract';
import { HOST_API_PREFIX, HOST_TOKEN_HEADER } from '../shared/api/bridge';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export type Api = <K extends OperationName>(name: K, input: OperationInput<K>) => Promise<OperationOutput<K>>;

/** The value of a result envelope, or an error naming the operation, code, file and place. */
export function unwrap<T>(name: string, result: ApiResult<T>): T {
  if (result.ok) return result.value;
  const { code, message, file, location } = result.error;
  throw new Error(`${name} failed (${code}): ${message}${file ? ` [${file}${location ? `:${location}` : ''}]` : ''}`);
}

/** Hosts still running, killed when this process exits however it exits (a timed-out test, Ctrl+C). */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** `npm run preview` as a child process: the browser host on a free port. */
export class HostProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly log: string[],
  ) {}

  get origin(): string {
    return new URL(this.url).origin;
  }

  get token(): string {
    return new URL(this.url).searchParams.get('token') ?? '';
  }

  static start(dir: string, seed: boolean, timeoutMs = 20_000): Promise<HostProcess> {
    const args = ['--import', 'tsx', 'electron/host/preview.ts', '--workspace', dir, '--port', '0', ...(seed ? [] : ['--no-seed'])];
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    child.once('exit', () => running.delete(child));
    const log: string[] = [];
    let stdout = '';
    let stderr = '';
    let settled = false;
    return new Promise((resolve, reject) => {
      const fail = (why: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(new Error(`The browser host did not start (${why}).\nstdout:\n${stdout}\nstderr:\n${stderr}`));
      };
      const timer = setTimeout(() => fail(`no "Workbench ready at" line within ${timeoutMs} ms`), timeoutMs);
      child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        log.push(chunk);
        const m = /Workbench ready at (http:\/\/\S+)/.exec(stdout);
        if (m && !settled) {
          settled = true;
          clearTimeout(timer);
          resolve(new HostProcess(child, m[1], log));
        }
      });
      child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        log.push(chunk);
      });
      child.once('error', (err) => fail(err.message));
      child.once('exit', (code, signal) => fail(`exited with ${signal ?? code} before it was ready`));
    });
  }

  /** SIGTERM: the host closes the workspace cleanly (flush, unlock) and exits. */
  async stop(timeoutMs = 10_000): Promise<void> {
    const child = this.child;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
  }

  api: Api = async (name, input) => {
    const response = await fetch(this.origin + HOST_API_PREFIX + name, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [HOST_TOKEN_HEADER]: this.token },
      body: JSON.stringify(input ?? {}),
    });
    return unwrap(name, (await response.json()) as ApiResult<never>);
  };
}
