import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { doccanoCodec } from './doccano';
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

const { corpusFile, corpusFiles, corpusText, describeCorpus } = corpusAccess(fs);

const parse = (text: string, options = {}) => doccanoCodec.parse([{ name: 'in.jsonl', text }], options);

describe('doccano import', () => {
  it('reads the label shape with UTF-16 offsets by default', () => {
    const text = '🐱 EU rejects German call';
    const { articles } = parse(JSON.stringify({ text, label: [[3, 5, 'ORG'], [14, 20, 'MISC']] }));
    expect(articles[0].spans.map((s) => [s.label, text.slice(s.start, s.end)])).toEqual([
      ['ORG', 'EU'],
      ['MISC', 'German'],
    ]);
  });

  it('reads grapheme-cluster offsets with doccanoUnit "grapheme"', () => {
    const text = '👨‍👩‍👧 🇯🇵 Kishida said';
    // graphemes: family(0) space(1) flag(2) space(3) K(4)…
    const { articles } = parse(JSON.stringify({ text, label: [[4, 11, 'Actor']] }), { doccanoUnit: 'grapheme' });
    const [s] = articles[0].spans;
    expect(text.slice(s.start, s.end)).toBe('Kishida');
  });

  it('reads entities and relations, turning polarity relations into statements', () => {
    const text = 'Kishida denounced the plan';
    const record = {
      text,
      entities: [
        { id: 10, start_offset: 0, end_offset: 7, label: 'Actor' },
        { id: 11, start_offset: 8, end_offset: 17, label: 'Stance' },
        { id: 12, start_offset: 18, end_offset: 26, label: 'Claim' },
      ],
      relations: [
        { id: 1, from_id: 10, to_id: 11, type: 'oppose' },
        { id: 2, from_id: 11, to_id: 12, type: 'oppose' },
        { id: 3, from_id: 10, to_id: 12, type: 'foundedBy' },
      ],
    };
    const { articles, warnings } = parse(JSON.stringify(record));
    expect(articles[0].statements).toEqual([{ actorSpanId: '10', stanceSpanId: '11', claimSpanId: '12', polarity: 'oppose' }]);
    expect(warnings.join('\n')).toMatch(/^1 relation that is not a statement was not carried \(the workbench has no place for them\), first: .*foundedBy/m);
  });

  it('reads user-named columns, the data key, old annotations lists and a top-level array', () => {
    const lines = [
      { column_data: 'President Obama', column_label: [[10, 15, 'PERSON']] },
      { data: 'Peter Blackburn', label: [[0, 15, 'PERSON']] },
      { text: 'EU rejects', annotations: [{ label: 3, start_offset: 0, end_offset: 2, user: 1 }] },
    ];
    const { articles, warnings } = doccanoCodec.parse([{ name: 'arr.json', text: JSON.stringify(lines) }], {});
    expect(articles.map((a) => a.spans.map((s) => a.text.slice(s.start, s.end)))).toEqual([['Obama'], ['Peter Blackburn'], ['EU']]);
    expect(articles[2].spans[0].label).toBe('3');
    expect(warnings.join('\n')).toMatch(/non-standard column/);
    expect(warnings.join('\n')).toMatch(/numeric label ids/);
  });

  it('skips records without text with a warning, and reports dropped Comments', () => {
    const { articles, warnings } = parse(
      [JSON.stringify({ text: 'a', label: [], Comments: ['hm'] }), JSON.stringify({ label: [[0, 1, 'PER']] })].join('\n'),
    );
    expect(articles).toHaveLength(1);
    expect(warnings.join('\n')).toMatch(/line 2: the record has no text/);
    expect(warnings.join('\n')).toMatch(/^1 document comment was not carried \(the workbench has no place for them\), first: in.jsonl line 1: "hm"$/m);
  });

  describe('rejects malformed files with file, line (and JSON path) and problem', () => {
    it('broken JSON on a line', () => {
      const attempt = () => parse('{"text": "a", "label": []}\n{"text": "b", "label": [}\n');
      expect(attempt).toThrow(FormatError);
      expect(attempt).toThrow(/in\.jsonl \(line 2\): not valid JSON/);
    });
    it('offsets beyond the text', () => {
      expect(() => parse('{"text": "abc", "label": [[0, 1, "A"], [1, 9, "B"]]}')).toThrow(/in\.jsonl \(line 1, \$\.label\[1\]\): UTF-16 offset 9 is outside the text/);
    });
    it('a span without offsets', () => {
      expect(() => parse('{"text": "abc", "entities": [{"label": "A"}]}')).toThrow(/line 1, \$\.entities\[0\]\): start_offset and end_offset/);
    });
    it('a record that is not an object', () => {
      expect(() => parse('"just a string"')).toThrow(/line 1, \$\): expected a JSON object/);
    });
  });
});

describe('doccano export', () => {
  const text = '👨‍👩‍👧 Kishida denounced the plan.';
  const article = makeArticle(
    text,
    [
      { labelId: 'actor', start: 9, end: 16, note: 'PM' },
      { labelId: 'stance', start: 17, end: 26 },
      { labelId: 'claim', start: 27, end: 35, fragments: [{ start: 27, end: 30 }, { start: 31, end: 35 }] },
    ],
    [{ actorSpanId: 's1', stanceSpanId: 's2', claimSpanId: 's3', polarity: 'support' }],
  );

  it('writes the entities/relations shape with metadata as top-level keys', () => {
    const record = JSON.parse(exportFiles(doccanoCodec, [article]).get('')!.trim());
    expect(record.entities[0]).toEqual({ id: 0, label: 'Actor', start_offset: 9, end_offset: 16 });
    expect(record.relations).toEqual([
      { id: 0, from_id: 0, to_id: 1, type: 'support' },
      { id: 1, from_id: 1, to_id: 2, type: 'support' },
    ]);
    expect(record).toMatchObject({ id: 'a1', title: 'Test article', offset_unit: 'utf16', span_notes: { 0: 'PM' } });
  });

  it('writes grapheme offsets in grapheme mode', () => {
    const record = JSON.parse(exportFiles(doccanoCodec, [article], exportContext({ doccanoUnit: 'grapheme' })).get('')!);
    expect(record.entities[0]).toMatchObject({ start_offset: 2, end_offset: 9 });
    expect(record.offset_unit).toBe('grapheme');
  });

  it('widens spans that cut a grapheme cluster in grapheme mode, with a warning', () => {
    const warnings: string[] = [];
    const cut = makeArticle('e\u0301t\u00e9', [{ labelId: 'claim', start: 0, end: 1 }]);
    const record = JSON.parse(exportFiles(doccanoCodec, [cut], exportContext({ doccanoUnit: 'grapheme' }, warnings)).get('')!);
    expect(record.entities[0]).toMatchObject({ start_offset: 0, end_offset: 1 });
    expect(warnings[0]).toMatch(/widened/);
  });

  it('round-trips spans, notes, fragments and statements', () => {
    for (const options of [{}, { doccanoUnit: 'grapheme' as const }]) {
      const { articles } = roundTrip(doccanoCodec, [article], options);
      const facets = { note: true, fragments: true };
      expect(importedSpanKeys(articles[0], facets)).toEqual(articleSpanKeys(article, facets));
      expect(statementKeys(articles[0])).toEqual(articleStatementKeys(article));
      expect(articles[0]).toMatchObject({ id: 'a1', title: 'Test article', status: 'in_progress' });
    }
  });

  for (const boundaries of ['codepoint', 'grapheme'] as const) {
    const options = boundaries === 'grapheme' ? { doccanoUnit: 'grapheme' as const } : {};
    it(`property (${boundaries} boundaries, ${boundaries === 'grapheme' ? 'grapheme' : 'UTF-16'} unit): export then import keeps text, spans, notes, fragments`, () => {
      fc.assert(
        fc.property(textWithSpans({ boundaries, notes: true, fragments: true, noteChars: ['a', '\n', '🐱', '"', ' b'] }), ({ text, spans }) => {
          const a = makeArticle(text, spans);
          const { articles } = roundTrip(doccanoCodec, [a], options);
          expect(articles[0].text).toBe(text);
          const facets = { note: true, fragments: true };
          expect(importedSpanKeys(articles[0], facets)).toEqual(articleSpanKeys(a, facets));
        }),
        { numRuns: 150 },
      );
    });
  }
});

describeCorpus('doccano-examples', 'doccano corpora round-trip', () => {
  const files = () => corpusFiles('doccano-examples', (f) => f.endsWith('.jsonl'));

  it('parses every doccano JSONL sample (pretty-printed, user columns, duplicates, missing text) and round-trips it', () => {
    for (const name of files()) {
      const { articles } = doccanoCodec.parse([corpusFile(name)], {});
      expect(articles.length, name).toBeGreaterThan(0);
      for (const [i, imported] of articles.entries()) {
        const again = roundTrip(doccanoCodec, [importedToArticle(imported, i)]);
        expect(importedSpanKeys(again.articles[0]), name).toEqual(importedSpanKeys(imported));
        expect(statementKeys(again.articles[0]), name).toEqual(statementKeys(imported));
      }
    }
  });

  it('the relation example has the expected covered texts (relations are not statements here)', () => {
    const { articles, warnings } = doccanoCodec.parse([corpusFile('doccano-examples/export/relation_extraction.example.jsonl')], {});
    const [a] = articles;
    expect(a.spans.map((s) => a.text.slice(s.start, s.end))).toEqual(['Google', 'September 4, 1998', 'Larry Page', 'Sergey Brin']);
    expect(warnings.join('\n')).toMatch(/^3 relations that are not statements were not carried/m);
  });

  it('keeps duplicate identical spans and skips the record without text', () => {
    const dup = doccanoCodec.parse([corpusFile('doccano-examples/tests/sequence_labeling.example_overlapping.jsonl')], {});
    expect(dup.articles[0].spans).toHaveLength(2);
    const missing = doccanoCodec.parse([corpusFile('doccano-examples/tests/sequence_labeling.example.jsonl')], {});
    expect(missing.articles).toHaveLength(2);
    expect(missing.warnings.join('\n')).toMatch(/line 3: the record has no text/);
  });
});

describeCorpus('btc-broad-twitter-corpus', 'doccano import against BTC UTF-16 offsets', () => {
  it('BTC annotation_offsets (UTF-16) read as doccano label triples cover the right text, emoji included', () => {
    const records = corpusText('btc-broad-twitter-corpus/e.reduced.jsonl')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { text: string; entities: string[]; annotation_offsets: [number, number][] });
    const lines = records.map((r) => JSON.stringify({ text: r.text, label: r.annotation_offsets.map(([s, e], i) => [s, e, r.entities[i]]) }));
    const { articles } = doccanoCodec.parse([{ name: 'btc.jsonl', text: lines.join('\n') }], {});
    expect(articles).toHaveLength(records.length);
    const emoji = articles.find((a) => a.text.includes('💔'))!;
    const covered = emoji.spans.map((s) => emoji.text.slice(s.start, s.end));
    expect(covered).toContain('💔');
    expect(covered).toContain('#MH17');
  });
});
