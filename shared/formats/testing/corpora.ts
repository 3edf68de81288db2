/**
 * Test-only access to the team's sample corpora in `../shared/corpora` (beside the repository,
 * never copied into it). Suites that need them are skipped with a visible message when the
 * folder is absent. Node-only: imported by *.test.ts files, never by codecs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import type { InputFile } from '../codec';

export const CORPORA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/corpora');

export function corpusExists(sub = ''): boolean {
  return fs.existsSync(path.join(CORPORA_DIR, sub));
}

/** A corpus file as the codecs receive it: raw bytes, named by its path inside the corpora folder. */
export function corpusFile(rel: string): InputFile {
  return { name: rel, bytes: new Uint8Array(fs.readFileSync(path.join(CORPORA_DIR, rel))) };
}

export function corpusText(rel: string): string {
  return fs.readFileSync(path.join(CORPORA_DIR, rel), 'utf8');
}

/** Relative paths of the files in a corpus folder (recursively), sorted, filtered by `keep`. */
export function corpusFiles(sub: string, keep: (rel: string) => boolean = () => true): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(CORPORA_DIR, rel), { withFileTypes: true })) {
      const child = path.posix.join(rel, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (keep(child)) out.push(child);
    }
  };
  walk(sub);
  return out.sort();
}

/**
 * `describe` over a corpus folder that is skipped, loudly, when `../shared/corpora` (or the
 * folder) is absent: a skipped test whose name says so, plus a console warning.
 */
export function describeCorpus(sub: string, name: string, body: () => void): void {
  if (corpusExists(sub)) {
    describe(name, body);
    return;
  }
  console.warn(`[formats] ../shared/corpora/${sub} absent: skipping "${name}"`);
  describe.skip(name, () => {
    it(`../shared/corpora absent (${sub}): corpus round-trip not run`, () => {});
  });
}
