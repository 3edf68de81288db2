/**
 * The `electron` module, stood in for in plain Node so the built dist-electron/main.cjs runs
 * without an Electron binary (the `shell` Playwright project; see ARCHITECTURE.md, "The shell
 * stand-in"). It has no behaviour of its own beyond recording and routing:
 *  - it records every call the main process makes (`harness.calls`, sent to the test on request);
 *  - it keeps what the main process registers (ipcMain handlers, protocol handlers, session and
 *    webContents listeners, window open handlers) in `harness`, where e2e/shell/runShell.mjs
 *    routes requests from the real Chromium page to them;
 *  - lifecycle events are emitted only when the harness says Electron would emit them (ready,
 *    window closed, quit), in Electron's order.
 * Any other part of Electron's API throws, naming itself, so a new use in electron/main/ shows
 * up here as a clear failure instead of a silent no-op.
 */
import { EventEmitter } from 'node:events';

/** Everything the main process did, in order: [api, ...arguments described]. */
const calls = [];
const record = (api, ...args) => calls.push([api, ...args]);

/** Throws for any property the stand-in does not provide: the main process uses something new. */
function strict(name, target) {
  return new Proxy(target, {
    get(obj, key) {
      if (key in obj || typeof key === 'symbol' || key === 'then' || key === 'toJSON') return obj[key];
      throw new Error(`electron stand-in: ${name}.${String(key)} is not stood in for (e2e/shell/electronStandIn.mjs)`);
    },
  });
}

/** An event Electron passes to preventable listeners. */
function preventableEvent(fields = {}) {
  const event = { ...fields, defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
  return event;
}

// ---- app -----------------------------------------------------------------------------------
let readyResolve;
const ready = new Promise((resolve) => (readyResolve = resolve));
const paths = {};
let quitting = false;

class App extends EventEmitter {
  constructor() {
    super();
    this.isPackaged = false;
  }
  whenReady() {
    record('app.whenReady');
    return ready;
  }
  isReady() {
    return harness.isReady;
  }
  getPath(name) {
    if (!(name in paths)) throw new Error(`electron stand-in: app.getPath('${name}') has no folder (set by runShell.mjs)`);
    return paths[name];
  }
  setPath(name, value) {
    record('app.setPath', name, value);
    paths[name] = value;
  }
  getAppPath() {
    return harness.appPath;
  }
  getName() {
    return 'Annotation Workbench';
  }
  getVersion() {
    return harness.version;
  }
  enableSandbox() {
    record('app.enableSandbox');
    harness.sandboxEnabled = true;
  }
  requestSingleInstanceLock() {
    // Each test has its own userData folder, so no other instance can hold the lock.
    record('app.requestSingleInstanceLock');
    return true;
  }
  /** As Electron: before-quit (preventable), then will-quit and quit, then the process ends. */
  quit() {
    record('app.quit');
    if (quitting) return;
    const event = preventableEvent();
    this.emit('before-quit', event);
    if (event.defaultPrevented) return;
    quitting = true;
    this.emit('will-quit', preventableEvent());
    this.emit('quit', preventableEvent(), 0);
    harness.exit(0);
  }
  exit(code = 0) {
    record('app.exit', code);
    quitting = true;
    harness.exit(code);
  }
}
const app = strict('app', new App());

// ---- webContents, BrowserWindow ------------------------------------------------------------
let nextId = 1;
class WebContents extends EventEmitter {
  constructor() {
    super();
    this.id = nextId++;
    this.windowOpenHandler = null;
  }
  setWindowOpenHandler(handler) {
    record('webContents.setWindowOpenHandler');
    this.windowOpenHandler = handler;
  }
  isDestroyed() {
    return harness.windows.every((w) => w.webContents !== this || w.destroyed);
  }
}

class BrowserWindow extends EventEmitter {
  static getAllWindows() {
    return harness.windows.filter((w) => !w.destroyed);
  }
  constructor(options) {
    super();
    record('new BrowserWindow', options);
    this.options = options;
    this.destroyed = false;
    this.shown = false;
    this.url = null;
    this.webContents = strict('webContents', new WebContents());
    harness.windows.push(this);
    // Electron creates the window's webContents with the window and announces it.
    app.emit('web-contents-created', preventableEvent(), this.webContents);
  }
  loadURL(url) {
    record('BrowserWindow.loadURL', url);
    this.url = url;
    harness.send({ type: 'window', id: this.webContents.id, url, options: this.options });
    return new Promise((resolve, reject) => harness.loads.set(this.webContents.id, { resolve, reject }));
  }
  show() {
    record('BrowserWindow.show');
    this.shown = true;
  }
  focus() {
    record('BrowserWindow.focus');
  }
  restore() {
    record('BrowserWindow.restore');
  }
  isMinimized() {
    return false;
  }
  isDestroyed() {
    return this.destroyed;
  }
}

// ---- ipcMain, protocol, session ------------------------------------------------------------
const ipcMain = strict('ipcMain', {
  handle(channel, listener) {
    record('ipcMain.handle', channel);
    if (harness.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    harness.ipcHandlers.set(channel, listener);
  },
  removeHandler(channel) {
    record('ipcMain.removeHandler', channel);
    harness.ipcHandlers.delete(channel);
  },
});

const protocol = strict('protocol', {
  registerSchemesAsPrivileged(schemes) {
    record('protocol.registerSchemesAsPrivileged', schemes);
    harness.privilegedSchemes.push(...schemes);
  },
  handle(scheme, handler) {
    record('protocol.handle', scheme);
    harness.protocolHandlers.set(scheme, handler);
  },
});

class Session extends EventEmitter {
  setPermissionRequestHandler(handler) {
    record('session.setPermissionRequestHandler');
    harness.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler) {
    record('session.setPermissionCheckHandler');
    harness.permissionCheckHandler = handler;
  }
}
const defaultSession = strict('session.defaultSession', new Session());
const session = strict('session', {
  get defaultSession() {
    if (!harness.isReady) throw new Error('electron stand-in: session.defaultSession read before the app is ready');
    return defaultSession;
  },
});

// ---- dialog, shell: answered by the test ---------------------------------------------------
const dialog = strict('dialog', {
  showErrorBox(title, content) {
    record('dialog.showErrorBox', title, content);
    harness.send({ type: 'errorBox', title, content });
  },
});

const shell = strict('shell', {
  openExternal(url) {
    record('shell.openExternal', url);
    harness.send({ type: 'openExternal', url });
    return Promise.resolve();
  },
});

/** Not Electron's: the registries and hooks e2e/shell/runShell.mjs routes through. */
export const harness = {
  calls,
  appPath: process.cwd(),
  version: '0.0.0',
  isReady: false,
  sandboxEnabled: false,
  privilegedSchemes: [],
  windows: [],
  /** Pending loadURL promises by webContents id, settled when the page has loaded (or failed). */
  loads: new Map(),
  ipcHandlers: new Map(),
  protocolHandlers: new Map(),
  permissionRequestHandler: null,
  permissionCheckHandler: null,
  defaultSession,
  preventableEvent,
  send: () => {},
  exit: (code) => process.exit(code),
  setPath: (name, value) => (paths[name] = value),
  becomeReady() {
    harness.isReady = true;
    app.emit('ready', preventableEvent(), {});
    readyResolve();
  },
};

/** What `require('electron')` returns in the main process. */
export const electron = { app, BrowserWindow, ipcMain, protocol, session, dialog, shell };
