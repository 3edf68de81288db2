import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { csvCodec } from './csv';
import { csvRecord, parseCsv } from './csvTable';
import { FormatError } from './codec';
import {
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
import { textWithSpans } from './testing/arbitraries';
import fs from 'node:fs';
import { corpusAccess } from './testing/corpora';

const { corpusFile, corpusFiles, describeCorpus } = corpusAccess(fs);

const text = '🐱 Kishida said, "no".\r\nنه به برجام';
const article = makeArticle(
  text,
  [
    { labelId: 'actor', start: 3, end: 10, note: 'PM, "the boss"', attributes: { Mention: 'Name' }, entityId: 'kishida' },
    { labelId: 'stance', start: 11, end: 15 },
    { labelId: 'claim', start: 17, end: 35, fragments: [{ start: 17, end: 21 }, { start: 24, end: 35 }] },
  ],
  [{ actorSpanId: 's1', stanceSpanId: 's2', claimSpanId: 's3', polarity: 'oppose', note: 'n' }],
  { source: 'Mehr', url: 'https://x.example/1', date: '2024-01-02' },
);

describe('RFC 4180 table', () => {
  it('quotes fields with commas, quotes and line breaks, and reads them back with record line numbers', () => {
    const csv = csvRecord(['a', 'b,c', 'say "hi"', 'two\r\nlines', '']) + csvRecord(['x', '', '', '', 'end']);
    expect(csv).toBe('a,"b,c","say ""hi""","two\r\nlines",\r\nx,,,,end\r\n');
    expect(parseCsv(csv, 't.csv')).toEqual([
      { line: 1, cells: ['a', 'b,c', 'say "hi"', 'two\r\nlines', ''] },
      { line: 3, cells: ['x', '', '', '', 'end'] },
    ]);
  });
  it('rejects an unterminated quote and stray characters after a closing quote, naming the line', () => {
    expect(() => parseCsv('a,b\r\n1,"open\r\n', 't.csv')).toThrow(/t\.csv \(line 2\): a quoted field is never closed/);
    expect(() => parseCsv('a,b\n"x"y,1\n', 't.csv')).toThrow(/t\.csv \(line 2\): unexpected "y" after a closing quote/);
  });
});

describe('CSV export', () => {
  const files = exportFiles(csvCodec, [article]);

  it('writes articles, spans and statements tables with CRLF records and code-point offsets', () => {
    expect([...files.keys()]).toEqual(['articles.csv', 'spans.csv', 'statements.csv']);
    const spans = files.get('spans.csv')!.split('\r\n');
    expect(spans[0]).toBe('article_id,title,span_id,label,start,end,offset_unit,text,note,annotator,created_at,updated_at,fragments,entity_id,attributes');
    expect(spans[1]).toBe('a1,Test article,s1,Actor,2,9,codepoint,Kishida,"PM, ""the boss""",tester,2024-05-01T10:00:00.000Z,2024-05-01T10:00:00.000Z,,kishida,"{""Mention"":""Name""}"');
    expect(spans[3]).toBe('a1,Test article,s3,Claim,16,34,codepoint,"""no"" نه به برجام",,tester,2024-05-01T10:00:00.000Z,2024-05-01T10:00:00.000Z,16-20;23-34,,');
    expect(files.get('articles.csv')).toContain(`"${text.replace(/"/g, '""')}"`);
    expect(files.get('statements.csv')!.split('\r\n')[1]).toBe('a1,st1,oppose,s1,Kishida,s2,said,s3,"""no"" نه به برجام",n,tester,2024-05-01T10:00:00.000Z,2024-05-01T10:00:00.000Z');
  });

  it('prefixes each table with a UTF-8 BOM when asked', () => {
    const withBom = exportFiles(csvCodec, [article], exportContext({ bom: true }));
    for (const t of withBom.values()) expect(t.startsWith('\uFEFFarticle_id,')).toBe(true);
  });
});

describe('CSV import', () => {
  it('round-trips text (CRLF inside a quoted cell), metadata, spans, fragments, notes, attributes, entity ids and statements', () => {
    const { articles, warnings } = roundTrip(csvCodec, [article]);
    expect(warnings).toEqual([]);
    const [back] = articles;
    expect(back).toMatchObject({ id: 'a1', title: 'Test article', text, source: 'Mehr', url: 'https://x.example/1', date: '2024-01-02', status: 'in_progress' });
    const facets = { note: true, fragments: true, attributes: true };
    expect(importedSpanKeys(back, facets)).toEqual(articleSpanKeys(article, facets));
    expect(back.spans[0]).toMatchObject({ id: 's1', entityId: 'kishida', annotator: 'tester' });
    expect(statementKeys(back)).toEqual(articleStatementKeys(article));
  });

  it('reads a zip, UTF-16LE with BOM, CRLF, columns in any order and UTF-16 offsets when a row says so', () => {
    const articlesCsv = 'text,article_id\r\n"🐱 Obama spoke",d1\r\n';
    const spansCsv = 'label,end,start,article_id,offset_unit,note\r\nActor,8,3,d1,utf16,\r\nActor,7,2,d1,,\r\n';
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...spansCsv].flatMap((c) => [...c].map((_, i) => c.charCodeAt(i)))).buffer)]);
    const zip = zipSync({ 'tables/articles.csv': strToU8('\uFEFF' + articlesCsv), 'tables/spans.csv': utf16 });
    const { articles } = csvCodec.parse([{ name: 'export.zip', bytes: zip }], {});
    const [a] = articles;
    expect(a.spans.map((s) => a.text.slice(s.start, s.end))).toEqual(['Obama', 'Obama']);
    expect(a.spans[0].note).toBeUndefined();
  });

  it('takes article texts from ARTICLE_ID.txt files', () => {
    const { articles } = csvCodec.parse(
      [
        { name: 'spans.csv', text: 'article_id,label,start,end\nstory,Actor,0,5\n' },
        { name: 'story.txt', text: 'Obama spoke' },
      ],
      {},
    );
    expect(articles[0]).toMatchObject({ id: 'story', title: 'story', spans: [{ label: 'Actor', start: 0, end: 5 }] });
  });

  describe('rejects malformed tables with file, line and problem', () => {
    const base = 'article_id,text\na1,Obama spoke\n';
    const cases: [string, string, RegExp][] = [
      ['spans without their article text', 'article_id,label,start,end\nnope,Actor,0,5\n', /spans\.csv \(line 2\): article_id "nope" has no text/],
      ['a non-integer offset', 'article_id,label,start,end\na1,Actor,0,5\na1,Actor,x,5\n', /spans\.csv \(line 3\): start "x" is not a non-negative integer/],
      ['an offset beyond the text', 'article_id,label,start,end\na1,Actor,0,50\n', /spans\.csv \(line 2\): end: code point offset 50 is outside the text/],
      ['an empty label', 'article_id,label,start,end\na1,,0,5\n', /spans\.csv \(line 2\): label is empty/],
      ['an unknown offset unit', 'article_id,label,start,end,offset_unit\na1,A,0,5,bytes\n', /offset_unit "bytes"/],
      ['an unrecognised header', 'foo,bar\n1,2\n', /spans\.csv \(line 1\): unrecognised header/],
    ];
    for (const [what, spans, error] of cases) {
      it(what, () => {
        const attempt = () => csvCodec.parse([{ name: 'articles.csv', text: base }, { name: 'spans.csv', text: spans }], {});
        expect(attempt).toThrow(FormatError);
        expect(attempt).toThrow(error);
      });
    }
    it('a statement referring to an unknown span', () => {
      const attempt = () =>
        csvCodec.parse(
          [
            { name: 'articles.csv', text: base },
            { name: 'spans.csv', text: 'article_id,span_id,label,start,end\na1,x,Actor,0,5\n' },
            { name: 'statements.csv', text: 'article_id,polarity,actor_span_id,claim_span_id\na1,support,x,y\n' },
          ],
          {},
        );
      expect(attempt).toThrow(/statements\.csv \(line 2\): claim_span_id "y" is not a span_id/);
    });
  });

  it('property: export then import keeps text, spans (overlapping, discontinuous), notes and attributes', () => {
    fc.assert(
      fc.property(textWithSpans({ fragments: true, notes: true, attributes: true, noteChars: ['a', '\r\n', '🐱', '"', ',', ' b'] }), ({ text: t, spans }) => {
        const a = makeArticle(t, spans);
        const { articles } = roundTrip(csvCodec, [a], { bom: true });
        expect(articles[0].text).toBe(t);
        const facets = { note: true, fragments: true, attributes: true };
        expect(importedSpanKeys(articles[0], facets)).toEqual(articleSpanKeys(a, facets));
      }),
      { numRuns: 150 },
    );
  });
});

describeCorpus('doccano-examples', 'CSV corpora', () => {
  it('doccano CSVs (UTF-16LE + BOM + CRLF, empty cells, columns out of order) import as article texts', () => {
    const expected: Record<string, string[]> = {
      'doccano-examples/tests/example.utf16.csv': ['AAA', 'BBB', 'CCC'],
      'doccano-examples/tests/text_classification.example.csv': ['exampleA', 'exampleB'],
      'doccano-examples/tests/text_classification.example_out_of_order_columns.csv': ['exampleA', 'exampleB'],
    };
    for (const name of corpusFiles('doccano-examples', (f) => f.endsWith('.csv'))) {
      if (name.endsWith('import/text_classification.example.csv')) {
        // User-named columns (doccano's column_data/column_label placeholders): no text column to find.
        expect(() => csvCodec.parse([corpusFile(name)], {})).toThrow(/\(line 1\): unrecognised header \(column_data,column_label\)/);
        continue;
      }
      const { articles, warnings } = csvCodec.parse([corpusFile(name)], {});
      if (expected[name]) expect(articles.map((a) => a.text), name).toEqual(expected[name]);
      else expect(articles.length, name).toBeGreaterThan(0);
      expect(warnings.join('\n'), name).toMatch(/^\d+ document categor(y was|ies were) not carried \(the workbench has no place for them\), first: .* label=/m);
      const again = roundTrip(csvCodec, articles.map((a, i) => importedToArticle(a, i)));
      expect(again.articles.map((a) => a.text), name).toEqual(articles.map((a) => a.text));
    }
  });
});
