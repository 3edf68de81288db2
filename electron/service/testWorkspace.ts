/**
 * Test helpers: a fresh workspace in a temp dir, opened with the repo's data/, and a typed
 * client that goes through the real dispatcher (so tests exercise validation too).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApiClient } from '../../shared/api/client';
import type { OperationName } from '../../shared/api/contract';
import { nowIso, type Span } from '../../shared/domain/model';
import { REPO_DATA_DIR } from './repoPaths';
import { openWorkspace, type OpenWorkspaceOptions, type WorkspaceSession } from './workspace';

export function tempDir(prefix = 'workbench-test-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function openTestWorkspace(dir: string, options: Partial<OpenWorkspaceOptions> = {}) {
  const session: WorkspaceSession = await openWorkspace({ dir, dataDir: REPO_DATA_DIR, ...options });
  const api = createApiClient((name: OperationName, input) => session.dispatch(name, input));
  return { session, api };
}

export function makeSpan(id: string, labelId: string, start: number, end: number, extra: Partial<Span> = {}): Span {
  const now = nowIso();
  return { id, labelId, start, end, annotator: 'tester', createdAt: now, updatedAt: now, ...extra };
}
