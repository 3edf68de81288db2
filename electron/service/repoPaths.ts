/**
 * Where the repository's bundled data lives when running from source (browser host, CLI,
 * tests, benchmarks). The packaged Electron app resolves its own copy (electron/main).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const REPO_DATA_DIR = path.join(REPO_ROOT, 'data');
export const RENDERER_DIST_DIR = path.join(REPO_ROOT, 'dist', 'renderer');
