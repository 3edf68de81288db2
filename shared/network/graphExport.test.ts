import { describe, expect, it } from 'vitest';
import { findAll, readXml, textOf, type XmlElement } from './fixtures/readXml';
import { csvField, escapeXml, STATEMENTS_CSV_HEADER, toEdgeListCsv, toGexf, toGraphML, toNodeListCsv, toStatementsCsv } from './graphExport';
import { actorCongruenceNetwork, twoModeNetwork } from './networks';
import { buildAnalysisRows } from './statementsTable';
import { actorEntity, conceptEntity, row } from './testRows';

const NASTY = 'Ärzte & <Söhne> "Q" \'A\' 🇮🇷 وزارت خارجه\tTab\r\nLine \u0001 \uD800';
const NASTY_IN_XML = 'Ärzte & <Söhne> "Q" \'A\' 🇮🇷 وزارت خارجه\tTab\r\nLine \uFFFD \uFFFD';

const entities = [
  actorEntity('alice', 'Alice Ames'),
  actorEntity('nasty', NASTY),
  conceptEntity('tax', 'Tax cut'),
  conceptEntity('wind', 'Wind power'),
];
const rows = buildAnalysisRows(
  [
    row('alice', 'support', 'tax'),
    row('alice', 'support', 'tax'),
    row('alice', 'oppose', 'wind'),
    row('nasty', 'support', 'tax'),
    row('nasty', 'neutral', 'wind'),
  ],
  entities,
);
// Nodes: a1 Alice Ames, a2 <NASTY>, c1 Tax cut, c2 Wind power.
// Two-mode edges: a1-c1 support 2, a1-c2 oppose 1, a2-c1 support 1, a2-c2 neutral 1.
// Congruence: Alice and NASTY both support Tax cut -> a1-a2 weight 1.
const twoMode = twoModeNetwork(rows);
const congruence = actorCongruenceNetwork(rows);

const dataOf = (el: XmlElement, keys: Map<string, string>) =>
  Object.fromEntries(findAll(el, 'data').map((d) => [keys.get(d.attributes.key), textOf(d)]));

describe('escapeXml', () => {
  it('escapes markup and quotes, keeps emoji and RTL text, and replaces characters XML cannot carry', () => {
    expect(escapeXml('a & b < c > d " e \' f')).toBe('a &amp; b &lt; c &gt; d &quot; e &apos; f');
    expect(escapeXml('🇮🇷 وزارت')).toBe('🇮🇷 وزارت');
    expect(escapeXml('x\u0000y\uFFFEz\uDC00')).toBe('x\uFFFDy\uFFFDz\uFFFD');
    expect(escapeXml('tab\tcr\rlf\n')).toBe('tab&#9;cr&#13;lf&#10;');
  });
});

describe('GraphML', () => {
  it('writes exactly this for the smallest graph', () => {
    const tiny = twoModeNetwork(buildAnalysisRows([row('alice', 'oppose', 'tax')], entities));
    expect(toGraphML(tiny)).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
        '  <key id="network" for="graph" attr.name="network" attr.type="string"/>',
        '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
        '  <key id="type" for="node" attr.name="type" attr.type="string"/>',
        '  <key id="actorType" for="node" attr.name="actorType" attr.type="string"/>',
        '  <key id="entityId" for="node" attr.name="entityId" attr.type="string"/>',
        '  <key id="statements" for="node" attr.name="statements" attr.type="int"/>',
        '  <key id="nodeColour" for="node" attr.name="colour" attr.type="string"/>',
        '  <key id="nodeR" for="node" attr.name="r" attr.type="int"/>',
        '  <key id="nodeG" for="node" attr.name="g" attr.type="int"/>',
        '  <key id="nodeB" for="node" attr.name="b" attr.type="int"/>',
        '  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>',
        '  <key id="polarity" for="edge" attr.name="polarity" attr.type="string"/>',
        '  <key id="edgeColour" for="edge" attr.name="colour" attr.type="string"/>',
        '  <key id="edgeR" for="edge" attr.name="r" attr.type="int"/>',
        '  <key id="edgeG" for="edge" attr.name="g" attr.type="int"/>',
        '  <key id="edgeB" for="edge" attr.name="b" attr.type="int"/>',
        '  <graph id="G" edgedefault="undirected">',
        '    <data key="network">two-mode</data>',
        '    <node id="a1"><data key="label">Alice Ames</data><data key="type">actor</data><data key="actorType">person</data><data key="entityId">alice</data><data key="statements">1</data><data key="nodeColour">#2563eb</data><data key="nodeR">37</data><data key="nodeG">99</data><data key="nodeB">235</data></node>',
        '    <node id="c1"><data key="label">Tax cut</data><data key="type">concept</data><data key="entityId">tax</data><data key="statements">1</data><data key="nodeColour">#059669</data><data key="nodeR">5</data><data key="nodeG">150</data><data key="nodeB">105</data></node>',
        '    <edge id="e1" source="a1" target="c1"><data key="weight">1</data><data key="polarity">oppose</data><data key="edgeColour">#dc2626</data><data key="edgeR">220</data><data key="edgeG">38</data><data key="edgeB">38</data></edge>',
        '  </graph>',
        '</graphml>',
        '',
      ].join('\n'),
    );
  });

  it('is well-formed, and reads back with every node, edge, label and weight', () => {
    const doc = readXml(toGraphML(twoMode));
    expect(doc.name).toBe('graphml');
    const keys = new Map(findAll(doc, 'key').map((k) => [k.attributes.id, k.attributes['attr.name']]));
    expect(new Set(keys.values())).toEqual(
      new Set(['network', 'label', 'type', 'actorType', 'entityId', 'statements', 'colour', 'r', 'g', 'b', 'weight', 'polarity']),
    );
    const nodes = findAll(doc, 'node');
    expect(nodes.map((n) => [n.attributes.id, dataOf(n, keys).label, dataOf(n, keys).type])).toEqual([
      ['a1', 'Alice Ames', 'actor'],
      ['a2', NASTY_IN_XML, 'actor'],
      ['c1', 'Tax cut', 'concept'],
      ['c2', 'Wind power', 'concept'],
    ]);
    const edges = findAll(doc, 'edge');
    expect(edges.map((e) => [e.attributes.id, e.attributes.source, e.attributes.target, dataOf(e, keys).weight, dataOf(e, keys).polarity])).toEqual([
      ['e1', 'a1', 'c1', '2', 'support'],
      ['e2', 'a1', 'c2', '1', 'oppose'],
      ['e3', 'a2', 'c1', '1', 'support'],
      ['e4', 'a2', 'c2', '1', 'neutral'],
    ]);
    expect(dataOf(edges[1], keys).colour).toBe('#dc2626');
  });

  it('writes the per-polarity counts of combined edges and projection networks', () => {
    const combined = readXml(toGraphML(twoModeNetwork(rows, { edges: 'combined' })));
    expect(findAll(combined, 'key').map((k) => k.attributes.id)).toContain('support');
    const projection = readXml(toGraphML(congruence));
    expect(findAll(projection, 'node')).toHaveLength(2);
    expect(findAll(projection, 'edge').map((e) => [e.attributes.source, e.attributes.target])).toEqual([['a1', 'a2']]);
    expect(findAll(projection, 'key').map((k) => k.attributes.id)).not.toContain('support');
  });
});

describe('GEXF 1.3', () => {
  it('is well-formed, with labels, viz colours, weights, polarity attributes and edge kinds', () => {
    const doc = readXml(toGexf(twoMode));
    expect(doc.attributes).toMatchObject({ xmlns: 'http://gexf.net/1.3', 'xmlns:viz': 'http://gexf.net/1.3/viz', version: '1.3' });
    const nodes = findAll(doc, 'node');
    expect(nodes.map((n) => [n.attributes.id, n.attributes.label])).toEqual([
      ['a1', 'Alice Ames'],
      ['a2', NASTY_IN_XML],
      ['c1', 'Tax cut'],
      ['c2', 'Wind power'],
    ]);
    expect(findAll(nodes[0], 'viz:color')[0].attributes).toEqual({ r: '37', g: '99', b: '235' });
    const edges = findAll(doc, 'edge');
    expect(edges.map((e) => [e.attributes.source, e.attributes.target, e.attributes.weight, e.attributes.kind])).toEqual([
      ['a1', 'c1', '2', 'support'],
      ['a1', 'c2', '1', 'oppose'],
      ['a2', 'c1', '1', 'support'],
      ['a2', 'c2', '1', 'neutral'],
    ]);
    expect(findAll(edges[1], 'attvalue')[0].attributes).toEqual({ for: 'polarity', value: 'oppose' });
    expect(findAll(edges[1], 'viz:color')[0].attributes).toEqual({ r: '220', g: '38', b: '38' });
    const declared = findAll(doc, 'attribute').map((a) => a.attributes.id);
    for (const v of findAll(doc, 'attvalue')) expect(declared).toContain(v.attributes.for);
  });

  it('leaves out edge kinds in projections, where there are no parallel edges', () => {
    const doc = readXml(toGexf(congruence));
    expect(findAll(doc, 'edge').map((e) => e.attributes)).toEqual([{ id: 'e1', source: 'a1', target: 'a2', weight: '1' }]);
  });
});

describe('CSV', () => {
  it('quotes fields with commas, quotes or line breaks, per RFC 4180', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvField(undefined)).toBe('');
    expect(csvField(2.5)).toBe('2.5');
    expect(csvField('=1+1')).toBe('=1+1');
    expect(csvField('=1+1', true)).toBe("'=1+1");
  });

  it('writes edge lists with node ids and labels, CRLF line ends', () => {
    expect(toEdgeListCsv(twoMode)).toBe(
      'source,target,weight,polarity,source_label,target_label\r\n' +
        'a1,c1,2,support,Alice Ames,Tax cut\r\n' +
        'a1,c2,1,oppose,Alice Ames,Wind power\r\n' +
        `a2,c1,1,support,${csvField(NASTY)},Tax cut\r\n` +
        `a2,c2,1,neutral,${csvField(NASTY)},Wind power\r\n`,
    );
    expect(toEdgeListCsv(congruence, { bom: true })).toBe(
      `\uFEFFsource,target,weight,polarity,source_label,target_label\r\na1,a2,1,congruence,Alice Ames,${csvField(NASTY)}\r\n`,
    );
  });

  it('writes node lists', () => {
    expect(toNodeListCsv(congruence).split('\r\n').slice(0, 2)).toEqual([
      'id,label,type,actor_type,entity_id,statements,colour',
      'a1,Alice Ames,actor,person,alice,3,#2563eb',
    ]);
  });

  it('writes the statements table with offsets in UTF-16 units and, given the text, in code points', () => {
    const text = '🐱 Khaji denounced the U.S. presence';
    const khaji = { start: text.indexOf('Khaji'), end: text.indexOf('Khaji') + 5 };
    const claim = { start: text.indexOf('the U.S.'), end: text.length };
    const [r] = buildAnalysisRows(
      [
        row('alice', 'oppose', 'tax', {
          articleId: 'art9',
          articleTitle: 'Title, with "quotes"',
          articleDate: '2020-11-25',
          actorText: 'Khaji',
          claimText: 'the U.S. presence',
          stanceText: 'denounced',
          actorStart: khaji.start,
          actorEnd: khaji.end,
          claimStart: claim.start,
          claimEnd: claim.end,
          statementId: 'st-x',
        }),
      ],
      entities,
    );
    const withText = toStatementsCsv([r], { articleTexts: new Map([['art9', text]]) }).split('\r\n');
    expect(withText[0]).toBe(STATEMENTS_CSV_HEADER.join(','));
    // The cat is two UTF-16 units but one code point, so code-point offsets are one less.
    expect(withText[1]).toBe(
      'art9,"Title, with ""quotes""",2020-11-25,done,st-x,Alice Ames,alice,Khaji,oppose,denounced,Tax cut,tax,the U.S. presence,3,8,19,36,2,7,18,35,tester,3-8,19-36,2-7,18-35',
    );
    expect(withText[2]).toBe('');
    const withoutText = toStatementsCsv([r]).split('\r\n')[1].split(',');
    expect(withoutText.slice(-13)).toEqual(['3', '8', '19', '36', '', '', '', '', 'tester', '3-8', '19-36', '', '']);
  });
});

describe('the test XML reader', () => {
  it('rejects what is not well-formed', () => {
    for (const bad of [
      '<a><b></a></b>',
      '<a x=1/>',
      '<a x="1" x="2"/>',
      '<a x="<"/>',
      '<a>&</a>',
      '<a>&nbsp;</a>',
      '<a/><b/>',
      'text<a/>',
      '<a>\u0001</a>',
      '<a>',
    ])
      expect(() => readXml(bad), bad).toThrow();
  });

  it('decodes entities and character references', () => {
    const doc = readXml('<?xml version="1.0"?>\n<a t="&quot;&#9;&#x1F431;">x &amp; &lt;y&gt;</a>');
    expect(doc.attributes.t).toBe('"\t🐱');
    expect(textOf(doc)).toBe('x & <y>');
  });
});
