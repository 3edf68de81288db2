/**
 * The installer layout, checked without an Electron binary: electron-builder packages the built
 * bundles with `--linux dir` around a stand-in Electron distribution (a tiny executable that
 * carries Electron's fuse sentinel and an all-enabled fuse wire, as a real binary does), and the
 * test reads what it produced. So the fuses electron-builder.yml asks for are proven flipped in
 * the packaged executable by electron-builder's own @electron/fuses step, not by reading YAML.
 *
 * Needs the built bundles (`npm run build`, which `npm test` runs first); skipped, saying so,
 * when they are absent.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractFile, listPackage, statFile } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = existsSync(path.join(root, 'dist-electron', 'main.cjs')) && existsSync(path.join(root, 'dist', 'renderer', 'index.html'));
if (!built) console.warn('packaging.test.ts skipped: run `npm run build` first (npm test does)');

/** Where @electron/fuses looks for the fuse wire: right after this marker in the binary. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_COUNT = 8;
/** A fuse's byte in the wire: ASCII "1" / "0" (@electron/fuses' FuseState, not exported by its index). */
const FuseState = { ENABLE: 0x31, DISABLE: 0x30 } as const;

/** A stand-in for Electron's unpacked distribution, every fuse enabled as Electron ships them. */
function writeStandInElectron(dir: string, version: string) {
  const executable = path.join(dir, 'electron');
  const wire = Buffer.concat([Buffer.from([1, FUSE_COUNT]), Buffer.alloc(FUSE_COUNT, FuseState.ENABLE)]);
  writeFileSync(executable, Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n#'), Buffer.from(FUSE_SENTINEL), wire, Buffer.from('\n')]));
  chmodSync(executable, 0o755);
  writeFileSync(path.join(dir, 'version'), version);
  writeFileSync(path.join(dir, 'LICENSE'), 'stand-in');
  writeFileSync(path.join(dir, 'LICENSES.chromium.html'), 'stand-in');
}

/** Paths of the files (not folders) under `dir`, relative, with `/` separators. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

/**
 * The files the renderer loads, found the way Chromium finds them: from index.html's `src`/`href`,
 * then each script's relative imports (static, dynamic and Vite's preload list) and each
 * stylesheet's `url()`s, transitively. Paths are relative to the renderer folder. Source-map
 * comments are not loads (only DevTools follows them) and are left out.
 */
function rendererLoads(read: (file: string) => string): Set<string> {
  const found = new Set<string>();
  const visit = (file: string) => {
    if (found.has(file)) return;
    found.add(file);
    const text = read(file).replace(/\/[/*]# sourceMappingURL=\S+/g, '');
    const refs =
      file.endsWith('.html') ? [...text.matchAll(/\b(?:src|href)="([^"]+)"/g)]
      : file.endsWith('.css') ? [...text.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)]
      : [...text.matchAll(/["'`](\.{1,2}\/[^"'`\s]+\.(?:js|css|svg|png|woff2?|json|wasm))["'`]/g)];
    for (const [, ref] of refs) {
      if (/^(?:[a-z]+:|#|\/\/)/i.test(ref)) continue; // data:, blob:, absolute URLs: not files of ours
      visit(path.posix.normalize(path.posix.join(path.posix.dirname(file), ref)));
    }
  };
  visit('index.html');
  return found;
}

describe.skipIf(!built)('the packaged app (electron-builder --linux dir, stand-in Electron)', () => {
  let work: string;
  let appDir: string;
  let log = '';

  beforeAll(() => {
    work = mkdtempSync(path.join(os.tmpdir(), 'workbench-package-'));
    const dist = path.join(work, 'electron-dist');
    mkdirSync(dist);
    writeStandInElectron(dist, '45.5.0');
    const result = spawnSync(
      path.join(root, 'node_modules', '.bin', 'electron-builder'),
      ['--linux', 'dir', '--config', 'electron-builder.yml', `-c.electronDist=${dist}`, '-c.electronVersion=45.5.0', `-c.directories.output=${path.join(work, 'out')}`],
      { cwd: root, encoding: 'utf8', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } },
    );
    log = `${result.stdout}\n${result.stderr}`;
    if (result.status !== 0) throw new Error(`electron-builder failed (exit ${result.status}):\n${log}`);
    appDir = path.join(work, 'out', 'linux-unpacked');
  }, 180_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('flips the fuses: no run-as-node, NODE_OPTIONS or inspect flags; app only from an integrity-checked asar', async () => {
    const wire = await getCurrentFuseWire(path.join(appDir, 'annotation-workbench'));
    const state = (fuse: FuseV1Options) => wire[fuse];
    expect(state(FuseV1Options.RunAsNode)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.EnableNodeCliInspectArguments)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe(FuseState.ENABLE);
    expect(state(FuseV1Options.OnlyLoadAppFromAsar)).toBe(FuseState.ENABLE);
    expect(state(FuseV1Options.EnableCookieEncryption)).toBe(FuseState.ENABLE);
  });

  it('puts the app in resources/app.asar and the schema and sample in resources/data', () => {
    expect(existsSync(path.join(appDir, 'resources', 'app.asar'))).toBe(true);
    expect(existsSync(path.join(appDir, 'resources', 'app'))).toBe(false);
    expect(existsSync(path.join(appDir, 'resources', 'data', 'default-schema.json'))).toBe(true);
    expect(existsSync(path.join(appDir, 'resources', 'data', 'sample', 'articles.json'))).toBe(true);
  });

  it('ships in app.asar exactly what the app loads at run time: no source maps, node_modules, tests or sources', () => {
    const asar = path.join(appDir, 'resources', 'app.asar');
    const entries = listPackage(asar, { isPack: false }).map((p) => p.replace(/\\/g, '/').replace(/^\//, ''));
    const files = entries.filter((p) => !('files' in statFile(asar, p))).sort();
    const inAsar = (p: string) => extractFile(asar, p);

    // package.json names the entry point Electron starts; main.cjs finds the preload and the
    // renderer next to itself (electron/main/workspaceLocation.ts) and bundles everything else.
    const manifest = JSON.parse(inAsar('package.json').toString('utf8')) as { main: string };
    expect(manifest.main).toBe('dist-electron/main.cjs');
    const renderer = rendererLoads((file) => inAsar(`dist/renderer/${file}`).toString('utf8'));
    const expected = ['package.json', 'dist-electron/main.cjs', 'dist-electron/preload.cjs', ...[...renderer].map((f) => `dist/renderer/${f}`)].sort();
    expect(renderer.size, 'index.html, its script and stylesheet and the lazily loaded chunks').toBeGreaterThan(3);
    expect(files).toEqual(expected);
    // The very bytes that were built, not a stale or transformed copy.
    for (const file of files.filter((f) => f !== 'package.json'))
      expect(inAsar(file).equals(readFileSync(path.join(root, file))), file).toBe(true);
    expect(existsSync(path.join(appDir, 'resources', 'app.asar.unpacked'))).toBe(false);
  });

  it('puts beside app.asar only the data the app reads with plain fs', () => {
    const resources = path.join(appDir, 'resources');
    expect(readdirSync(resources).sort()).toEqual(['app.asar', 'data']);
    const data = filesUnder(path.join(resources, 'data')).sort();
    expect(data).toEqual(['default-schema.json', ...filesUnder(path.join(root, 'data', 'sample')).map((f) => `sample/${f}`)].sort());
    for (const file of data) expect(readFileSync(path.join(resources, 'data', file)).equals(readFileSync(path.join(root, 'data', file))), file).toBe(true);
  });
});
