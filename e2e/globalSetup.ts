/**
 * Runs once before the suite: refuses to start without the built renderer (every test would
 * fail on it), says up front when the electron project will be skipped (the list reporter
 * does not print skip reasons), and starts the browser host once so that tsx has compiled
 * the service before the first test's clock runs.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FullConfig } from '@playwright/test';
import { ELECTRON_SKIP_MESSAGE, electronExecutable } from './fixtures';
import { HostProcess, REPO_ROOT } from './hostProcess';

export default async function globalSetup(config: FullConfig): Promise<void> {
  if (!existsSync(path.join(REPO_ROOT, 'dist', 'renderer', 'index.html')))
    throw new Error('The renderer is not built (dist/renderer/index.html is missing): run `npx vite build` first.');
  const electronSelected = config.projects.some((p) => p.name === 'electron');
  if (electronSelected && !electronExecutable()) console.log(`[electron project] skipped: ${ELECTRON_SKIP_MESSAGE}`);

  const tmp = mkdtempSync(path.join(os.tmpdir(), 'wb-e2e-warmup-'));
  try {
    const host = await HostProcess.start(path.join(tmp, 'workspace'), false, 60_000);
    await host.stop();
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
