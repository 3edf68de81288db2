/**
 * `benchmarkNetwork()`: builds a generated corpus (2,000 actors, 20,000 statements by default)
 * and times every network step on it. Pure and synchronous, so it runs under `npm run bench`
 * (Node) and in the renderer alike. Figures are returned, never asserted (the unit tests only
 * check that the networks are right).
 */
import type { StatementRow } from './statementRow';
import type { Entity, Polarity } from '../domain/model';
import { stanceByActor } from './charts';
import { toGexf, toGraphML, toStatementsCsv } from './graphExport';
import { actorConflictNetwork, actorCongruenceNetwork, conceptCongruenceNetwork, twoModeNetwork } from './networks';
import { buildAnalysisRows } from './statementsTable';
import { seededRandom } from '../domain/seededRandom';

/** Same shape as bench/nodeBench.ts's Figure. */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  goal?: string;
}

export interface NetworkCorpusSize {
  actors: number;
  concepts: number;
  statements: number;
  articles: number;
}

const prng = seededRandom;

/**
 * A corpus shaped like real coding: a few very active actors and many occasional ones, a few
 * concepts everyone talks about, and actors that mostly keep their position on a concept.
 * One actor in ten is left unlinked (counted by its mention text).
 */
export function generateNetworkCorpus(
  size: NetworkCorpusSize = { actors: 2_000, concepts: 150, statements: 20_000, articles: 1_000 },
  seed = 7,
): { rows: StatementRow[]; entities: Entity[] } {
  const rand = prng(seed);
  const entities: Entity[] = [];
  for (let i = 0; i < size.actors; i++)
    if (i % 10 !== 9)
      entities.push({ id: `actor${i}`, kind: 'actor', name: `Actor ${i} ✓ & <Co>`, actorType: 'person', aliases: [], attributes: {} });
  for (let j = 0; j < size.concepts; j++)
    entities.push({ id: `concept${j}`, kind: 'concept', name: `Concept ${j}`, aliases: [], attributes: {} });

  const rows: StatementRow[] = [];
  for (let s = 0; s < size.statements; s++) {
    const actor = Math.floor(size.actors * rand() ** 2);
    const concept = Math.floor(size.concepts * rand() ** 1.5);
    // The actor's usual position on this concept, from a hash of the pair; sometimes not.
    const usual = ((actor * 2_654_435_761 + concept * 40_503) >>> 0) % 10;
    const pick = rand() < 0.85 ? usual : Math.floor(rand() * 10);
    const polarity: Polarity = pick < 5 ? 'support' : pick < 9 ? 'oppose' : 'neutral';
    const article = Math.floor(rand() * size.articles);
    const day = 1 + (article % 28);
    rows.push({
      articleId: `art${article}`,
      articleTitle: `Article ${article}`,
      articleDate: `202${article % 5}-0${1 + (article % 9)}-${String(day).padStart(2, '0')}`,
      articleStatus: article % 3 === 0 ? 'done' : 'in_progress',
      statementId: `st${s}`,
      polarity,
      actorSpanId: `as${s}`,
      actorText: `Actor ${actor}`,
      ...(actor % 10 !== 9 ? { actorEntityId: `actor${actor}` } : {}),
      claimSpanId: `cs${s}`,
      claimText: `claim about concept ${concept}`,
      conceptId: `concept${concept}`,
      actorStart: 0,
      actorEnd: 10,
      claimStart: 20,
      claimEnd: 40,
      annotator: 'bench',
    });
  }
  return { rows, entities };
}

const now = () => globalThis.performance.now();

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median time of `runs` calls (after one warm-up call), in ms. */
function time<T>(runs: number, task: () => T): { ms: number; result: T } {
  let result = task();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    result = task();
    times.push(now() - t0);
  }
  return { ms: median(times), result };
}

/** Time each step on the generated corpus. Takes a few seconds. */
export function benchmarkNetwork(options: { size?: NetworkCorpusSize; runs?: number } = {}): BenchFigure[] {
  const runs = options.runs ?? 5;
  const { rows: statementRows, entities } = generateNetworkCorpus(options.size);
  const label = `${statementRows.length} statements`;
  const rows = time(runs, () => buildAnalysisRows(statementRows, entities));
  const filtered = time(runs, () => buildAnalysisRows(statementRows, entities, { from: '2021-01-01', to: '2023-12-31', statuses: ['done', 'in_progress'] }));
  const twoMode = time(runs, () => twoModeNetwork(rows.result));
  const congruence = time(runs, () => actorCongruenceNetwork(rows.result));
  const conflict = time(runs, () => actorConflictNetwork(rows.result));
  const conceptCongruence = time(runs, () => conceptCongruenceNetwork(rows.result));
  const chart = time(runs, () => stanceByActor(rows.result));
  const graphml = time(runs, () => toGraphML(twoMode.result));
  const gexf = time(runs, () => toGexf(twoMode.result));
  const statementsCsv = time(runs, () => toStatementsCsv(rows.result));
  const actors = twoMode.result.nodes.filter((n) => n.type === 'actor').length;
  return [
    { name: `network corpus: actors / concepts with statements (${label})`, value: actors, unit: `actors, ${twoMode.result.nodes.length - actors} concepts` },
    { name: `analysis rows from statement rows (${label})`, value: rows.ms, unit: 'ms' },
    { name: `analysis rows with date + status filter (${label})`, value: filtered.ms, unit: 'ms' },
    { name: `two-mode network (${twoMode.result.edges.length} edges)`, value: twoMode.ms, unit: 'ms', goal: '< 100 ms' },
    { name: `actor congruence network (${congruence.result.edges.length} edges)`, value: congruence.ms, unit: 'ms', goal: '< 100 ms' },
    { name: `actor conflict network (${conflict.result.edges.length} edges)`, value: conflict.ms, unit: 'ms', goal: '< 100 ms' },
    { name: `concept congruence network (${conceptCongruence.result.edges.length} edges)`, value: conceptCongruence.ms, unit: 'ms' },
    { name: 'stance distribution per actor', value: chart.ms, unit: 'ms' },
    { name: `GraphML of the two-mode network (${Math.round(graphml.result.length / 1024)} KiB)`, value: graphml.ms, unit: 'ms' },
    { name: `GEXF of the two-mode network (${Math.round(gexf.result.length / 1024)} KiB)`, value: gexf.ms, unit: 'ms' },
    { name: `statements CSV (${Math.round(statementsCsv.result.length / 1024)} KiB)`, value: statementsCsv.ms, unit: 'ms' },
  ];
}
