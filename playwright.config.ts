/**
 * End-to-end suite: the same specs (e2e/) against two targets.
 *  - `browser`: headless Chromium against the browser host (electron/host/preview.ts), which
 *    serves the built renderer and the real service. Runs everywhere.
 *  - `electron`: the real app through `_electron.launch`. Skipped, saying so, where the
 *    Electron binary was not downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD); see e2e/fixtures.ts.
 * Both need the built app: `npx vite build` (dist/renderer) and, for electron,
 * `npm run build:electron` (dist-electron/).
 */
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './e2e/chromium';
import type { TargetOptions } from './e2e/fixtures';

const CI = !!process.env.CI;

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
      use: {
        target: 'browser',
        browserName: 'chromium',
        launchOptions: {
          executablePath: chromiumExecutable(),
          args: [...CHROMIUM_ARGS],
        },
      },
    },
    {
      name: 'electron',
      use: { target: 'electron' },
    },
  ],
});
