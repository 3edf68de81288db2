/**
 * The prebuilt CLI bundle (scripts/buildCli.mjs, bin/cliBundle.mjs): built into a folder of its
 * own beside the real one, it converts exactly as the source does, and it counts as stale, so
 * that bin/workbench.mjs falls back to the source, as soon as one input it was built from
 * changed or went away.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../electron/service/repoPaths';
// @ts-expect-error -- plain ESM scripts without type declarations
import { buildCli } from '../scripts/buildCli.mjs';
// @ts-expect-error -- plain ESM scripts without type declarations
import { CONVERT_ENTRY, INPUTS_FILE, freshBundleEntry } from './cliBundle.mjs';

const run = promisify(execFile);
const outdir = path.join(REPO_ROOT, 'dist-cli', `test-${process.pid}`);
const work = mkdtempSync(path.join(os.tmpdir(), 'workbench-cli-bundle-'));
let entry: string;

beforeAll(async () => {
  entry = (await buildCli(outdir)).entry;
}, 60_000);

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

/** inputs.json as built, to be restored after a test edits it. */
const manifest = () => readFileSync(path.join(outdir, INPUTS_FILE), 'utf8');

function withManifest(edit: (inputs: Record<string, [number, number]>) => void, check: () => void) {
  const before = manifest();
  const parsed = JSON.parse(before) as { inputs: Record<string, [number, number]> };
  edit(parsed.inputs);
  writeFileSync(path.join(outdir, INPUTS_FILE), JSON.stringify(parsed));
  try {
    check();
  } finally {
    writeFileSync(path.join(outdir, INPUTS_FILE), before);
  }
}

/** Records without what differs between two runs by design (random article ids, the time of conversion). */
const comparable = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const { id: _id, created_at: _c, updated_at: _u, ...rest } = JSON.parse(line) as Record<string, unknown>;
      return rest;
    });

describe('the CLI bundle', () => {
  it('is fresh as built, and names its entry', () => {
    expect(freshBundleEntry(REPO_ROOT, outdir)).toBe(entry);
  });

  it('is stale when an input changed size or time, or went away, or nothing records its inputs', () => {
    const [file] = Object.keys(JSON.parse(manifest()).inputs as object).filter((f) => f.startsWith('electron/cli/'));
    withManifest((inputs) => void (inputs[file][0] += 1), () => expect(freshBundleEntry(REPO_ROOT, outdir)).toBeUndefined());
    withManifest((inputs) => void (inputs[file][1] -= 1000), () => expect(freshBundleEntry(REPO_ROOT, outdir)).toBeUndefined());
    withManifest(
      (inputs) => void (inputs['electron/cli/noSuchModule.ts'] = [1, 1]),
      () => expect(freshBundleEntry(REPO_ROOT, outdir)).toBeUndefined(),
    );
    expect(freshBundleEntry(REPO_ROOT, path.join(REPO_ROOT, 'dist-cli', 'no-bundle-here'))).toBeUndefined();
  });

  it('converts a brat folder to doccano exactly as the source does (bin/workbench.mjs runs the source under Vitest)', async () => {
    const corpus = path.join(work, 'corpus');
    mkdirSync(corpus);
    writeFileSync(path.join(corpus, 'doc.txt'), 'Ali said 😮‍💨 the plan fails.\nBo agreed.');
    writeFileSync(
      path.join(corpus, 'doc.ann'),
      'T1\tActor 0 3\tAli\nT2\tClaim 13 27\tthe plan fails\nT3\tActor 29 31\tBo\nE1\tStatement:T2 Source:T1 Content:T2\nA1\tPolarity E1 oppose\n',
    );
    const bundled = await run(process.execPath, [entry, 'convert', '--from', 'brat', '--to', 'doccano', corpus, path.join(work, 'bundle.jsonl')]);
    const source = await run(process.execPath, [path.join(REPO_ROOT, 'bin', 'workbench.mjs'), 'convert', '--from', 'brat', '--to', 'doccano', corpus, path.join(work, 'source.jsonl')]);
    expect(bundled.stdout).toBe(source.stdout.replace(path.join(work, 'source.jsonl'), path.join(work, 'bundle.jsonl')));
    const untimed = (stderr: string) => stderr.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'TIME');
    expect(untimed(bundled.stderr)).toBe(untimed(source.stderr));
    expect(comparable(path.join(work, 'bundle.jsonl'))).toEqual(comparable(path.join(work, 'source.jsonl')));
    expect(comparable(path.join(work, 'bundle.jsonl'))[0]).toMatchObject({ entities: expect.arrayContaining([expect.objectContaining({ label: 'Actor' })]) });
  }, 60_000);

  it("runs convert from its own CommonJS entry with V8's code cache, saved by the first completed conversion and taken by the next", async () => {
    const corpus = path.join(work, 'corpus');
    const cache = path.join(outdir, `${CONVERT_ENTRY}.v8-cache`);
    // What bin/workbench.mjs does for a fresh bundle, with this test's bundle; argv[1] stands for the script.
    const start = `import(${JSON.stringify(pathToFileURL(path.join(REPO_ROOT, 'bin', 'cliBundle.mjs')).href)}).then((m) => m.runConvertBundle(${JSON.stringify(outdir)}))`;
    const convert = (...args: string[]) => run(process.execPath, ['-e', start, 'workbench.mjs', 'convert', ...args]);
    rmSync(cache, { force: true });
    expect((await convert('--help')).stdout).toMatch(/^usage: workbench convert/);
    expect(existsSync(cache)).toBe(false);
    await expect(convert('--from', 'brat', '--to', 'doccano', path.join(work, 'no-such-folder'), path.join(work, 'never.jsonl'))).rejects.toMatchObject({ code: 1 });
    expect(existsSync(cache)).toBe(false);
    const first = await convert('--from', 'brat', '--to', 'doccano', corpus, path.join(work, 'cjs1.jsonl'));
    // A cache written anew is a new file renamed into place: a new inode.
    const saved = statSync(cache).ino;
    const second = await convert('--from', 'brat', '--to', 'doccano', corpus, path.join(work, 'cjs2.jsonl'));
    expect(statSync(cache).ino).toBe(saved);
    for (const [out, file] of [[first, 'cjs1.jsonl'], [second, 'cjs2.jsonl']] as const) {
      expect(out.stdout).toMatch(new RegExp(`^converted 1 article \\(3 spans, 1 statement\\) from brat to doccano: .*${file}\\n$`));
      expect(comparable(path.join(work, file))).toEqual(comparable(path.join(work, 'source.jsonl')));
    }
    // Worker threads started from it (they need worker_threads, which it loads only then).
    const two = path.join(work, 'two');
    mkdirSync(two);
    for (const name of ['doc.txt', 'doc.ann']) for (const copy of ['a', 'b']) writeFileSync(path.join(two, `${copy}-${name}`), readFileSync(path.join(corpus, name)));
    const threads = await convert('--threads', '2', '--from', 'brat', '--to', 'doccano', two, path.join(work, 'threads.jsonl'));
    expect(threads.stdout).toMatch(/^converted 2 articles \(6 spans, 2 statements\)/);
    await convert('--from', 'brat', '--to', 'doccano', two, path.join(work, 'one-thread.jsonl'));
    expect(comparable(path.join(work, 'threads.jsonl'))).toEqual(comparable(path.join(work, 'one-thread.jsonl')));
  }, 60_000);

  it('refuses to build anywhere but two folders below the repository (the data folder is found from there)', async () => {
    await expect(buildCli(path.join(REPO_ROOT, 'dist-cli'))).rejects.toThrow(/two folders below/);
  });
});
