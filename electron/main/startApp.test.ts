import { EventEmitter } from 'node:events';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import { ipcChannel, OPERATION_NAMES } from '../../shared/api/contract';
import { WorkbenchError } from '../../shared/api/errors';
import { createMainWindow } from './mainWindow';
import { EXIT_WORKSPACE_LOCKED, startApp, type ShellDeps, type ShellWorkspace } from './startApp';
import { APP_ENTRY_URL, type BrowserWindowConstructor } from './security';

class FakeWebContents extends EventEmitter {
  setWindowOpenHandler = vi.fn();
}

class FakeWindow extends EventEmitter {
  static all: FakeWindow[] = [];
  static getAllWindows() {
    return FakeWindow.all.filter((w) => !w.destroyed);
  }
  destroyed = false;
  minimized = false;
  webContents = new FakeWebContents();
  loadURL = vi.fn(async (_url: string) => {});
  show = vi.fn();
  focus = vi.fn();
  restore = vi.fn(() => (this.minimized = false));
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    FakeWindow.all.push(this);
  }
  isDestroyed() {
    return this.destroyed;
  }
  isMinimized() {
    return this.minimized;
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  hasLock = true;
  paths: Record<string, string> = { appData: path.resolve('/home/ann/.config') };
  private readyResolve!: () => void;
  private readyPromise = new Promise<void>((resolve) => (this.readyResolve = resolve));
  enableSandbox = vi.fn();
  quit = vi.fn();
  exit = vi.fn();
  requestSingleInstanceLock = vi.fn(() => this.hasLock);
  whenReady = () => this.readyPromise;
  becomeReady() {
    this.readyResolve();
  }
  getPath = (name: string) => this.paths[name];
  setPath = vi.fn((name: string, value: string) => (this.paths[name] = value));
  getAppPath = () => path.resolve('/repo');
}

function fakeWorkspace(): ShellWorkspace & { close: ReturnType<typeof vi.fn> } {
  return { dir: '/ws', dispatch: vi.fn(async () => ({ ok: true as const, value: null })), close: vi.fn(async () => {}) };
}

function setup(overrides: Partial<ShellDeps> = {}, argv = ['electron', '.', '--workspace', '/tmp/ws'], prepareApp = (_app: FakeApp) => {}) {
  FakeWindow.all = [];
  const app = new FakeApp();
  prepareApp(app);
  const workspace = fakeWorkspace();
  const ipcHandlers = new Map<string, unknown>();
  const permission = { request: null as null | ((...a: unknown[]) => void), check: null as null | ((...a: unknown[]) => boolean) };
  const sessionEvents = new EventEmitter();
  const deps = {
    app,
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    ipcMain: { handle: vi.fn((c: string, h: unknown) => ipcHandlers.set(c, h)), removeHandler: vi.fn((c: string) => ipcHandlers.delete(c)) },
    dialog: { showErrorBox: vi.fn() },
    shell: { openExternal: vi.fn(async () => {}) },
    BrowserWindow: FakeWindow as unknown as BrowserWindowConstructor & { getAllWindows(): never[] },
    defaultSession: () => ({
      setPermissionRequestHandler: (h: typeof permission.request) => (permission.request = h),
      setPermissionCheckHandler: (h: typeof permission.check) => (permission.check = h),
      on: (event: string, listener: (...a: unknown[]) => void) => sessionEvents.on(event, listener),
    }),
    openWorkspace: vi.fn(async () => workspace),
    argv,
    env: {},
    platform: 'linux' as NodeJS.Platform,
    resourcesPath: path.resolve('/opt/wb/resources'),
    log: { error: vi.fn(), warn: vi.fn() },
    ...overrides,
  };
  const started = startApp(deps as unknown as ShellDeps);
  return { app, deps, workspace, ipcHandlers, permission, sessionEvents, started };
}

async function running(overrides: Partial<ShellDeps> = {}, argv?: string[]) {
  const s = setup(overrides, argv);
  s.app.becomeReady();
  expect(await s.started).toBe('running');
  return s;
}

describe('startApp before the app is ready', () => {
  it('registers the app:// scheme, enables the sandbox and fixes userData, and opens nothing yet', () => {
    const { app, deps } = setup();
    expect(deps.protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1);
    expect(app.enableSandbox).toHaveBeenCalled();
    expect(app.setPath).toHaveBeenCalledWith('userData', path.join(path.resolve('/home/ann/.config'), 'Annotation Workbench'));
    expect(deps.protocol.handle).not.toHaveBeenCalled();
    expect(deps.openWorkspace).not.toHaveBeenCalled();
    expect(FakeWindow.all).toHaveLength(0);
  });

  it('quits at once when another instance holds the single-instance lock', async () => {
    const { app, deps, started } = setup({}, undefined, (a) => (a.hasLock = false));
    expect(await started).toBe('second-instance');
    expect(app.quit).toHaveBeenCalled();
    app.becomeReady();
    await new Promise((r) => setTimeout(r, 0));
    expect(deps.openWorkspace).not.toHaveBeenCalled();
    expect(FakeWindow.all).toHaveLength(0);
  });
});

describe('startApp once ready', () => {
  it('opens the workspace named on the command line with the repository data folder', async () => {
    const { deps } = await running();
    expect(deps.openWorkspace).toHaveBeenCalledWith({
      dir: path.resolve('/tmp/ws'),
      dataDir: path.join(path.resolve('/repo'), 'data'),
      appName: 'Annotation Workbench',
    });
  });

  it('defaults the workspace to userData/workspace and, packaged, reads data from resources', async () => {
    const s = setup({}, ['/opt/wb/annotation-workbench']);
    s.app.isPackaged = true;
    s.app.becomeReady();
    await s.started;
    expect(s.deps.openWorkspace).toHaveBeenCalledWith(
      expect.objectContaining({
        dir: path.join(path.resolve('/home/ann/.config'), 'Annotation Workbench', 'workspace'),
        dataDir: path.join(path.resolve('/opt/wb/resources'), 'data'),
      }),
    );
  });

  it('wires IPC to the workspace, serves app:// and opens the hardened window on the app', async () => {
    const { deps, ipcHandlers, workspace } = await running();
    expect([...ipcHandlers.keys()].sort()).toEqual(OPERATION_NAMES.map(ipcChannel).sort());
    const handler = ipcHandlers.get(ipcChannel('listArticles')) as (e: unknown, input: unknown) => Promise<unknown>;
    await handler({ senderFrame: { url: 'app://workbench/index.html' } }, {});
    expect(workspace.dispatch).toHaveBeenCalledWith('listArticles', {});
    expect(deps.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(FakeWindow.all).toHaveLength(1);
    const [window] = FakeWindow.all;
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(window.options.webPreferences?.preload).toBe(path.join(path.resolve('/repo'), 'dist-electron', 'preload.cjs'));
    expect(window.loadURL).toHaveBeenCalledWith(APP_ENTRY_URL);
  });

  it('lets through downloads of files the app made (blob: of its origin) and cancels any other', async () => {
    const { sessionEvents, deps } = await running();
    const download = (url: string) => {
      const event = { preventDefault: vi.fn() };
      sessionEvents.emit('will-download', event, { getURL: () => url }, {});
      return event.preventDefault.mock.calls.length === 0;
    };
    expect(download('blob:app://workbench/4f1c2a9e-0c1d-4e5f-8a7b-123456789abc')).toBe(true);
    expect(download('https://evil.example/payload.exe')).toBe(false);
    expect(download('data:application/octet-stream;base64,AAAA')).toBe(false);
    expect(download('blob:https://evil.example/4f1c2a9e')).toBe(false);
    expect(download('blob:app://workbench.evil/x')).toBe(false);
    expect(deps.log.warn).toHaveBeenCalledWith('refused to download https://evil.example/payload.exe');
  });

  it('denies every permission on the default session', async () => {
    const { permission } = await running();
    const callback = vi.fn();
    permission.request!({}, 'media', callback, {});
    expect(callback).toHaveBeenCalledWith(false);
    expect(permission.check!({}, 'notifications', 'app://workbench', {})).toBe(false);
  });

  it('hardens every webContents that is created', async () => {
    const { app } = await running();
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    const event = { url: 'https://evil.example', preventDefault: vi.fn() };
    contents.emit('will-navigate', event, event.url);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
  });

  it('shows a clear error and quits when another process holds the workspace', async () => {
    const message = 'The workspace /tmp/ws is in use by workbench CLI (process 42 on host, since 2025-01-01). Close it and try again.';
    const s = setup({
      openWorkspace: vi.fn(async () => {
        throw new WorkbenchError('locked', message);
      }),
    });
    s.app.becomeReady();
    expect(await s.started).toBe('failed');
    expect(s.deps.dialog.showErrorBox).toHaveBeenCalledWith('Workspace in use', message);
    expect(s.app.exit).toHaveBeenCalledWith(EXIT_WORKSPACE_LOCKED);
    expect(FakeWindow.all).toHaveLength(0);
    expect(s.ipcHandlers.size).toBe(0);
  });

  it('reports any other failure to open the workspace with the folder name', async () => {
    const s = setup({
      openWorkspace: vi.fn(async () => {
        throw new WorkbenchError('corrupt_file', 'workspace.json is not valid JSON');
      }),
    });
    s.app.becomeReady();
    expect(await s.started).toBe('failed');
    expect(s.deps.dialog.showErrorBox).toHaveBeenCalledWith('Cannot open the workspace', expect.stringContaining(path.resolve('/tmp/ws')));
    expect(s.app.exit).toHaveBeenCalledWith(1);
  });

  it('refuses a --workspace flag without a folder', async () => {
    const s = setup({}, ['electron', '.', '--workspace']);
    s.app.becomeReady();
    expect(await s.started).toBe('failed');
    expect(s.deps.dialog.showErrorBox).toHaveBeenCalledWith(expect.any(String), expect.stringContaining('--workspace'));
    expect(s.deps.openWorkspace).not.toHaveBeenCalled();
  });
});

describe('quitting', () => {
  it('holds the quit until the workspace is closed, then quits for real', async () => {
    const { app, workspace, ipcHandlers } = await running();
    let finishClose!: () => void;
    workspace.close.mockImplementation(() => new Promise<void>((resolve) => (finishClose = resolve)));
    const first = { preventDefault: vi.fn() };
    app.emit('before-quit', first);
    expect(first.preventDefault).toHaveBeenCalled();
    expect(workspace.close).toHaveBeenCalledTimes(1);
    expect(ipcHandlers.size).toBe(0);
    // A second quit request while closing neither closes twice nor lets the app go.
    const second = { preventDefault: vi.fn() };
    app.emit('before-quit', second);
    expect(second.preventDefault).toHaveBeenCalled();
    expect(workspace.close).toHaveBeenCalledTimes(1);
    expect(app.quit).not.toHaveBeenCalled();

    finishClose();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
    const last = { preventDefault: vi.fn() };
    app.emit('before-quit', last);
    expect(last.preventDefault).not.toHaveBeenCalled();
  });

  it('still quits when closing the workspace fails, and says so', async () => {
    const { app, workspace, deps } = await running();
    workspace.close.mockRejectedValue(new Error('disk full'));
    app.emit('before-quit', { preventDefault: vi.fn() });
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
    expect(deps.log.error).toHaveBeenCalledWith(expect.stringContaining('disk full'));
  });

  it('quits when the last window closes, except on macOS', async () => {
    const linux = await running();
    linux.app.emit('window-all-closed');
    expect(linux.app.quit).toHaveBeenCalled();
    const mac = await running({ platform: 'darwin' });
    mac.app.emit('window-all-closed');
    expect(mac.app.quit).not.toHaveBeenCalled();
    FakeWindow.all[0].destroyed = true;
    mac.app.emit('activate');
    expect(FakeWindow.getAllWindows()).toHaveLength(1);
  });
});

describe('a second launch', () => {
  it('brings the existing window to the front', async () => {
    const { app } = await running();
    const [window] = FakeWindow.all;
    window.minimized = true;
    app.emit('second-instance', {}, ['electron', '.'], '/');
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
  });
});

describe('createMainWindow', () => {
  it('loads the app entry and shows the window once it is painted', () => {
    FakeWindow.all = [];
    const window = createMainWindow({ BrowserWindow: FakeWindow as unknown as BrowserWindowConstructor, preloadPath: '/p.cjs' }) as unknown as FakeWindow;
    expect(window.loadURL).toHaveBeenCalledWith('app://workbench/index.html');
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalled();
  });

  it('reports a failed load instead of leaving an unhandled rejection', async () => {
    FakeWindow.all = [];
    const logError = vi.fn();
    class FailingWindow extends FakeWindow {
      override loadURL = vi.fn(async () => {
        throw new Error('ERR_FILE_NOT_FOUND');
      });
    }
    createMainWindow({ BrowserWindow: FailingWindow as unknown as BrowserWindowConstructor, preloadPath: '/p.cjs', logError });
    await vi.waitFor(() => expect(logError).toHaveBeenCalledWith(expect.stringContaining('ERR_FILE_NOT_FOUND')));
  });
});
