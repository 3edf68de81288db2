/**
 * The Electron shell's security policy in one place: the app's origin, the Content Security
 * Policy, the only way a window is created (sandboxed, context-isolated, no Node), and the
 * hardening applied to every webContents (no navigation away, no new windows, no <webview>,
 * no permissions). The renderer is our own code, but it displays untrusted news text and
 * imported files, so it is treated as if it could be compromised.
 */
import type {
  BrowserWindow as ElectronBrowserWindow,
  BrowserWindowConstructorOptions,
  Session,
  WebContents,
} from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'workbench';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Same policy as the browser host (electron/host/httpHost.ts HOST_CSP; a test keeps them equal).
 * No inline or remote script, no eval, no inline style: only our origin. Label colours are set
 * by React through the CSSOM (element.style), which CSP does not govern, so no 'unsafe-inline'
 * is needed anywhere. `blob:` images are object URLs the renderer creates itself.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True for URLs of our own app:// origin. Compared by parts, not by `URL.origin`: Node's URL
 * reports "null" as the origin of every non-special scheme, and a custom scheme is one.
 */
export function isAppUrl(url: string): boolean {
  const u = parseUrl(url);
  return (
    u !== null && u.protocol === `${APP_SCHEME}:` && u.hostname === APP_HOST && u.port === '' && u.username === '' && u.password === ''
  );
}

/** The app may only ever navigate within its own origin. */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/** Links the user may open in the OS browser: plain http(s) with a host and no credentials. */
export function isExternalLink(url: string): boolean {
  const u = parseUrl(url);
  return u !== null && (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '' && u.username === '' && u.password === '';
}

export type OpenExternal = (url: string) => Promise<void>;

export interface HardeningOptions {
  /**
   * Called with validated http(s) URLs the page tried to open in a new window (a source link
   * of an article, `<a target="_blank">`), to show them in the OS browser. Omit to drop them.
   */
  openExternal?: OpenExternal;
  /** Where refusals are reported. Default console.warn. */
  warn?: (message: string) => void;
}

/** The subset of WebContents the hardening uses (lets tests pass an EventEmitter). */
export type HardenableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Applied to every webContents the app creates (main.ts calls it from `web-contents-created`):
 * navigation and redirects never leave our origin, window.open never creates a window, and
 * <webview> never attaches.
 */
export function hardenWebContents(contents: HardenableContents, options: HardeningOptions = {}): void {
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const refuseNavigation = (event: { url: string; preventDefault(): void }, kind: string) => {
    if (isAllowedNavigation(event.url)) return;
    event.preventDefault();
    warn(`refused ${kind} to ${event.url}`);
  };
  // will-navigate for the main frame (also what the static scan looks for), will-frame-navigate
  // for subframes (it fires for the main frame too, already handled), will-redirect for server
  // redirects during either.
  contents.on('will-navigate', (event) => refuseNavigation(event, 'navigation'));
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) refuseNavigation(event, 'frame navigation');
  });
  contents.on('will-redirect', (event) => refuseNavigation(event, 'redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    warn('refused to attach a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (options.openExternal && isExternalLink(url)) {
      options.openExternal(url).catch((err: unknown) => warn(`could not open ${url}: ${String(err)}`));
    } else {
      warn(`refused to open a window for ${url}`);
    }
    return { action: 'deny' };
  });
}

/** The subset of Session the permission policy uses. */
export type PermissionSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;

/**
 * Downloads the app may start: files the renderer made itself and offers through
 * `<a download href="blob:...">` (exports, network images), i.e. object URLs of our own
 * origin. Electron then asks where to save them. Anything else (a remote or data: URL that
 * displayed text or an imported file might smuggle in) is cancelled.
 */
export function isAllowedDownload(url: string): boolean {
  return url.startsWith(`blob:${APP_ORIGIN}/`) && isAppUrl(url.slice('blob:'.length));
}

/** The subset of Session the download policy uses (lets tests pass an EventEmitter). */
export type DownloadSession = Pick<Session, 'on'>;

export function restrictDownloads(session: DownloadSession, warn: (message: string) => void = (m) => console.warn(m)): void {
  session.on('will-download', (event, item) => {
    const url = item.getURL();
    if (isAllowedDownload(url)) return;
    event.preventDefault();
    warn(`refused to download ${url}`);
  });
}

/** The workbench needs no camera, notifications, clipboard-read, geolocation, ...: deny all. */
export function denyAllPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

export type BrowserWindowConstructor = new (options: BrowserWindowConstructorOptions) => ElectronBrowserWindow;

export interface SecureWindowOptions {
  preload: string;
  title: string;
  width: number;
  height: number;
  minWidth?: number;
  minHeight?: number;
}

/**
 * The only place a BrowserWindow is constructed. The webPreferences are spelled out here, at
 * the `new BrowserWindow` call, on purpose: that is where reviewers and the Electronegativity
 * scan look for them.
 */
export function createSecureWindow(BrowserWindow: BrowserWindowConstructor, options: SecureWindowOptions): ElectronBrowserWindow {
  return new BrowserWindow({
    title: options.title,
    width: options.width,
    height: options.height,
    minWidth: options.minWidth,
    minHeight: options.minHeight,
    show: false,
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Middle-click (auxclick) is another way to open links in new windows; the app has no use for it.
      disableBlinkFeatures: 'Auxclick',
      // Annotators read and mark text, they do not write it; red underlines would only distract.
      spellcheck: false,
    },
  });
}
