/**
 * Runs once before the suite: refuses to start without the built renderer (every test would
 * fail on it), and says up front when the electron project will be skipped, since the list
 * reporter does not print skip reasons.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FullConfig } from '@playwright/test';
import { ELECTRON_SKIP_MESSAGE, electronExecutable, REPO_ROOT } from './fixtures';

export default function globalSetup(config: FullConfig): void {
  if (!existsSync(path.join(REPO_ROOT, 'dist', 'renderer', 'index.html')))
    throw new Error('The renderer is not built (dist/renderer/index.html is missing): run `npx vite build` first.');
  const electronSelected = config.projects.some((p) => p.name === 'electron');
  if (electronSelected && !electronExecutable()) console.log(`[electron project] skipped: ${ELECTRON_SKIP_MESSAGE}`);
}
