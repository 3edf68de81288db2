/**
 * The CLI says what a format cannot carry, one line per kind on stderr (shared/formats/losses.ts):
 * `import` the input's; `convert` the input's summed over every file of a folder read pair by
 * pair (one line per kind, not one per file), then the output's. (`export`: exportCommand.test.ts.)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_DATA_DIR } from '../service/repoPaths';
import { tempDir } from '../service/testWorkspace';
import type { CliContext } from './cliCommand';
import { runConvertCli } from './convertCli';
import { buildWorkspace, runWorkbenchInProcess } from './cliTestHelpers';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('workbench-convert-losses-');
});
afterEach(() => tmp.cleanup());

function writeFiles(files: Record<string, string>) {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(tmp.dir, name)), { recursive: true });
    writeFileSync(path.join(tmp.dir, name), text);
  }
}

const warningLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('warning: '));

async function convert(files: Record<string, string>, args: string[]): Promise<string[]> {
  writeFiles(files);
  let stderr = '';
  const ctx: CliContext = {
    stdout: () => undefined,
    stderr: (t) => void (stderr += t),
    stderrIsTTY: false,
    signal: new AbortController().signal,
    cwd: tmp.dir,
    dataDir: REPO_DATA_DIR,
  };
  expect(await runConvertCli(['convert', ...args], ctx)).toBe(0);
  return warningLines(stderr);
}

describe('workbench import: what the workbench has no place for', () => {
  it('lists doccano cats and meta first, each with its count and first example', async () => {
    await buildWorkspace(path.join(tmp.dir, 'ws'), []);
    const record = (n: number) => JSON.stringify({ text: `Kishida denounced plan ${n}`, label: [[0, 7, 'Actor']], cats: ['politics'], meta: { batch: n } });
    writeFiles({ 'in.jsonl': `${record(1)}\n${record(2)}\n` });
    const r = await runWorkbenchInProcess(['import', '--workspace', 'ws', '--format', 'doccano', 'in.jsonl'], tmp.dir);
    expect(r.code).toBe(0);
    expect(warningLines(r.stderr).slice(0, 2)).toEqual([
      'warning: 2 document categories were not carried (the workbench has no place for them), first: in.jsonl line 1: cats "politics"',
      'warning: 2 metadata fields were not carried (the workbench has no place for them), first: in.jsonl line 1: meta.batch=1',
    ]);
  });
});

describe('workbench convert: what the formats cannot carry', () => {
  it('sums the input loss lines of a brat folder and reports the output format’s losses', async () => {
    const pair = (name: string) => ({
      [`in/${name}.txt`]: 'Sony bought Columbia',
      [`in/${name}.ann`]: 'T1\tActor 0 4\tSony\nT2\tClaim 12 20\tColumbia\nA1\tConfidence T1 High\nR1\tLocated Arg1:T1 Arg2:T2\t\n',
    });
    const warnings = await convert({ ...pair('a'), ...pair('b') }, ['--from', 'brat', '--to', 'doccano', 'in', 'out.jsonl']);
    expect(warnings.filter((w) => /relations? that (is|are) not (a )?statements?/.test(w))).toEqual([
      'warning: 2 relations that are not statements were not carried (the workbench has no place for them), first: in/a.ann R1 (relation Located)',
    ]);
    expect(warnings).toContainEqual(expect.stringMatching(/^warning: 2 span attributes were not carried \(doccano has no place for them\), first: article "a" span \S+: Confidence=High$/));
    // brat files hold no timestamps: the ones the import made up are not reported as lost.
    expect(warnings.filter((w) => /timestamp/.test(w))).toEqual([]);
  });
});
