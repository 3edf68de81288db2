/**
 * The built Electron main process (dist-electron/main.cjs) as a Node child process under the
 * `electron` stand-in (runShell.mjs), seen from the test: start it on a workspace, learn the
 * window it opened, and tell it what Chromium did (page loaded, IPC call from a frame, download,
 * navigation, window closed). Messages cross with `serialization: 'advanced'`: v8.serialize and
 * deserialize, the structured clone Electron's IPC applies between renderer and main.
 * Plain Node; Playwright is driven by e2e/shell/shellWindow.ts.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../hostProcess';

const RUN_SHELL = path.join(REPO_ROOT, 'e2e', 'shell', 'runShell.mjs');
export const SHELL_MAIN = path.join(REPO_ROOT, 'dist-electron', 'main.cjs');

/** What `new BrowserWindow(options)` + `loadURL(url)` asked for. */
export interface ShellWindow {
  id: number;
  /** The URL the main process loaded (app://workbench/index.html). */
  url: string;
  /** The same page on the loopback origin that stands for app://workbench. */
  loopbackUrl: string;
  options: { webPreferences?: { preload?: string } & Record<string, unknown> } & Record<string, unknown>;
}

type Message =
  | { type: 'started'; origin: string }
  | ({ type: 'window' } & ShellWindow)
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; message: string }
  | { type: 'errorBox'; title: string; content: string }
  | { type: 'openExternal'; url: string };

/** Children still running, killed when this process exits however it exits. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export class ShellProcess {
  readonly log: string[] = [];
  /** dialog.showErrorBox calls, answered (dismissed) at once as a user would. */
  readonly errorBoxes: Array<{ title: string; content: string }> = [];
  readonly openedExternally: string[] = [];
  origin = '';
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private readonly windows: ShellWindow[] = [];
  private windowWaiters: Array<(w: ShellWindow) => void> = [];
  readonly exited: Promise<number | string>;

  private constructor(private readonly child: ChildProcess) {
    running.add(child);
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        running.delete(child);
        for (const { reject } of this.pending.values()) reject(new Error(`the shell exited (${signal ?? code})`));
        this.pending.clear();
        resolve(signal ?? code ?? 0);
      }),
    );
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => this.log.push(chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => this.log.push(chunk));
    child.on('message', (message: Message) => this.receive(message));
  }

  /** Start main.cjs with `args` (e.g. --workspace DIR) and folders for appData and userData. */
  static start(options: { args: string[]; appData: string; userData: string; appPath?: string }): ShellProcess {
    const child = fork(RUN_SHELL, options.args, {
      cwd: REPO_ROOT,
      serialization: 'advanced',
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: {
        ...process.env,
        SHELL_MAIN,
        SHELL_APP_PATH: options.appPath ?? REPO_ROOT,
        SHELL_APP_DATA: options.appData,
        WORKBENCH_USER_DATA_DIR: options.userData,
      },
    });
    return new ShellProcess(child);
  }

  private receive(message: Message): void {
    switch (message.type) {
      case 'started':
        this.origin = message.origin;
        break;
      case 'window': {
        const { type: _type, ...window } = message;
        this.windows.push(window);
        for (const waiter of this.windowWaiters.splice(0)) waiter(window);
        break;
      }
      case 'reply': {
        const pending = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.ok) pending?.resolve(message.value);
        else pending?.reject(new Error(message.message));
        break;
      }
      case 'errorBox':
        this.errorBoxes.push({ title: message.title, content: message.content });
        this.log.push(`[dialog.showErrorBox] ${message.title}: ${message.content}\n`);
        break;
      case 'openExternal':
        this.openedExternally.push(message.url);
        break;
    }
  }

  /** The first window the main process opens, or an error with its output if it exits first. */
  async firstWindow(timeoutMs = 20_000): Promise<ShellWindow> {
    if (this.windows.length) return this.windows[0];
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        new Promise<ShellWindow>((resolve) => this.windowWaiters.push(resolve)),
        this.exited.then((code) => {
          throw new Error(`the shell exited (${code}) before opening a window:\n${this.log.join('')}`);
        }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`the shell opened no window within ${timeoutMs} ms:\n${this.log.join('')}`)), timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  request<T>(type: string, fields: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      if (!this.child.connected) return reject(new Error(`the shell is gone (${type})`));
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ type, id, ...fields });
    });
  }

  /** ipcRenderer.invoke(channel, ...args) from the frame showing `frameUrl` (null: a frame that is gone). */
  invoke(channel: string, frameUrl: string | null, args: unknown[]): Promise<unknown> {
    return this.request('invoke', { channel, frameUrl, args });
  }

  /** The user closes the window; resolves once the process has exited (the workspace closed). */
  async close(timeoutMs = 10_000): Promise<number | string> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.exited;
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      const open = this.windows.filter((w) => w.id);
      if (open.length) for (const w of open) await this.request('closeWindow', { windowId: w.id }).catch(() => {});
      else await this.request('quit').catch(() => {});
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}
