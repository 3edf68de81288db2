import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindowConstructorOptions, HandlerDetails, WindowOpenHandlerResponse } from 'electron';
import { HOST_CSP } from '../host/httpHost';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  createSecureWindow,
  denyAllPermissions,
  isAllowedDownload,
  hardenWebContents,
  isAllowedNavigation,
  isExternalLink,
  type BrowserWindowConstructor,
  type HardenableContents,
  type PermissionSession,
} from './security';

/** A webContents stand-in: real events, and the window-open handler kept for the test to call. */
class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null;
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse) {
    this.windowOpenHandler = handler;
  }
}

function hardened(options: Parameters<typeof hardenWebContents>[1] = {}) {
  const contents = new FakeWebContents();
  const warn = vi.fn();
  hardenWebContents(contents as unknown as HardenableContents, { warn, ...options });
  return { contents, warn };
}

function navigationEvent(url: string) {
  return { url, preventDefault: vi.fn() };
}

const openDetails = (url: string) => ({ url, frameName: '', features: '', disposition: 'new-window' }) as unknown as HandlerDetails;

describe('the app origin', () => {
  it('allows navigation within app://workbench only', () => {
    expect(isAllowedNavigation(APP_ENTRY_URL)).toBe(true);
    expect(isAllowedNavigation('app://workbench/assets/index-abc.js')).toBe(true);
    for (const url of [
      'https://evil.example/',
      'http://workbench/',
      'file:///etc/passwd',
      'app://evil/index.html',
      'app://workbench.evil.example/',
      'app://workbench:8080/',
      'app://user:pw@workbench/',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'not a url',
    ]) {
      expect(isAllowedNavigation(url), url).toBe(false);
    }
  });

  it('treats only plain http(s) links as external links', () => {
    expect(isExternalLink('https://en.mehrnews.com/news/1')).toBe(true);
    expect(isExternalLink('http://example.org/a')).toBe(true);
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'https://u:p@example.org/', 'app://workbench/']) {
      expect(isExternalLink(url), url).toBe(false);
    }
  });
});

describe('hardenWebContents', () => {
  it('prevents navigation to another origin', () => {
    const { contents } = hardened();
    const event = navigationEvent('https://evil.example');
    contents.emit('will-navigate', event, event.url);
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('lets the app navigate within its own origin', () => {
    const { contents } = hardened();
    const event = navigationEvent('app://workbench/index.html');
    contents.emit('will-navigate', event, event.url);
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('prevents subframe navigation and redirects to other origins', () => {
    const { contents } = hardened();
    const frame = { ...navigationEvent('https://evil.example/frame'), isMainFrame: false };
    contents.emit('will-frame-navigate', frame);
    const redirect = navigationEvent('http://127.0.0.1:9/');
    contents.emit('will-redirect', redirect, redirect.url);
    expect(frame.preventDefault).toHaveBeenCalled();
    expect(redirect.preventDefault).toHaveBeenCalled();
  });

  it('refuses to attach a <webview>', () => {
    const { contents } = hardened();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, { src: 'https://evil.example' });
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('denies every new window and opens nothing without an openExternal', () => {
    const { contents, warn } = hardened();
    expect(contents.windowOpenHandler?.(openDetails('https://example.org/'))).toEqual({ action: 'deny' });
    expect(warn).toHaveBeenCalled();
  });

  it('denies the window but shows a validated http(s) link in the OS browser', () => {
    const openExternal = vi.fn(async () => {});
    const { contents } = hardened({ openExternal });
    expect(contents.windowOpenHandler?.(openDetails('https://en.mehrnews.com/news/1'))).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://en.mehrnews.com/news/1');
  });

  it('never hands a non-http link to the OS', () => {
    const openExternal = vi.fn(async () => {});
    const { contents } = hardened({ openExternal });
    for (const url of ['file:///etc/passwd', 'smb://host/share', 'javascript:alert(1)', 'app://workbench/']) {
      expect(contents.windowOpenHandler?.(openDetails(url))).toEqual({ action: 'deny' });
    }
    expect(openExternal).not.toHaveBeenCalled();
  });
});

describe('denyAllPermissions', () => {
  it('answers every permission request and check with no', () => {
    let request: ((...args: unknown[]) => void) | null = null;
    let check: ((...args: unknown[]) => boolean) | null = null;
    const session = {
      setPermissionRequestHandler: (h: typeof request) => (request = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h),
    } as unknown as PermissionSession;
    denyAllPermissions(session);
    for (const permission of ['media', 'notifications', 'clipboard-read', 'openExternal', 'geolocation']) {
      const callback = vi.fn();
      request!({}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      expect(check!({}, permission, 'app://workbench', {})).toBe(false);
    }
  });
});

describe('createSecureWindow', () => {
  it('creates the window sandboxed, context-isolated and without Node', () => {
    const constructed: BrowserWindowConstructorOptions[] = [];
    const FakeWindow = function (this: unknown, options: BrowserWindowConstructorOptions) {
      constructed.push(options);
    } as unknown as BrowserWindowConstructor;
    createSecureWindow(FakeWindow, { preload: '/app/dist-electron/preload.cjs', title: 'T', width: 10, height: 10 });
    expect(constructed[0].show).toBe(false);
    expect(constructed[0].webPreferences).toMatchObject({
      preload: '/app/dist-electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });
});

describe('the Content Security Policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );

  it('allows scripts from our origin only: no inline, no eval, no remote', () => {
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
  });

  it('forbids plugins, <base>, framing and form posts', () => {
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
  });

  it('is the same policy the browser host sends', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(HOST_CSP);
  });
});

describe('isAllowedDownload', () => {
  it('allows object URLs of the app origin only', () => {
    expect(isAllowedDownload('blob:app://workbench/0b9f8e1c-1111-4222-8333-444455556666')).toBe(true);
    for (const url of [
      'blob:app://workbench.evil.example/x',
      'blob:app://user:pw@workbench/x',
      'blob:http://127.0.0.1:5173/x',
      'app://workbench/index.html',
      'https://example.com/file.zip',
      'data:text/plain,hi',
      'file:///etc/passwd',
      '',
    ])
      expect(isAllowedDownload(url), url).toBe(false);
  });
});
