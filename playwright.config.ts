/**
 * End-to-end suite: the same specs (e2e/) against three targets.
 *  - `browser`: headless Chromium against the browser host (electron/host/preview.ts), which
 *    serves the built renderer and the real service. Runs everywhere.
 *  - `shell`: the built dist-electron/main.cjs in Node under an `electron` stand-in (e2e/shell/),
 *    its window a headless Chromium page served by the app's own app:// handler, the real
 *    preload's IPC carried to the main process's handlers. Runs everywhere.
 *  - `electron`: the real app through `_electron.launch`. Skipped, saying so, where the
 *    Electron binary was not downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD); see e2e/fixtures.ts.
 * Every spec runs in `shell`, the shipped transport (IPC). `browser` runs the specs whose path
 * through the transport differs from IPC's (uploads, downloads, paged and packed replies over
 * HTTP, several hosts at once); the others drive the same renderer code through the same API
 * operations, so running them twice would prove nothing new (SHELL_ONLY_SPECS).
 * All need the built app: `npx vite build` (dist/renderer) and, for shell and electron,
 * `npm run build:electron` (dist-electron/).
 */
import { defineConfig, type PlaywrightWorkerOptions } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './e2e/chromium';
import type { TargetOptions } from './e2e/fixtures';

const CI = !!process.env.CI;
/** The Chromium the browser and shell targets drive. */
const headlessChromium: Pick<PlaywrightWorkerOptions, 'browserName' | 'launchOptions'> = {
  browserName: 'chromium',
  launchOptions: { executablePath: chromiumExecutable(), args: [...CHROMIUM_ARGS] },
};

/** Specs whose every call is transport-independent: run in `shell` (IPC) only. */
const SHELL_ONLY_SPECS = ['entities', 'firstRun', 'keyboardOnly', 'network', 'rtl', 'shell', 'statements'].map((name) => `**/${name}.spec.ts`);

export default defineConfig<TargetOptions>({
  testDir: 'e2e',
  globalSetup: './e2e/globalSetup.ts',
  outputDir: 'test-results',
  fullyParallel: true,
  workers: 2,
  retries: CI ? 1 : 0,
  forbidOnly: CI,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: 'list',
  use: {
    viewport: { width: 1280, height: 800 },
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    acceptDownloads: true,
  },
  projects: [
    {
      name: 'browser',
      testIgnore: SHELL_ONLY_SPECS,
      use: {
        target: 'browser',
        ...headlessChromium,
      },
    },
    {
      name: 'shell',
      use: {
        target: 'shell',
        ...headlessChromium,
      },
    },
    {
      name: 'electron',
      use: { target: 'electron' },
    },
  ],
});
