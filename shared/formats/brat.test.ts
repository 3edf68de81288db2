import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { bratCodec, parseBratDocument } from './brat';
import { FormatError, type FormatCodec } from './codec';
import { doccanoCodec } from './doccano';
import { labelStudioCodec } from './labelStudio';
import { WarningLog } from './warnings';
import { BadRecordPolicy } from './badRecords';
import { OffsetConverter } from '../text/offsets';
import {
  type SpanInput,
  articleSpanKeys,
  articleStatementKeys,
  exportContext,
  exportFiles,
  importedSpanKeys,
  importedToArticle,
  makeArticle,
  roundTrip,
  statementKeys,
} from './testing/articles';
import { TRICKY_PIECES, codePointBoundaries, textWithSpans } from './testing/arbitraries';
import { FormatErrors } from './fileErrors';
import fs from 'node:fs';
import { corpusAccess } from './testing/corpora';
import { parseAnnotationConf, verifyBratDocument } from './testing/bratVerifier';

const { corpusFile, corpusFiles, corpusText, describeCorpus } = corpusAccess(fs);

const parse = (files: { name: string; text: string }[]) => bratCodec.parse(files, {});

describe('brat import', () => {
  it('converts code-point offsets to UTF-16 after astral characters', () => {
    const text = '🐱 Obama 💔 said\r\nno.';
    const ann = 'T1\tActor 2 7\tObama\nT2\tClaim 16 19\tno.\n';
    const { articles, warnings } = parse([
      { name: 'doc.txt', text },
      { name: 'doc.ann', text: ann },
    ]);
    const [a] = articles;
    expect(a.title).toBe('doc');
    expect(a.spans.map((s) => text.slice(s.start, s.end))).toEqual(['Obama', 'no.']);
    expect(warnings).toEqual([]);
  });

  it('reads discontinuous spans, attributes, notes and entity ids', () => {
    const text = 'North and South America';
    const ann = [
      'T1\tLocation 0 5;16 23\tNorth America',
      'A1\tMention T1 Name',
      'A2\tIndividual T1',
      '#1\tAnnotatorNotes T1\ttwo pieces',
      'N1\tReference T1 workbench:ent-1\tAmericas',
      '',
    ].join('\n');
    const [a] = parse([
      { name: 'x.txt', text },
      { name: 'x.ann', text: ann },
    ]).articles;
    expect(a.spans).toEqual([
      {
        id: 'T1',
        label: 'Location',
        start: 0,
        end: 23,
        fragments: [
          { start: 0, end: 5 },
          { start: 16, end: 23 },
        ],
        attributes: { Mention: 'Name', Individual: 'true' },
        note: 'two pieces',
        entityId: 'ent-1',
      },
    ]);
  });

  it('recovers from raw newlines in covered text, no final newline, T3 before T2 and trailing TABs', () => {
    const text = 'Smith said: the\nplan fails. Jones agreed.';
    const ann = [
      'T3\tClaim 12 27\tthe', // covered text continues on the next line (brat writes newlines raw)
      'plan fails.',
      'T1\tActor 0 5\tSmith',
      'T2\tActor 28 33\tJones',
      'R1\tSupports Arg1:T2 Arg2:T3\t', // trailing TAB, as brat writes it
    ].join('\n'); // no final newline
    const { articles, warnings } = parse([
      { name: 'p.txt', text },
      { name: 'p.ann', text: ann },
    ]);
    const [a] = articles;
    expect(a.spans.map((s) => [s.id, text.slice(s.start, s.end)])).toEqual([
      ['T3', 'the\nplan fails.'],
      ['T1', 'Smith'],
      ['T2', 'Jones'],
    ]);
    expect(a.statements).toEqual([{ id: 'R1', actorSpanId: 'T2', claimSpanId: 'T3', polarity: 'support' }]);
    expect(warnings.join('\n')).toMatch(/continuing the previous annotation/);
    expect(warnings.join('\n')).not.toMatch(/covered text differs/);
  });

  it('warns (and keeps the offsets) when the covered text does not match', () => {
    const { articles, warnings } = parse([
      { name: 'w.txt', text: 'hello world' },
      { name: 'w.ann', text: 'T1\tX 0 5\tjello\n' },
    ]);
    expect(articles[0].spans[0]).toMatchObject({ start: 0, end: 5 });
    expect(warnings.join('\n')).toMatch(/covered text differs.*jello/);
  });

  it('keeps CR as one character (never normalises line endings)', () => {
    const text = 'a\r\nb\r\nActor';
    const [a] = parse([
      { name: 'c.txt', text },
      { name: 'c.ann', text: 'T1\tActor 6 11\tActor\n' },
    ]).articles;
    expect(a.text).toBe(text);
    expect(text.slice(a.spans[0].start, a.spans[0].end)).toBe('Actor');
  });

  it('tolerates N, * and unrelated E/R lines with warnings', () => {
    const text = 'Sony bought Columbia in Tokyo';
    const ann = [
      'T1\tOrganization 0 4\tSony',
      'T2\tOrganization 12 20\tColumbia',
      'T3\tBuy 5 11\tbought',
      'E1\tBuy:T3 Buyer:T1 Bought:T2',
      'R1\tLocated Arg1:T1 Arg2:T2\t',
      '*\tAlias T1 T2',
      'N1\tReference T1 Wikipedia:123\tSony',
      'A1\tConfidence E1 High',
      '',
    ].join('\n');
    const { articles, warnings } = parse([
      { name: 'e.txt', text },
      { name: 'e.ann', text: ann },
    ]);
    expect(articles[0].spans.map((s) => s.id)).toEqual(['T1', 'T2', 'T3']);
    expect(articles[0].statements).toEqual([]);
    expect(warnings).toEqual([
      '2 relations that are not statements were not carried (the workbench has no place for them), first: e.ann E1 (event Buy; its trigger span is kept)',
      '2 normalizations and equivalences were not carried (the workbench has no place for them), first: e.ann line 6: * Alias T1 T2',
      '1 attribute or note of a relation or event was not carried (the workbench has no place for them), first: e.ann line 8: attribute Confidence E1',
    ]);
  });

  it('reads PolNeAR-style Attribution events as statements', () => {
    const text = 'Trump said the wall works';
    const ann = [
      'T1\tSource 0 5\tTrump',
      'T2\tCue 6 10\tsaid',
      'T3\tContent 11 25\tthe wall works',
      'T4\tAttribution 6 10\tsaid',
      'E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1',
      '',
    ].join('\n');
    const [a] = parse([
      { name: 'pn.txt', text },
      { name: 'pn.ann', text: ann },
    ]).articles;
    expect(a.spans.map((s) => s.id)).toEqual(['T1', 'T2', 'T3']);
    expect(a.statements).toEqual([{ id: 'E1', actorSpanId: 'T1', claimSpanId: 'T3', stanceSpanId: 'T2', polarity: 'neutral' }]);
  });

  it('accepts a zip of .txt/.ann pairs in bytes', () => {
    const zip = zipSync({ 'corpus/d1.txt': strToU8('Obama 🐱 spoke'), 'corpus/d1.ann': strToU8('T1\tActor 0 5\tObama\n'), 'corpus/annotation.conf': strToU8('[entities]\n') });
    const { articles, warnings } = bratCodec.parse([{ name: 'corpus.zip', bytes: zip }], {});
    expect(articles).toHaveLength(1);
    expect(articles[0].spans[0]).toMatchObject({ label: 'Actor', start: 0, end: 5 });
    expect(warnings).toEqual([]);
  });

  describe('rejects malformed files with file, line and problem', () => {
    const cases: [string, string, string, RegExp][] = [
      ['non-integer offsets', 'T1\tPerson 1 x\tfoo\n', 'bad.ann (line 1)', /not "START END" integers/],
      ['offsets beyond the text', 'T1\tPerson 0 4\tabc\nT2\tPerson 2 99\tc\n', 'bad.ann (line 2)', /outside the text/],
      ['a duplicate id', 'T1\tPerson 0 1\ta\nT1\tPerson 1 2\tb\n', 'bad.ann (line 2)', /duplicate id T1/],
      ['a first line that is not an annotation', 'hello there\n', 'bad.ann (line 1)', /not a brat annotation line/],
      ['an event without trigger', 'T1\tPerson 0 1\ta\nE1\tStatement Actor:T1\n', 'bad.ann (line 2)', /TYPE:TRIGGER/],
    ];
    for (const [what, ann, where, problem] of cases) {
      it(what, () => {
        const attempt = () => parse([
          { name: 'bad.txt', text: 'abcdef' },
          { name: 'bad.ann', text: ann },
        ]);
        expect(attempt).toThrow(FormatError);
        expect(attempt).toThrow(where);
        expect(attempt).toThrow(problem);
      });
    }
    it('an .ann without its .txt', () => {
      expect(() => parse([{ name: 'lonely.ann', text: '' }])).toThrow(/lonely\.ann: has no matching lonely\.txt/);
    });
  });
});

describe('brat export', () => {
  const text = '🇯🇵 Kishida denounced the plan.\r\nIt fails.';
  const article = makeArticle(
    text,
    [
      { labelId: 'actor', start: 5, end: 12, note: 'PM', attributes: { Mention: 'Name' }, entityId: 'kishida' },
      { labelId: 'stance', start: 13, end: 22 },
      { labelId: 'claim', start: 23, end: 31, fragments: [{ start: 23, end: 26 }, { start: 27, end: 31 }] },
    ],
    [{ actorSpanId: 's1', stanceSpanId: 's2', claimSpanId: 's3', polarity: 'oppose', note: 'strong' }],
    { title: 'Kishida: plan' },
  );

  it('writes code-point offsets, a Statement event with a polarity attribute, and annotation.conf', () => {
    const files = exportFiles(bratCodec, [article]);
    expect([...files.keys()]).toEqual(['kishida-plan.txt', 'kishida-plan.ann', 'annotation.conf', 'visual.conf']);
    expect(files.get('kishida-plan.txt')).toBe(text);
    const ann = files.get('kishida-plan.ann')!;
    const conv = new OffsetConverter(text);
    expect(ann).toContain(`T1\tActor ${conv.utf16ToCodePoint(5)} ${conv.utf16ToCodePoint(12)}\tKishida`);
    expect(ann).toContain('T3\tClaim 21 24;25 29\tthe plan');
    expect(ann).toContain('T4\tStatement 11 20\tdenounced');
    expect(ann).toContain('E1\tStatement:T4 Actor:T1 Claim:T3 Stance:T2');
    expect(ann).toContain('Polarity E1 oppose');
    expect(ann).toContain('AnnotatorNotes E1\tstrong');
    expect(ann).toContain('N1\tReference T1 workbench:kishida');
    const conf = files.get('annotation.conf')!;
    expect(conf).toMatch(/\[entities\]\nActor\nStance\nClaim/);
    expect(conf).toContain('Statement\tActor:<ENTITY>, Claim:<ENTITY>, Stance?:<ENTITY>');
    expect(conf).toContain('Polarity\tArg:Statement, Value:support|oppose|neutral');
    expect(conf).toContain('Mention\tArg:<ENTITY>, Value:Name');
  });

  it('round-trips spans, notes, attributes, entity ids and statements', () => {
    const { articles, warnings } = roundTrip(bratCodec, [article]);
    expect(warnings).toEqual([]);
    const [back] = articles;
    expect(back.text).toBe(text);
    expect(importedSpanKeys(back, { note: true, fragments: true, attributes: true })).toEqual(
      articleSpanKeys(article, { note: true, fragments: true, attributes: true }),
    );
    expect(back.spans[0].entityId).toBe('kishida');
    expect(statementKeys(back)).toEqual(articleStatementKeys(article));
    expect(back.statements[0].note).toBe('strong');
  });

  it('gives colliding titles distinct file names', () => {
    const a = makeArticle('x', [], [], { id: 'one', title: 'Same' });
    const b = makeArticle('y', [], [], { id: 'two', title: 'Same' });
    const names = [...exportFiles(bratCodec, [a, b]).keys()];
    expect(names).toContain('same.txt');
    expect(names).toContain('same-two.txt');
  });

  it('property: export then import returns the same text and spans (overlapping, discontinuous, notes, attributes), except what brat cannot hold', () => {
    fc.assert(
      fc.property(textWithSpans({ fragments: true, notes: true, attributes: true }), ({ text, spans }) => {
        const article = makeArticle(text, spans);
        const { articles } = roundTrip(bratCodec, [article]);
        expect(articles[0].text).toBe(text);
        const facets = { note: true, fragments: true, attributes: true };
        // docs/formats.md (brat, "Line breaks"): a fragment cannot hold a line break, so a span
        // loses line breaks at its ends, and fragments split only by a line break read back as one.
        const expected = makeArticle(text, spans.flatMap((s) => bratCarries(text, s)));
        expect(importedSpanKeys(articles[0], facets)).toEqual(articleSpanKeys(expected, facets));
      }),
      { numRuns: 150 },
    );
  });

  it('property: every exported document passes brat\'s own checks (port of verify_annotations.py)', () => {
    fc.assert(
      fc.property(textWithSpans({ fragments: true, notes: true, attributes: true }), ({ text, spans }) => {
        const files = exportFiles(bratCodec, [makeArticle(text, spans)]);
        expect(verifyBratDocument(files.get('test-article.txt')!, files.get('test-article.ann')!, parseAnnotationConf(files.get('annotation.conf')!))).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});

describeCorpus('brat-tutorial-news', 'brat corpora round-trip', () => {
  const corpora = ['brat-tutorial-news', 'brat-conll2002-news'];
  for (const corpus of corpora) {
    it(`${corpus}: every T line's covered text equals the .txt slice, and export → import keeps every span`, () => {
      const names = corpusFiles(corpus, (f) => /\.(txt|ann)$/.test(f));
      const { articles, warnings } = bratCodec.parse(names.map(corpusFile), {});
      expect(articles.length).toBe(names.filter((n) => n.endsWith('.ann')).length);
      expect(warnings.join('\n')).not.toMatch(/covered text differs/);
      // Independent check of the covered text against the code-point slice.
      let checked = 0;
      for (const ann of names.filter((n) => n.endsWith('.ann'))) {
        const txt = corpusText(ann.replace(/\.ann$/, '.txt'));
        const cps = [...txt];
        for (const line of corpusText(ann).split('\n')) {
          const m = /^T\d+\t\S+ (\d+) (\d+)\t(.*)$/.exec(line);
          if (!m) continue;
          expect(cps.slice(Number(m[1]), Number(m[2])).join('')).toBe(m[3]);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(100);
      for (const [i, imported] of articles.entries()) {
        for (const s of imported.spans) {
          if (!s.fragments) expect(s.end).toBeLessThanOrEqual(imported.text.length);
        }
        const again = roundTrip(bratCodec, [importedToArticle(imported, i)]);
        expect(importedSpanKeys(again.articles[0], { note: true, fragments: true, attributes: true })).toEqual(
          importedSpanKeys(imported, { note: true, fragments: true, attributes: true }),
        );
        expect(again.articles[0].text).toBe(imported.text);
      }
    });
  }

  it('brat-tutorial-news: notes on T lines become span notes; R/E/*/N lines are reported', () => {
    const { articles, warnings } = bratCodec.parse(
      corpusFiles('brat-tutorial-news', (f) => /\.(txt|ann)$/.test(f)).map(corpusFile),
      {},
    );
    const intro = articles.find((a) => a.title === '000-introduction')!;
    expect(intro.spans.find((s) => s.id === 'T2')?.note).toBe('100000000 USD');
    expect(intro.spans.find((s) => s.id === 'T4')?.attributes).toEqual({ Mention: 'Name', Individual: 'true' });
    const all = warnings.join('\n');
    expect(all).toMatch(/^\d+ normalizations and equivalences were not carried/m);
    expect(all).toMatch(/^\d+ relations that are not statements were not carried .*\(event /m);
  });

  it('brat-conll2002-news: files without a final newline parse', () => {
    const ned = corpusFiles('brat-conll2002-news/ned', (f) => /\.(txt|ann)$/.test(f));
    const { articles } = bratCodec.parse(ned.map(corpusFile), {});
    expect(articles.length).toBe(10);
    expect(articles.every((a) => a.spans.length > 0)).toBe(true);
  });
});

describe('parseBratDocument', () => {
  /**
   * An .ann file of T and E lines on `text`, mostly of the plain shape (ids numbered in order,
   * ranges in the text, discontinuous ones too, covered texts exact), now and then not: a repeated id, an empty or
   * reversed range, one past the text, a covered text that differs, a stray space, TAB or CR,
   * a role without its colon. The plain reading must read the first kind as the record reading
   * does, and leave the others to it.
   */
  const annFile = (text: string) => {
    const cps = [...text];
    const n = cps.length;
    const odd = (weight: number, ...values: string[]) => fc.oneof({ arbitrary: fc.constant(''), weight }, { arbitrary: fc.constantFrom(...values), weight: 1 });
    const range = fc.oneof(
      { arbitrary: fc.integer({ min: 0, max: n - 1 }).chain((a) => fc.tuple(fc.constant(a), fc.integer({ min: a + 1, max: n }))), weight: 12 },
      { arbitrary: fc.tuple(fc.integer({ min: 0, max: n + 1 }), fc.integer({ min: 0, max: n + 1 })), weight: 1 },
    );
    // Disjoint ranges, in text order or another (the file's order is kept as an attribute).
    const discontinuous = fc
      .uniqueArray(fc.integer({ min: 0, max: n }), { minLength: Math.min(4, n + 1), maxLength: 6 })
      .map((b) => b.sort((x, y) => x - y))
      .chain((b) => fc.shuffledSubarray(Array.from({ length: b.length >> 1 }, (_, k) => [b[2 * k], b[2 * k + 1]] as [number, number]), { minLength: b.length >> 1 }));
    const tLine = fc.record({
      kind: fc.constant('T' as const),
      label: fc.constantFrom('Source', 'Cue', 'Content', 'Attribution', 'Ünï'),
      ranges: fc.oneof({ arbitrary: range.map((r) => [r]), weight: 2 }, { arbitrary: discontinuous, weight: 1 }, { arbitrary: fc.array(range, { minLength: 2, maxLength: 3 }), weight: 1 }),
      covered: fc.oneof({ arbitrary: fc.constant('exact'), weight: 12 }, { arbitrary: fc.constantFrom('wrong', 'none', 'tab'), weight: 1 }),
      repeat: fc.oneof({ arbitrary: fc.constant(false), weight: 20 }, { arbitrary: fc.constant(true), weight: 1 }),
      odd: odd(20, ' ', '\r', '\tjunk'),
    });
    const ref = fc.tuple(fc.constantFrom('T', 'E'), fc.integer({ min: 1, max: 6 })).map(([k, i]) => `${k}${i}`);
    const eLine = fc.record({
      kind: fc.constant('E' as const),
      type: fc.constantFrom('Attribution', 'Statement', 'Other'),
      trigger: ref,
      args: fc.array(fc.tuple(fc.constantFrom('Source', 'Cue', 'Content', 'Actor2', 'Claim'), ref, odd(30, '', '  ', 'no colon', 'no role', 'no target')), { maxLength: 4 }),
      repeat: fc.oneof({ arbitrary: fc.constant(false), weight: 20 }, { arbitrary: fc.constant(true), weight: 1 }),
      odd: odd(20, ' ', '\r', '\tjunk'),
    });
    return fc.array(fc.oneof({ arbitrary: tLine, weight: 3 }, { arbitrary: eLine, weight: 2 }), { maxLength: 10 }).map((lines) => {
      const count = { T: 0, E: 0 };
      return lines
        .map((l) => {
          const id = `${l.kind}${l.repeat && count[l.kind] ? count[l.kind] : ++count[l.kind]}`;
          if (l.kind === 'E') return `${id}\t${l.type}:${l.trigger}${l.args.map(([role, target, o]) => ` ${{ 'no colon': `${role}${target}`, 'no role': `:${target}`, 'no target': `${role}:` }[o] ?? `${o}${role}:${target}`}`).join('')}${l.odd}\n`;
          const slice = l.ranges.map(([a, b]) => cps.slice(Math.min(a, b), Math.max(a, b)).join('')).join(' ');
          const tail = l.covered === 'none' ? '' : l.covered === 'wrong' ? '\tX' : l.covered === 'tab' ? `\t${slice}\tmore` : `\t${slice}`;
          return `${id}\t${l.label} ${l.ranges.map(([a, b]) => `${a} ${b}`).join(';')}${tail}${l.odd}\n`;
        })
        .join('');
    });
  };

  it('property: a file of plain T and E lines reads as record by record (forced by a second blank line at its end)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...TRICKY_PIECES), minLength: 1, maxLength: 12 }).chain((text) => fc.tuple(fc.constant(text), annFile(text))),
        fc.boolean(),
        ([text, ann], skipBadRecords) => {
          const read = (annText: string) => {
            const warnings = new WarningLog();
            try {
              return { article: parseBratDocument('t', text, 't.ann', annText, warnings, new Map(), new BadRecordPolicy(warnings, skipBadRecords)), warnings: warnings.list() };
            } catch (e) {
              return { error: (e as Error).message };
            }
          };
          expect(read(ann)).toEqual(read(`${ann}\n`));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('does not treat a statement trigger as a span', () => {
    const a = parseBratDocument('t', 'A says B', 't.ann', 'T1\tActor 0 1\tA\nT2\tClaim 7 8\tB\nT3\tStatement 7 8\tB\nE1\tStatement:T3 Actor:T1 Claim:T2\nA1\tPolarity E1 support\n', new WarningLog());
    expect(a.spans.map((s) => s.id)).toEqual(['T1', 'T2']);
    expect(a.statements).toEqual([{ id: 'E1', actorSpanId: 'T1', claimSpanId: 'T2', polarity: 'support' }]);
  });
  it('exports with a context that collects warnings', () => {
    const warnings: string[] = [];
    const broken = makeArticle('ab', [{ labelId: 'actor', start: 0, end: 1 }], [{ actorSpanId: 's1', claimSpanId: 'nope' }]);
    exportFiles(bratCodec, [broken], exportContext({}, warnings));
    expect(warnings[0]).toMatch(/missing span/);
  });
});

describe('entity links as N lines', () => {
  const text = 'Kishida denounced the plan';
  const article = makeArticle(
    text,
    [
      { id: 'k', labelId: 'actor', start: 0, end: 7, entityId: 'e-kishida' },
      { id: 'p', labelId: 'claim', start: 18, end: 26, entityId: 'c-plan' },
    ],
    [{ actorSpanId: 'k', claimSpanId: 'p', polarity: 'oppose' }],
  );
  const entities = new Map([
    ['e-kishida', { id: 'e-kishida', kind: 'actor' as const, name: 'Fumio Kishida', actorType: 'person' as const, aliases: ['Kishida'], attributes: {} }],
    ['c-plan', { id: 'c-plan', kind: 'concept' as const, name: 'The\nplan', aliases: [], attributes: {} }],
  ]);

  it("carry the entity's name as the normalization text and come back as entities (id, kind from the role, name)", () => {
    const files = exportFiles(bratCodec, [article], { ...exportContext(), entities });
    const ann = files.get('test-article.ann')!;
    expect(ann).toContain('N1\tReference T1 workbench:e-kishida\tFumio Kishida\n');
    expect(ann).toContain('N2\tReference T2 workbench:c-plan\tThe plan\n'); // one line: the newline became a space
    const corpus = bratCodec.parse([...files].map(([name, t]) => ({ name, text: t })), {});
    expect(corpus.warnings).toEqual([]);
    expect(corpus.entityFields).toEqual(['id', 'kind', 'name']);
    expect(corpus.entities).toEqual([
      { id: 'e-kishida', kind: 'actor', name: 'Fumio Kishida', aliases: [], attributes: {} },
      { id: 'c-plan', kind: 'concept', name: 'The plan', aliases: [], attributes: {} },
    ]);
    expect(corpus.articles[0].spans.map((s) => s.entityId)).toEqual(['e-kishida', 'c-plan']);
  });

  it('an N line without a name (older exports) keeps the link but makes no entity; differing names keep the first', () => {
    const parseAnn = (name: string, ann: string) => bratCodec.parse([{ name: `${name}.txt`, text }, { name: `${name}.ann`, text: ann }], {});
    const bare = parseAnn('a', 'T1\tActor 0 7\tKishida\nN1\tReference T1 workbench:e-kishida\n');
    expect(bare.entities).toBeUndefined();
    expect(bare.articles[0].spans[0].entityId).toBe('e-kishida');
    const twice = parseAnn('b', 'T1\tActor 0 7\tKishida\nN1\tReference T1 workbench:e-k\tKishida\nT2\tActor 18 26\tthe plan\nN2\tReference T2 workbench:e-k\tSomeone\n');
    expect(twice.entities).toEqual([{ id: 'e-k', kind: 'actor', name: 'Kishida', aliases: [], attributes: {} }]);
    expect(twice.warnings).toEqual(['N lines name one entity differently (the first is kept): b.ann line 4: e-k "Someone" (actor), first "Kishida" (actor)']);
  });
});

/** Python's line boundaries (brat reads the .ann with `str.splitlines`). */
// eslint-disable-next-line no-control-regex -- Python's line boundaries include U+001C–U+001E
const PY_LINE_BREAK = /[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;

/**
 * What a span comes back as through brat, worked out character by character: the characters it
 * covers that are not line breaks, in runs; runs whose gap is only spaces and a line break are one.
 */
function bratCarries(text: string, span: SpanInput): SpanInput[] {
  const covered = new Array<boolean>(text.length).fill(false);
  for (const r of span.fragments ?? [span]) for (let i = r.start; i < r.end; i++) covered[i] = !PY_LINE_BREAK.test(text[i]);
  const runs: { start: number; end: number }[] = [];
  covered.forEach((c, i) => {
    if (!c) return;
    const last = runs[runs.length - 1];
    const gap = last ? text.slice(last.end, i) : '';
    if (last && (gap === '' || (/^\s*$/.test(gap) && PY_LINE_BREAK.test(gap)))) last.end = i + 1;
    else runs.push({ start: i, end: i + 1 });
  });
  if (!runs.length) return [];
  const { fragments: _f, ...rest } = span;
  return [{ ...rest, start: runs[0].start, end: runs[runs.length - 1].end, ...(runs.length > 1 ? { fragments: runs } : {}) }];
}

describe("brat export against brat's own checks (port of brat's annotation.py and verify_annotations.py, commit 44ecd82)", () => {
  // Nested (claim ⊃ stance), identical (two actors), crossing (claim × second claim), spans across
  // LF, CRLF, CR and U+2028, and a discontinuous span with a fragment across a line break.
  const text = 'Kishida said:\nthe plan\r\nfails badly.\rIt\u2028will not work, he said.';
  const at = (s: string, from = 0) => text.indexOf(s, from);
  const spans: SpanInput[] = [
    { labelId: 'actor', start: 0, end: 7 },
    { labelId: 'claim', start: 0, end: 7 }, // identical extent, another label
    { labelId: 'claim', start: at('the'), end: at('badly.') + 6 }, // s3: across CRLF
    { labelId: 'stance', start: at('plan'), end: at('fails') + 5 }, // s4: nested in s3, across CRLF
    { labelId: 'claim', start: at('said:'), end: at('plan') + 4 }, // s5: across LF, crosses s3 and s4
    { labelId: 'claim', start: at('badly'), end: at('work') + 4 }, // s6: across CR and U+2028, crosses s3
    // s7: discontinuous, its first fragment across U+2028, nested in s6
    { labelId: 'actor', start: at('It'), end: at('not') + 3, fragments: [{ start: at('It'), end: at('will') + 4 }, { start: at('not'), end: at('not') + 3 }] },
  ];
  const article = makeArticle(text, spans, [{ actorSpanId: 's1', stanceSpanId: 's4', claimSpanId: 's3', polarity: 'oppose' }]);

  it("the oracle is not vacuous: it rejects what the old export wrote (newline as a space; no overlap rules)", () => {
    const conf = parseAnnotationConf('[entities]\nActor\nClaim\n[relations]\n[events]\n[attributes]\n');
    const oldAnn = `T1\tClaim 14 22\tthe plan\nT2\tClaim 8 22\tsaid: the plan\nT3\tActor 14 17\tthe\n`;
    const issues = verifyBratDocument(text, oldAnn, conf).map((i) => `${i.annId}: ${i.description}`);
    expect(issues).toEqual([
      'T2: Text-bound annotation text "said: the plan" does not match marked span(s) [[8,22]] text "said:\\nthe plan" in document',
      'T1: Error: Claim cannot contain Actor (T3)',
      'T3: Error: Actor cannot be contained in Claim (T1)',
    ]);
  });

  it('a generated article with nested, identical, crossing and line-crossing spans passes, and reads back unchanged', () => {
    const warnings: string[] = [];
    const files = exportFiles(bratCodec, [article], exportContext({}, warnings));
    const ann = files.get('test-article.ann')!;
    expect(ann).toContain('\tClaim 14 22;24 36\tthe plan fails badly.\n'); // split at CRLF, texts joined by one space
    expect(files.get('annotation.conf')).toContain('<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:contain|equal|cross');
    expect(verifyBratDocument(text, ann, parseAnnotationConf(files.get('annotation.conf')!))).toEqual([]);
    expect(warnings).toEqual([]);
    const { articles, warnings: importWarnings } = bratCodec.parse([...files].map(([name, t]) => ({ name, text: t })), {});
    expect(importWarnings).toEqual([]);
    const facets = { fragments: true };
    expect(importedSpanKeys(articles[0], facets)).toEqual(articleSpanKeys(article, facets));
    expect(statementKeys(articles[0])).toEqual(articleStatementKeys(article));
  });

  it("reads brat's own split of a selection across lines back as one span; a real gap stays a gap", () => {
    // brat's annotator.py writes a selection over "plan\r\nfails" as two fragments (trimming spaces).
    const [a] = parse([
      { name: 'b.txt', text: 'the plan \r\n fails. Yes' },
      { name: 'b.ann', text: 'T1\tClaim 4 8;12 17\tplan fails\nT2\tClaim 4 8;19 22\tplan Yes\n' },
    ]).articles;
    expect(a.spans.map((s) => [s.start, s.end, s.fragments ?? null])).toEqual([
      [4, 17, null],
      [4, 22, [{ start: 4, end: 8 }, { start: 19, end: 22 }]],
    ]);
  });

  it('a span of only line breaks is left out, a line break at a span end is trimmed, both reported', () => {
    const warnings: string[] = [];
    const files = exportFiles(bratCodec, [makeArticle('a\n\nb', [{ labelId: 'actor', start: 1, end: 3 }, { labelId: 'claim', start: 0, end: 2 }])], exportContext({}, warnings));
    expect(files.get('test-article.ann')).toBe('T1\tClaim 0 1\ta\n');
    expect(warnings).toEqual([
      'Test article: 1 span(s) began or ended with a line break, which a brat fragment cannot hold; exported without it',
      'Test article: 1 span(s) covering only line breaks not exported (a brat fragment cannot hold a line break)',
    ]);
  });
});

describeCorpus('brat-tutorial-news', "corpora exported to brat pass brat's own checks", () => {
  const corpora: [string, FormatCodec, (f: string) => boolean][] = [
    ['brat-tutorial-news', bratCodec, (f) => /\.(txt|ann)$/.test(f)],
    ['brat-conll2002-news', bratCodec, (f) => /\.(txt|ann)$/.test(f)],
    // Overlapping spans (doccano's nested mode) and emoji offsets.
    ['doccano-examples/tests', doccanoCodec, (f) => f.endsWith('example_overlapping.jsonl')],
    ['label-studio-examples', labelStudioCodec, (f) => f.endsWith('.json')],
  ];
  for (const [corpus, codec, keep] of corpora) {
    it(`${corpus}: import → brat export, every document verified by the port of verify_annotations.py`, () => {
      const { articles } = codec.parse(corpusFiles(corpus, keep).map(corpusFile), {});
      const files = exportFiles(bratCodec, articles.map(importedToArticle));
      const conf = parseAnnotationConf(files.get('annotation.conf')!);
      let spans = 0;
      for (const [name, ann] of files) {
        if (!name.endsWith('.ann')) continue;
        expect(verifyBratDocument(files.get(name.replace(/\.ann$/, '.txt'))!, ann, conf)).toEqual([]);
        spans += ann.split('\n').filter((l) => l.startsWith('T')).length;
      }
      expect(spans).toBeGreaterThan(corpus.startsWith('brat') ? 100 : 1);
    });
  }
});

describe('brat import keeps what the files say (issue 12, item 7)', () => {
  const pair = (stem: string, text: string, ann: string) => [
    { name: `${stem}.txt`, text },
    { name: `${stem}.ann`, text: ann },
  ];

  it("keeps a T line's fragment order: stored beside the sorted fragments, written back as it was", () => {
    const text = 'Obama, on Tuesday, said the plan fails';
    const line = 'T1\tActor 28 38;0 5\tplan fails Obama';
    const [a] = parse(pair('o', text, `${line}\n`)).articles;
    // The domain keeps fragments sorted (shared/domain/model.ts); the file's order rides along.
    expect(a.spans[0]).toMatchObject({ start: 0, end: 38, fragments: [{ start: 0, end: 5 }, { start: 28, end: 38 }], attributes: { 'brat:fragmentOrder': '2 1' } });
    const files = exportFiles(bratCodec, [importedToArticle(a)]);
    expect(files.get('o.ann')).toBe(`${line}\n`);
    expect(verifyBratDocument(text, files.get('o.ann')!, parseAnnotationConf(files.get('annotation.conf')!))).toEqual([]);
  });

  it('a stored order that no longer fits the fragments (the span was edited) is written in text order and reported', () => {
    const warnings: string[] = [];
    const article = makeArticle('ab cd ef', [{ labelId: 'actor', start: 0, end: 8, fragments: [{ start: 0, end: 2 }, { start: 6, end: 8 }], attributes: { 'brat:fragmentOrder': '3 1 2' } }]);
    const ann = exportFiles(bratCodec, [article], exportContext({}, warnings)).get('test-article.ann');
    expect(ann).toBe('T1\tActor 0 2;6 8\tab ef\n');
    expect(warnings).toEqual(['Test article: the brat fragment order of 1 span(s) no longer fits their fragments (edited since import); written in text order: s1 ("3 1 2", 2 fragment(s))']);
  });

  it('property: a T line with fragments in any order comes back from import → export unchanged, and brat accepts both', () => {
    const pieces = TRICKY_PIECES.filter((p) => !/[\r\n]/.test(p));
    const arb = fc
      .array(fc.constantFrom(...pieces), { minLength: 8, maxLength: 40 })
      .map((p) => p.join(''))
      .chain((text) => {
        const bounds = codePointBoundaries(text);
        return fc
          .uniqueArray(fc.integer({ min: 0, max: bounds.length - 1 }), { minLength: 4, maxLength: 8 })
          .map((ix) => ix.slice(0, ix.length - (ix.length % 2)).sort((x, y) => x - y))
          .chain((ix) => {
            const frags = Array.from({ length: ix.length / 2 }, (_, k) => [ix[2 * k], ix[2 * k + 1]]); // code-point indexes, disjoint, not touching
            return fc.shuffledSubarray(frags, { minLength: frags.length, maxLength: frags.length }).map((order) => ({ text, order }));
          });
      });
    fc.assert(
      fc.property(arb, ({ text, order }) => {
        const cps = [...text];
        const line = `T1\tActor ${order.map(([s, e]) => `${s} ${e}`).join(';')}\t${order.map(([s, e]) => cps.slice(s, e).join('')).join(' ')}`;
        const { articles, warnings } = parse(pair('p', text, `${line}\n`));
        expect(warnings).toEqual([]);
        const files = exportFiles(bratCodec, [importedToArticle(articles[0])]);
        expect(files.get('p.ann')).toBe(`${line}\n`);
        expect(verifyBratDocument(text, `${line}\n`, parseAnnotationConf(files.get('annotation.conf')!))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('fragments split only by a line break are joined only when consecutive in the file', () => {
    const text = 'the plan\nfails. Yes';
    const [a] = parse(pair('j', text, 'T1\tClaim 4 8;9 15\tplan fails.\nT2\tClaim 9 15;4 8\tfails. plan\n')).articles;
    expect(a.spans[0]).toMatchObject({ start: 4, end: 15 });
    expect(a.spans[0].fragments).toBeUndefined();
    expect(a.spans[1]).toMatchObject({ fragments: [{ start: 4, end: 8 }, { start: 9, end: 15 }], attributes: { 'brat:fragmentOrder': '2 1' } });
  });

  it('overlapping fragments (which brat refuses) are merged, keep no order, and are reported', () => {
    const { articles, warnings } = parse(pair('m', 'the plan fails', 'T1\tClaim 9 14;0 8;4 9\tfails the plan plan \n'));
    // 0-8 and 4-9 overlap and become 0-9; 9-14 only touches it and stays a fragment of its own.
    expect(articles[0].spans[0]).toEqual({ id: 'T1', label: 'Claim', start: 0, end: 14, fragments: [{ start: 0, end: 9 }, { start: 9, end: 14 }] });
    expect(warnings).toEqual(['overlapping fragments of a T line were merged (brat itself refuses them; their order is not kept): m.ann T1: 9 14;0 8;4 9']);
  });

  it('keeps note types: AnnotatorNotes is the note, other types come back as they were', () => {
    const text = 'Obama ran fast';
    const ann = 'T1\tActor 0 5\tObama\n#1\tAnnotatorNotes T1\tthe president\nT2\tStance 6 9\tran\n#2\tLemma T2\trun\n';
    const [a] = parse(pair('n', text, ann)).articles;
    expect(a.spans[0].note).toBe('the president');
    expect(a.spans[1].note).toBeUndefined();
    expect(a.spans[1].attributes).toEqual({ 'brat:note:Lemma': 'run' });
    const files = exportFiles(bratCodec, [importedToArticle(a)]);
    expect(files.get('n.ann')).toBe(ann);
    // brat: notes are no attributes, so annotation.conf declares none.
    expect(files.get('annotation.conf')).not.toMatch(/brat:|Lemma/);
  });

  it('a typed note on a statement becomes its note, with a warning (a statement has no place for the type)', () => {
    const ann = 'T1\tActor 0 1\tA\nT2\tClaim 7 8\tB\nT3\tStatement 7 8\tB\nE1\tStatement:T3 Actor:T1 Claim:T2\nA1\tPolarity E1 support\n#1\tComment E1\tsure\n';
    const { articles, warnings } = parse(pair('s', 'A says B', ann));
    expect(articles[0].statements[0].note).toBe('sure');
    expect(warnings).toEqual(['notes of other types than AnnotatorNotes on statements became the statement note (a statement cannot keep the type): s.ann line 6: Comment E1']);
  });

  it('keeps the folder structure in the titles (below the folder all files share)', () => {
    const files = [
      ...pair('corpus/annotatorA/doc1', 'one', 'T1\tActor 0 3\tone\n'),
      ...pair('corpus/annotatorB/doc1', 'two', 'T1\tActor 0 3\ttwo\n'),
      ...pair('corpus/annotatorB/sub/doc2', 'six', ''),
    ];
    expect(parse(files).articles.map((a) => a.title)).toEqual(['annotatorA/doc1', 'annotatorB/doc1', 'annotatorB/sub/doc2']);
    expect(parse(files.slice(2)).articles.map((a) => a.title)).toEqual(['doc1', 'sub/doc2']);
    const zip = zipSync({ 'c/a/d.txt': strToU8('x'), 'c/a/d.ann': strToU8(''), 'c/b/d.txt': strToU8('y'), 'c/b/d.ann': strToU8('') });
    expect(bratCodec.parse([{ name: 'c.zip', bytes: zip }], {}).articles.map((a) => a.title)).toEqual(['a/d', 'b/d']);
  });

  it('warns for the trigger T lines of dropped statement events', () => {
    const ann = 'T1\tSource 0 5\tTrump\nT4\tAttribution 6 10\tsaid\nE1\tAttribution:T4 Source:T1\n';
    const { articles, warnings } = parse(pair('t', 'Trump said so', ann));
    expect(articles[0].spans.map((s) => s.id)).toEqual(['T1']);
    expect(warnings).toEqual([
      'statement events without a text-bound actor and claim were dropped: t.ann E1',
      'trigger spans (T lines) of dropped statement events were dropped with them: t.ann T4 (trigger of E1)',
    ]);
  });

  describe('bad files: every one named in one run', () => {
    const files = [
      ...pair('c/a', 'abc', 'T1\tActor 0 9\tabc\n'), // past the end
      ...pair('c/b', 'abc', 'T1\tActor 0 3\tabc\n'), // good
      ...pair('c/c', 'abc', 'nonsense\n'), // not an annotation line
      { name: 'c/d.ann', text: '' }, // no .txt
    ];

    it('refused with an error naming each bad file and its problem', () => {
      let error: unknown;
      try {
        parse(files);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(FormatErrors);
      expect((error as FormatErrors).errors.map((e) => e.message)).toEqual([
        'c/a.ann (line 1): T1: offsets 0-9 are outside the text (3 characters)',
        'c/c.ann (line 1): not a brat annotation line (expected an id such as "T1" and a TAB): "nonsense"',
        'c/d.ann: has no matching d.txt (brat pairs NAME.txt with NAME.ann)',
      ]);
      expect((error as FormatErrors).message).toBe(
        '3 files cannot be read:\n  c/a.ann (line 1): T1: offsets 0-9 are outside the text (3 characters)\n' +
          '  c/c.ann (line 1): not a brat annotation line (expected an id such as "T1" and a TAB): "nonsense"\n' +
          '  c/d.ann: has no matching d.txt (brat pairs NAME.txt with NAME.ann)',
      );
    });

    it('one bad file is refused with its own error, as before', () => {
      expect(() => parse(files.slice(0, 4))).toThrow(FormatError);
      expect(() => parse(files.slice(0, 4))).not.toThrow(FormatErrors);
    });

    it('skipping bad records leaves out bad records and unreadable files, each reported', () => {
      const { articles, warnings } = bratCodec.parse(files, { skipBadRecords: true });
      expect(articles.map((a) => [a.title, a.spans.length])).toEqual([
        ['a', 0],
        ['b', 1],
      ]);
      expect(warnings).toEqual([
        'skipped (bad record): c/a.ann (line 1): T1: offsets 0-9 are outside the text (3 characters)',
        'skipped (bad file): c/c.ann (line 1): not a brat annotation line (expected an id such as "T1" and a TAB): "nonsense"',
        'skipped (bad file): c/d.ann: has no matching d.txt (brat pairs NAME.txt with NAME.ann)',
      ]);
    });
  });
});

describeCorpus('brat-conll2002-news', 'brat corpora: folders', () => {
  it('brat-conll2002-news: the esp/ and ned/ folders give titles that keep the folder, all distinct', () => {
    const names = corpusFiles('brat-conll2002-news', (f) => /\.(txt|ann)$/.test(f));
    const titles = bratCodec.parse(names.map(corpusFile), {}).articles.map((a) => a.title);
    expect(titles.length).toBe(names.filter((n) => n.endsWith('.ann')).length);
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles.filter((t) => t.startsWith('esp/')).length).toBeGreaterThan(0);
    expect(titles.filter((t) => t.startsWith('ned/')).length).toBeGreaterThan(0);
    expect(titles.every((t) => /^(esp|ned)\/[^/]+$/.test(t))).toBe(true);
  });
});
