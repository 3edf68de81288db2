/**
 * Interchange benchmarks (issue 3): a workspace of 10,000 generated articles with 100 spans
 * each, exported with the CLI's streaming export (exportToFile) to JSONL, brat, CSV and
 * doccano, and the JSONL file imported into an empty workspace with the CLI's import
 * (planImport → commitImportPlan). Each run is a child process of its own
 * (bench/interchangeChild.ts), so its peak memory (VmHWM) and sampled peak heap are its own.
 * The same runs on a corpus a fifth the size show whether peak memory grows with the corpus,
 * and the import of a JSONL file of 100,000 small articles (about 300 MB, generated straight
 * into a file: no workspace to export it from) whether the import's peak stays bounded by the
 * largest article (issue 9: the goal is under 300 MB). Figures are printed, never asserted.
 * The 100,000-article import adds 7 to 10 minutes on a busy 2-core machine (generating the
 * file 25 s; the rest is writing and fsyncing 100,000 article files); skip it with
 * `bigImportArticles: 0`.
 */
import { execFile } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync, readdirSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FormatName } from '../shared/api/contract';
import { openWorkspace } from '../electron/service/workspace';
import { REPO_DATA_DIR } from '../electron/service/repoPaths';
import { REPO_ROOT } from '../e2e/hostProcess';
import { articleToJsonlLine } from '../shared/formats/jsonl';
import { generateArticle } from './corpus';
import type { Figure } from './nodeBench';

const run = promisify(execFile);
const MB = 1024 * 1024;
const CAPPED_HEAP_MB = 64;

export interface InterchangeBenchOptions {
  articles?: number;
  spansPerArticle?: number;
  textBytes?: number;
  /** Formats exported (besides the JSONL that is imported back). */
  formats?: FormatName[];
  /** Articles of the big JSONL import (small ones: 10 spans, about 1,000 characters); 0 skips it. */
  bigImportArticles?: number;
}

export interface ChildResult {
  ms: number;
  peakRssMb: number;
  baseRssMb: number;
  peakHeapMb: number;
}

/** One CLI command (runCli's arguments) in a child process of its own: bench/interchangeChild.ts. */
export async function child(args: string[], nodeFlags: string[] = []): Promise<ChildResult> {
  const { stdout } = await run(process.execPath, [...nodeFlags, '--import', 'tsx', path.join('bench', 'interchangeChild.ts'), ...args], {
    cwd: REPO_ROOT,
    maxBuffer: 16 * MB,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as ChildResult;
}

function sizeOf(p: string): number {
  const st = statSync(p);
  if (!st.isDirectory()) return st.size;
  return readdirSync(p).reduce((n, name) => n + sizeOf(path.join(p, name)), 0);
}

/** A workspace of `count` generated articles, written through the store (valid, as the app writes it). */
async function makeWorkspace(dir: string, count: number, spans: number, textBytes: number): Promise<void> {
  const session = await openWorkspace({ dir, dataDir: REPO_DATA_DIR, seed: false, appName: 'interchange benchmark' });
  for (let i = 0; i < count; i += 500) {
    const batch = [];
    for (let j = i; j < Math.min(count, i + 500); j++) batch.push(generateArticle(`x${j}`, textBytes, spans, j + 1));
    await session.store.addArticles(batch);
  }
  await session.close();
}

const OUT_NAME: Record<FormatName, string> = {
  jsonl: 'out.jsonl',
  brat: 'out.zip',
  csv: 'out.zip',
  doccano: 'out.jsonl',
  'label-studio': 'out.json',
  w3c: 'out.jsonl',
  conll: 'out.conll',
  conllu: 'out.conllu',
};

/** `workbench import` of a JSONL file into an empty workspace, in a child process: throughput and peak memory. */
async function measureImport(tmp: string, jsonlFile: string, count: number, corpus: string): Promise<Figure[]> {
  const target = path.join(tmp, `import-${count}`);
  const bytes = sizeOf(jsonlFile);
  const r = await child(['import', '--workspace', target, '--format', 'jsonl', jsonlFile]);
  rmSync(target, { recursive: true, force: true });
  const s = r.ms / 1000;
  return [
    { name: `import jsonl into an empty workspace (${corpus}, ${Math.round(bytes / MB)} MB): throughput`, value: count / s, unit: `articles/s, ${(bytes / MB / s).toFixed(1)} MB/s, ${Math.round(s)} s` },
    { name: `import jsonl (${corpus}): peak RSS (process at start: ${Math.round(r.baseRssMb)} MB)`, value: r.peakRssMb, unit: 'MB', goal: '< 300 MB' },
    { name: `import jsonl (${corpus}): peak heap used (sampled)`, value: r.peakHeapMb, unit: 'MB' },
  ];
}

/** A JSONL file of `count` small generated articles, written line by line (never held whole). */
async function writeBigJsonl(file: string, count: number): Promise<void> {
  const out = createWriteStream(file);
  for (let i = 0; i < count; i++) {
    if (!out.write(articleToJsonlLine(generateArticle(`big${i}`, 1_000, 10, i + 1)) + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function measureCorpus(tmp: string, count: number, opts: Required<InterchangeBenchOptions>, formats: FormatName[]): Promise<Figure[]> {
  const ws = path.join(tmp, `ws-${count}`);
  await makeWorkspace(ws, count, opts.spansPerArticle, opts.textBytes);
  const corpus = `${count.toLocaleString('en')} articles × ${opts.spansPerArticle} spans`;
  const figures: Figure[] = [];
  let jsonlFile = '';
  for (const format of formats) {
    const out = path.join(tmp, `${format}-${count}-${OUT_NAME[format]}`);
    const r = await child(['export', '--workspace', ws, '--format', format, '--out', out]);
    const bytes = sizeOf(out);
    if (format === 'jsonl') jsonlFile = out;
    else rmSync(out, { recursive: true, force: true });
    const s = r.ms / 1000;
    figures.push(
      { name: `export ${format} (${corpus}, ${Math.round(bytes / MB)} MB): throughput`, value: count / s, unit: `articles/s, ${(bytes / MB / s).toFixed(1)} MB/s` },
      { name: `export ${format} (${corpus}): peak RSS (process at start: ${Math.round(r.baseRssMb)} MB)`, value: r.peakRssMb, unit: 'MB', goal: 'bounded' },
      { name: `export ${format} (${corpus}): peak heap used (sampled)`, value: r.peakHeapMb, unit: 'MB' },
    );
  }
  if (jsonlFile && count === opts.articles) {
    // Heap that grows with the corpus can be garbage V8 has not collected yet, or data kept:
    // with the old space capped far below the sampled peak, only kept data makes it fail.
    const out = path.join(tmp, `capped-${count}.jsonl`);
    let value = -1;
    try {
      const r = await child(['export', '--workspace', ws, '--format', 'jsonl', '--out', out], [`--max-old-space-size=${CAPPED_HEAP_MB}`]);
      value = count / (r.ms / 1000);
    } catch {
      // ran out of memory: reported as -1
    }
    rmSync(out, { force: true });
    figures.push({ name: `export jsonl (${corpus}) with V8's old space capped at ${CAPPED_HEAP_MB} MB (-1: failed)`, value, unit: 'articles/s', goal: 'completes' });
  }
  if (jsonlFile) {
    figures.push(...(await measureImport(tmp, jsonlFile, count, corpus)));
    rmSync(jsonlFile, { force: true });
  }
  rmSync(ws, { recursive: true, force: true });
  return figures;
}

export async function benchInterchange(options: InterchangeBenchOptions = {}): Promise<Figure[]> {
  const opts: Required<InterchangeBenchOptions> = {
    articles: options.articles ?? 10_000,
    spansPerArticle: options.spansPerArticle ?? 100,
    textBytes: options.textBytes ?? 2_000,
    formats: options.formats ?? ['jsonl', 'brat', 'csv', 'doccano'],
    bigImportArticles: options.bigImportArticles ?? 100_000,
  };
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-interchange-'));
  try {
    // A fifth of the corpus first, JSONL only: does peak memory follow the corpus size?
    const small = await measureCorpus(tmp, Math.round(opts.articles / 5), opts, ['jsonl']);
    const full = await measureCorpus(tmp, opts.articles, opts, opts.formats);
    const big: Figure[] = [];
    if (opts.bigImportArticles) {
      const file = path.join(tmp, 'big.jsonl');
      await writeBigJsonl(file, opts.bigImportArticles);
      big.push(...(await measureImport(tmp, file, opts.bigImportArticles, `${opts.bigImportArticles.toLocaleString('en')} articles × 10 spans`)));
      rmSync(file, { force: true });
    }
    return [...full, ...small, ...big];
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
