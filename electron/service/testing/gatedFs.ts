/**
 * Test helper: real file-system calls, except that the next open of a journal file can be held
 * at a gate. A test arms it, starts an edit, waits until the edit is parked just before its
 * journal append, runs the competing operation, then releases it: a race driven step by step.
 */
import { promises as fsp } from 'node:fs';
import type { DurableFs } from '../durableJsonFile';

export interface JournalGate {
  fs: DurableFs;
  /** Hold the next journal open. */
  arm(): void;
  /** Resolves when an append is parked at the gate. */
  reached: Promise<void>;
  release(): void;
}

export function gatedJournalFs(): JournalGate {
  let armed = false;
  let onReached!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((r) => (onReached = r));
  const released = new Promise<void>((r) => (release = r));
  const open = (async (file: Parameters<typeof fsp.open>[0], flags?: string | number, mode?: number) => {
    if (armed && String(file).endsWith('.journal')) {
      armed = false;
      onReached();
      await released;
    }
    return fsp.open(file, flags, mode);
  }) as DurableFs['open'];
  return {
    fs: { open, rename: fsp.rename, readFile: fsp.readFile, unlink: fsp.unlink },
    arm: () => void (armed = true),
    reached,
    release,
  };
}
