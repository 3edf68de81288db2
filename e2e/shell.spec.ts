/**
 * The shipped shell's own guards, exercised through the built main.cjs and preload.cjs (the
 * `shell` target only; the browser host has its own guards, tested in electron/host/): the
 * IPC sender check, the app:// handler's path checks and headers, and the navigation and
 * download policies, each decided by the listener the main process registered.
 */
import http from 'node:http';
import type { Page } from '@playwright/test';
import { CONTENT_SECURITY_POLICY } from '../electron/main/security';
import { ipcChannel } from '../shared/api/operations';
import { test, expect, type Workbench } from './fixtures';
import { preloadScript } from './shell/shellWindow';

// Decided from the worker's target alone, before any app is started for a test that will not run.
test.skip(({ target }) => target !== 'shell', 'checks the stood-in Electron shell; the browser host has no IPC or app:// handler');

type BridgeResult = { ok: boolean; value?: unknown; error?: { code: string; message: string } };
const callBridge = (page: Page) =>
  page.evaluate(() => (window as unknown as { workbenchBridge: Record<string, (i: unknown) => Promise<unknown>> }).workbenchBridge.listArticles({}) as Promise<BridgeResult>);

const shellOf = (workbench: Workbench) => workbench.shell!;

test('an IPC call from a frame of another origin is refused by the main process; the app window is answered', async ({ app, workbench }) => {
  const own = await callBridge(app);
  expect(own.ok).toBe(true);
  expect(own.value).toEqual([expect.objectContaining({ title: expect.any(String) })]);

  // The app's own files, with the real preload, served from another origin: what a hostile page
  // that got hold of the bridge would look like. Only the sender check stands in its way.
  const { process: shell, window } = shellOf(workbench);
  const foreign = await app.context().newPage();
  await foreign.route('https://foreign.example/**', async (route) => {
    const url = new URL(route.request().url());
    await route.fulfill({ response: await route.fetch({ url: shell.origin + url.pathname + url.search }) });
  });
  await foreign.addInitScript({ content: preloadScript(window.options.webPreferences!.preload!) });
  await foreign.goto('https://foreign.example/index.html');
  const refused = await callBridge(foreign);
  expect(refused).toEqual({ ok: false, error: { code: 'unauthorized', message: 'listArticles: the request did not come from the workbench window' } });
  await foreign.close();

  // A frame that is gone (Electron reports senderFrame null) is refused too; the app still answered after.
  expect(await shell.invoke(ipcChannel('listArticles'), null, [{}])).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  expect((await callBridge(app)).ok).toBe(true);
});

/** GET `rawPath` from the loopback origin exactly as written (no URL normalisation on the way). */
function rawGet(origin: string, rawPath: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(origin);
    const req = http.request({ hostname, port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject).end();
  });
}

test('requests for files outside the renderer (app://workbench/../package.json and friends) are refused by the real handler', async ({ app, workbench }) => {
  const { origin } = shellOf(workbench).process;
  // Files that exist next to or above the renderer folder (<repo>/dist/renderer).
  const outside = [
    '/../package.json',
    '/../../package.json',
    '/../../../package.json',
    '/%2e%2e/%2e%2e/package.json',
    '/..%2f..%2fpackage.json',
    '/assets/..%2f..%2f..%2fpackage.json',
    '/..%5c..%5cpackage.json',
    '/%2E%2E%2F%2E%2E%2Fdist-electron%2Fmain.cjs',
    '/../../dist-electron/main.cjs',
    '/../../data/default-schema.json',
    '/index.html%00.js',
    '//etc/passwd',
  ];
  for (const rawPath of outside) {
    // As sent by a client that does not normalise the path, and as the page itself would fetch it.
    const raw = await rawGet(origin, rawPath);
    expect(raw.status, rawPath).toBe(404);
    expect(raw.headers['content-security-policy'], rawPath).toBe(CONTENT_SECURITY_POLICY);
    expect(raw.body, rawPath).toBe('not found');
    const fromPage = await app.evaluate(async (p) => {
      const res = await fetch(location.origin + p);
      return { status: res.status, csp: res.headers.get('content-security-policy'), body: await res.text() };
    }, rawPath);
    expect(fromPage, rawPath).toEqual({ status: 404, csp: CONTENT_SECURITY_POLICY, body: 'not found' });
  }
  // The handler does serve the app: index.html and its script, with the CSP and their types.
  const index = await rawGet(origin, '/index.html');
  expect([index.status, index.headers['content-type'], index.headers['content-security-policy']]).toEqual([200, 'text/html; charset=utf-8', CONTENT_SECURITY_POLICY]);
  const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(index.body)![1];
  expect((await rawGet(origin, `/${script}`)).headers['content-type']).toBe('text/javascript; charset=utf-8');
  expect((await rawGet(origin, '/index.html')).body).toContain('<div id="root">');
});

test('the window is the hardened one the main process asked for, with the sandbox on', async ({ workbench }) => {
  const { process: shell, window } = shellOf(workbench);
  expect(window.url).toBe('app://workbench/index.html');
  expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
  const { sandboxEnabled, privilegedSchemes } = await shell.request<{ sandboxEnabled: boolean; privilegedSchemes: unknown[] }>('calls');
  expect(sandboxEnabled).toBe(true);
  expect(privilegedSchemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
});

test('the page cannot navigate away: will-navigate refuses it and the app stays', async ({ app, workbench }) => {
  // The harness answers a refused navigation with 204 No Content: Chromium then stays where it is.
  const refused = app.waitForEvent('response', (r) => r.url().startsWith('https://evil.example/'));
  await app.evaluate(() => {
    location.href = 'https://evil.example/phish';
  });
  await refused;
  expect(app.url()).toBe(`${shellOf(workbench).process.origin}/index.html`);
  await expect(app.getByRole('heading', { name: 'Library', level: 1 })).toBeVisible();
  expect(shellOf(workbench).process.log.join('')).toContain('refused navigation to https://evil.example/phish');
});

/** A link with `attributes`, put into the app's page and clicked there (as displayed text could offer one). */
const clickLink = (app: Page, attributes: Record<string, string>) =>
  app.evaluate((attrs) => {
    const a = document.createElement('a');
    for (const [name, value] of Object.entries(attrs)) a.setAttribute(name, value);
    document.body.append(a);
    a.click();
    a.remove();
  }, attributes);

test('a download the app did not make (not a blob: of its origin) is cancelled by the session policy', async ({ app, workbench }) => {
  const download = workbench.download(() => clickLink(app, { href: 'data:application/octet-stream;base64,AAAA', download: 'payload.bin' }));
  await expect(download).rejects.toThrow('the shell refused to download data:application/octet-stream;base64,AAAA');
});

/** The windows Chromium makes for `app`'s page (its opener, even with noopener), seen as targets: whatever they show. */
async function watchWindowsOf(app: Page) {
  const pageSession = await app.context().newCDPSession(app);
  const { targetId } = (await pageSession.send('Target.getTargetInfo')).targetInfo;
  await pageSession.detach();
  const session = await app.context().browser()!.newBrowserCDPSession();
  const made = new Set<string>();
  const open = new Set<string>();
  session.on('Target.targetCreated', ({ targetInfo }) => {
    if (targetInfo.openerId !== targetId) return;
    made.add(targetInfo.targetId);
    open.add(targetInfo.targetId);
  });
  session.on('Target.targetDestroyed', ({ targetId: gone }) => open.delete(gone));
  await session.send('Target.setDiscoverTargets', { discover: true });
  return {
    /** Run `action`; resolves once it made a window and that window is gone again. */
    async madeAndClosed(action: () => Promise<unknown>) {
      const before = made.size;
      await action();
      await expect.poll(() => made.size, 'a window was made').toBe(before + 1);
      await expect.poll(() => open.size, 'the window was closed').toBe(0);
    },
    detach: () => session.detach(),
  };
}

test('window.open and target=_blank never make a window: web links go to the OS browser through the app handler, other schemes nowhere', async ({ app, workbench }) => {
  const shell = shellOf(workbench).process;
  const windows = await watchWindowsOf(app);
  const loaded: string[] = [];
  app.context().on('response', (r) => loaded.push(r.url()));

  await windows.madeAndClosed(() => app.evaluate(() => void window.open('https://example.org')));
  await expect.poll(() => shell.openedExternally).toEqual(['https://example.org/']);

  await windows.madeAndClosed(() => clickLink(app, { href: 'https://example.org/from-a-link', target: '_blank' }));
  await expect.poll(() => shell.openedExternally).toEqual(['https://example.org/', 'https://example.org/from-a-link']);
  // The refused windows loaded nothing.
  expect(loaded.filter((url) => url.startsWith('https://example.org'))).toEqual([]);

  // Not plain http(s): refused as a window and not handed to the OS either. (file: and javascript:
  // never get as far as the handler: Chromium and the CSP refuse them in the page.)
  for (const url of ['workbench-evil://open?x=1', 'mailto:someone@example.org']) {
    await windows.madeAndClosed(() => app.evaluate((u) => void window.open(u), url));
    await expect.poll(() => shell.log.join('')).toContain(`refused to open a window for ${url}`);
  }
  expect(shell.openedExternally).toEqual(['https://example.org/', 'https://example.org/from-a-link']);
  await windows.detach();
  await expect(app.getByRole('heading', { name: 'Library', level: 1 })).toBeVisible();
});

test("permissions the page asks for are refused, as the app's permission handlers answer", async ({ app }) => {
  const asked = await app.evaluate(async () => ({
    geolocation: (await navigator.permissions.query({ name: 'geolocation' })).state,
    notifications: Notification.permission,
    notificationRequest: await Notification.requestPermission(),
    clipboardRead: await navigator.clipboard.readText().then(
      () => 'read',
      (err: Error) => err.name,
    ),
  }));
  expect(asked).toEqual({ geolocation: 'denied', notifications: 'denied', notificationRequest: 'denied', clipboardRead: 'NotAllowedError' });
});
