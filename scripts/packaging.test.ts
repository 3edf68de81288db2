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
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
});
