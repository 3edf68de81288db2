/**
 * Team work at scale (issue 11: "importing 10 work packages of 1,000 articles each: bounded
 * memory, report peak RSS"). A lead workspace of 1,000 generated articles (3–5 kB of text each)
 * assigns every article to 10 annotators (`workbench assign`, all code all); each annotator's work
 * package is then built directly (shared/teams/workPackage.ts buildWorkPackage): 1,000 layers of
 * about 100 spans and 20 statements, drawn from one seeded base layer per article with
 * per-annotator drops, relabellings and extra spans (shared/domain/seededRandom.ts), so the
 * packages are as large and as varied as real ones.
 *
 * Each command runs in a process of its own (bench/interchangeChild.ts runs the CLI's runCli), so
 * its peak RSS (VmHWM) and sampled peak heap are its own:
 *   - `collect` of 2, 10 and 20 packages (a second round from each annotator at higher revisions,
 *     replacing every layer) into fresh copies of the lead workspace: the bound is met when the
 *     peak does not grow with the number of packages (it follows the largest package);
 *   - `collect` of the 10 with V8's old space capped, which only kept data makes fail;
 *   - `agreement` over the 10 collected layers per article (the 3-annotator speed goal is section
 *     `agreement`'s: not repeated here);
 *   - `export-work` of one annotator's 1,000 coded articles (open-package, then the layer saved
 *     into the annotator's workspace through the store).
 * Figures are printed, never asserted. On a busy 2-core machine the section takes a few minutes.
 */
import { cpSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nowIso, type Article, type Span, type Statement } from '../shared/domain/model';
import { buildWorkPackage, textSha256, WorkLayerSchema, type WorkLayer } from '../shared/teams/workPackage';
import { openWorkspace } from '../electron/service/workspace';
import { readTeamRecord } from '../electron/service/packagesRecord';
import { REPO_DATA_DIR } from '../electron/service/repoPaths';
import { generateSpans, generateText, prng } from './corpus';
import { child as runChild, type ChildResult } from './interchangeBench';
import type { Figure } from './nodeBench';

const MB = 1024 * 1024;
const CAPPED_HEAP_MB = 100;
const POLARITIES = ['support', 'oppose', 'neutral'] as const;

export interface TeamsBenchOptions {
  articles?: number;
  annotators?: number;
  spansPerLayer?: number;
  statementsPerLayer?: number;
}

interface BaseArticle {
  id: string;
  text: string;
  sha: string;
  spans: Span[];
}

const names = (n: number) => Array.from({ length: n }, (_, i) => `coder${String(i + 1).padStart(2, '0')}`);

/** The lead's articles: text only (3–5 kB), no spans; the base layer each annotator's work varies. */
async function makeArticles(count: number, spans: number): Promise<{ articles: Article[]; bases: BaseArticle[] }> {
  const rand = prng(4242);
  const now = nowIso();
  const articles: Article[] = [];
  const bases: BaseArticle[] = [];
  for (let i = 0; i < count; i++) {
    const id = `t${i}`;
    const text = generateText(3000 + Math.floor(rand() * 2000), i + 1);
    articles.push({ id, title: `Generated article ${id}`, source: 'benchmark', status: 'not_started', createdAt: now, updatedAt: now, text, spans: [], statements: [] });
    bases.push({ id, text, sha: await textSha256(text), spans: generateSpans(text, spans, i + 7) });
  }
  return { articles, bases };
}

/** One annotator's layer of an article: the base spans, ~5 % dropped, ~4 % relabelled, ~5 % of their own; statements on them. */
function layerOf(base: BaseArticle, who: string, seed: number, statements: number, revision = 3): WorkLayer {
  const rand = prng(seed);
  const now = nowIso();
  const own = generateSpans(base.text, Math.round(base.spans.length * 0.05), seed + 1).map((s) => ({ ...s, id: `o${s.id}` }));
  const spans: Span[] = [];
  for (const s of [...base.spans, ...own]) {
    const r = rand();
    if (r < 0.05) continue;
    spans.push({ ...s, labelId: r < 0.09 ? (s.labelId === 'actor' ? 'claim' : 'actor') : s.labelId, annotator: who, createdAt: now, updatedAt: now });
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : 1));
  const actors = spans.filter((s) => s.labelId === 'actor');
  const claims = spans.filter((s) => s.labelId === 'claim');
  const sts: Statement[] = Array.from({ length: statements }, (_, k) => ({
    id: `st${k}`,
    actorSpanId: actors[Math.floor(rand() * actors.length)].id,
    claimSpanId: claims[Math.floor(rand() * claims.length)].id,
    polarity: POLARITIES[Math.floor(rand() * 3)],
    annotator: who,
    createdAt: now,
    updatedAt: now,
  }));
  return { articleId: base.id, revision, status: 'in_progress', updatedAt: now, textSha256: base.sha, spans, statements: sts };
}

const mb = (bytes: number) => bytes / MB;

function memoryFigures(what: string, r: ChildResult, goal?: string): Figure[] {
  return [
    { name: `${what}: wall time`, value: r.ms / 1000, unit: 's' },
    { name: `${what}: peak RSS (process at start: ${Math.round(r.baseRssMb)} MB)`, value: r.peakRssMb, unit: 'MB', ...(goal ? { goal } : {}) },
    { name: `${what}: peak heap used (sampled)`, value: r.peakHeapMb, unit: 'MB' },
  ];
}

export interface TeamStudy {
  lead: string;
  annotators: string[];
  bases: BaseArticle[];
  /**
   * The work package files: one per annotator in the order of `annotators`, then a second round
   * (each annotator's later work: every layer at a higher revision, so collecting it replaces them).
   */
  packages: string[];
  assign: ChildResult;
  packedBytes: number;
  entryBytes: number;
}

/** The lead workspace in `tmp`/lead, assigned to every annotator, and one work package per annotator in `tmp`. */
export async function makeTeamStudy(tmp: string, options: Required<TeamsBenchOptions>): Promise<TeamStudy> {
  const annotators = names(options.annotators);
  // The lead: every article assigned to every annotator (assignments recorded in team.json).
  const lead = path.join(tmp, 'lead');
  const { articles, bases } = await makeArticles(options.articles, options.spansPerLayer);
  const session = await openWorkspace({ dir: lead, dataDir: REPO_DATA_DIR, seed: false, appName: 'teams benchmark' });
  const schema = session.store.schema;
  await session.store.addArticles(articles);
  await session.close();
  const assign = await runChild(['assign', '--workspace', lead, '--lead', 'lea', '--out', path.join(tmp, 'assigned'), '--annotators', annotators.join(','), '--all-code-all']);
  const { record } = await readTeamRecord(lead);

  // One work package per annotator and round, built as export-work would (same container, same entries).
  const packages: string[] = [];
  let packedBytes = 0;
  let entryBytes = 0;
  for (const round of [1, 2])
    for (const [k, who] of annotators.entries()) {
      const layers = bases.map((b, i) => layerOf(b, who, (i + 1) * 1000 + k + round * 100, options.statementsPerLayer, round + 2));
      const bytes = await buildWorkPackage(
        { packageId: `pbench${round}x${k}`, createdAt: nowIso(), annotator: who, lead: 'lea', sourceWorkspaceId: record.workspaceId! },
        { schema, entities: [], layers },
      );
      const file = path.join(tmp, `${who}-work-${round}.wbpkg`);
      writeFileSync(file, bytes);
      packages.push(file);
      if (round > 1) continue;
      for (const l of layers) entryBytes += Buffer.byteLength(JSON.stringify(WorkLayerSchema.parse(l)));
      packedBytes += bytes.length;
    }
  return { lead, annotators, bases, packages, assign, packedBytes, entryBytes };
}

export async function benchTeams(options: TeamsBenchOptions = {}): Promise<Figure[]> {
  const opts: Required<TeamsBenchOptions> = {
    articles: options.articles ?? 1000,
    annotators: options.annotators ?? 10,
    spansPerLayer: options.spansPerLayer ?? 100,
    statementsPerLayer: options.statementsPerLayer ?? 20,
  };
  const count = opts.articles;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-teams-'));
  const figures: Figure[] = [];
  try {
    const { lead, annotators, bases, packages, assign, packedBytes, entryBytes } = await makeTeamStudy(tmp, opts);
    figures.push(...memoryFigures(`assign ${count.toLocaleString('en')} articles to ${annotators.length} annotators (${annotators.length} assignment packages)`, assign));
    const perPackage = `${count.toLocaleString('en')} layers × ~${opts.spansPerLayer} spans + ${opts.statementsPerLayer} statements`;
    figures.push(
      { name: `work package (${perPackage}): size, mean of ${annotators.length}`, value: mb(packedBytes / annotators.length), unit: 'MB' },
      { name: 'work package: layer entries inflated, mean', value: mb(entryBytes / annotators.length), unit: 'MB' },
    );

    // Collect 2, all 10, and 20 (a second round from each annotator, replacing every layer),
    // each into a fresh copy of the lead workspace. The 10 stay for the agreement.
    const collected = (n: number) => path.join(tmp, `lead-${n}`);
    for (const n of [2, annotators.length, 2 * annotators.length]) {
      cpSync(lead, collected(n), { recursive: true });
      const r = await runChild(['collect', '--workspace', collected(n), ...packages.slice(0, n)]);
      const what = `collect ${n} work packages (${n > annotators.length ? '2 rounds, ' : ''}${Math.round(mb(sizeOf(packages.slice(0, n))))} MB)`;
      figures.push(...memoryFigures(what, r, n === 2 ? undefined : 'bounded: peak RSS ≈ for 10 and 20 packages'));
      if (n !== annotators.length) rmSync(collected(n), { recursive: true, force: true });
    }
    // Heap that follows the number of packages can be garbage not yet collected, or data kept:
    // with the old space capped near one package's worth, only kept data makes it fail.
    cpSync(lead, collected(0), { recursive: true });
    let cappedValue = -1;
    try {
      cappedValue = (await runChild(['collect', '--workspace', collected(0), ...packages.slice(0, annotators.length)], [`--max-old-space-size=${CAPPED_HEAP_MB}`])).ms / 1000;
    } catch {
      // ran out of memory: reported as -1
    }
    rmSync(collected(0), { recursive: true, force: true });
    figures.push({ name: `collect ${annotators.length} work packages with V8's old space capped at ${CAPPED_HEAP_MB} MB (-1: failed)`, value: cappedValue, unit: 's', goal: 'completes' });

    const agreement = await runChild(['agreement', '--workspace', collected(annotators.length), '--out', path.join(tmp, 'agreement.csv')]);
    figures.push(...memoryFigures(`agreement over ${count.toLocaleString('en')} articles × ${annotators.length} collected layers (CSV)`, agreement));

    // export-work: the first annotator opens their package and codes every article (saved through the store).
    const coder = path.join(tmp, annotators[0]);
    const open = await runChild(['open-package', '--workspace', coder, path.join(tmp, 'assigned', `${annotators[0]}.wbpkg`)]);
    figures.push(...memoryFigures(`open-package of ${count.toLocaleString('en')} articles`, open));
    const coding = await openWorkspace({ dir: coder, dataDir: REPO_DATA_DIR, create: false, seed: false, appName: 'teams benchmark' });
    for (const [i, b] of bases.entries()) {
      const layer = layerOf(b, annotators[0], (i + 1) * 1000, opts.statementsPerLayer);
      const article = await coding.store.readArticle(b.id);
      await coding.store.saveArticle({ ...article, status: 'in_progress', spans: layer.spans, statements: layer.statements });
    }
    await coding.close();
    const out = path.join(tmp, 'exported-work.wbpkg');
    const exported = await runChild(['export-work', '--workspace', coder, '--out', out]);
    figures.push(...memoryFigures(`export-work of ${count.toLocaleString('en')} coded articles (${Math.round(mb(statSync(out).size))} MB package)`, exported));
    return figures;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function sizeOf(files: readonly string[]): number {
  return files.reduce((n, f) => n + statSync(f).size, 0);
}
