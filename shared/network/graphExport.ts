/**
 * Writers for networks and statement tables: GraphML (Gephi, R igraph, networkx), GEXF 1.3
 * (Gephi, with colours and parallel edges), CSV node and edge lists, and a CSV table of the
 * statements behind them. Every function returns the file's text; saving is the caller's job.
 *
 * XML: all text goes through one escaper, which also replaces characters XML 1.0 cannot carry
 * (control characters, lone surrogates) with U+FFFD; node and edge ids are generated ("a1",
 * "c1", "e1") so they are always valid XML names. CSV: RFC 4180, CRLF line ends, UTF-8.
 */
import { OffsetConverter } from '../text/offsets';
import type { AnalysisRow } from './statementsTable';
import { EDGE_COLOURS, EDGE_POLARITIES, type Network, type NetworkNode } from './networks';

// ---------------------------------------------------------------- XML

function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd);
}

// Anything escapeXml would change: markup, quotes, control characters, surrogates, U+FFFE/U+FFFF.
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>"'\u0000-\u001f\ud800-\udfff\ufffe\uffff]/;

/**
 * Escape text for XML element content or a double-quoted attribute. Tabs and line breaks are
 * written as character references so attribute values keep them (parsers normalise raw ones).
 */
export function escapeXml(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += text[i] + text[i + 1];
        i++;
      } else out += '\uFFFD';
      continue;
    }
    switch (c) {
      case 0x26: out += '&amp;'; break;
      case 0x3c: out += '&lt;'; break;
      case 0x3e: out += '&gt;'; break;
      case 0x22: out += '&quot;'; break;
      case 0x27: out += '&apos;'; break;
      case 0x09: out += '&#9;'; break;
      case 0x0a: out += '&#10;'; break;
      case 0x0d: out += '&#13;'; break;
      default: out += isXmlChar(c) ? text[i] : '\uFFFD';
    }
  }
  return out;
}

/** "#16a34a" -> [22, 163, 74]. */
export function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

const NETWORK_TITLES: Record<Network['kind'], string> = {
  'two-mode': 'Two-mode network: actors x concepts, one edge per polarity (weight = statements)',
  'actor-congruence': 'Actor congruence network (weight = shared concept-polarity pairs)',
  'actor-conflict': 'Actor conflict network (weight = support/oppose pairs over concepts)',
  'concept-congruence': 'Concept congruence network (weight = shared actor-polarity pairs)',
  'concept-conflict': 'Concept conflict network (weight = support/oppose pairs over actors)',
};

const COMBINED_TITLE = 'Two-mode network: actors x concepts, one edge per actor and concept (weight = statements; mixed = supports and opposes)';

const num = (n: number) => (Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(12))));

interface KeyDef {
  id: string;
  for: 'graph' | 'node' | 'edge';
  name: string;
  type: 'string' | 'int' | 'double';
}

/**
 * GraphML. Keys: node label, type (actor|concept), actorType, entityId, statements, colour (hex)
 * and r/g/b (which Gephi reads as the colour); edge weight, polarity, colour, r/g/b, and for
 * combined two-mode edges the statements per polarity. Edges are numbered e1, e2, … in order. Parallel edges (one per polarity) are legal
 * GraphML; igraph and networkx keep them, Gephi's GraphML import merges them unless told not to
 * (use GEXF for Gephi).
 */
export function toGraphML(network: Network): string {
  const withCounts = network.edges.counts !== undefined;
  const keys: KeyDef[] = [
    { id: 'network', for: 'graph', name: 'network', type: 'string' },
    { id: 'label', for: 'node', name: 'label', type: 'string' },
    { id: 'type', for: 'node', name: 'type', type: 'string' },
    { id: 'actorType', for: 'node', name: 'actorType', type: 'string' },
    { id: 'entityId', for: 'node', name: 'entityId', type: 'string' },
    { id: 'statements', for: 'node', name: 'statements', type: 'int' },
    { id: 'nodeColour', for: 'node', name: 'colour', type: 'string' },
    { id: 'nodeR', for: 'node', name: 'r', type: 'int' },
    { id: 'nodeG', for: 'node', name: 'g', type: 'int' },
    { id: 'nodeB', for: 'node', name: 'b', type: 'int' },
    { id: 'weight', for: 'edge', name: 'weight', type: 'double' },
    { id: 'polarity', for: 'edge', name: 'polarity', type: 'string' },
    { id: 'edgeColour', for: 'edge', name: 'colour', type: 'string' },
    { id: 'edgeR', for: 'edge', name: 'r', type: 'int' },
    { id: 'edgeG', for: 'edge', name: 'g', type: 'int' },
    { id: 'edgeB', for: 'edge', name: 'b', type: 'int' },
    ...(withCounts
      ? ([
          { id: 'support', for: 'edge', name: 'support', type: 'int' },
          { id: 'oppose', for: 'edge', name: 'oppose', type: 'int' },
          { id: 'neutral', for: 'edge', name: 'neutral', type: 'int' },
        ] as KeyDef[])
      : []),
  ];
  const data = (key: string, value: string | number | undefined) =>
    value === undefined ? '' : `<data key="${key}">${typeof value === 'number' ? num(value) : escapeXml(value)}</data>`;

  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
      ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...keys.map((k) => `  <key id="${k.id}" for="${k.for}" attr.name="${k.name}" attr.type="${k.type}"/>`),
    '  <graph id="G" edgedefault="undirected">',
    `    ${data('network', network.kind)}`,
  ];
  for (const n of network.nodes) {
    const [r, g, b] = hexToRgb(n.colour);
    lines.push(
      `    <node id="${n.id}">` +
        data('label', n.label) +
        data('type', n.type) +
        data('actorType', n.actorType) +
        data('entityId', n.entityId) +
        data('statements', n.statements) +
        data('nodeColour', n.colour) +
        data('nodeR', r) +
        data('nodeG', g) +
        data('nodeB', b) +
        '</node>',
    );
  }
  const { source, target, weight, polarity, counts } = network.edges;
  const nodes = network.nodes;
  // Edge data repeat per polarity: build each polarity's tail once.
  const edgeData = EDGE_POLARITIES.map((p) => {
    const [r, g, b] = hexToRgb(EDGE_COLOURS[p]);
    return data('polarity', p) + data('edgeColour', EDGE_COLOURS[p]) + data('edgeR', r) + data('edgeG', g) + data('edgeB', b);
  });
  for (let i = 0; i < network.edges.length; i++) {
    lines.push(
      `    <edge id="e${i + 1}" source="${nodes[source[i]].id}" target="${nodes[target[i]].id}">` +
        data('weight', weight[i]) +
        edgeData[polarity[i]] +
        (counts ? data('support', counts[3 * i]) + data('oppose', counts[3 * i + 1]) + data('neutral', counts[3 * i + 2]) : '') +
        '</edge>',
    );
  }
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}

/**
 * GEXF 1.3. Nodes carry `label` and `viz:color`; edges carry `weight`, `viz:color` and, for
 * two-mode networks, `kind` = polarity, which is how GEXF 1.3 (Gephi >= 0.9.3) keeps parallel
 * edges apart. Attributes: node type, actorType, entityId, statements; edge polarity (+ counts).
 */
export function toGexf(network: Network, options: { description?: string } = {}): string {
  const twoMode = network.kind === 'two-mode';
  const withCounts = network.edges.counts !== undefined;
  const attr = (forId: string, value: string | number | undefined) =>
    value === undefined ? '' : `<attvalue for="${forId}" value="${typeof value === 'number' ? num(value) : escapeXml(value)}"/>`;
  const color = (hex: string) => {
    const [r, g, b] = hexToRgb(hex);
    return `<viz:color r="${r}" g="${g}" b="${b}"/>`;
  };
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
      ' xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">',
    '  <meta>',
    '    <creator>Annotation Workbench</creator>',
    `    <description>${escapeXml(options.description ?? (network.edges.counts ? COMBINED_TITLE : NETWORK_TITLES[network.kind]))}</description>`,
    '  </meta>',
    '  <graph mode="static" defaultedgetype="undirected">',
    '    <attributes class="node">',
    '      <attribute id="type" title="type" type="string"/>',
    '      <attribute id="actorType" title="actorType" type="string"/>',
    '      <attribute id="entityId" title="entityId" type="string"/>',
    '      <attribute id="statements" title="statements" type="integer"/>',
    '    </attributes>',
    '    <attributes class="edge">',
    '      <attribute id="polarity" title="polarity" type="string"/>',
    ...(withCounts
      ? [
          '      <attribute id="support" title="support" type="integer"/>',
          '      <attribute id="oppose" title="oppose" type="integer"/>',
          '      <attribute id="neutral" title="neutral" type="integer"/>',
        ]
      : []),
    '    </attributes>',
    '    <nodes>',
  ];
  for (const n of network.nodes) {
    lines.push(
      `      <node id="${n.id}" label="${escapeXml(n.label)}"><attvalues>` +
        attr('type', n.type) +
        attr('actorType', n.actorType) +
        attr('entityId', n.entityId) +
        attr('statements', n.statements) +
        `</attvalues>${color(n.colour)}</node>`,
    );
  }
  lines.push('    </nodes>', '    <edges>');
  const { source, target, weight, polarity, counts } = network.edges;
  const nodes = network.nodes;
  const edgeParts = EDGE_POLARITIES.map((p) => ({
    kind: twoMode ? ` kind="${p}"` : '',
    polarity: attr('polarity', p),
    colour: color(EDGE_COLOURS[p]),
  }));
  for (let i = 0; i < network.edges.length; i++) {
    const part = edgeParts[polarity[i]];
    lines.push(
      `      <edge id="e${i + 1}" source="${nodes[source[i]].id}" target="${nodes[target[i]].id}" weight="${num(weight[i])}"${part.kind}><attvalues>` +
        part.polarity +
        (counts ? attr('support', counts[3 * i]) + attr('oppose', counts[3 * i + 1]) + attr('neutral', counts[3 * i + 2]) : '') +
        `</attvalues>${part.colour}</edge>`,
    );
  }
  lines.push('    </edges>', '  </graph>', '</gexf>', '');
  return lines.join('\n');
}

// ---------------------------------------------------------------- CSV

export interface CsvOptions {
  /** Prefix a UTF-8 byte-order mark so Excel detects the encoding. */
  bom?: boolean;
  /**
   * Prefix cells that start with = + - @ (or a tab/CR) with an apostrophe so spreadsheets do not
   * evaluate them as formulas. Off by default: it alters the data R or Python would read.
   */
  guardFormulas?: boolean;
}

/** One RFC 4180 field: quoted when it contains a comma, a quote, CR or LF; quotes doubled. */
export function csvField(value: string | number | undefined, guardFormulas = false): string {
  if (value === undefined) return '';
  let s = typeof value === 'number' ? num(value) : value;
  if (guardFormulas && typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csv(header: string[], rows: (string | number | undefined)[][], options: CsvOptions): string {
  const line = (cells: (string | number | undefined)[]) => cells.map((c) => csvField(c, options.guardFormulas)).join(',') + '\r\n';
  return (options.bom ? '\uFEFF' : '') + line(header) + rows.map(line).join('');
}

/** Nodes: id,label,type,actor_type,entity_id,statements,colour (the vertex table for igraph / Gephi). */
export function toNodeListCsv(network: Network, options: CsvOptions = {}): string {
  return csv(
    ['id', 'label', 'type', 'actor_type', 'entity_id', 'statements', 'colour'],
    network.nodes.map((n: NetworkNode) => [n.id, n.label, n.type, n.actorType, n.entityId, n.statements, n.colour]),
    options,
  );
}

/**
 * Edges: source,target,weight,polarity,source_label,target_label. `source`/`target` are the node
 * ids of toNodeListCsv (labels need not be unique: an actor and a concept may share a name);
 * the labels follow for reading. Two-mode edges have polarity support|oppose|neutral (or mixed
 * in the combined mode); projection edges have congruence|conflict.
 */
export function toEdgeListCsv(network: Network, options: CsvOptions = {}): string {
  const { source, target, weight, polarity } = network.edges;
  const nodes = network.nodes;
  const rows: (string | number)[][] = [];
  for (let i = 0; i < network.edges.length; i++) {
    const s = nodes[source[i]];
    const t = nodes[target[i]];
    rows.push([s.id, t.id, weight[i], EDGE_POLARITIES[polarity[i]], s.label, t.label]);
  }
  return csv(['source', 'target', 'weight', 'polarity', 'source_label', 'target_label'], rows, options);
}

export const STATEMENTS_CSV_HEADER = [
  'article_id',
  'article_title',
  'article_date',
  'article_status',
  'statement_id',
  'actor',
  'actor_entity_id',
  'actor_mention',
  'polarity',
  'stance',
  'concept',
  'concept_id',
  'claim_text',
  'actor_start_utf16',
  'actor_end_utf16',
  'claim_start_utf16',
  'claim_end_utf16',
  'actor_start_codepoint',
  'actor_end_codepoint',
  'claim_start_codepoint',
  'claim_end_codepoint',
  'annotator',
  'actor_fragments_utf16',
  'claim_fragments_utf16',
  'actor_fragments_codepoint',
  'claim_fragments_codepoint',
] as const;

export interface StatementsCsvOptions extends CsvOptions {
  /**
   * Article texts by article id. The *_utf16 columns (JavaScript string indices, the
   * workbench's own unit) are always filled; the *_codepoint columns (Python str indices, R
   * nchar) need the text and stay empty for articles not given here.
   */
  articleTexts?: ReadonlyMap<string, string>;
}

/**
 * One row per statement: the article, the resolved actor (entity name or "unlinked: …") and the
 * mention as written, the polarity and stance words, the resolved concept and the claim as
 * written, then offsets, start inclusive and end exclusive, in two units: the span's extent,
 * and (after the annotator, so no older column moves) its pieces as `start-end;start-end`, one
 * piece for a contiguous span. The `*_mention`/`claim_text` of a discontinuous span join its
 * pieces' texts by one space, so only the pieces, not the extent, give that text back.
 */
export function toStatementsCsv(rows: readonly AnalysisRow[], options: StatementsCsvOptions = {}): string {
  const converters = new Map<string, OffsetConverter | null>();
  const converter = (articleId: string) => {
    if (!converters.has(articleId)) {
      const text = options.articleTexts?.get(articleId);
      converters.set(articleId, text === undefined ? null : new OffsetConverter(text));
    }
    return converters.get(articleId)!;
  };
  const cp = (c: OffsetConverter | null, offset: number) => {
    if (!c) return undefined;
    try {
      return c.utf16ToCodePoint(offset);
    } catch {
      return undefined; // an offset outside the given text: that text is not the one coded
    }
  };
  /** `start-end;start-end` in UTF-16 units, or in code points with the article's converter (empty without one). */
  const pieces = (ranges: readonly { start: number; end: number }[], c?: OffsetConverter | null) => {
    const out: string[] = [];
    for (const { start, end } of ranges) {
      const [s, e] = c === undefined ? [start, end] : [cp(c, start), cp(c, end)];
      if (s === undefined || e === undefined) return undefined;
      out.push(`${s}-${e}`);
    }
    return out.join(';');
  };
  return csv(
    [...STATEMENTS_CSV_HEADER],
    rows.map((r) => {
      const c = converter(r.articleId);
      const actorPieces = r.actorFragments ?? [{ start: r.actorStart, end: r.actorEnd }];
      const claimPieces = r.claimFragments ?? [{ start: r.claimStart, end: r.claimEnd }];
      return [
        r.articleId,
        r.articleTitle,
        r.articleDate,
        r.articleStatus,
        r.statementId,
        r.actor.label,
        r.actor.entityId,
        r.actorText,
        r.polarity,
        r.stanceText,
        r.concept.label,
        r.concept.entityId,
        r.claimText,
        r.actorStart,
        r.actorEnd,
        r.claimStart,
        r.claimEnd,
        cp(c, r.actorStart),
        cp(c, r.actorEnd),
        cp(c, r.claimStart),
        cp(c, r.claimEnd),
        r.annotator,
        pieces(actorPieces),
        pieces(claimPieces),
        pieces(actorPieces, c),
        pieces(claimPieces, c),
      ];
    }),
    options,
  );
}
