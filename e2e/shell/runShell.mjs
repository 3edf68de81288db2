/**
 * Child process of the `shell` e2e project: runs the built Electron main process
 * (dist-electron/main.cjs) in plain Node under the `electron` stand-in (electronStandIn.mjs), and
 * routes to what the main process registered:
 *  - a loopback HTTP server stands for the app:// scheme: each request becomes
 *    `new Request('app://workbench/<path>')` handed to the handler main.cjs gave
 *    `protocol.handle('app', ...)`, and its Response (status, headers with the CSP, body) is
 *    written back unchanged. The server's origin stands for app://workbench and nothing else;
 *  - messages from the test process (Node IPC with `serialization: 'advanced'`, i.e.
 *    v8.serialize/deserialize, the structured clone Electron's IPC uses) invoke the ipcMain
 *    handlers with an event whose `senderFrame.url` is the calling frame's URL as Chromium
 *    reports it, mapped from the loopback origin to app://workbench only when it is that origin;
 *  - window, download, navigation and quit events are emitted when the test says Chromium or
 *    the user did the thing Electron would report; window.open and permission requests are put
 *    to the window open handler and the session's permission handlers, whose answers the test
 *    makes Chromium obey (e2e/shell/shellWindow.ts).
 * Usage: node runShell.mjs [main.cjs arguments, e.g. --workspace DIR]; env SHELL_MAIN (the bundle),
 * SHELL_APP_PATH (app.getAppPath()), SHELL_APP_DATA (app.getPath('appData')).
 */
import http from 'node:http';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electron, harness } from './electronStandIn.mjs';

const APP_ORIGIN = 'app://workbench';
const require = createRequire(import.meta.url);

// `require('electron')` from main.cjs gets the stand-in: resolved to a name of its own, whose
// entry in the CommonJS cache is already loaded.
const STAND_IN_ID = path.join(path.dirname(fileURLToPath(import.meta.url)), 'electron');
const standIn = new Module(STAND_IN_ID);
standIn.filename = STAND_IN_ID;
standIn.loaded = true;
standIn.exports = electron;
Module._cache[STAND_IN_ID] = standIn;
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'electron' ? STAND_IN_ID : resolveFilename.call(this, request, ...rest);
};

/** To the test process; a window's app:// URL goes with the loopback URL Chromium is to load. */
const send = (message) => {
  if (!process.connected) return;
  process.send(message.type === 'window' ? { ...message, loopbackUrl: toLoopbackUrl(message.url) } : message);
};
harness.send = send;
harness.exit = (code) => {
  server.close();
  // Let the last messages (and stdout) reach the test process before going.
  setImmediate(() => process.exit(code));
};

let loopbackOrigin = '';

/** The URL Electron would report for a URL of the loopback origin; any other URL unchanged. */
function toAppUrl(url) {
  const blob = url.startsWith('blob:');
  const inner = blob ? url.slice(5) : url;
  let parsed;
  try {
    parsed = new URL(inner);
  } catch {
    return url;
  }
  if (parsed.origin !== loopbackOrigin) return url;
  return `${blob ? 'blob:' : ''}${APP_ORIGIN}${parsed.pathname}${parsed.search}${parsed.hash}`;
}

function toLoopbackUrl(url) {
  return url.startsWith(`${APP_ORIGIN}/`) ? loopbackOrigin + url.slice(APP_ORIGIN.length) : url;
}

/** The app:// handler answers; what it returns is what Chromium gets. */
const server = http.createServer(async (req, res) => {
  const handler = harness.protocolHandlers.get('app');
  if (!handler) {
    res.writeHead(502, { 'content-type': 'text/plain' }).end('electron stand-in: no protocol handler for app:// yet');
    return;
  }
  try {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = chunks.length && req.method !== 'GET' && req.method !== 'HEAD' ? Buffer.concat(chunks) : undefined;
    const headers = Object.entries(req.headers).filter(([name]) => name !== 'host' && name !== 'connection');
    // req.url is the raw request target: dot segments Chromium did not fold are passed on as sent.
    const response = await handler(new Request(APP_ORIGIN + req.url, { method: req.method, headers, body }));
    const bytes = Buffer.from(await response.arrayBuffer());
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(req.method === 'HEAD' ? undefined : bytes);
  } catch (err) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(`electron stand-in: the app:// handler threw: ${err && err.stack}`);
  }
});

function windowById(id) {
  const window = harness.windows.find((w) => w.webContents.id === id);
  if (!window) throw new Error(`no window ${id}`);
  return window;
}

/** Requests from the test process; each answers { type: 'reply', id, ok, value | message }. */
const requests = {
  async invoke({ channel, frameUrl, args }) {
    const handler = harness.ipcHandlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const senderFrame = frameUrl === null ? null : { url: toAppUrl(frameUrl) };
    const event = { senderFrame, sender: harness.windows.find((w) => !w.destroyed)?.webContents, processId: process.pid, frameId: 1 };
    return handler(event, ...args);
  },
  loaded({ windowId, error }) {
    const window = windowById(windowId);
    const pending = harness.loads.get(windowId);
    harness.loads.delete(windowId);
    if (error) {
      window.webContents.emit('did-fail-load', harness.preventableEvent(), -2, error, window.url, true);
      pending?.reject(new Error(error));
    } else {
      window.webContents.emit('did-finish-load', harness.preventableEvent());
      pending?.resolve();
      window.emit('ready-to-show', harness.preventableEvent());
    }
    return { shown: window.shown };
  },
  /** The user closed the window: close (preventable), closed, then window-all-closed. */
  closeWindow({ windowId }) {
    const window = windowById(windowId);
    const event = harness.preventableEvent();
    window.emit('close', event);
    if (event.defaultPrevented) return { closed: false };
    window.destroyed = true;
    window.emit('closed');
    window.webContents.emit('destroyed');
    if (electron.BrowserWindow.getAllWindows().length === 0) {
      if (electron.app.listenerCount('window-all-closed') > 0) electron.app.emit('window-all-closed');
      else electron.app.quit();
    }
    return { closed: true };
  },
  /** Chromium started a download: the session's will-download listeners decide (preventDefault cancels). */
  willDownload({ windowId, url, filename }) {
    const event = harness.preventableEvent();
    const item = { getURL: () => toAppUrl(url), getFilename: () => filename, setSavePath() {}, once() {}, on() {} };
    harness.defaultSession.emit('will-download', event, item, windowById(windowId).webContents);
    return { allowed: !event.defaultPrevented };
  },
  /** The page is about to navigate (main frame) or a subframe is: will-navigate / will-frame-navigate. */
  willNavigate({ windowId, url, isMainFrame }) {
    const contents = windowById(windowId).webContents;
    const event = harness.preventableEvent({ url: toAppUrl(url), isMainFrame });
    if (isMainFrame) contents.emit('will-navigate', event, event.url);
    contents.emit('will-frame-navigate', event);
    return { allowed: !event.defaultPrevented };
  },
  /** window.open or target=_blank: the window open handler decides (none set: Electron allows). */
  windowOpen({ windowId, url, frameName = '', features = '' }) {
    const handler = windowById(windowId).webContents.windowOpenHandler;
    return handler ? handler({ url: toAppUrl(url), frameName, features, disposition: 'new-window', referrer: { url: '', policy: 'default' } }) : { action: 'allow' };
  },
  /**
   * What the session's permission handlers answer the window for each of `permissions`
   * (Electron's names): the request handler through its callback, the check handler by return.
   * None set: Electron grants.
   */
  async permissions({ windowId, permissions }) {
    const window = windowById(windowId);
    const details = { requestingUrl: window.url, isMainFrame: true, embeddingOrigin: APP_ORIGIN };
    const answers = {};
    for (const permission of permissions) {
      const request = harness.permissionRequestHandler;
      const check = harness.permissionCheckHandler;
      const granted = request ? await new Promise((resolve) => request(window.webContents, permission, resolve, details)) : true;
      const checked = check ? check(window.webContents, permission, APP_ORIGIN, details) : true;
      answers[permission] = { granted: granted === true, checked: checked === true };
    }
    return answers;
  },
  calls() {
    return { calls: harness.calls, sandboxEnabled: harness.sandboxEnabled, privilegedSchemes: harness.privilegedSchemes };
  },
  quit() {
    electron.app.quit();
    return {};
  },
};

process.on('message', async (message) => {
  const run = requests[message.type];
  try {
    if (!run) throw new Error(`electron stand-in: unknown request ${message.type}`);
    send({ type: 'reply', id: message.id, ok: true, value: await run(message) });
  } catch (err) {
    send({ type: 'reply', id: message.id, ok: false, message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
  }
});
// The test process went away (killed, timed out): do not outlive it.
process.on('disconnect', () => process.exit(1));

server.listen(0, '127.0.0.1', () => {
  loopbackOrigin = `http://127.0.0.1:${server.address().port}`;
  harness.appPath = process.env.SHELL_APP_PATH;
  harness.version = require(path.join(harness.appPath, 'package.json')).version;
  harness.setPath('appData', process.env.SHELL_APP_DATA);
  harness.setPath('temp', os.tmpdir());
  // Electron sets this to <exe>/resources; unused unless packaged, but main.ts reads it.
  process.resourcesPath = path.join(process.env.SHELL_APP_DATA, 'resources');
  send({ type: 'started', origin: loopbackOrigin });
  require(process.env.SHELL_MAIN);
  // Electron emits ready after the main script's first turn.
  setImmediate(() => harness.becomeReady());
});
