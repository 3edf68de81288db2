/**
 * Bench section `convert` (issue 12 item 9): 1,000 PolNeAR brat documents to doccano JSONL with
 * `workbench convert`, timed from outside as a user runs it (`node bin/workbench.cjs`, what
 * `npx workbench` starts), against the 30-line Python converter of bench/convertReference.py
 * when python3 is on the machine. The CLI bundle is built first (`npm run build:cli`), so the
 * figures are those of the bundle a user who built it runs; the source through tsx (what runs
 * while the bundle is stale or unbuilt) is timed too. Each is run RUNS times after one untimed
 * run (which fills tsx's compile cache and the page cache); the median and the best are printed,
 * and the CPU time (user + system, of the child and its threads) beside them, which a busy
 * machine inflates less than wall time. The same conversion on two threads (`--threads 2`) is
 * timed beside it, whatever the default on this machine. Figures are printed, never asserted.
 *
 * Both converters run without NODE_EXTRA_CA_CERTS, which these machines set for every process:
 * Node reads that file of ~140 certificates while it starts, before any script runs (40 ms
 * here, against a 70 ms start without it), and a conversion makes no TLS connection. A user's
 * machine seldom sets it; where it is set, the run with it is timed and printed too.
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
// @ts-expect-error -- a plain ESM script without type declarations
import { buildCli } from '../scripts/buildCli.mjs';
import { threadCount } from '../electron/cli/convertThreads';
import type { Figure } from './nodeBench';

const run = promisify(execFile);
const DOCUMENTS = 1000;
const RUNS = 5;
/** Runs of the source through tsx: a figure for comparison, slower, so fewer. */
const SOURCE_RUNS = 3;
const WORKBENCH_BIN = path.join(REPO_ROOT, 'bin', 'workbench.cjs');
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

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on Linux, whatever the kernel's HZ). */
const USER_HZ = 100;

/**
 * The CPU time (user + system, ms) of this process's children that have ended and been waited
 * for, all their threads included, from /proc/self/stat (cutime, cstime); undefined off Linux.
 */
function childrenCpu(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // After "pid (comm) " the fields start at field 3; cutime and cstime are fields 16 and 17.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / USER_HZ;
  } catch {
    return undefined;
  }
}

interface Timing {
  wall: number;
  /** CPU time of the child, ms (undefined where /proc is not). */
  cpu?: number;
}

async function timed(file: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Timing> {
  const cpuBefore = childrenCpu();
  const started = performance.now();
  await run(file, args, { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024, env });
  const wall = performance.now() - started;
  const cpuAfter = childrenCpu();
  return { wall, ...(cpuBefore !== undefined && cpuAfter !== undefined ? { cpu: cpuAfter - cpuBefore } : {}) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs of one command: wall times and, where known, CPU times. */
class Runs {
  readonly wall: number[] = [];
  readonly cpu: number[] = [];
  add(t: Timing) {
    this.wall.push(t.wall);
    if (t.cpu !== undefined) this.cpu.push(t.cpu);
  }
  /** The median wall time, with the median CPU time in the figure's name. */
  figure(name: string, goal?: string): Figure {
    const cpu = this.cpu.length ? `; CPU ${Math.round(median(this.cpu))} ms` : '';
    return { name: `${name}, median of ${this.wall.length}${cpu}`, value: median(this.wall), unit: 'ms', ...(goal ? { goal } : {}) };
  }
  best(): Figure {
    return { name: `  the same, best of ${this.wall.length}`, value: Math.min(...this.wall), unit: 'ms' };
  }
}

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
    // The bundle bin/workbench.cjs runs while it is fresh: built now, from the files as they are.
    await buildCli();
    const ours = (i: number | string, ...flags: string[]) => [WORKBENCH_BIN, 'convert', ...flags, '--from', 'brat', '--to', 'doccano', corpus, path.join(work, `ours${i}.jsonl`)];
    // Two threads whatever the machine (the default is one thread per 100 documents, at most half the cores).
    const twoThreads = (i: number) => ours(`-threads${i}`, '--threads', '2');
    const startUp = [WORKBENCH_BIN, 'convert', '--help'];
    // See above: every run without the machine's extra CA certificates, one series with them where they are set.
    const { NODE_EXTRA_CA_CERTS: extraCaCerts, ...plain } = process.env;
    const fromSource = { ...plain, WORKBENCH_FROM_SOURCE: '1' };
    const py = python();
    const theirs = (i: number) => [REFERENCE, corpus, path.join(work, `reference${i}.jsonl`)];

    // Untimed first runs: the bundle's code cache, tsx's compile cache, the page cache.
    await timed(process.execPath, ours(0), plain);
    await timed(process.execPath, ours('-source'), fromSource);
    if (py) await timed(py, theirs(0), plain);
    const times = { ours: new Runs(), withCaCerts: new Runs(), threads: new Runs(), startUp: new Runs(), source: new Runs(), reference: new Runs() };
    // Ours and the reference back to back, so that each pair meets the same load (their ratio is
    // printed per pair too: a machine shared with other work drifts over the seconds a round takes).
    const ratios: number[] = [];
    for (let i = 1; i <= RUNS; i++) {
      const mine = await timed(process.execPath, ours(i), plain);
      times.ours.add(mine);
      if (py) {
        const reference = await timed(py, theirs(i), plain);
        times.reference.add(reference);
        ratios.push(mine.wall / reference.wall);
      }
      if (extraCaCerts !== undefined) times.withCaCerts.add(await timed(process.execPath, ours(`-ca${i}`)));
      times.threads.add(await timed(process.execPath, twoThreads(i), plain));
      times.startUp.add(await timed(process.execPath, startUp, plain));
      if (i <= SOURCE_RUNS) times.source.add(await timed(process.execPath, ours(`-source${i}`), fromSource));
    }
    const lines = (f: string) => readFileSync(path.join(work, f), 'utf8').split('\n').filter(Boolean).length;
    if (py && lines('ours1.jsonl') !== lines('reference1.jsonl'))
      throw new Error(`the outputs differ in records: ${lines('ours1.jsonl')} ours, ${lines('reference1.jsonl')} the reference's`);

    const n = DOCUMENTS.toLocaleString('en');
    const figures: Figure[] = [
      times.ours.figure(`workbench convert brat -> doccano, ${n} PolNeAR documents (the CLI bundle, with Node start-up)`, py ? '<= the Python reference' : undefined),
      times.ours.best(),
      ...(extraCaCerts !== undefined ? [times.withCaCerts.figure(`  the same with this machine's NODE_EXTRA_CA_CERTS (${extraCaCerts}), which Node reads at every start`)] : []),
      times.startUp.figure('  of it start-up: workbench convert --help'),
      times.threads.figure(`  the same with --threads 2 (default here: ${threadCount(DOCUMENTS)})`),
      times.source.figure('  the same from source through tsx (bundle stale or unbuilt)'),
    ];
    if (py) {
      figures.push(
        times.reference.figure(`Python reference (bench/convertReference.py, ${path.basename(py)})`),
        times.reference.best(),
        { name: 'workbench convert / Python reference (median wall times)', value: median(times.ours.wall) / median(times.reference.wall), unit: '×', goal: '<= 1' },
        { name: `  the same, run back to back: median of the ${ratios.length} pairs' ratios (${ratios.map((r) => r.toFixed(2)).join(', ')})`, value: median(ratios), unit: '×' },
      );
      if (times.ours.cpu.length && times.reference.cpu.length)
        figures.push({ name: 'workbench convert / Python reference (median CPU times)', value: median(times.ours.cpu) / median(times.reference.cpu), unit: '×' });
    } else figures.push({ name: 'Python reference: python3 not found, not run', value: 0, unit: '' });
    return figures;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
