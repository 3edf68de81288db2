/**
 * `workbench export --format graphml|gexf|edges-csv|nodes-csv|statements-csv`, in process, on
 * workspaces coded by hand: the worked example of docs/networks.md (Alice, Bob, Carol; Tax cut,
 * Wind power; nine statements over two articles) and the sample article coded as in
 * shared/network/fixtures/sampleArticleCoding.ts. The files are parsed (strict XML reader, CSV
 * split) and compared with the networks worked out by hand.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../shared/domain/model';
import { codeSampleArticle, SAMPLE_CONCEPTS, SAMPLE_ENTITIES } from '../../shared/network/fixtures/sampleArticleCoding';
import { findAll, readXml, textOf, type XmlElement } from '../../shared/network/fixtures/readXml';
import { STATEMENTS_CSV_HEADER } from '../../shared/network/graphExport';
import { actorEntity, conceptEntity } from '../../shared/network/testRows';
import { makeSpan, openTestWorkspace, tempDir } from '../service/testWorkspace';
import { knownArticle, runWorkbenchInProcess as run, snapshotDir } from './cliTestHelpers';

let tmp: ReturnType<typeof tempDir>;
let cwd: string;
beforeEach(() => {
  tmp = tempDir('workbench-network-cli-');
  cwd = tmp.dir;
});
afterEach(() => tmp.cleanup());
const file = (name: string) => path.join(cwd, name);

/*
 * The worked example of docs/networks.md, coded in two articles:
 *   w1 (done, 2024-05-01): Alice supports Tax cut (x2), Alice opposes Wind power, Bob supports
 *                          Tax cut, Carol opposes Tax cut.
 *   w2 (in progress, 2024-06-15, starts with an emoji): Bob supports and is neutral on Wind
 *                          power, Carol opposes and is neutral on Wind power.
 *   w3 (done, no date): no statements.
 */
const ENTITIES = [
  actorEntity('alice', 'Alice'),
  actorEntity('bob', 'Bob'),
  actorEntity('carol', 'Carol'),
  conceptEntity('tax', 'Tax cut'),
  conceptEntity('wind', 'Wind power'),
];

function codedArticle(id: string, status: Article['status'], date: string | undefined, prefix: string, coding: [string, Article['statements'][number]['polarity'], string][]): Article {
  // Text: "<prefix>Alice Bob Carol tax cut wind power", one mention span per statement (statements never share spans).
  const words: Record<string, string> = { alice: 'Alice', bob: 'Bob', carol: 'Carol', tax: 'tax cut', wind: 'wind power' };
  let text = prefix;
  const spans: Article['spans'] = [];
  const statements: Article['statements'] = [];
  const mention = (entityId: string, labelId: string) => {
    const start = text.length;
    text += `${words[entityId]} `;
    spans.push(makeSpan(`${id}-s${spans.length}`, labelId, start, start + words[entityId].length, { entityId }));
    return spans[spans.length - 1].id;
  };
  coding.forEach(([actor, polarity, concept], i) => {
    const actorSpanId = mention(actor, 'actor');
    const claimSpanId = mention(concept, 'claim');
    statements.push({ id: `${id}-st${i}`, actorSpanId, claimSpanId, polarity, annotator: 'hand', createdAt: '2024-05-01T00:00:00.000Z', updatedAt: '2024-05-01T00:00:00.000Z' });
  });
  const article = knownArticle(id, status, text.trimEnd(), spans, statements);
  if (date) article.date = date;
  else delete article.date;
  return article;
}

const WORKED = [
  codedArticle('w1', 'done', '2024-05-01', '', [
    ['alice', 'support', 'tax'],
    ['alice', 'support', 'tax'],
    ['alice', 'oppose', 'wind'],
    ['bob', 'support', 'tax'],
    ['carol', 'oppose', 'tax'],
  ]),
  codedArticle('w2', 'in_progress', '2024-06-15', '🐱 ', [
    ['bob', 'support', 'wind'],
    ['bob', 'neutral', 'wind'],
    ['carol', 'oppose', 'wind'],
    ['carol', 'neutral', 'wind'],
  ]),
  codedArticle('w3', 'done', undefined, 'Nothing coded. ', []),
];

async function buildWorkedExample(dir: string) {
  const { session, api } = await openTestWorkspace(dir, { seed: false });
  await session.store.addArticles(WORKED);
  for (const entity of ENTITIES) await api.saveEntity({ entity });
  await session.close();
}

interface ParsedGraph {
  nodes: Record<string, string>;
  /** "source label | target label | polarity weight", in file order. */
  edges: string[];
}

function parseGraphML(text: string): ParsedGraph {
  const root = readXml(text);
  const keys = new Map(findAll(root, 'key').map((k) => [k.attributes.id, k.attributes['attr.name']]));
  const data = (el: XmlElement) => Object.fromEntries(findAll(el, 'data').map((d) => [keys.get(d.attributes.key)!, textOf(d)]));
  const nodes = Object.fromEntries(findAll(root, 'node').map((n) => [n.attributes.id, data(n).label]));
  const edges = findAll(root, 'edge').map((e) => {
    const d = data(e);
    return `${nodes[e.attributes.source]} | ${nodes[e.attributes.target]} | ${d.polarity} ${d.weight}`;
  });
  return { nodes, edges };
}

function parseGexf(text: string): ParsedGraph & { kinds: string[] } {
  const root = readXml(text);
  expect(root.attributes).toMatchObject({ xmlns: 'http://gexf.net/1.3', version: '1.3' });
  const nodes = Object.fromEntries(findAll(root, 'node').map((n) => [n.attributes.id, n.attributes.label]));
  const edgeEls = findAll(root, 'edge');
  const edges = edgeEls.map((e) => {
    const polarity = findAll(e, 'attvalue').find((a) => a.attributes.for === 'polarity')!.attributes.value;
    return `${nodes[e.attributes.source]} | ${nodes[e.attributes.target]} | ${polarity} ${e.attributes.weight}`;
  });
  return { nodes, edges, kinds: edgeEls.map((e) => e.attributes.kind ?? '') };
}

/** RFC 4180 as the writers produce it (CRLF records; no quoted line breaks in these tests). */
const csvRecords = (text: string) => {
  expect(text.endsWith('\r\n')).toBe(true);
  return text.slice(0, -2).split('\r\n').map((line) => line.split(','));
};

const TWO_MODE_EDGES = [
  'Alice | Tax cut | support 2',
  'Alice | Wind power | oppose 1',
  'Bob | Tax cut | support 1',
  'Bob | Wind power | support 1',
  'Bob | Wind power | neutral 1',
  'Carol | Tax cut | oppose 1',
  'Carol | Wind power | oppose 1',
  'Carol | Wind power | neutral 1',
];

describe('workbench export of networks, on the worked example of docs/networks.md', () => {
  beforeEach(() => buildWorkedExample(file('ws')));
  const exportTo = (out: string, ...args: string[]) => run(['export', '--workspace', 'ws', '--out', out, ...args], cwd);

  it('writes the two-mode network as GraphML and GEXF: 5 nodes, 8 edges weighted by statements', async () => {
    const graphml = await exportTo('two.graphml', '--format', 'graphml');
    expect(graphml).toEqual({
      code: 0,
      stdout: `exported a two-mode network of 5 nodes and 8 edges (9 statements) from 2 articles to ${file('two.graphml')}\n`,
      stderr: '',
    });
    const g = parseGraphML(readFileSync(file('two.graphml'), 'utf8'));
    expect(g.nodes).toEqual({ a1: 'Alice', a2: 'Bob', a3: 'Carol', c1: 'Tax cut', c2: 'Wind power' });
    expect(g.edges).toEqual(TWO_MODE_EDGES);

    expect((await exportTo('two.gexf', '--format', 'gexf', '--network', 'two-mode')).code).toBe(0);
    const x = parseGexf(readFileSync(file('two.gexf'), 'utf8'));
    expect(x.nodes).toEqual(g.nodes);
    expect(x.edges).toEqual(TWO_MODE_EDGES);
    // GEXF keeps the parallel Bob–Wind power edges apart by kind.
    expect(x.kinds).toEqual(['support', 'oppose', 'support', 'support', 'neutral', 'oppose', 'oppose', 'neutral']);
  });

  it('writes the congruence and conflict projections worked out by hand', async () => {
    expect((await exportTo('cong.graphml', '--format', 'graphml', '--network', 'congruence')).stdout).toContain(
      'a congruence network of 3 nodes and 3 edges (9 statements)',
    );
    expect(parseGraphML(readFileSync(file('cong.graphml'), 'utf8')).edges).toEqual([
      'Alice | Bob | congruence 1',
      'Alice | Carol | congruence 1',
      'Bob | Carol | congruence 1',
    ]);
    expect((await exportTo('conf.gexf', '--format', 'gexf', '--network', 'conflict')).code).toBe(0);
    const conflict = parseGexf(readFileSync(file('conf.gexf'), 'utf8'));
    expect(conflict.edges).toEqual(['Alice | Bob | conflict 1', 'Alice | Carol | conflict 1', 'Bob | Carol | conflict 2']);
    expect(conflict.kinds).toEqual(['', '', '']);
    // Concept projection: Tax cut–Wind power congruent through Bob (+,+) and Carol (−,−).
    expect((await exportTo('concepts.graphml', '--format', 'graphml', '--network', 'concept-congruence')).code).toBe(0);
    expect(parseGraphML(readFileSync(file('concepts.graphml'), 'utf8')).edges).toEqual(['Tax cut | Wind power | congruence 2']);
  });

  it('filters by status, polarity and date range as the Network view does', async () => {
    // Only w1 (done): conflict Alice–Carol and Bob–Carol on Tax cut.
    await exportTo('done.graphml', '--format', 'graphml', '--network', 'conflict', '--status', 'done');
    expect(parseGraphML(readFileSync(file('done.graphml'), 'utf8')).edges).toEqual(['Alice | Carol | conflict 1', 'Bob | Carol | conflict 1']);
    // Both statuses: everything again; a span format takes one --status only.
    await exportTo('both.graphml', '--format', 'graphml', '--network', 'conflict', '--status', 'done', '--status', 'in_progress');
    expect(parseGraphML(readFileSync(file('both.graphml'), 'utf8')).edges).toEqual(['Alice | Bob | conflict 1', 'Alice | Carol | conflict 1', 'Bob | Carol | conflict 2']);
    const twice = await exportTo('x.jsonl', '--format', 'jsonl', '--status', 'done', '--status', 'in_progress');
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('--status may be given once for jsonl');
    // Without neutral statements Bob and Carol no longer agree on anything.
    await exportTo('no-neutral.graphml', '--format', 'graphml', '--network', 'congruence', '--polarity', 'support', '--polarity', 'oppose');
    expect(parseGraphML(readFileSync(file('no-neutral.graphml'), 'utf8')).edges).toEqual(['Alice | Bob | congruence 1', 'Alice | Carol | congruence 1']);
    // From June: w2 only (the undated w3 is left out anyway).
    const june = await exportTo('june.graphml', '--format', 'graphml', '--from', '2024-06-01');
    expect(june.stdout).toContain('3 nodes and 4 edges (4 statements) from 1 article');
    expect(parseGraphML(readFileSync(file('june.graphml'), 'utf8')).edges).toEqual(TWO_MODE_EDGES.filter((e) => e.includes('Wind') && !e.startsWith('Alice')));
    // Until May: w1 only; one day that holds no article: an empty network, still a valid file.
    await exportTo('may.graphml', '--format', 'graphml', '--to', '2024-05-31');
    expect(parseGraphML(readFileSync(file('may.graphml'), 'utf8')).edges).toHaveLength(4);
    const none = await exportTo('none.gexf', '--format', 'gexf', '--from', '2024-05-02', '--to', '2024-05-02');
    expect(none.stdout).toContain('0 nodes and 0 edges (0 statements) from 0 articles');
    expect(parseGexf(readFileSync(file('none.gexf'), 'utf8')).edges).toEqual([]);
    // --article selects articles.
    await exportTo('w2.graphml', '--format', 'graphml', '--article', 'w2');
    expect(parseGraphML(readFileSync(file('w2.graphml'), 'utf8')).edges).toHaveLength(4);
  });

  it('writes CSV edge and node lists with node ids that match', async () => {
    expect((await exportTo('edges.csv', '--format', 'edges-csv', '--network', 'conflict')).code).toBe(0);
    expect(csvRecords(readFileSync(file('edges.csv'), 'utf8'))).toEqual([
      ['source', 'target', 'weight', 'polarity', 'source_label', 'target_label'],
      ['a1', 'a2', '1', 'conflict', 'Alice', 'Bob'],
      ['a1', 'a3', '1', 'conflict', 'Alice', 'Carol'],
      ['a2', 'a3', '2', 'conflict', 'Bob', 'Carol'],
    ]);
    expect((await exportTo('nodes.csv', '--format', 'nodes-csv', '--bom')).code).toBe(0);
    const nodes = readFileSync(file('nodes.csv'), 'utf8');
    expect(nodes.startsWith('\uFEFF')).toBe(true);
    expect(csvRecords(nodes.slice(1))).toEqual([
      ['id', 'label', 'type', 'actor_type', 'entity_id', 'statements', 'colour'],
      ['a1', 'Alice', 'actor', 'person', 'alice', '3', '#2563eb'],
      ['a2', 'Bob', 'actor', 'person', 'bob', '3', '#2563eb'],
      ['a3', 'Carol', 'actor', 'person', 'carol', '3', '#2563eb'],
      ['c1', 'Tax cut', 'concept', '', 'tax', '4', '#059669'],
      ['c2', 'Wind power', 'concept', '', 'wind', '5', '#059669'],
    ]);
  });

  it('writes the statements CSV with UTF-16 and code-point offsets', async () => {
    const r = await exportTo('statements.csv', '--format', 'statements-csv', '--polarity', 'oppose');
    expect(r.stdout).toBe(`exported 3 statements from 2 articles to ${file('statements.csv')}\n`);
    const [header, ...records] = csvRecords(readFileSync(file('statements.csv'), 'utf8'));
    expect(header).toEqual([...STATEMENTS_CSV_HEADER]);
    const col = (name: (typeof STATEMENTS_CSV_HEADER)[number]) => header.indexOf(name);
    const pick = (rec: string[], ...names: (typeof STATEMENTS_CSV_HEADER)[number][]) => names.map((n) => rec[col(n)]);
    expect(records.map((rec) => pick(rec, 'article_id', 'article_date', 'statement_id', 'actor', 'actor_mention', 'polarity', 'concept', 'claim_text'))).toEqual([
      ['w1', '2024-05-01', 'w1-st2', 'Alice', 'Alice', 'oppose', 'Wind power', 'wind power'],
      ['w1', '2024-05-01', 'w1-st4', 'Carol', 'Carol', 'oppose', 'Tax cut', 'tax cut'],
      ['w2', '2024-06-15', 'w2-st2', 'Carol', 'Carol', 'oppose', 'Wind power', 'wind power'],
    ]);
    const w2 = WORKED[1];
    const carol = w2.spans.find((s) => s.id === 'w2-s4')!;
    expect(w2.text.slice(carol.start, carol.end)).toBe('Carol');
    // After "🐱 " (3 UTF-16 units, 2 code points) the code-point offsets are one less.
    expect(pick(records[2], 'actor_start_utf16', 'actor_end_utf16', 'actor_start_codepoint', 'actor_end_codepoint')).toEqual(
      [carol.start, carol.end, carol.start - 1, carol.end - 1].map(String),
    );
    // "Alice tax cut Alice tax cut Alice": the third Alice starts at 28 in both units.
    expect(pick(records[0], 'actor_start_utf16', 'actor_start_codepoint')).toEqual(['28', '28']);
  });

  it('exits 2 for --network with a span format or statements-csv, an unknown network, a bad date; 1 for an unknown article', async () => {
    const before = snapshotDir(file('ws'));
    const usage = await Promise.all([
      exportTo('x.jsonl', '--format', 'jsonl', '--network', 'congruence'),
      exportTo('x.jsonl', '--format', 'jsonl', '--polarity', 'support'),
      exportTo('x.csv', '--format', 'statements-csv', '--network', 'two-mode'),
      exportTo('x.graphml', '--format', 'graphml', '--network', 'similarity'),
      exportTo('x.graphml', '--format', 'graphml', '--from', '2024-13-01'),
      exportTo('x.graphml', '--format', 'graphml', '--from', '2024-06-01', '--to', '2024-05-01'),
      exportTo('x.graphml', '--format', 'graphml', '--polarity', 'maybe'),
    ]);
    expect(usage.map((r) => r.code)).toEqual([2, 2, 2, 2, 2, 2, 2]);
    expect(usage[0].stderr).toContain('--network applies only to the network formats (graphml, gexf, edges-csv, nodes-csv, statements-csv)');
    expect(usage[2].stderr).toContain('--network does not apply to statements-csv');
    expect(usage[3].stderr).toContain('--network must be one of two-mode, congruence, conflict, concept-congruence, concept-conflict; got "similarity"');
    expect(usage[4].stderr).toContain('--from must be a date written YYYY-MM-DD; got "2024-13-01"');
    expect(usage[5].stderr).toContain('--from 2024-06-01 is after --to 2024-05-01');
    for (const r of usage) expect(r.stderr).toContain('Run "workbench export --help" for usage.');
    const missing = await exportTo('x.graphml', '--format', 'graphml', '--article', 'zz9');
    expect(missing).toMatchObject({ code: 1, stderr: 'error: no article with id zz9\n' });
    expect(existsSync(file('x.graphml')) || existsSync(file('x.jsonl')) || existsSync(file('x.csv'))).toBe(false);
    expect(snapshotDir(file('ws'))).toEqual(before);
  });

  it('exits 3 while the app holds the workspace, and writes nothing', async () => {
    const holder = await openTestWorkspace(file('ws'), { appName: 'Annotation Workbench' });
    try {
      const r = await exportTo('held.gexf', '--format', 'gexf');
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('is in use by Annotation Workbench');
      expect(existsSync(file('held.gexf'))).toBe(false);
    } finally {
      await holder.session.close();
    }
  });

  it('lists the network formats and flags in --help', async () => {
    const help = await run(['export', '--help'], cwd);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('one of: jsonl, brat, doccano, label-studio, w3c, conll, conllu, csv, graphml, gexf, edges-csv, nodes-csv, statements-csv');
    for (const f of ['--network NETWORK', '--polarity POLARITY', '--from DATE', '--to DATE', 'one of: two-mode, congruence, conflict'])
      expect(help.stdout).toContain(f);
  });
});

describe('workbench export of networks, on the sample article coded by hand', () => {
  it('gives Khaji and Endo congruent with weight 3, no conflict, and the 13 two-mode edges', async () => {
    const { session, api } = await openTestWorkspace(file('ws'));
    const [sample] = await api.listArticles({});
    const coding = codeSampleArticle((await api.getArticle({ id: sample.id })).text);
    for (const entity of SAMPLE_ENTITIES) await api.saveEntity({ entity });
    await api.editArticle({ articleId: sample.id, edits: coding.edits });
    await session.close();

    const exportTo = (out: string, ...args: string[]) => run(['export', '--workspace', 'ws', '--out', out, ...args], cwd);
    expect((await exportTo('cong.graphml', '--format', 'graphml', '--network', 'congruence')).code).toBe(0);
    expect(parseGraphML(readFileSync(file('cong.graphml'), 'utf8')).edges).toEqual(['Akira Endo | Ali-Asghar Khaji | congruence 3']);
    expect((await exportTo('conf.gexf', '--format', 'gexf', '--network', 'conflict')).stdout).toContain('2 nodes and 0 edges (15 statements)');
    expect((await exportTo('two.gexf', '--format', 'gexf')).code).toBe(0);
    const two = parseGexf(readFileSync(file('two.gexf'), 'utf8'));
    expect(Object.keys(two.nodes)).toHaveLength(12);
    expect(two.edges).toHaveLength(13);
    expect(two.edges).toContain(`Ali-Asghar Khaji | ${SAMPLE_CONCEPTS.C6} | oppose 1`);
    expect(two.edges).toContain(`Ali-Asghar Khaji | ${SAMPLE_CONCEPTS.C3} | support 2`);
    expect(two.edges.reduce((sum, e) => sum + Number(e.split(' ').at(-1)), 0)).toBe(15);
  });
});
