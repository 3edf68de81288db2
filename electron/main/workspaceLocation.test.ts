import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  resolveDataDir,
  resolvePreloadPath,
  resolveRendererDir,
  resolveUserDataDir,
  resolveWorkspaceDir,
  workspaceFlagValue,
} from './workspaceLocation';

const userDataDir = path.resolve('/home/ann/.config/Annotation Workbench');
const cwd = path.resolve('/work/projects');
const base = { env: {}, userDataDir, cwd };

describe('resolveWorkspaceDir', () => {
  it('defaults to a workspace folder inside the user data folder', () => {
    expect(resolveWorkspaceDir({ ...base, argv: ['electron', '.'] })).toBe(path.join(userDataDir, 'workspace'));
  });

  it('takes $WORKBENCH_WORKSPACE over the default', () => {
    const dir = resolveWorkspaceDir({ ...base, argv: ['electron', '.'], env: { WORKBENCH_WORKSPACE: '/data/corpus' } });
    expect(dir).toBe(path.resolve('/data/corpus'));
  });

  it('ignores an empty $WORKBENCH_WORKSPACE', () => {
    const dir = resolveWorkspaceDir({ ...base, argv: ['electron', '.'], env: { WORKBENCH_WORKSPACE: '  ' } });
    expect(dir).toBe(path.join(userDataDir, 'workspace'));
  });

  it('lets --workspace DIR win over the environment', () => {
    const dir = resolveWorkspaceDir({ ...base, argv: ['electron', '.', '--workspace', '/tmp/ws'], env: { WORKBENCH_WORKSPACE: '/data/corpus' } });
    expect(dir).toBe(path.resolve('/tmp/ws'));
  });

  it('accepts --workspace=DIR', () => {
    expect(resolveWorkspaceDir({ ...base, argv: ['app', '--workspace=/tmp/ws2'] })).toBe(path.resolve('/tmp/ws2'));
  });

  it('resolves a relative folder against the working directory', () => {
    expect(resolveWorkspaceDir({ ...base, argv: ['app', '--workspace', 'corpus/a'] })).toBe(path.join(cwd, 'corpus', 'a'));
    expect(resolveWorkspaceDir({ ...base, argv: ['app'], env: { WORKBENCH_WORKSPACE: 'b' } })).toBe(path.join(cwd, 'b'));
  });

  it('uses the last --workspace when given twice', () => {
    expect(workspaceFlagValue(['app', '--workspace', 'a', '--workspace=b'])).toBe('b');
  });

  it('refuses --workspace without a folder instead of silently opening the default', () => {
    expect(() => workspaceFlagValue(['app', '--workspace'])).toThrow(/needs a folder/);
    expect(() => workspaceFlagValue(['app', '--workspace', '--inspect'])).toThrow(/needs a folder/);
    expect(() => workspaceFlagValue(['app', '--workspace='])).toThrow(/needs a folder/);
  });

  it('does not mistake a similar flag for --workspace', () => {
    expect(workspaceFlagValue(['app', '--workspaces', 'x', '--workspace-dir=y'])).toBeUndefined();
  });
});

describe('resolveUserDataDir', () => {
  it('is <appData>/<product name> unless $WORKBENCH_USER_DATA_DIR says otherwise', () => {
    const appDataDir = path.resolve('/home/ann/.config');
    expect(resolveUserDataDir({ env: {}, appDataDir, productName: 'Annotation Workbench' })).toBe(path.join(appDataDir, 'Annotation Workbench'));
    expect(resolveUserDataDir({ env: { WORKBENCH_USER_DATA_DIR: 'profile' }, appDataDir, productName: 'X', cwd })).toBe(path.join(cwd, 'profile'));
  });
});

describe('bundled files', () => {
  const appPath = path.resolve('/repo');
  const resourcesPath = path.resolve('/opt/Annotation Workbench/resources');

  it('reads data/ from the repository in development', () => {
    expect(resolveDataDir({ isPackaged: false, appPath, resourcesPath })).toBe(path.join(appPath, 'data'));
  });

  it('reads data/ from the resources folder when packaged (outside app.asar)', () => {
    expect(resolveDataDir({ isPackaged: true, appPath: path.join(resourcesPath, 'app.asar'), resourcesPath })).toBe(path.join(resourcesPath, 'data'));
  });

  it('finds the renderer and the preload where the builds put them', () => {
    expect(resolveRendererDir({ appPath })).toBe(path.join(appPath, 'dist', 'renderer'));
    expect(resolvePreloadPath({ appPath })).toBe(path.join(appPath, 'dist-electron', 'preload.cjs'));
  });
});
