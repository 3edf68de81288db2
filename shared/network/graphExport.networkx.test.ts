/**
 * GraphML and GEXF exports read by networkx's own readers (`nx.read_graphml`, `nx.read_gexf`,
 * Debian's python3-networkx installed by .ci/run, or any `python3` with networkx): node and edge
 * counts, ids, weights, polarities and node attributes must equal the network we wrote, on
 * names with accents, RTL scripts (Persian with ZWNJ, Arabic, Hebrew), emoji, markup characters,
 * tabs and line breaks. Skipped with a visible message where no Python imports networkx.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import childProcess from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pythonAccess, type PythonTool } from '../formats/testing/pythonTool';
import { hexToRgb, toGexf, toGraphML } from './graphExport';
import {
  actorConflictNetwork,
  actorCongruenceNetwork,
  conceptConflictNetwork,
  conceptCongruenceNetwork,
  edgeList,
  twoModeNetwork,
  type Network,
} from './networks';
import { buildAnalysisRows } from './statementsTable';
import { actorEntity, conceptEntity, row } from './testRows';

const { describePython, runPython } = pythonAccess(childProcess, process.env);
const SCRIPT = fileURLToPath(new URL('./testing/networkx_read.py', import.meta.url));

type Attrs = Record<string, unknown>;
type ReadGraph =
  | { multigraph: boolean; directed: boolean; graph: Attrs; nodes: Record<string, Attrs>; edges: [string, string, string | null, Attrs][] }
  | { error: string };

// Names a reader could mangle: accents, markup, quotes, Persian with ZWNJ, Arabic, Hebrew, ZWJ
// emoji and flags, a tab and CRLF (kept by character references), a control character (XML 1.0
// cannot carry it: written as U+FFFD, see graphExport.ts).
const CONTROL = 'Line \u0001 end';
const entities = [
  actorEntity('arzte', 'Ärzte & <Söhne> "Q" \'A\''),
  actorEntity('raees', 'رئیس‌جمهور ایران'),
  actorEntity('wizara', 'وزارة الخارجية'),
  actorEntity('misrad', 'משרד החוץ'),
  actorEntity('family', '👨‍👩‍👧 🇯🇵 Kishida'),
  actorEntity('ctrl', `Tab\there\r\n${CONTROL}`),
  conceptEntity('tawafoq', 'توافق هسته‌ای'),
  conceptEntity('cafe', 'Café naïve 💔'),
  conceptEntity('wind', 'Wind power'),
];
const rows = buildAnalysisRows(
  [
    row('arzte', 'support', 'tawafoq'),
    row('arzte', 'support', 'tawafoq'),
    row('arzte', 'oppose', 'tawafoq'), // parallel edges: support and oppose between the same pair
    row('raees', 'support', 'tawafoq'),
    row('raees', 'oppose', 'cafe'),
    row('wizara', 'oppose', 'tawafoq'),
    row('wizara', 'neutral', 'wind'),
    row('misrad', 'support', 'cafe'),
    row('misrad', 'oppose', 'tawafoq'),
    row('family', 'support', 'cafe'),
    row('family', 'neutral', 'wind'),
    row('family', 'support', 'tawafoq'), // with family's support of cafe: a concept congruence
    row('ctrl', 'oppose', 'cafe'),
    row('ctrl', 'neutral', 'wind'),
    row({ text: 'an unlinked mention 🐱' }, 'support', 'cafe'),
  ],
  entities,
);

const NETWORKS: [string, Network][] = [
  ['two-mode, one edge per polarity', twoModeNetwork(rows)],
  ['two-mode, combined edges', twoModeNetwork(rows, { edges: 'combined' })],
  ['actor congruence', actorCongruenceNetwork(rows)],
  ['actor conflict', actorConflictNetwork(rows)],
  ['concept congruence', conceptCongruenceNetwork(rows)],
  ['concept conflict', conceptConflictNetwork(rows)],
];

/** What XML can carry of a name (graphExport's escapeXml replaces the rest with U+FFFD). */
const inXml = (s: string) => s.replace('\u0001', '\uFFFD');

/**
 * networkx learnt the GEXF 1.3 namespace in 3.6 (networkx PR #8196, issue #8040); before that,
 * read_gexf knows only 1.1draft and 1.2draft and finds no graph in our file.
 */
const GEXF13_REJECTED = 'rejects GEXF 1.3 before networkx 3.6 ("No <graph> element"), as docs/formats.md says';
const atLeast = (version: string, min: number[]) => {
  const parts = version.split('.').map((p) => Number.parseInt(p, 10));
  for (let i = 0; i < min.length; i++) if ((parts[i] || 0) !== min[i]) return (parts[i] || 0) > min[i];
  return true;
};

describePython(['networkx'], "GraphML and GEXF read by networkx's read_graphml and read_gexf", (tool: PythonTool) => {
  const read = new Map<string, ReadGraph>();
  let dir = '';
  const readsGexf13 = atLeast(tool.versions.networkx, [3, 6]);

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-networkx-'));
    const files = NETWORKS.flatMap(([name, network], i) => {
      const graphml = path.join(dir, `${i}.graphml`);
      const gexf = path.join(dir, `${i}.gexf`);
      fs.writeFileSync(graphml, toGraphML(network));
      fs.writeFileSync(gexf, toGexf(network));
      return [
        { key: `${name} graphml`, path: graphml, format: 'graphml' },
        { key: `${name} gexf`, path: gexf, format: 'gexf' },
      ];
    });
    const { graphs } = runPython<{ graphs: ReadGraph[] }>(tool, SCRIPT, { files });
    files.forEach((f, i) => read.set(f.key, graphs[i]));
   }, 120_000); // one Python start-up and import for every file; slow on a busy machine
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const graphOf = (key: string) => {
    const g = read.get(key)!;
    if ('error' in g) throw new Error(`networkx could not read ${key}: ${g.error}`);
    return g;
  };

  /** Edges by their id (networkx keys parallel edges by it), with our polarity and counts. */
  const checkEdges = (g: Exclude<ReadGraph, { error: string }>, network: Network) => {
    const ours = edgeList(network);
    expect(ours.length).toBeGreaterThan(0);
    expect(g.directed).toBe(false);
    expect(g.edges).toHaveLength(ours.length);
    const byId = new Map(g.edges.map(([u, v, key, attrs]) => [String(attrs.id ?? key), { ends: [u, v].sort(), attrs }]));
    expect(byId.size).toBe(ours.length);
    for (const e of ours) {
      const theirs = byId.get(`e${e.index + 1}`)!;
      expect(theirs.ends).toEqual([e.source, e.target].sort());
      expect(theirs.attrs.weight).toBe(e.weight);
      const { polarity, support, oppose, neutral } = theirs.attrs;
      expect({ polarity, ...(support === undefined ? {} : { support, oppose, neutral }) }).toEqual({ polarity: e.polarity, ...(e.counts ?? {}) });
    }
    // Two-mode networks have parallel edges (support and oppose between one actor and one concept).
    const pairs = new Set(ours.map((e) => `${e.source} ${e.target}`));
    expect(g.multigraph).toBe(pairs.size < ours.length);
  };

  for (const [name, network] of NETWORKS) {
    it(`${name}: read_graphml gives every node with its label, type, actorType, entityId, statements and colour, and every edge with its weight and polarity`, () => {
      const g = graphOf(`${name} graphml`);
      expect(g.graph.network).toBe(network.kind);
      expect(Object.keys(g.nodes)).toEqual(network.nodes.map((n) => n.id));
      for (const n of network.nodes) {
        const [r, gr, b] = hexToRgb(n.colour);
        expect(g.nodes[n.id]).toEqual({
          label: inXml(n.label),
          type: n.type,
          ...(n.actorType ? { actorType: n.actorType } : {}),
          ...(n.entityId ? { entityId: n.entityId } : {}),
          statements: n.statements,
          colour: n.colour,
          r,
          g: gr,
          b,
        });
      }
      checkEdges(g, network);
      // The edge colour keys share the attribute name "colour" with the node's, in the edge domain.
      for (const [, , , attrs] of g.edges) expect(attrs.colour).toMatch(/^#[0-9a-f]{6}$/);
    });

    it(`${name}: read_gexf ${readsGexf13 ? 'gives every node with its label, attributes and viz colour, and every edge with its weight and polarity' : GEXF13_REJECTED}`, () => {
      if (!readsGexf13) {
        expect(read.get(`${name} gexf`)).toEqual({ error: 'NetworkXError: No <graph> element in GEXF file.' });
        return;
      }
      const g = graphOf(`${name} gexf`);
      expect(Object.keys(g.nodes)).toEqual(network.nodes.map((n) => n.id));
      for (const n of network.nodes) {
        const [r, gr, b] = hexToRgb(n.colour);
        const { viz, ...attrs } = g.nodes[n.id] as Attrs & { viz: { color: Attrs } };
        expect(attrs).toEqual({
          label: inXml(n.label),
          type: n.type,
          ...(n.actorType ? { actorType: n.actorType } : {}),
          ...(n.entityId ? { entityId: n.entityId } : {}),
          statements: n.statements,
        });
        expect(viz.color).toMatchObject({ r, g: gr, b });
      }
      checkEdges(g, network);
    });
  }

  it('the names reach networkx exactly: RTL with ZWNJ, emoji sequences, markup, tab and CRLF; the control character as U+FFFD', () => {
    const formats = readsGexf13 ? ['graphml', 'gexf'] : ['graphml'];
    for (const format of formats) {
      const labels = Object.values(graphOf(`two-mode, one edge per polarity ${format}`).nodes).map((n) => n.label);
      for (const name of ['رئیس‌جمهور ایران', 'وزارة الخارجية', 'משרד החוץ', '👨‍👩‍👧 🇯🇵 Kishida', 'Ärzte & <Söhne> "Q" \'A\'', 'توافق هسته‌ای', 'Café naïve 💔']) {
        expect(labels, format).toContain(name);
      }
      expect(labels, format).toContain('Tab\there\r\nLine \uFFFD end');
    }
  });
}, { every: true });
