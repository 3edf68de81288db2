/**
 * What the crash soaks (bench/crashSoak.ts) share: seeded random choices (corpus.ts's prng), so
 * a finding can be reproduced with `--seed`, and the files a crash left behind in a workspace.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

export const randomInt = (rand: () => number, min: number, max: number) => min + Math.floor(rand() * (max - min + 1));

/**
 * Files of a workspace that nothing refers to: article files the manifest does not list,
 * journals of articles it does not list, and temp files anywhere (`.tmp` in the name). Named
 * relative to the workspace.
 */
export function leftoverFiles(dir: string, listedIds: ReadonlySet<string>): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      const rel = path.relative(dir, full);
      if (entry.name.includes('.tmp')) found.push(rel);
      else if (entry.isDirectory()) walk(full);
      else if (path.basename(d) === 'articles' && path.dirname(full) === path.join(dir, 'articles')) {
        const m = /^(.+)\.(json|journal)$/.exec(entry.name);
        if (m && !listedIds.has(m[1])) found.push(rel);
      }
    }
  };
  walk(dir);
  return found.sort();
}
