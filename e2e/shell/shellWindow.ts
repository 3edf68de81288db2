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
 *    registered (will-navigate, will-download), which decide as they would in Electron;
 *  - windows the page opens (window.open, target=_blank) are put to the window open handler as
 *    Chromium announces them: a refused one loads nothing and is closed; the permissions the
 *    session's handlers refuse are refused by Chromium for the window's origin.
 * What this cannot show (no isolated world, no Electron sandbox, no GPU or OS integration) is
 * listed in ARCHITECTURE.md, "The shell stand-in".
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, CDPSession, Download, Page, Route } from '@playwright/test';
import type { ShellProcess, ShellWindow } from './shellProcess';

/** The page-side name of the IPC transport; the preload stand-in takes it and removes it from window. */
const IPC_BINDING = '__workbenchShellIpc';

/** `json`: the value as JSON text, when that carries it exactly (see `toPage`). */
type IpcReply = { ok: true; value?: unknown; json?: string } | { ok: false; message: string };

/**
 * The main process's answer (already structured-cloned on its way here) for the page. Playwright
 * carries an object graph into the page node by node, which for a 1 MB / 20,000-span article
 * takes seconds and would be counted as IPC; one JSON string is cheap. JSON is used only when
 * it gives back exactly the same value (plain objects and dense arrays of strings, finite
 * numbers, booleans and null: no undefined, -0, Date, Map, typed array, ...), so the page sees
 * what structured clone would have given it either way.
 */
function toPage(value: unknown): IpcReply {
  let exact = true;
  const json = JSON.stringify(value, function (this: Record<string, unknown>, key: string, replaced: unknown) {
    // `this[key]` is the value before toJSON (a Date's string comes in as `replaced`).
    const original = key === '' ? value : this[key];
    if (original === undefined || typeof original === 'bigint' || (typeof original === 'number' && (!Number.isFinite(original) || Object.is(original, -0)))) exact = false;
    else if (typeof original === 'object' && original !== null) {
      const proto = Object.getPrototypeOf(original);
      if (Array.isArray(original) ? proto !== Array.prototype || Object.keys(original).length !== original.length : proto !== Object.prototype) exact = false;
    }
    return replaced;
  });
  return exact && json !== undefined ? { ok: true, json } : { ok: true, value };
}

/**
 * Make `ipcRenderer.invoke` from any page of `context` reach the main process `shell()` is at
 * the time of the call, with the calling frame's URL as the sender. Once per context.
 */
export async function routeIpc(context: BrowserContext, shell: () => ShellProcess): Promise<void> {
  await context.exposeBinding(IPC_BINDING, async ({ frame }, channel: string, args: unknown[]): Promise<IpcReply> => {
    try {
      return toPage(await shell().invoke(channel, frame.url(), args));
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
  // Taken before any page script runs, as the preload's own globals would be.
  const parse = JSON.parse;
  const ipcRenderer = {
    async invoke(channel: string, ...args: unknown[]) {
      // What Electron does to the arguments first: throws DataCloneError on functions, DOM nodes, ...
      const reply = await invokeMain(channel, structuredClone(args));
      if (!reply.ok) throw new Error(`Error invoking remote method '${channel}': ${reply.message}`);
      return reply.json === undefined ? reply.value : parse(reply.json);
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

type WindowOpenAnswer = { action: 'allow' | 'deny' };

/** Electron's permission names, each with the Chromium permissions it stands for. */
const CHROMIUM_PERMISSIONS: Record<string, Array<{ name: string; sysex?: boolean }>> = {
  'clipboard-read': [{ name: 'clipboard-read' }],
  'clipboard-sanitized-write': [{ name: 'clipboard-write' }],
  geolocation: [{ name: 'geolocation' }],
  notifications: [{ name: 'notifications' }],
  media: [{ name: 'camera' }, { name: 'microphone' }],
  midi: [{ name: 'midi' }],
  midiSysex: [{ name: 'midi', sysex: true }],
  'idle-detection': [{ name: 'idle-detection' }],
  'storage-access': [{ name: 'storage-access' }],
  'window-management': [{ name: 'window-management' }],
};

/** Answers handed out in the order they were offered, to whoever asks first. */
class AnswerQueue<T> {
  private readonly answers: Array<Promise<T>> = [];
  private readonly waiting: Array<(answer: Promise<T>) => void> = [];
  offer(answer: Promise<T>): void {
    const waiter = this.waiting.shift();
    if (waiter) waiter(answer);
    else this.answers.push(answer);
  }
  take(): Promise<T> {
    const answer = this.answers.shift();
    return answer ?? new Promise<Promise<T>>((resolve) => this.waiting.push(resolve)).then((a) => a);
  }
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
  /** The window open handler's answers, in the order the page opened windows, until their popup appears. */
  private readonly openAnswers = new AnswerQueue<WindowOpenAnswer>();
  /** The same answers by URL, for the first request of the new window. */
  private readonly openAnswersByUrl = new Map<string, Promise<WindowOpenAnswer>>();
  /** Refused windows waiting for Playwright to show their page, by target id. */
  private readonly popupPages = new Map<string, (page: Page) => void>();

  private constructor(
    readonly page: Page,
    private readonly target: { targetId: string; browserContextId?: string },
    /** A session on the browser: new targets, permissions. */
    private readonly browserCdp: CDPSession,
  ) {}

  static async create(context: BrowserContext): Promise<WindowPage> {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const { targetInfo } = await cdp.send('Target.getTargetInfo');
    const browser = context.browser();
    if (!browser) throw new Error('the shell window page needs a launched browser (its CDP session)');
    const browserCdp = await browser.newBrowserCDPSession();
    page.once('close', () => void browserCdp.detach().catch(() => {}));
    const windowPage = new WindowPage(page, targetInfo, browserCdp);
    await page.route('**/*', (route) => windowPage.route(route));
    // Chromium reports window.open and target=_blank before it makes the window: that is when
    // Electron asks the window open handler.
    await cdp.send('Page.enable');
    cdp.on('Page.windowOpen', (event) => windowPage.windowOpen(event.url, event.windowName, event.windowFeatures.join(',')));
    // The window Chromium then makes, seen as a target whatever it shows (Playwright shows no
    // page for one that never commits a navigation, e.g. a custom scheme's).
    browserCdp.on('Target.targetCreated', ({ targetInfo: created }) => {
      if (created.openerId === targetInfo.targetId) void windowPage.popup(created.targetId);
    });
    context.on('page', (shown) => void windowPage.pageShown(shown));
    await browserCdp.send('Target.setDiscoverTargets', { discover: true });
    await context.route('**/*', (route) => windowPage.routePopup(route));
    return windowPage;
  }

  private windowOpen(url: string, frameName: string, features: string): void {
    if (!this.shown) return;
    const { shell, window } = this.shown;
    const answer = shell.request<WindowOpenAnswer>('windowOpen', { windowId: window.id, url, frameName, features }).catch((err: Error): WindowOpenAnswer => {
      shell.log.push(`[stand-in] the window open handler failed, the window is not opened: ${err.message}\n`);
      return { action: 'deny' };
    });
    this.openAnswers.offer(answer);
    this.openAnswersByUrl.set(url, answer);
  }

  /** A window Chromium made for the page (its opener, even with noopener): closed unless the handler allowed it. */
  private async popup(targetId: string): Promise<void> {
    const { action } = await this.openAnswers.take();
    // Allowed windows stay as plain pages: the stand-in makes no BrowserWindow for them.
    if (action === 'allow') return;
    // Closed through Playwright once it shows the page: closing the target while Playwright still
    // holds it paused can leave the opener's renderer (shared with the popup) paused too. A
    // window that never commits a navigation (a custom scheme) is never shown: closed as a target.
    const shown = await Promise.race([
      new Promise<Page>((resolve) => this.popupPages.set(targetId, resolve)),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 1000)),
    ]);
    this.popupPages.delete(targetId);
    if (shown) await shown.close().catch(() => {});
    else await this.browserCdp.send('Target.closeTarget', { targetId }).catch(() => {});
  }

  private async pageShown(shown: Page): Promise<void> {
    if (shown === this.page) return;
    try {
      const cdp = await shown.context().newCDPSession(shown);
      const { targetId } = (await cdp.send('Target.getTargetInfo')).targetInfo;
      await cdp.detach();
      this.popupPages.get(targetId)?.(shown);
    } catch {
      // closed meanwhile
    }
  }

  /** The first request of a window the page opened waits for the handler's answer: a refused window loads nothing. */
  private async routePopup(route: Route): Promise<void> {
    const answer = this.openAnswersByUrl.get(route.request().url());
    if (!answer) return route.fallback();
    this.openAnswersByUrl.delete(route.request().url());
    if ((await answer).action === 'allow') return route.fallback();
    // The refused window may be closed already, which cancels its request just as well.
    return route.abort('blockedbyclient').catch(() => {});
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
    await this.obeyPermissionHandlers(shell, window);
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

  /**
   * Chromium has no hook that asks at the moment of a permission request, so the session's
   * handlers are asked for every permission before the window loads, and Chromium is set to
   * their answers for the window's origin: what the page's requests and queries then get is
   * what the handlers said (for as long as the browser session that set it stays attached).
   * A request handler and a check handler that disagree cannot be shown this way and are an error.
   */
  private async obeyPermissionHandlers(shell: ShellProcess, window: ShellWindow): Promise<void> {
    const answers = await shell.request<Record<string, { granted: boolean; checked: boolean }>>('permissions', {
      windowId: window.id,
      permissions: Object.keys(CHROMIUM_PERMISSIONS),
    });
    for (const [permission, { granted, checked }] of Object.entries(answers)) {
      if (granted !== checked) throw new Error(`the permission handlers disagree on ${permission} (request ${granted}, check ${checked}): the stand-in cannot show that`);
      for (const descriptor of CHROMIUM_PERMISSIONS[permission]) {
        await this.browserCdp.send('Browser.setPermission', {
          permission: descriptor,
          setting: granted ? 'granted' : 'denied',
          origin: new URL(window.loopbackUrl).origin,
          browserContextId: this.target.browserContextId,
        });
      }
    }
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
