/**
 * Test-only access to the team's sample corpora in `../shared/corpora` (beside the repository,
 * never copied into it). Suites that need them are skipped with a visible message when the
 * folder is absent. The file system is handed in by the test file (`corpusAccess(fs)` with
 * `node:fs`), so this helper stays free of Node imports like the rest of shared/.
 */
import { describe, it } from 'vitest';
import type { InputFile } from '../codec';

/** The part of `node:fs` the helpers use (paths are file URLs). */
export interface CorpusFileSystem {
  existsSync(path: URL): boolean;
  readFileSync(path: URL): Uint8Array;
  readdirSync(path: URL, options: { withFileTypes: true }): { name: string; isDirectory(): boolean }[];
}

/** `file:` URL of the corpora folder: /…/main/shared/formats/testing → /…/shared/corpora/. */
export const CORPORA_URL = new URL('../../../../shared/corpora/', import.meta.url);

export function corpusAccess(fs: CorpusFileSystem) {
  const url = (rel: string) => new URL(rel.split('/').map(encodeURIComponent).join('/'), CORPORA_URL);
  const dirUrl = (rel: string) => (rel ? new URL(`${rel.split('/').map(encodeURIComponent).join('/')}/`, CORPORA_URL) : CORPORA_URL);

  const corpusExists = (sub = '') => fs.existsSync(sub ? dirUrl(sub) : CORPORA_URL);

  /** A corpus file as the codecs receive it: raw bytes, named by its path inside the corpora folder. */
  const corpusFile = (rel: string): InputFile => ({ name: rel, bytes: new Uint8Array(fs.readFileSync(url(rel))) });

  const corpusText = (rel: string): string => new TextDecoder('utf-8', { ignoreBOM: true }).decode(fs.readFileSync(url(rel)));

  /** Relative paths of the files in a corpus folder (recursively), sorted, filtered by `keep`. */
  const corpusFiles = (sub: string, keep: (rel: string) => boolean = () => true): string[] => {
    const out: string[] = [];
    const walk = (rel: string) => {
      for (const entry of fs.readdirSync(dirUrl(rel), { withFileTypes: true })) {
        const child = rel ? `${rel}/${entry.name}` : entry.name;
        if (entry.isDirectory()) walk(child);
        else if (keep(child)) out.push(child);
      }
    };
    walk(sub);
    return out.sort();
  };

  /**
   * `describe` over a corpus folder that is skipped, loudly, when `../shared/corpora` (or the
   * folder) is absent: a skipped test whose name says so, plus a console warning.
   */
  const describeCorpus = (sub: string, name: string, body: () => void): void => {
    if (corpusExists(sub)) {
      describe(name, body);
      return;
    }
    console.warn(`[formats] ../shared/corpora/${sub} absent: skipping "${name}"`);
    describe.skip(name, () => {
      it(`../shared/corpora absent (${sub}): corpus round-trip not run`, () => {});
    });
  };

  return { corpusExists, corpusFile, corpusText, corpusFiles, describeCorpus };
}
