/**
 * The Electron app's lifecycle, with every Electron module passed in so it is tested with fakes:
 * one instance per user, the app:// scheme and sandbox set up before ready, the workspace opened
 * (or a clear error if another process holds it), IPC wired to the workspace's dispatch, the
 * window created, and the workspace flushed and unlocked before the app quits.
 */
import type { App, BrowserWindow, Dialog, Protocol, Shell } from 'electron';
import { WorkbenchError } from '../../shared/api/errors';
import type { OpenWorkspaceOptions, WorkspaceSession } from '../service/workspace';
import { handleAppProtocol, registerAppScheme } from './appProtocol';
import { registerIpcHandlers, type IpcRegistry } from './ipcHandlers';
import { createMainWindow, PRODUCT_NAME } from './mainWindow';
import { denyAllPermissions, hardenWebContents, restrictDownloads, type BrowserWindowConstructor, type DownloadSession, type PermissionSession } from './security';
import { resolveDataDir, resolvePreloadPath, resolveRendererDir, resolveUserDataDir, resolveWorkspaceDir } from './workspaceLocation';

export type AppLike = Pick<
  App,
  'requestSingleInstanceLock' | 'on' | 'whenReady' | 'quit' | 'exit' | 'getPath' | 'setPath' | 'getAppPath' | 'enableSandbox'
> & { readonly isPackaged: boolean };

/** What the shell needs from a workspace session. */
export type ShellWorkspace = Pick<WorkspaceSession, 'dir' | 'dispatch' | 'close'> & Partial<Pick<WorkspaceSession, 'notices'>>;

export interface ShellDeps {
  app: AppLike;
  protocol: Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'>;
  ipcMain: IpcRegistry;
  dialog: Pick<Dialog, 'showErrorBox'>;
  shell: Pick<Shell, 'openExternal'>;
  BrowserWindow: BrowserWindowConstructor & { getAllWindows(): BrowserWindow[] };
  /** `session.defaultSession`, read only once the app is ready. */
  defaultSession: () => PermissionSession & DownloadSession;
  openWorkspace: (options: OpenWorkspaceOptions) => Promise<ShellWorkspace>;
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  /** `process.resourcesPath`. */
  resourcesPath: string;
  log?: { error(message: string): void; warn(message: string): void };
}

/** Exit code when another process holds the workspace (the same as the browser host's). */
export const EXIT_WORKSPACE_LOCKED = 3;
export const EXIT_STARTUP_FAILED = 1;

export type StartOutcome = 'running' | 'second-instance' | 'failed';

export function startApp(deps: ShellDeps): Promise<StartOutcome> {
  const { app, dialog } = deps;
  const log = deps.log ?? console;

  // Before ready: these only take effect if set before the first window or session exists.
  registerAppScheme(deps.protocol);
  app.enableSandbox();
  // One userData folder whatever the launch (dev `electron .` would otherwise use the npm name).
  app.setPath('userData', resolveUserDataDir({ env: deps.env, appDataDir: app.getPath('appData'), productName: PRODUCT_NAME }));

  // A second instance would fail on the workspace lock anyway; hand over to the first.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return Promise.resolve('second-instance');
  }

  let mainWindow: BrowserWindow | null = null;
  let workspace: ShellWorkspace | null = null;
  let disposeIpc = () => {};
  let closing = false;
  let closed = false;
  const appPath = app.getAppPath();

  const openWindow = () => {
    mainWindow = createMainWindow({ BrowserWindow: deps.BrowserWindow, preloadPath: resolvePreloadPath({ appPath }), logError: log.error });
  };

  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, { openExternal: (url) => deps.shell.openExternal(url), warn: log.warn });
  });

  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => {
    if (deps.platform !== 'darwin') app.quit();
  });

  // macOS: clicking the dock icon with no window open brings the workbench back.
  app.on('activate', () => {
    if (workspace && deps.BrowserWindow.getAllWindows().length === 0) openWindow();
  });

  // Hold the quit until pending writes are flushed and the lock is released, then quit for real.
  app.on('before-quit', (event) => {
    if (!workspace || closed) return;
    event.preventDefault();
    if (closing) return;
    closing = true;
    const session = workspace;
    disposeIpc();
    session
      .close()
      .catch((err: unknown) => log.error(`closing the workspace ${session.dir} failed: ${String(err)}`))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });

  const fail = (title: string, message: string, code: number): StartOutcome => {
    log.error(`${title}: ${message}`);
    dialog.showErrorBox(title, message);
    app.exit(code);
    return 'failed';
  };

  return app.whenReady().then(async (): Promise<StartOutcome> => {
    denyAllPermissions(deps.defaultSession());
    restrictDownloads(deps.defaultSession(), (message) => log.warn(message));
    let dir: string;
    try {
      dir = resolveWorkspaceDir({ argv: deps.argv, env: deps.env, userDataDir: app.getPath('userData') });
    } catch (err) {
      return fail('Cannot start Annotation Workbench', (err as Error).message, EXIT_STARTUP_FAILED);
    }
    try {
      workspace = await deps.openWorkspace({
        dir,
        dataDir: resolveDataDir({ isPackaged: app.isPackaged, appPath, resourcesPath: deps.resourcesPath }),
        appName: PRODUCT_NAME,
      });
    } catch (err) {
      if (err instanceof WorkbenchError && err.code === 'locked') {
        return fail('Workspace in use', err.message, EXIT_WORKSPACE_LOCKED);
      }
      const message = err instanceof Error ? err.message : String(err);
      return fail('Cannot open the workspace', `${dir}\n\n${message}`, EXIT_STARTUP_FAILED);
    }
    // What opening repaired; getWorkspace also returns it, for the renderer.
    for (const notice of workspace.notices ?? []) log.warn(`workspace ${dir}: ${notice}`);
    disposeIpc = registerIpcHandlers(deps.ipcMain, workspace.dispatch);
    handleAppProtocol(deps.protocol, resolveRendererDir({ appPath }));
    openWindow();
    return 'running';
  });
}
