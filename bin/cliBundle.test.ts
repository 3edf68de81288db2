/**
 * The prebuilt CLI bundle (scripts/buildCli.mjs, bin/cliBundle.cjs): built into a folder of its
 * own beside the real one, it converts exactly as the source does, and it counts as stale, so
 * that bin/workbench.cjs falls back to the source, as soon as one input it was built from
 * changed or went away.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../electron/service/repoPaths';
// @ts-expect-error -- plain ESM scripts without type declarations
import { buildCli } from '../scripts/buildCli.mjs';
// @ts-expect-error -- a plain CommonJS script without type declarations
import cliBundle from './cliBundle.cjs';

interface FreshBundle {
  dir: string;
  main: string;
  convert: { file: string; identity: string };
}
const { CONVERT_ENTRY, INPUTS_FILE } = cliBundle as { CONVERT_ENTRY: string; INPUTS_FILE: string };
const freshBundle = (cliBundle as { freshBundle: (root: string, dir?: string, forConvert?: boolean) => FreshBundle | undefined }).freshBundle;
const freshBundleEntry = (root: string, dir?: string, forConvert = false) => freshBundle(root, dir, forConvert)?.main;

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

interface Manifest {
  inputs: Record<string, [number, number]>;
  convert: { inputs: string[]; digest: string; stamp: [number, number] };
}

function withManifest(edit: (inputs: Manifest['inputs'], manifest: Manifest) => void, check: () => void) {
  const before = manifest();
  const parsed = JSON.parse(before) as Manifest;
  edit(parsed.inputs, parsed);
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

  it("checks for convert only its entry's inputs, and the entry itself, whose digest names its code cache", () => {
    const { inputs, convert } = JSON.parse(manifest()) as Manifest;
    expect(convert.inputs.length).toBeLessThan(Object.keys(inputs).length);
    expect(convert.inputs).toContain('electron/cli/convertMain.ts');
    const digest = createHash('sha256').update(readFileSync(path.join(outdir, CONVERT_ENTRY))).digest('hex');
    expect(freshBundle(REPO_ROOT, outdir, true)?.convert).toEqual({ file: path.join(outdir, CONVERT_ENTRY), identity: `sha256 ${digest}` });
    // An input of the other commands alone leaves convert fresh; one of convert's does not.
    const mainOnly = Object.keys(inputs).find((f) => !convert.inputs.includes(f) && f.startsWith('electron/'))!;
    withManifest((recorded) => void (recorded[mainOnly][1] -= 1000), () => {
      expect(freshBundleEntry(REPO_ROOT, outdir)).toBeUndefined();
      expect(freshBundleEntry(REPO_ROOT, outdir, true)).toBe(entry);
    });
    withManifest((recorded) => void (recorded['electron/cli/convertMain.ts'][1] -= 1000), () => expect(freshBundleEntry(REPO_ROOT, outdir, true)).toBeUndefined());
    // convert.cjs changed after the build (its code cache would be another source's): stale for convert.
    withManifest((_, m) => void (m.convert.stamp[0] += 1), () => {
      expect(freshBundleEntry(REPO_ROOT, outdir, true)).toBeUndefined();
      expect(freshBundleEntry(REPO_ROOT, outdir)).toBe(entry);
    });
  });

  it('converts a brat folder to doccano exactly as the source does (bin/workbench.cjs runs the source under Vitest)', async () => {
    const corpus = path.join(work, 'corpus');
    mkdirSync(corpus);
    writeFileSync(path.join(corpus, 'doc.txt'), 'Ali said 😮‍💨 the plan fails.\nBo agreed.');
    writeFileSync(
      path.join(corpus, 'doc.ann'),
      'T1\tActor 0 3\tAli\nT2\tClaim 13 27\tthe plan fails\nT3\tActor 29 31\tBo\nE1\tStatement:T2 Source:T1 Content:T2\nA1\tPolarity E1 oppose\n',
    );
    const bundled = await run(process.execPath, [entry, 'convert', '--from', 'brat', '--to', 'doccano', corpus, path.join(work, 'bundle.jsonl')]);
    const source = await run(process.execPath, [path.join(REPO_ROOT, 'bin', 'workbench.cjs'), 'convert', '--from', 'brat', '--to', 'doccano', corpus, path.join(work, 'source.jsonl')]);
    expect(bundled.stdout).toBe(source.stdout.replace(path.join(work, 'source.jsonl'), path.join(work, 'bundle.jsonl')));
    const untimed = (stderr: string) => stderr.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'TIME');
    expect(untimed(bundled.stderr)).toBe(untimed(source.stderr));
    expect(comparable(path.join(work, 'bundle.jsonl'))).toEqual(comparable(path.join(work, 'source.jsonl')));
    expect(comparable(path.join(work, 'bundle.jsonl'))[0]).toMatchObject({ entities: expect.arrayContaining([expect.objectContaining({ label: 'Actor' })]) });
  }, 60_000);

  it("runs convert from its own CommonJS entry with V8's code cache, saved by the first completed conversion and taken by the next", async () => {
    const corpus = path.join(work, 'corpus');
    const cache = path.join(outdir, `${CONVERT_ENTRY}.v8-cache`);
    // What bin/workbench.cjs does for a fresh bundle, with this test's bundle; argv[1] stands for the script.
    const start = `const b = require(${JSON.stringify(path.join(REPO_ROOT, 'bin', 'cliBundle.cjs'))}); b.runConvertBundle(b.freshBundle(${JSON.stringify(REPO_ROOT)}, ${JSON.stringify(outdir)}, true))`;
    const convert = (...args: string[]) => run(process.execPath, ['-e', start, 'workbench.cjs', 'convert', ...args]);
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

  it('reads and writes zips from convert.cjs, where fflate is loaded at its first use, exactly as the source does', async () => {
    const corpus = path.join(work, 'corpus');
    const zip = path.join(work, 'corpus.zip');
    writeFileSync(zip, zipSync({ 'in/doc.txt': readFileSync(path.join(corpus, 'doc.txt')), 'in/doc.ann': readFileSync(path.join(corpus, 'doc.ann')) }));
    const start = `const b = require(${JSON.stringify(path.join(REPO_ROOT, 'bin', 'cliBundle.cjs'))}); b.runConvertBundle(b.freshBundle(${JSON.stringify(REPO_ROOT)}, ${JSON.stringify(outdir)}, true))`;
    const bundled = (...args: string[]) => run(process.execPath, ['-e', start, 'workbench.cjs', 'convert', ...args]);
    const source = (...args: string[]) => run(process.execPath, [path.join(REPO_ROOT, 'bin', 'workbench.cjs'), 'convert', ...args]);
    // A brat zip in (fflate's Unzip with its decoders), a brat zip out (its Zip and ZipDeflate).
    for (const [convert, name] of [[bundled, 'bundle'], [source, 'source']] as const) {
      await convert('--from', 'brat', '--to', 'doccano', zip, path.join(work, `zip-${name}.jsonl`));
      await convert('--from', 'doccano', '--to', 'brat', path.join(work, `zip-${name}.jsonl`), path.join(work, `zip-${name}.zip`));
    }
    expect(comparable(path.join(work, 'zip-bundle.jsonl'))).toEqual(comparable(path.join(work, 'zip-source.jsonl')));
    const entries = (file: string) => Object.entries(unzipSync(readFileSync(file))).map(([entry, bytes]) => [entry, Buffer.from(bytes).toString('utf8')]);
    expect(entries(path.join(work, 'zip-bundle.zip'))).toEqual(entries(path.join(work, 'zip-source.zip')));
    expect(entries(path.join(work, 'zip-bundle.zip')).map(([entry]) => entry)).toContain('doc.ann');
  }, 60_000);

  it('refuses to build anywhere but two folders below the repository (the data folder is found from there)', async () => {
    await expect(buildCli(path.join(REPO_ROOT, 'dist-cli'))).rejects.toThrow(/two folders below/);
  });
});
