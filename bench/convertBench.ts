/**
 * Bench section `convert` (issue 12 item 9): 1,000 PolNeAR brat documents to doccano JSONL with
 * `workbench convert`, timed from outside as a user runs it (`node bin/workbench.mjs`, what
 * `npx workbench` starts: Node, tsx, the CLI), against the 30-line Python converter of
 * bench/convertReference.py when python3 is on the machine. Each is run RUNS times after one
 * untimed run (which fills tsx's compile cache and the page cache); the median and the best
 * are printed. Figures are printed, never asserted.
 *
 * PolNeAR (networkdynamics/PolNeAR, no data licence, so never copied into the repository or
 * ../shared/corpora by us) is looked for in $POLNEAR_DIR, then ../shared/corpora/PolNeAR and
 * ../shared/corpora/polnear: either the repository's layout (data/<split>/attributions/*.ann
 * beside data/<split>/text/*.txt, one .ann per annotator named TEXT_<annotator>.ann) or a
 * folder of NAME.txt/NAME.ann pairs. Without it the section is skipped, saying so.
 */
import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../electron/service/repoPaths';
import type { Figure } from './nodeBench';

const run = promisify(execFile);
const DOCUMENTS = 1000;
const RUNS = 5;
const WORKBENCH_BIN = path.join(REPO_ROOT, 'bin', 'workbench.mjs');
const REFERENCE = path.join(REPO_ROOT, 'bench', 'convertReference.py');

/** Why the section cannot run, for run.ts to print as "skipped: …". */
export class ConvertBenchSkipped extends Error {}

function polnearRoot(): string | undefined {
  const corpora = path.join(REPO_ROOT, '..', 'shared', 'corpora');
  const candidates = [process.env.POLNEAR_DIR, path.join(corpora, 'PolNeAR'), path.join(corpora, 'polnear')];
  return candidates.find((dir): dir is string => !!dir && existsSync(dir) && statSync(dir).isDirectory());
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((rel) => path.join(dir, rel))
    .filter((f) => statSync(f).isFile())
    .sort();
}

/** [ann, txt] of the first `count` documents (sorted by .ann path), in either layout. */
function polnearPairs(root: string, count: number): [string, string][] {
  const pairs: [string, string][] = [];
  for (const ann of filesUnder(root).filter((f) => f.endsWith('.ann'))) {
    const beside = ann.replace(/\.ann$/, '.txt');
    // Repository layout: data/<split>/attributions/TEXT_<annotator>.ann → data/<split>/text/TEXT.txt
    const shared = path.join(path.dirname(path.dirname(ann)), 'text', `${path.basename(ann, '.ann').replace(/_[^_]+$/, '')}.txt`);
    const txt = existsSync(beside) ? beside : existsSync(shared) ? shared : undefined;
    if (txt) pairs.push([ann, txt]);
    if (pairs.length === count) break;
  }
  return pairs;
}

/** The real interpreter behind `python3` (not a version manager's shell shim, whose start-up would flatter us), or undefined. */
function python(): string | undefined {
  try {
    return execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

async function timed(file: string, args: string[]): Promise<number> {
  const started = performance.now();
  await run(file, args, { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 });
  return performance.now() - started;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchConvert(): Promise<Figure[]> {
  const root = polnearRoot();
  if (!root)
    throw new ConvertBenchSkipped(
      'PolNeAR not found ($POLNEAR_DIR, ../shared/corpora/PolNeAR or ../shared/corpora/polnear; fetch networkdynamics/PolNeAR and set POLNEAR_DIR to its folder)',
    );
  const pairs = polnearPairs(root, DOCUMENTS);
  if (pairs.length < DOCUMENTS) throw new ConvertBenchSkipped(`${root} holds ${pairs.length} brat documents, fewer than ${DOCUMENTS}`);
  const work = mkdtempSync(path.join(os.tmpdir(), 'workbench-convert-bench-'));
  try {
    const corpus = path.join(work, 'polnear');
    mkdirSync(corpus);
    for (const [ann, txt] of pairs) {
      const name = path.basename(ann, '.ann');
      copyFileSync(ann, path.join(corpus, `${name}.ann`));
      copyFileSync(txt, path.join(corpus, `${name}.txt`));
    }
    const ours = (i: number) => [WORKBENCH_BIN, 'convert', '--from', 'brat', '--to', 'doccano', corpus, path.join(work, `ours${i}.jsonl`)];
    const startUp = [WORKBENCH_BIN, 'convert', '--help'];
    const py = python();
    const theirs = (i: number) => [REFERENCE, corpus, path.join(work, `reference${i}.jsonl`)];

    // Untimed first runs: tsx's compile cache, the page cache.
    await timed(process.execPath, ours(0));
    if (py) await timed(py, theirs(0));
    const times = { ours: [] as number[], startUp: [] as number[], reference: [] as number[] };
    for (let i = 1; i <= RUNS; i++) {
      times.ours.push(await timed(process.execPath, ours(i)));
      times.startUp.push(await timed(process.execPath, startUp));
      if (py) times.reference.push(await timed(py, theirs(i)));
    }
    const lines = (f: string) => readFileSync(path.join(work, f), 'utf8').split('\n').filter(Boolean).length;
    if (py && lines('ours1.jsonl') !== lines('reference1.jsonl'))
      throw new Error(`the outputs differ in records: ${lines('ours1.jsonl')} ours, ${lines('reference1.jsonl')} the reference's`);

    const n = DOCUMENTS.toLocaleString('en');
    const figures: Figure[] = [
      { name: `workbench convert brat -> doccano, ${n} PolNeAR documents, median of ${RUNS} (with Node start-up)`, value: median(times.ours), unit: 'ms', goal: py ? '<= the Python reference' : '' },
      { name: `  the same, best of ${RUNS}`, value: Math.min(...times.ours), unit: 'ms' },
      { name: `  of it start-up: workbench convert --help, median of ${RUNS}`, value: median(times.startUp), unit: 'ms' },
    ];
    if (py) {
      figures.push(
        { name: `Python reference (bench/convertReference.py, ${path.basename(py)}), median of ${RUNS}`, value: median(times.reference), unit: 'ms' },
        { name: `  the same, best of ${RUNS}`, value: Math.min(...times.reference), unit: 'ms' },
        { name: 'workbench convert / Python reference (medians)', value: median(times.ours) / median(times.reference), unit: '×', goal: '<= 1' },
      );
    } else figures.push({ name: 'Python reference: python3 not found, not run', value: 0, unit: '' });
    return figures;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
