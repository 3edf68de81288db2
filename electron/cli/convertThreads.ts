/**
 * The documents of a brat folder converted on several threads: the main thread and worker
 * threads (convertWorker.ts) each take the next batch of documents still to do and convert it
 * with a DocumentConverter of their own (convertDocuments.ts); the batches are handed on in
 * their order, so the main thread applies and writes the documents in the order one thread
 * would have. The main thread takes a batch whenever the next one to write is not done yet and
 * no worker is free, so a worker still starting up (a worker loads the codecs anew, about a
 * fifth of a second) never holds the conversion up.
 *
 * Memory stays bounded: at most WINDOW batches past the one being written are given out.
 * A worker's failure fails the conversion; the workers are ended when it ends, however it ends.
 */
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { DocumentGroup } from '../../shared/formats/documentPairs';
import type { ExportLossCounts } from '../../shared/formats/losses';
import type { DocumentConversion, DocumentConverter, DocumentOutcome } from './convertDocuments';

/** Threads at most, whatever the machine: past this the main thread's writing is the limit. */
export const MAX_THREADS = 8;
/** A thread of its own for every this many documents (on a machine with the cores). */
const DOCUMENTS_PER_THREAD = 100;
/** Documents per batch at most: small enough that the threads finish together, large enough that messages are few. */
const BATCH_DOCUMENTS = 8;
/** Batches given to a worker before it has answered (it never waits for the main thread, which may be busy converting). */
const WORKER_DEPTH = 2;

/** What converting one batch gave. */
export interface ConvertedBatch {
  outcomes: DocumentOutcome[];
  /** What the export could not carry of the batch's articles. */
  losses: ExportLossCounts;
}

/** Messages of convertWorker.ts. */
export type WorkerMessage = { type: 'ready' } | { type: 'done'; id: number; batch: ConvertedBatch };
/** What the main thread sends a worker: a batch to convert. */
export interface BatchRequest {
  id: number;
  groups: DocumentGroup[];
}

/**
 * How many threads convert `documents` documents: `requested` (at most one per document), else
 * one per DOCUMENTS_PER_THREAD documents, at most MAX_THREADS and at most half the machine's
 * logical cores. Where a core runs two threads (SMT, and the 2-core machine of bench `convert`,
 * which behaves so), two threads on it each run at about half speed: there a second thread cost
 * a third more CPU time for 0-7% less wall time (1,000 and 4,000 PolNeAR documents), while a
 * worker also takes a fifth of a second to load the codecs. So a 2-core machine converts on one
 * thread, a 4-core one on two.
 */
export function threadCount(documents: number, requested?: number, cores = os.availableParallelism()): number {
  if (requested !== undefined) return Math.max(1, Math.min(requested, documents));
  return Math.max(1, Math.min(Math.floor(cores / 2), MAX_THREADS, Math.ceil(documents / DOCUMENTS_PER_THREAD)));
}

export function convertBatch(converter: DocumentConverter, groups: readonly DocumentGroup[]): ConvertedBatch {
  const outcomes = groups.map((g) => converter.convert(g));
  return { outcomes, losses: converter.takeLossCounts() };
}

/**
 * The worker thread for `setting`. From the TypeScript source (tests, a stale bundle), the
 * worker registers tsx first, as bin/workbench.cjs does; from the bundle, convertWorker.js is an
 * entry of its own beside this chunk (scripts/buildCli.mjs).
 */
export function startWorker(setting: DocumentConversion): Worker {
  // Loaded here, not with this module: a conversion on one thread (the most) never needs it.
  // (Not by import(): convert.cjs runs as a script of its own, which has no loader for that.)
  const { Worker } = process.getBuiltinModule('node:worker_threads');
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(`./convertWorker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  if (!fromSource) return new Worker(entry, { workerData: setting });
  // tsx as the repository has it (the worker's own resolution would start from the working folder).
  const tsx = import.meta.resolve('tsx/esm/api');
  const tsconfig = fileURLToPath(new URL('../../tsconfig.json', import.meta.url));
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register({ tsconfig: ${JSON.stringify(tsconfig)} }); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { eval: true, workerData: setting });
}

/**
 * The batches of `groups` converted on `threads` threads (this one with `here`), in order. The
 * caller applies each before asking for the next. With `workersOnly` (tests), this thread
 * leaves every batch to the workers.
 */
export async function* convertedBatches(
  groups: readonly DocumentGroup[],
  here: DocumentConverter,
  setting: DocumentConversion,
  threads: number,
  signal: AbortSignal,
  workersOnly = false,
): AsyncGenerator<ConvertedBatch> {
  const size = Math.max(1, Math.min(BATCH_DOCUMENTS, Math.floor(groups.length / (threads * BATCH_DOCUMENTS))));
  const batches: DocumentGroup[][] = [];
  for (let i = 0; i < groups.length; i += size) batches.push(groups.slice(i, i + size));
  /** Batches given out past the one being written, at most (bounds the outcomes held). */
  const window = threads * 4;
  const done = new Map<number, ConvertedBatch>();
  let next = 0;
  let written = 0;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  signal.addEventListener('abort', notify);

  const workers = Array.from({ length: Math.min(threads, batches.length) - 1 }, () => {
    const state = { worker: startWorker(setting), ready: false, inFlight: 0, ended: false };
    state.worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'ready') state.ready = true;
      else {
        done.set(m.id, m.batch);
        state.inFlight--;
      }
      give(state);
      notify();
    });
    state.worker.on('error', (error) => {
      failure ??= { error };
      notify();
    });
    state.worker.on('exit', (code) => {
      if (!state.ended) failure ??= { error: new Error(`a conversion worker stopped (exit code ${code})`) };
      notify();
    });
    return state;
  });
  function give(w: (typeof workers)[number]) {
    while (w.ready && w.inFlight < WORKER_DEPTH && next < batches.length && next - written < window) {
      const request: BatchRequest = { id: next, groups: batches[next] };
      next++;
      w.inFlight++;
      w.worker.postMessage(request);
    }
  }

  try {
    while (written < batches.length) {
      if (failure) throw failure.error;
      signal.throwIfAborted();
      const batch = done.get(written);
      if (batch) {
        done.delete(written);
        written++;
        yield batch;
        for (const w of workers) give(w);
      } else if (next < batches.length && next - written < window && !(workersOnly && workers.length)) {
        const id = next++;
        done.set(id, convertBatch(here, batches[id]));
        // Let the workers' messages in (a finished batch, a worker ready for more).
        await new Promise((resolve) => setImmediate(resolve));
      } else {
        await new Promise<void>((resolve) => (wake = resolve));
      }
    }
  } finally {
    signal.removeEventListener('abort', notify);
    for (const w of workers) w.ended = true;
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
}
