/**
 * Opening a workspace: take the lock, open (or create and seed) the store, and hand back a
 * session whose `dispatch` serves the API contract. Every host — the Electron main process,
 * the browser host, the CLI — opens workspaces through here.
 */
import { existsSync, promises as fsp } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { createDispatcher, type Dispatch } from '../../shared/api/dispatch';
import { WorkbenchError } from '../../shared/api/errors';
import type { WorkbenchHandlers } from '../../shared/api/contract';
import { LabelSchemaDefSchema, newId, nowIso, type Article } from '../../shared/domain/model';
import { createWorkbenchHandlers } from './workbenchService';
import { createExportJobs } from './exportJobs';
import { createUploads } from './uploads';
import { WorkspaceLock } from './workspaceLock';
import { WorkspaceStore, type WorkspaceStoreOptions } from './workspaceStore';
import { STORAGE_FORMAT_VERSION, type Manifest } from './storedRecords';

export interface OpenWorkspaceOptions {
  dir: string;
  /** Folder holding default-schema.json and sample/ (the repo's data/, or the packaged resources copy). */
  dataDir: string;
  /** Seed a new workspace with the sample article(s). Default true. */
  seed?: boolean;
  /** Create a workspace when `dir` has none (default true); false: fail with "not a workspace". */
  create?: boolean;
  /**
   * A workspace created by this open is marked unfinished until the first articles are committed
   * to it, and removed by the next open if that never happened (the CLI's import into a new folder).
   */
  markCreation?: boolean;
  /** Wait this long for another process to release the workspace. Default 0 (fail at once). */
  lockWaitMs?: number;
  /** Who holds the lock, shown to other processes. */
  appName?: string;
  store?: WorkspaceStoreOptions;
}

export interface WorkspaceSession {
  dir: string;
  store: WorkspaceStore;
  handlers: WorkbenchHandlers;
  dispatch: Dispatch;
  /** What opening found and repaired (a rebuilt index, leftover files removed…), to show the user. */
  notices: readonly string[];
  /** Flush pending writes and release the lock. */
  close(): Promise<void>;
}

const SampleListSchema = z.array(
  z.object({ file: z.string(), title: z.string(), source: z.string().optional(), url: z.string().optional(), date: z.string().optional() }),
);

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await fsp.readFile(file, 'utf8'));
  } catch (err) {
    throw new WorkbenchError('io', `cannot read bundled data ${file}: ${(err as Error).message}`, file);
  }
}

/** The manifest of a brand-new workspace, and the sample articles to add to it. */
export async function initialWorkspaceContent(dataDir: string, seed: boolean): Promise<{ manifest: Manifest; samples: Article[] }> {
  const schema = LabelSchemaDefSchema.parse(await readJson(path.join(dataDir, 'default-schema.json')));
  const samples: Article[] = [];
  if (seed) {
    const list = SampleListSchema.parse(await readJson(path.join(dataDir, 'sample', 'articles.json')));
    for (const s of list) {
      const text = await fsp.readFile(path.join(dataDir, 'sample', s.file), 'utf8');
      const now = nowIso();
      samples.push({
        id: newId('a'),
        title: s.title,
        ...(s.source ? { source: s.source } : {}),
        ...(s.url ? { url: s.url } : {}),
        ...(s.date ? { date: s.date } : {}),
        status: 'not_started',
        createdAt: now,
        updatedAt: now,
        text: text.replace(/\s+$/, ''),
        spans: [],
        statements: [],
      });
    }
  }
  return {
    manifest: { formatVersion: STORAGE_FORMAT_VERSION, schema, settings: { annotator: '', snapToWords: true }, articles: [], entities: [] },
    samples,
  };
}

export async function openWorkspace(opts: OpenWorkspaceOptions): Promise<WorkspaceSession> {
  const dir = path.resolve(opts.dir);
  if (opts.create === false && !existsSync(dir)) throw new WorkbenchError('invalid_input', `${dir} is not a workspace (the folder does not exist)`, dir);
  await fsp.mkdir(dir, { recursive: true });
  const lock = await WorkspaceLock.acquire(dir, { app: opts.appName ?? 'Annotation Workbench', waitMs: opts.lockWaitMs ?? 0 });
  try {
    let samples: Article[] = [];
    const store = await WorkspaceStore.open(
      dir,
      async () => {
        const { samples: seeded, manifest } = await initialWorkspaceContent(opts.dataDir, opts.seed ?? true);
        samples = seeded;
        return manifest;
      },
      opts.store,
      { create: opts.create, markCreation: opts.markCreation },
    );
    // Never over existing articles: `initial` also supplies the defaults of a rebuilt index.
    if (store.created && samples.length) await store.addArticles(samples);
    const exportJobs = createExportJobs(store);
    const uploads = createUploads(store.dir);
    const handlers = createWorkbenchHandlers(store, exportJobs, uploads);
    return {
      dir,
      store,
      handlers,
      dispatch: createDispatcher(handlers),
      notices: store.notices,
      async close() {
        try {
          await exportJobs.dispose();
          await uploads.dispose();
          await store.flush();
        } finally {
          await lock.release();
        }
      },
    };
  } catch (err) {
    await lock.release();
    throw err;
  }
}
