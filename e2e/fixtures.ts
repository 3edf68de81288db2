/**
 * Playwright fixtures shared by every spec: each test gets a fresh temporary workspace and the
 * app open on it, in the project's target (`browser`: Chromium against the browser host;
 * `shell`: the built Electron main process and preload under an `electron` stand-in, its window
 * a Chromium page served by the app's own app:// handler, see e2e/shell/; `electron`: the real
 * app). Specs only see `workbench` (the workspace, its API, `reopen`) and `app` (the page), so
 * the same spec runs against every target.
 *
 * The workspace is created before the app starts by opening it with the service itself
 * (seeded with the sample article or not, the annotator's name set or not), so the first-run
 * state is the same in both targets and no spec depends on a host-only flag.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, _electron, type Browser, type ElectronApplication, type Page, type TestInfo } from '@playwright/test';
import type { ApiResult } from '../shared/api/contract';
import { openWorkspace } from '../electron/service/workspace';
import { HostProcess, REPO_ROOT, unwrap, type Api } from './hostProcess';
import { ShellProcess, SHELL_MAIN, type ShellWindow } from './shell/shellProcess';
import { admitDownload, routeIpc, WindowPage } from './shell/shellWindow';

export { REPO_ROOT, type Api };
const DATA_DIR = path.join(REPO_ROOT, 'data');

export type Target = 'browser' | 'shell' | 'electron';

/** Per-project option, set in playwright.config.ts. */
export interface TargetOptions {
  target: Target;
}

/** Per-test options (`test.use({ seed: false })`). */
export interface WorkspaceOptions {
  /** Seed the new workspace with the sample article. Default true. */
  seed: boolean;
  /** The annotator's name already saved in the workspace; null leaves it unset (first run). */
  annotator: string | null;
}

export interface Workbench {
  target: Target;
  /** The workspace folder the app has open. */
  readonly dir: string;
  /** The app's page. In the electron target `reopen` replaces it; read it again afterwards. */
  readonly page: Page;
  /** Call the service the way the renderer does (HTTP with the token, or the preload bridge). */
  api: Api;
  /**
   * Close the app (the workspace is flushed and unlocked) and open it again, on the same
   * workspace or on `dir`. Resolves to the app page, showing the library.
   */
  reopen(options?: { dir?: string }): Promise<Page>;
  /** A new workspace folder, prepared like the test's own (for "import into an empty workspace"). */
  newWorkspace(options?: Partial<WorkspaceOptions>): Promise<string>;
  /** Run `action` (e.g. click "Export JSONL") and return the file it made the app download. */
  download(action: () => Promise<void>): Promise<DownloadedFile>;
  /** The shell target only: the stood-in main process and the window it opened. */
  readonly shell?: { process: ShellProcess; window: ShellWindow };
}

export interface DownloadedFile {
  name: string;
  bytes: Buffer;
}

export const ELECTRON_SKIP_MESSAGE = 'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD) — electron target not run';

/**
 * The Electron executable npm installed, or null. Read the way node_modules/electron/index.js
 * does, without requiring it: that module starts a download when the binary is missing.
 */
export function electronExecutable(): string | null {
  let pkgDir: string;
  try {
    pkgDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = path.join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const file = path.join(override, relative || 'electron');
    return existsSync(file) ? file : null;
  }
  if (!relative) return null;
  const file = path.join(pkgDir, 'dist', relative);
  return existsSync(file) ? file : null;
}

/** Create (or open) a workspace with the service and leave it closed, ready for the app. */
async function prepareWorkspace(dir: string, options: WorkspaceOptions): Promise<void> {
  const session = await openWorkspace({ dir, dataDir: DATA_DIR, seed: options.seed, appName: 'e2e set-up' });
  try {
    if (options.annotator !== null) {
      const result = await session.dispatch('updateSettings', { annotator: options.annotator });
      if (!result.ok) throw new Error(`cannot set the annotator: ${result.error.message}`);
    }
  } finally {
    await session.close();
  }
}

/** The API as the renderer calls it in Electron: through the preload's `window.workbenchBridge`. */
function bridgeApi(page: () => Page): Api {
  return async (name, input) =>
    unwrap(
      name,
      await page().evaluate(
        ([n, i]) => (window as unknown as { workbenchBridge: Record<string, (x: unknown) => Promise<ApiResult<never>>> }).workbenchBridge[n](i),
        [name, input] as const,
      ),
    );
}

/** Wait until the renderer has loaded the workspace: the library heading or the first-run dialog. */
async function waitForApp(page: Page): Promise<void> {
  await expect(
    page.getByRole('heading', { name: 'Library', level: 1 }).or(page.getByRole('dialog', { name: 'Welcome to Annotation Workbench' })).first(),
  ).toBeVisible({ timeout: 15_000 });
}

interface Fixtures {
  workbench: Workbench;
  app: Page;
}

interface WorkerFixtures {
  /** Chromium for the browser and shell targets, launched once per worker with the config's launchOptions; null for electron. */
  hostBrowser: Browser | null;
}

export const test = base.extend<Fixtures & WorkspaceOptions, WorkerFixtures & TargetOptions>({
  target: ['browser', { option: true, scope: 'worker' }],
  seed: [true, { option: true }],
  annotator: ['Test Annotator', { option: true }],

  hostBrowser: [
    async ({ target, playwright }, use) => {
      if (target === 'electron') return use(null);
      // playwright.chromium.launch() picks up the project's launchOptions, and contexts made
      // from it get the configured screenshots and traces like the built-in `page`.
      const browser = await playwright.chromium.launch();
      await use(browser);
      await browser.close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],

  workbench: async ({ target, hostBrowser, seed, annotator }, use, testInfo) => {
    const electronPath = target === 'electron' ? electronExecutable() : null;
    testInfo.skip(target === 'electron' && !electronPath, ELECTRON_SKIP_MESSAGE);
    if (target !== 'browser' && !existsSync(SHELL_MAIN))
      throw new Error('The Electron shell is not built (dist-electron/main.cjs is missing): run `npm run build:electron` first.');

    // Undone in reverse order however the test ends, also when the set-up itself fails.
    const cleanups: Array<() => Promise<unknown> | void> = [];
    const tempDir = (prefix: string) => {
      const made = mkdtempSync(path.join(os.tmpdir(), prefix));
      cleanups.push(() => rmSync(made, { recursive: true, force: true }));
      return made;
    };
    const newWorkspace = async (options: Partial<WorkspaceOptions> = {}) => {
      const made = path.join(tempDir('wb-e2e-'), 'workspace');
      await prepareWorkspace(made, { seed, annotator, ...options });
      return made;
    };
    const pageErrors: string[] = [];
    const watch = (page: Page) => page.on('pageerror', (err) => pageErrors.push(`${err.name}: ${err.message}`));
    const hostLogs: string[][] = [];

    try {
      let dir = await newWorkspace();
      let workbench: Workbench;
      /** The shell and electron targets: reopening ends the app (`close`) and starts it again on `dir`. */
      const relaunching = (page: () => Page, close: () => Promise<void>, launch: () => Promise<Page>, download: Workbench['download']): Workbench => ({
        target,
        get dir() {
          return dir;
        },
        get page() {
          return page();
        },
        api: bridgeApi(page),
        async reopen(options = {}) {
          await close();
          if (options.dir) dir = options.dir;
          return launch();
        },
        newWorkspace,
        download,
      });

      if (target === 'browser') {
        const context = await hostBrowser!.newContext();
        cleanups.push(() => context.close());
        const page = await context.newPage();
        watch(page);
        let host: HostProcess | null = null;
        let ended = false;
        cleanups.push(() => {
          ended = true;
          return host?.stop();
        });
        const startHost = async () => {
          host = await HostProcess.start(dir, seed);
          // A test that timed out while the host was starting: nobody else will stop this one.
          if (ended) {
            await host.stop();
            throw new Error('the test ended while the browser host was starting');
          }
          hostLogs.push(host.log);
          await page.goto(host.url);
          await waitForApp(page);
          return host;
        };
        let current = await startHost();
        workbench = {
          target,
          get dir() {
            return dir;
          },
          page,
          api: (name, input) => current.api(name, input),
          async reopen(options = {}) {
            await current.stop();
            if (options.dir) dir = options.dir;
            current = await startHost();
            return page;
          },
          newWorkspace,
          async download(action) {
            const [download] = await Promise.all([page.waitForEvent('download'), action()]);
            return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
          },
        };
      } else if (target === 'shell') {
        const context = await hostBrowser!.newContext();
        cleanups.push(() => context.close());
        let shell: ShellProcess | null = null;
        let window!: ShellWindow;
        await routeIpc(context, () => shell!);
        const windowPage = await WindowPage.create(context);
        const page = windowPage.page;
        watch(page);
        cleanups.push(() => shell?.close());
        const launch = async () => {
          shell = ShellProcess.start({ args: ['--workspace', dir], appData: tempDir('wb-e2e-appdata-'), userData: tempDir('wb-e2e-userdata-') });
          hostLogs.push(shell.log);
          window = await shell.firstWindow();
          await windowPage.show(shell, window);
          await waitForApp(page);
          return page;
        };
        await launch();
        workbench = relaunching(
          () => page,
          // The user closes the window: the shell flushes and unlocks the workspace, then exits.
          async () => {
            await windowPage.blank();
            const exit = await shell!.close();
            if (exit !== 0) throw new Error(`the shell exited with ${exit} on close:\n${shell!.log.join('')}`);
          },
          launch,
          async (action) => {
            const [download] = await Promise.all([page.waitForEvent('download'), action()]);
            await admitDownload(shell!, window, download);
            return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
          },
        );
        Object.defineProperty(workbench, 'shell', { get: () => ({ process: shell!, window }) });
      } else {
        let electronApp: ElectronApplication | null = null;
        let page!: Page;
        cleanups.push(() => electronApp?.close());
        const launch = async () => {
          const userData = tempDir('wb-e2e-userdata-');
          electronApp = await _electron.launch({
            executablePath: electronPath!,
            // `.` (not dist-electron/main.cjs) so app.getAppPath() is the repository root, where
            // the shell finds dist/renderer and data/, as with `npm start`.
            args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '.', '--workspace', dir],
            cwd: REPO_ROOT,
            env: { ...process.env, WORKBENCH_USER_DATA_DIR: userData } as Record<string, string>,
          });
          page = await electronApp.firstWindow();
          watch(page);
          await waitForApp(page);
          return page;
        };
        await launch();
        workbench = relaunching(
          () => page,
          // close() quits the app; the shell flushes and unlocks the workspace before it exits.
          async () => {
            await electronApp?.close();
            electronApp = null;
          },
          launch,
          async (action) => {
            // Electron would ask where to save; give the next download a path in the main process.
            const saveDir = tempDir('wb-e2e-download-');
            type Done = { file: string; name: string; state: string } | undefined;
            await electronApp!.evaluate(({ session }, folder) => {
              const g = globalThis as { __e2eDownload?: Done };
              g.__e2eDownload = undefined;
              session.defaultSession.once('will-download', (_event, item) => {
                const file = `${folder}/${item.getFilename()}`;
                item.setSavePath(file);
                item.once('done', (_e, state) => {
                  g.__e2eDownload = { file, name: item.getFilename(), state };
                });
              });
            }, saveDir);
            await action();
            let done: Done;
            await expect
              .poll(async () => (done = await electronApp!.evaluate(() => (globalThis as { __e2eDownload?: Done }).__e2eDownload))?.state, {
                message: 'the download finished',
              })
              .toBe('completed');
            return { name: done!.name, bytes: readFileSync(done!.file) };
          },
        );
      }

      await use(workbench);
    } finally {
      for (const cleanup of cleanups.reverse()) {
        try {
          await cleanup();
        } catch (err) {
          console.warn(`e2e clean-up: ${(err as Error).message}`);
        }
      }
      const failed = testInfo.status !== testInfo.expectedStatus;
      if (failed && hostLogs.length)
        await testInfo.attach('host output', { body: hostLogs.map((l) => l.join('')).join('\n--- host restarted ---\n'), contentType: 'text/plain' });
      if (pageErrors.length) await testInfo.attach('page errors', { body: pageErrors.join('\n'), contentType: 'text/plain' });
    }
    // An uncaught exception in the renderer is a bug even when the test's checks passed.
    expect(pageErrors, 'uncaught errors in the page').toEqual([]);
  },

  app: async ({ workbench }, use) => {
    await use(workbench.page);
  },
});

export { expect };

/** Save a screenshot of a main screen as test-results/screens/<project>/<name>.png and attach it. */
export async function saveScreen(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const dir = path.join(REPO_ROOT, 'test-results', 'screens', testInfo.project.name);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  await testInfo.attach(`screen: ${name}`, { path: file, contentType: 'image/png' });
}
