import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { htmlTextContent, labelStudioCodec } from './labelStudio';
import { FormatError, type FormatCodec } from './codec';
import {
  LABEL_NAMES,
  articleSpanKeys,
  articleStatementKeys,
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
import { conllSpans, iterFromJsonFile, KeyError } from './testing/labelStudioConverter';
import { bratCodec } from './brat';
import type { Article } from '../domain/model';

const { corpusFile, corpusFiles, describeCorpus } = corpusAccess(fs);

const parse = (doc: unknown) => labelStudioCodec.parse([{ name: 'ls.json', text: JSON.stringify(doc) }], {});
const region = (id: string, start: number, end: number, label: string, extra: Record<string, unknown> = {}) => ({
  id,
  from_name: 'ner',
  to_name: 'text',
  type: 'labels',
  value: { start, end, labels: [label] },
  ...extra,
});

describe('Label Studio import', () => {
  it('reads code-point offsets (🐱 text → "test" at 21..25) and takes the text from the document', () => {
    const { articles, warnings } = parse([
      { data: { text: '🐱 Warning: This is a test text' }, annotations: [{ result: [region('r1', 21, 25, 'region', { value: { start: 21, end: 25, text: 'test', labels: ['region'] } })] }] },
    ]);
    const [a] = articles;
    expect(a.text.slice(a.spans[0].start, a.spans[0].end)).toBe('test');
    expect(warnings).toEqual([]);
  });

  it('turns relations into statements (direct and through a stance region), honouring direction', () => {
    const text = 'Kishida denounced the plan';
    const { articles } = parse({
      data: { text },
      annotations: [
        {
          completed_by: { email: 'ann@example.org' },
          result: [
            region('a', 0, 7, 'Actor'),
            region('s', 8, 17, 'Stance'),
            region('c', 18, 26, 'Claim'),
            { from_id: 'a', to_id: 's', type: 'relation', direction: 'right', labels: ['opposes'] },
            { from_id: 'c', to_id: 's', type: 'relation', direction: 'left', labels: ['opposes'] },
          ],
        },
      ],
    });
    const [a] = articles;
    expect(a.statements).toEqual([{ actorSpanId: 'a', stanceSpanId: 's', claimSpanId: 'c', polarity: 'oppose' }]);
    expect(a.spans[0].annotator).toBe('ann@example.org');
  });

  it('reads region notes (meta.text and per-region textarea) and per-region choices as attributes', () => {
    const { articles } = parse({
      data: { text: 'Kishida said' },
      annotations: [
        {
          result: [
            region('a', 0, 7, 'Actor', { meta: { text: ['the PM'] } }),
            { id: 'a', from_name: 'comment', to_name: 'text', type: 'textarea', value: { start: 0, end: 7, text: ['check title'] } },
            { id: 'a', from_name: 'Mention', to_name: 'text', type: 'choices', value: { start: 0, end: 7, choices: ['Name'] } },
            { id: 'doc', from_name: 'topic', to_name: 'text', type: 'choices', value: { choices: ['Politics'] } },
          ],
        },
      ],
    });
    expect(articles[0].spans[0]).toMatchObject({ note: 'the PM\ncheck title', attributes: { Mention: 'Name' } });
  });

  it('falls back to predictions with a warning, and skips cancelled annotations', () => {
    const { articles, warnings } = parse([
      { data: { text: 'abc def' }, annotations: [{ was_cancelled: true, result: [region('x', 0, 3, 'A')] }], predictions: [{ model_version: 'm1', result: [region('p', 4, 7, 'B')] }] },
    ]);
    expect(articles[0].spans.map((s) => s.label)).toEqual(['B']);
    expect(warnings.join('\n')).toMatch(/model predictions were imported/);
  });

  it("reports the predictions of a task with annotations as not carried (the annotations are read, the predictions are not)", () => {
    const { articles, warnings } = parse([
      {
        data: { text: 'abc def' },
        annotations: [{ result: [region('x', 0, 3, 'A')] }],
        predictions: [{ model_version: 'm1', result: [region('p', 4, 7, 'B')] }, { result: [region('q', 0, 7, 'B')] }],
      },
      { data: { text: 'ghi' }, annotations: [{ result: [region('y', 0, 3, 'A')] }] },
    ]);
    expect(articles.map((a) => a.spans.map((s) => s.label))).toEqual([['A'], ['A']]);
    const line = warnings.find((w) => /model predictions were not carried/.test(w));
    expect(line).toMatch(/^2 model predictions were not carried \(the task's annotations were imported instead\), first: \S+ \S*predictions\[0\] \(model m1\)$/);
  });

  it('reads HyperText regions through globalOffsets over the text content', () => {
    const html = '<article><h2>🐱 Warning:</h2> <p>🐱 This is a test text</p></article>';
    const { articles } = parse({
      data: { text: html },
      annotations: [{ result: [{ id: 'h', from_name: 'tag', to_name: 'text', type: 'hypertextlabels', value: { start: '/article[1]/p[1]/text()[1]', end: '/article[1]/p[1]/text()[1]', startOffset: 13, endOffset: 17, globalOffsets: { start: 23, end: 27 }, hypertextlabels: ['region'] } }] }],
    });
    const [a] = articles;
    expect(a.text).toBe('🐱 Warning: 🐱 This is a test text');
    expect(a.text.slice(a.spans[0].start, a.spans[0].end)).toBe('test');
  });

  it('htmlTextContent strips tags, comments and scripts and decodes entities', () => {
    expect(htmlTextContent('<p>a &amp; b<!-- x --><script>bad()</script> &#128049;&nbsp;</p>')).toBe('a & b 🐱\u00a0');
  });

  it('skips an image region (as in label-studio-converter\'s tests/data/test_export_csv/csv_test.json) with a warning and keeps the text spans', () => {
    // A task of a real multi-object export, shaped like the converter's fixture (commit 2ef5400):
    // a rectanglelabels box on data.image beside a text region on data.text.
    const { articles, warnings } = parse([
      {
        id: 1,
        data: { text: 'Calif. wildfires signal the arrival of a planetary fire age', image: 'https://example.org/car.jpg' },
        annotations: [
          {
            id: 7,
            completed_by: { id: 1, email: 'hakan@heartex.com' },
            result: [
              { id: 'oid3', type: 'rectanglelabels', value: { x: 4.86, y: 11.69, width: 92.51, height: 71.76, rotation: 0, rectanglelabels: ['Car'] }, origin: 'prediction-changed', to_name: 'image', from_name: 'label', original_width: 768, original_height: 576 },
              region('t1', 0, 16, 'Claim'),
            ],
            was_cancelled: false,
          },
        ],
      },
    ]);
    expect(articles).toHaveLength(1);
    expect(articles[0].spans.map((sp) => [sp.label, articles[0].text.slice(sp.start, sp.end)])).toEqual([['Claim', 'Calif. wildfires']]);
    expect(warnings).toEqual([
      '1 metadata field was not carried (the workbench has no place for them), first: ls.json $[0]: data.image="https://example.org/car.jpg"',
      '1 result that is not a text span was not carried (the workbench has no place for them), first: ls.json $[0].annotations[0].result[0] (rectanglelabels)',
    ]);
  });

  describe('rejects malformed files with file, JSON path and problem', () => {
    it('invalid JSON', () => {
      const attempt = () => labelStudioCodec.parse([{ name: 'ls.json', text: '[{"data": {"text": "a"},]' }], {});
      expect(attempt).toThrow(FormatError);
      expect(attempt).toThrow(/ls\.json \(line 1, column \d+\): not valid JSON/);
    });
    it('a task without data', () => {
      expect(() => parse([{ annotations: [] }])).toThrow(/ls\.json \(\$\[0\]\.data\): a task needs a "data" object/);
    });
    it('non-numeric offsets', () => {
      expect(() => parse([{ data: { text: 'abc' }, annotations: [{ result: [region('r', 0, 1, 'A', { value: { start: 'x', end: 2, labels: ['A'] } })] }] }])).toThrow(
        /\$\[0\]\.annotations\[0\]\.result\[0\]\.value\): start and end must be non-negative integers/,
      );
    });
    it('offsets beyond the text', () => {
      expect(() => parse([{ data: { text: '🐱ab' }, annotations: [{ result: [region('r', 0, 4, 'A')] }] }])).toThrow(/result\[0\]\.value\.end\): offset 4 is outside the text \(3 code points\)/);
    });
  });
});

describe('Label Studio export', () => {
  const text = '🐱 Kishida denounced\r\nthe plan.';
  const article = makeArticle(
    text,
    [
      { labelId: 'actor', start: 3, end: 10, note: 'PM', attributes: { Mention: 'Name' } },
      { labelId: 'stance', start: 11, end: 20 },
      { labelId: 'claim', start: 22, end: 30 },
    ],
    [
      { actorSpanId: 's1', stanceSpanId: 's2', claimSpanId: 's3', polarity: 'oppose' },
      { actorSpanId: 's1', claimSpanId: 's3', polarity: 'neutral' },
    ],
  );

  it('writes a JSON array of importable tasks with code-point offsets', () => {
    const json = exportFiles(labelStudioCodec, [article, { ...article, id: 'a2' }]).get('')!;
    const tasks = JSON.parse(json);
    expect(tasks).toHaveLength(2);
    const [first] = tasks[0].annotations[0].result;
    expect(first).toMatchObject({ id: 's1', from_name: 'label', to_name: 'text', type: 'labels', value: { start: 2, end: 9, text: 'Kishida', labels: ['Actor'] }, meta: { text: ['PM'] } });
    expect(tasks[0].data).toMatchObject({ text, article_id: 'a1', title: 'Test article' });
  });

  it('round-trips spans, notes, attributes and statements', () => {
    const { articles, warnings } = roundTrip(labelStudioCodec, [article]);
    expect(warnings).toEqual([]);
    const facets = { note: true, attributes: true };
    expect(importedSpanKeys(articles[0], facets)).toEqual(articleSpanKeys(article, facets));
    expect(statementKeys(articles[0])).toEqual(articleStatementKeys(article));
    expect(articles[0]).toMatchObject({ id: 'a1', title: 'Test article', status: 'in_progress' });
  });

  it('property: export then import keeps text, spans (overlapping), notes and attributes', () => {
    fc.assert(
      fc.property(textWithSpans({ notes: true, attributes: true, noteChars: ['a', '\n', '🐱', '"', ' b'] }), ({ text, spans }) => {
        const a = makeArticle(text, spans);
        const { articles } = roundTrip(labelStudioCodec, [a]);
        expect(articles[0].text).toBe(text);
        const facets = { note: true, attributes: true };
        expect(importedSpanKeys(articles[0], facets)).toEqual(articleSpanKeys(a, facets));
      }),
      { numRuns: 150 },
    );
  });
});

describeCorpus('label-studio-examples', 'Label Studio corpora round-trip', () => {
  it('every sample parses, value.text checks out against the document (modulo LS newline escapes), and export → import keeps the spans', () => {
    const names = corpusFiles('label-studio-examples', (f) => f.endsWith('.json'));
    expect(names.length).toBeGreaterThanOrEqual(4);
    for (const name of names) {
      const { articles, warnings } = labelStudioCodec.parse([corpusFile(name)], {});
      expect(articles.length, name).toBeGreaterThan(0);
      expect(warnings.join('\n'), name).not.toMatch(/value\.text differs/);
      for (const [i, imported] of articles.entries()) {
        expect(imported.spans.length, name).toBeGreaterThan(0);
        const again = roundTrip(labelStudioCodec, [importedToArticle(imported, i)]);
        expect(importedSpanKeys(again.articles[0]), name).toEqual(importedSpanKeys(imported));
        expect(again.articles[0].text).toBe(imported.text);
      }
    }
  });

  it('the named-entity demo: "February 22" at 343..354, from the annotation and from the prediction', () => {
    for (const name of ['label-studio-examples/named_entity/annotations/1.json', 'label-studio-examples/named_entity/tasks.json']) {
      const [a] = labelStudioCodec.parse([corpusFile(name)], {}).articles;
      expect(a.text.slice(a.spans[0].start, a.spans[0].end)).toBe('February 22');
    }
  });

  it('the emoji samples: "test" and the multi-line selection land on the right text', () => {
    const { articles } = labelStudioCodec.parse([corpusFile('label-studio-examples/derived-emoji-offsets.text.json')], {});
    expect(articles.map((a) => a.text.slice(a.spans[0].start, a.spans[0].end))).toEqual(['test', 'Warning:\n🐱 This is a test']);
  });
});

/** The labeling config of docs/formats.md as the converter's `_schema` sees it: one Labels control named "label". */
const CONVERTER_SCHEMA = { label: { type: 'Labels' } };

/** What label-studio-converter's CoNLL 2003 conversion tags for each task, against what the articles hold. */
function checkWithConverter(articles: Article[]) {
  const json = exportFiles(labelStudioCodec, articles).get('')!;
  const items = iterFromJsonFile(json, CONVERTER_SCHEMA);
  expect(items.map((it) => it.id)).toEqual(articles.map((_, i) => i + 1));
  items.forEach((item, i) => {
    const got = conllSpans(item, 'text').map((sp) => `${sp.label}|${sp.text}`).sort();
    const want = articles[i].spans.map((sp) => `${LABEL_NAMES[sp.labelId] ?? sp.labelId}|${articles[i].text.slice(sp.start, sp.end)}`).sort();
    expect(got).toEqual(want);
  });
  return items.reduce((n, it) => n + conllSpans(it, 'text').length, 0);
}

describe('Label Studio export read by label-studio-converter (port of converter.py, commit 2ef5400)', () => {
  it('the oracle is not vacuous: a task without an integer id stops it with KeyError, as the converter does', () => {
    const task = { data: { text: 'abc' }, annotations: [{ result: [{ id: 'r', from_name: 'label', to_name: 'text', type: 'labels', value: { start: 0, end: 3, labels: ['Actor'] } }] }] };
    expect(() => iterFromJsonFile(JSON.stringify([task]), CONVERTER_SCHEMA)).toThrow(KeyError);
    expect(() => iterFromJsonFile(JSON.stringify([task]), CONVERTER_SCHEMA)).toThrow("KeyError: 'id'");
  });

  it('every task has an integer id (1, 2, … in export order), and every span lands on its text', () => {
    const a = makeArticle('🐱 Kishida denounced\r\nthe plan.', [
      { labelId: 'actor', start: 3, end: 10 },
      { labelId: 'claim', start: 11, end: 30 },
      { labelId: 'stance', start: 11, end: 20 },
    ]);
    expect(checkWithConverter([a, { ...a, id: 'a2' }, { ...a, id: 'a3', spans: [] }])).toBe(6);
    const json = JSON.parse(exportFiles(labelStudioCodec, [a, { ...a, id: 'a2' }]).get('')!);
    expect(json.map((t: { id: unknown }) => t.id)).toEqual([1, 2]);
    // Import still takes the article id from data.article_id, not the task number.
    expect(roundTrip(labelStudioCodec, [a]).articles[0].id).toBe('a1');
  });

  it('property: the converter reads every generated export, each span on its code-point offsets', () => {
    fc.assert(
      fc.property(textWithSpans(), ({ text, spans }) => {
        checkWithConverter([makeArticle(text, spans)]);
      }),
      { numRuns: 100 },
    );
  });
});

describeCorpus('label-studio-examples', 'Label Studio exports of the corpora read by label-studio-converter', () => {
  const sources: [string, FormatCodec, (f: string) => boolean][] = [
    ['label-studio-examples', labelStudioCodec, (f) => f.endsWith('.json')],
    ['brat-tutorial-news', bratCodec, (f) => /\.(txt|ann)$/.test(f)],
  ];
  for (const [corpus, codec, keep] of sources) {
    it(`${corpus}: import → Label Studio export → converter: every span on its text`, () => {
      const { articles } = codec.parse(corpusFiles(corpus, keep).map(corpusFile), {});
      // Discontinuous spans travel as their full extent (documented), so compare on that.
      expect(checkWithConverter(articles.map(importedToArticle).map((a) => ({ ...a, spans: a.spans.map(({ fragments: _f, ...sp }) => sp) })))).toBeGreaterThan(5);
    });
  }
});
