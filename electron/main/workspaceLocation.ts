/**
 * Where the Electron app finds things on disk: the workspace it opens, the bundled data it
 * seeds new workspaces from, and its own built files. Plain Node (no electron import) so the
 * rules are unit-tested; main.ts passes in what it reads from `app` and `process`.
 */
import path from 'node:path';

export const WORKSPACE_ENV = 'WORKBENCH_WORKSPACE';
export const USER_DATA_ENV = 'WORKBENCH_USER_DATA_DIR';
export const WORKSPACE_FLAG = '--workspace';

export interface WorkspaceLocationInputs {
  /** The process's command line (process.argv, or the argv a second instance was started with). */
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  /** The app's per-user data folder; the workspace defaults to `<userDataDir>/workspace`. */
  userDataDir: string;
  /** What relative paths are relative to. Default process.cwd(). */
  cwd?: string;
}

/** The value of `--workspace DIR` or `--workspace=DIR` (the last one wins), or undefined. */
export function workspaceFlagValue(argv: readonly string[]): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === WORKSPACE_FLAG) {
      const next = argv[i + 1];
      // `--workspace` followed by nothing or by another flag is a mistake worth stopping for:
      // silently opening the default workspace would put the annotator's work somewhere else.
      if (next === undefined || next.startsWith('-')) throw new Error(`${WORKSPACE_FLAG} needs a folder: ${WORKSPACE_FLAG} DIR`);
      value = next;
      i++;
    } else if (arg.startsWith(`${WORKSPACE_FLAG}=`)) {
      value = arg.slice(WORKSPACE_FLAG.length + 1);
      if (value === '') throw new Error(`${WORKSPACE_FLAG}= needs a folder: ${WORKSPACE_FLAG}=DIR`);
    }
  }
  return value;
}

/** `--workspace DIR` wins, then $WORKBENCH_WORKSPACE, else `<userDataDir>/workspace`; always absolute. */
export function resolveWorkspaceDir({ argv, env, userDataDir, cwd = process.cwd() }: WorkspaceLocationInputs): string {
  const fromEnv = env[WORKSPACE_ENV]?.trim();
  const chosen = workspaceFlagValue(argv) ?? (fromEnv ? fromEnv : path.join(userDataDir, 'workspace'));
  return path.resolve(cwd, chosen);
}

/**
 * The app's per-user folder (Chromium profile, single-instance lock, default workspace):
 * `<appData>/<productName>` so `electron .` in development and the packaged app agree, unless
 * $WORKBENCH_USER_DATA_DIR names another (end-to-end tests run instances side by side).
 */
export function resolveUserDataDir({ env, appDataDir, productName, cwd = process.cwd() }: {
  env: Readonly<Record<string, string | undefined>>;
  appDataDir: string;
  productName: string;
  cwd?: string;
}): string {
  const fromEnv = env[USER_DATA_ENV]?.trim();
  return fromEnv ? path.resolve(cwd, fromEnv) : path.join(appDataDir, productName);
}

export interface AppLocationInputs {
  /** app.isPackaged */
  isPackaged: boolean;
  /** app.getAppPath(): the repository root in development, `<resources>/app.asar` when packaged. */
  appPath: string;
  /** process.resourcesPath: where electron-builder's extraResources land. */
  resourcesPath: string;
}

/**
 * The folder with default-schema.json and sample/. In development that is the repository's
 * data/; packaged, electron-builder copies it to `<resources>/data` (extraResources in
 * electron-builder.yml), outside the asar archive so it is read with plain fs.
 */
export function resolveDataDir({ isPackaged, appPath, resourcesPath }: AppLocationInputs): string {
  return isPackaged ? path.join(resourcesPath, 'data') : path.join(appPath, 'data');
}

/** The built renderer (Vite's output), inside the asar archive when packaged. */
export function resolveRendererDir({ appPath }: Pick<AppLocationInputs, 'appPath'>): string {
  return path.join(appPath, 'dist', 'renderer');
}

/** The preload bundle written by scripts/build-electron.mjs. */
export function resolvePreloadPath({ appPath }: Pick<AppLocationInputs, 'appPath'>): string {
  return path.join(appPath, 'dist-electron', 'preload.cjs');
}
