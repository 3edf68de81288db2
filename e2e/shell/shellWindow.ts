/**
 * A BrowserWindow of the stood-in shell (shellProcess.ts), shown as a Playwright Chromium page:
 *  - the page loads the window's URL from the loopback origin that stands for app://workbench,
 *    so every byte, header and CSP it gets comes from the app's own app:// handler;
 *  - the window's real preload (webPreferences.preload, i.e. dist-electron/preload.cjs) runs in
 *    the page's main frame before any page script, with `require('electron')` giving stand-ins
 *    for `contextBridge` (exposes a frozen copy on window) and `ipcRenderer.invoke` (structured
 *    clone in the page, then a Playwright binding to the main process's ipcMain handler). The
 *    binding reports the calling frame's URL as Chromium knows it, not as the page claims it;
 *  - navigations the page starts and downloads are put to the listeners the main process
 *    registered (will-navigate, will-download), which decide as they would in Electron.
 * What this cannot show (no isolated world, no Electron sandbox, no GPU or OS integration) is
 * listed in ARCHITECTURE.md, "The shell stand-in".
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Download, Page, Route } from '@playwright/test';
import type { ShellProcess, ShellWindow } from './shellProcess';

/** The page-side name of the IPC transport; the preload stand-in takes it and removes it from window. */
const IPC_BINDING = '__workbenchShellIpc';

type IpcReply = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * Make `ipcRenderer.invoke` from any page of `context` reach the main process `shell()` is at
 * the time of the call, with the calling frame's URL as the sender. Once per context.
 */
export async function routeIpc(context: BrowserContext, shell: () => ShellProcess): Promise<void> {
  await context.exposeBinding(IPC_BINDING, async ({ frame }, channel: string, args: unknown[]): Promise<IpcReply> => {
    try {
      return { ok: true, value: await shell().invoke(channel, frame.url(), args) };
    } catch (err) {
      return { ok: false, message: (err as Error).message };
    }
  });
}

/** Page-side stand-ins, run before the preload bundle. Serialised into the init script. */
function preloadStandIns(binding: string) {
  // nodeIntegrationInSubFrames is off: Electron runs the preload in the main frame only.
  if (window !== window.top) return null;
  const w = window as unknown as Record<string, unknown>;
  const invokeMain = w[binding] as (channel: string, args: unknown[]) => Promise<IpcReply>;
  // The page cannot reach ipcRenderer in Electron; it does not get the harness's transport either.
  delete w[binding];
  const ipcRenderer = {
    async invoke(channel: string, ...args: unknown[]) {
      // What Electron does to the arguments first: throws DataCloneError on functions, DOM nodes, ...
      const reply = await invokeMain(channel, structuredClone(args));
      if (!reply.ok) throw new Error(`Error invoking remote method '${channel}': ${reply.message}`);
      return reply.value;
    },
  };
  // contextBridge hands the main world copies: functions are wrapped, objects copied and frozen.
  const copy = (value: unknown): unknown => {
    if (typeof value === 'function') return (...args: unknown[]) => (value as (...a: unknown[]) => unknown)(...args);
    if (value && typeof value === 'object') return Object.freeze(Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copy(v)])));
    return value;
  };
  const contextBridge = {
    exposeInMainWorld(key: string, api: unknown) {
      Object.defineProperty(window, key, { value: copy(api), enumerable: true, writable: false, configurable: false });
    },
  };
  return (id: string) => {
    if (id === 'electron') return { ipcRenderer, contextBridge };
    throw new Error(`Cannot find module '${id}' (a sandboxed preload can only require 'electron')`);
  };
}

/** The init script: the stand-ins, then the preload bundle as a CommonJS module. No eval (the CSP forbids it). */
export function preloadScript(preloadFile: string): string {
  const source = readFileSync(preloadFile, 'utf8');
  return `(() => {
  const require = (${preloadStandIns.toString()})(${JSON.stringify(IPC_BINDING)});
  if (!require) return;
  const module = { exports: {} };
  (function (require, module, exports) {
${source}
  })(require, module, module.exports);
})();`;
}

/**
 * The Chromium page that shows the shell's window. Kept across reopening (a new shell process,
 * a new window), as the browser target keeps its page, so specs holding the first page go on
 * working: closing the window blanks the page, the next window loads into it. The window's
 * preload runs in it, navigations the page starts are put to will-navigate, and each load is
 * reported back (ready-to-show, so the shell shows the window).
 */
export class WindowPage {
  private shown: { shell: ShellProcess; window: ShellWindow } | null = null;
  private preload: string | null = null;

  private constructor(readonly page: Page) {}

  static async create(context: BrowserContext): Promise<WindowPage> {
    const windowPage = new WindowPage(await context.newPage());
    await windowPage.page.route('**/*', (route) => windowPage.route(route));
    return windowPage;
  }

  // loadURL is the main process's own navigation; Electron asks will-navigate only for the page's.
  private async route(route: Route): Promise<void> {
    const request = route.request();
    if (!this.shown || !request.isNavigationRequest()) return route.continue();
    const { shell, window } = this.shown;
    const isMainFrame = request.frame() === this.page.mainFrame();
    const { allowed } = await shell.request<{ allowed: boolean }>('willNavigate', { windowId: window.id, url: request.url(), isMainFrame });
    // preventDefault in will-navigate cancels: the page stays. A 204 does that in Chromium; an
    // aborted request would replace the page with an error page instead.
    return allowed ? route.continue() : route.fulfill({ status: 204 });
  }

  /** Load the window the shell opened, with its preload. */
  async show(shell: ShellProcess, window: ShellWindow): Promise<Page> {
    const preload = window.options.webPreferences?.preload;
    if (typeof preload !== 'string') throw new Error('the shell opened a window without a preload');
    // Init scripts stay for the page's life: install the preload once, and refuse a different one.
    if (this.preload === null) await this.page.addInitScript({ content: preloadScript(preload) });
    else if (this.preload !== preload) throw new Error(`the shell changed its preload from ${this.preload} to ${preload}`);
    this.preload = preload;
    try {
      await this.page.goto(window.loopbackUrl);
    } catch (err) {
      await shell.request('loaded', { windowId: window.id, error: (err as Error).message }).catch(() => {});
      throw err;
    }
    this.shown = { shell, window };
    await shell.request('loaded', { windowId: window.id });
    return this.page;
  }

  /** The window is closed: nothing of it stays on screen. */
  async blank(): Promise<void> {
    this.shown = null;
    await this.page.goto('about:blank');
  }
}

/** A download Chromium started in the window: the session's will-download listeners decide. */
export async function admitDownload(shell: ShellProcess, window: ShellWindow, download: Download): Promise<void> {
  const { allowed } = await shell.request<{ allowed: boolean }>('willDownload', {
    windowId: window.id,
    url: download.url(),
    filename: download.suggestedFilename(),
  });
  if (!allowed) {
    await download.cancel();
    throw new Error(`the shell refused to download ${download.url()}:\n${shell.log.join('')}`);
  }
}
