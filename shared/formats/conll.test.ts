import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { conllCodec, conllTokens, parseConllText } from './conll';
import { FormatError, type ImportedArticle } from './codec';
import { exportContext, exportFiles, makeArticle, LABEL_NAMES, type SpanInput } from './testing/articles';
import { trickyText } from './testing/arbitraries';
import fs from 'node:fs';
import { corpusAccess } from './testing/corpora';
import { nltkColumn, nltkGrids } from './testing/nltkConllReader';
import { spacyConllNerToDocs } from './testing/spacyConllNer';
import { CONLL_TEXTS } from './testing/conllTexts';

const { corpusFile, corpusFiles, describeCorpus } = corpusAccess(fs);

const noSpace = (s: string) => s.replace(/\s+/g, '');
/** Spans as (label, covered text without whitespace): what CoNLL can carry. */
const carried = (a: { text: string; spans: { label: string; start: number; end: number }[] }) =>
  a.spans.map((s) => `${s.label}:${noSpace(a.text.slice(s.start, s.end))}`).sort();
const carriedArticle = (text: string, spans: SpanInput[]) =>
  carried({ text, spans: spans.map((s) => ({ ...s, label: LABEL_NAMES[s.labelId] })) });

describe('CoNLL tokens', () => {
  it('segments words, punctuation and emoji; skips whitespace; marks sentence starts', () => {
    const tokens = conllTokens('Kishida said: "no". 🇯🇵 Agrees!\nNext line');
    expect(tokens.map((t) => t.text)).toEqual(['Kishida', 'said', ':', '"', 'no', '"', '.', '🇯🇵', 'Agrees', '!', 'Next', 'line']);
    expect(tokens.filter((t) => t.sentenceStart).map((t) => t.text)).toEqual(['Kishida', '🇯🇵', 'Next']);
  });
});

describe('CoNLL export', () => {
  const text = 'Kishida denounced the plan. It fails, says Tokyo.';
  const article = makeArticle(
    text,
    [
      { labelId: 'actor', start: 0, end: 7 },
      { labelId: 'stance', start: 8, end: 17 },
      { labelId: 'claim', start: 8, end: 36 }, // overlaps the stance span and crosses the sentence boundary
      { labelId: 'actor', start: 43, end: 48 },
    ],
    [{ actorSpanId: 's1', claimSpanId: 's3' }],
  );

  it('writes CoNLL-2003 rows: no comments, a -DOCSTART- row of the same width and a blank line per document, one tag column per label', () => {
    const warnings: string[] = [];
    const out = exportFiles(conllCodec, [article], exportContext({}, [], warnings)).get('')!;
    const lines = out.split('\n');
    expect(lines.slice(0, 3)).toEqual(['-DOCSTART- -X- O O', '', 'Kishida B-Actor O O']);
    expect(lines.filter((l) => l.startsWith('#'))).toEqual([]);
    expect(new Set(lines.filter((l) => l).map((l) => l.split(' ').length))).toEqual(new Set([4]));
    expect(lines).toContain('denounced O B-Stance B-Claim');
    expect(lines).toContain('It O O I-Claim');
    // "It fails" continues the claim, so no blank line between "." and "It".
    const dot = lines.indexOf('. O O I-Claim');
    expect(lines[dot + 1]).toBe('It O O I-Claim');
    expect(warnings).toContain('1 statement was not carried (CoNLL-2003 has no place for them), first: article "Test article" statement st1 (neutral)');
    expect(warnings).toContain('1 article id was not carried (CoNLL-2003 has no comment lines; the conllu format keeps it), first: article "Test article": a1');
  });

  it('round-trips token-aligned overlapping spans of different labels and documents', () => {
    const second = makeArticle('Merkel agrees.', [{ labelId: 'actor', start: 0, end: 6 }], [], { id: 'a2', title: 'Second' });
    const files = exportFiles(conllCodec, [article, second]);
    const { articles } = conllCodec.parse([{ name: 'x.conll', text: files.get('')! }], {});
    expect(articles.map((a) => [a.id, a.title])).toEqual([
      [undefined, 'x 1'],
      [undefined, 'x 2'],
    ]);
    expect(noSpace(articles[0].text)).toBe(noSpace(text));
    expect(carried(articles[0])).toEqual(carriedArticle(text, article.spans));
  });

  it('drops (with a warning) a span nested in another of the same label, and widens unaligned spans', () => {
    const warnings: string[] = [];
    const a = makeArticle('The big plan fails', [
      { labelId: 'claim', start: 0, end: 18 },
      { labelId: 'claim', start: 4, end: 12 },
      { labelId: 'actor', start: 5, end: 7 },
    ]);
    const out = exportFiles(conllCodec, [a], exportContext({}, warnings)).get('')!;
    expect(out).toContain('big B-Actor O I-Claim');
    expect(warnings.join('\n')).toMatch(/1 span\(s\) overlapping another span of the same label/);
    expect(warnings.join('\n')).toMatch(/widened to whole tokens/);
  });

  it('property: token-aligned spans and the text (modulo whitespace) survive export → import', () => {
    const arb = trickyText(1, 40).chain((text) => {
      const tokens = conllTokens(text);
      if (!tokens.length) return fc.constant({ text, spans: [] as SpanInput[] });
      const span = fc
        .record({ i: fc.nat(tokens.length - 1), j: fc.nat(tokens.length - 1), labelId: fc.constantFrom('actor', 'stance', 'claim') })
        .map(({ i, j, labelId }): SpanInput => ({ labelId, start: tokens[Math.min(i, j)].start, end: tokens[Math.max(i, j)].end }));
      return fc.array(span, { maxLength: 8 }).map((spans) => {
        // One BIO column per label: keep spans that do not overlap another of the same label.
        const kept: SpanInput[] = [];
        for (const s of spans) if (!kept.some((k) => k.labelId === s.labelId && k.start < s.end && s.start < k.end)) kept.push(s);
        return { text, spans: kept };
      });
    });
    fc.assert(
      fc.property(arb, ({ text, spans }) => {
        const a = makeArticle(text, spans);
        const files = exportFiles(conllCodec, [a]);
        const { articles } = conllCodec.parse([{ name: 'p.conll', text: files.get('')! }], {});
        if (!conllTokens(text).length) {
          expect(articles).toEqual([]);
          return;
        }
        expect(noSpace(articles[0].text)).toBe(noSpace(text));
        expect(carried(articles[0])).toEqual(carriedArticle(text, spans));
      }),
      { numRuns: 200 },
    );
  });
});

describe('CoNLL import', () => {
  it('reads 2-column TAB and space forms (doccano double spaces), IOB1 and IOB2, BIOES', () => {
    const [a] = parseConllText('t.conll', 'EU  B-ORG\nrejects O\nGerman  B-MISC\ncall  O\n\nPeter\tB-PER\nBlackburn\tI-PER\n');
    expect(a.text).toBe('EU rejects German call\nPeter Blackburn');
    expect(a.spans.map((s) => [s.label, a.text.slice(s.start, s.end)])).toEqual([
      ['ORG', 'EU'],
      ['MISC', 'German'],
      ['PER', 'Peter Blackburn'],
    ]);
    const [iob1] = parseConllText('i.conll', 'U.N. NNP I-NP I-ORG\nofficial NN I-NP O\nEkeus NNP I-NP I-PER\nheads VBZ I-VP O\nfor IN I-PP O\nBaghdad NNP I-NP I-LOC\n');
    expect(iob1.spans.map((s) => [s.label, iob1.text.slice(s.start, s.end)])).toEqual([
      ['ORG', 'U.N.'],
      ['PER', 'Ekeus'],
      ['LOC', 'Baghdad'],
    ]);
    const [twoB] = parseConllText('b.conll', '@\tB-ORG\nMAS\tB-ORG\nNew\tI-LOC\nYork\tI-LOC\nx\tS-PER\ny\tB-LOC\nz\tE-LOC\n');
    expect(twoB.spans.map((s) => [s.label, twoB.text.slice(s.start, s.end)])).toEqual([
      ['ORG', '@'],
      ['ORG', 'MAS'],
      ['LOC', 'New York'],
      ['PER', 'x'],
      ['LOC', 'y z'],
    ]);
  });

  it('reads -DOCSTART- separated documents (CoNLL-2003 and Label Studio forms)', () => {
    const docs = parseConllText('d.conll', '-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\n\n-DOCSTART- -X- O\nBonn -X- _ B-LOC\n');
    expect(docs.map((d) => [d.title, d.text])).toEqual([
      ['d 1', 'EU'],
      ['d 2', 'Bonn'],
    ]);
  });

  it('treats "#" tokens as tokens in files without our header', () => {
    const [a] = parseConllText('h.conll', '#MH17\tO\n#\tB-ORG\n');
    expect(a.text).toBe('#MH17 #');
    expect(a.spans).toEqual([{ label: 'ORG', start: 6, end: 7 }]);
  });

  describe('rejects malformed files with file, line and problem', () => {
    const cases: [string, string, RegExp][] = [
      ['an invalid tag', 'EU\tB-ORG\nrejects\tOUT\n', /bad\.conll \(line 2\): "OUT" is not a BIO tag/],
      ['a line without a tag', 'EU\tB-ORG\nrejects\n', /bad\.conll \(line 2\): expected a token and a tag/],
      ['a wrong column count in the layered form', '# global.columns = TOKEN Actor Claim\nEU\tB-Actor\n', /bad\.conll \(line 2\): expected 3 TAB-separated columns/],
    ];
    for (const [what, content, error] of cases) {
      it(what, () => {
        const attempt = () => conllCodec.parse([{ name: 'bad.conll', text: content }], {});
        expect(attempt).toThrow(FormatError);
        expect(attempt).toThrow(error);
      });
    }
  });
});

describeCorpus('btc-broad-twitter-corpus', 'CoNLL corpora', () => {
  it('BTC: every sentence becomes text, B-B splits stay two entities, emoji tokens survive, export → import keeps the spans', () => {
    for (const name of ['btc-broad-twitter-corpus/e.conll', 'btc-broad-twitter-corpus/g.subset.conll']) {
      const { articles } = conllCodec.parse([corpusFile(name)], {});
      expect(articles).toHaveLength(1);
      const [a] = articles;
      expect(a.spans.length).toBeGreaterThan(50);
      if (name.endsWith('e.conll')) {
        expect(a.text).toContain('💔 MH17 PrayForMH17'); // the corpus' own broken tokens, trimmed
        const at = a.text.indexOf("of @ MAS #MH17,");
        const orgs = a.spans.filter((s) => s.start >= at && s.end <= at + 15).map((s) => a.text.slice(s.start, s.end));
        expect(orgs).toEqual(['@', 'MAS']);
      }
      roundTripCarried(a);
    }
  });

  it('doccano CoNLL samples: the valid ones parse (double spaces, trailing blank lines) and round-trip', () => {
    for (const name of corpusFiles('doccano-examples', (f) => /\.conll(\.txt)?$/.test(f) && !f.includes('invalid'))) {
      const { articles } = conllCodec.parse([corpusFile(name)], {});
      expect(articles.length, name).toBe(1);
      expect(articles[0].spans.length, name).toBeGreaterThan(0);
      roundTripCarried(articles[0]);
    }
  });

  it('doccano labeling.invalid.conll is rejected at line 1', () => {
    const attempt = () => conllCodec.parse([corpusFile('doccano-examples/tests/sequence_labeling.labeling.invalid.conll')], {});
    expect(attempt).toThrow(FormatError);
    expect(attempt).toThrow(/sequence_labeling\.labeling\.invalid\.conll \(line 1\): "SOCCERO" is not a BIO tag/);
  });
});

/** Export an imported article (labels as written) and read it back: same text modulo whitespace, same spans. */
function roundTripCarried(a: ImportedArticle) {
  const labels = [...new Set(a.spans.map((s) => s.label))];
  const ctx = { schema: { labels: labels.map((l, i) => ({ id: `l${i}`, name: l, color: '#000000' })) }, options: {} };
  const article = makeArticle(
    a.text,
    a.spans.map((s) => ({ labelId: `l${labels.indexOf(s.label)}`, start: s.start, end: s.end })),
  );
  const out = exportFiles(conllCodec, [article], ctx).get('')!;
  const [back] = conllCodec.parse([{ name: 'again.conll', text: out }], {}).articles;
  expect(noSpace(back.text)).toBe(noSpace(a.text));
  expect(carried(back)).toEqual(carried(a));
}

describe('CoNLL-2003 export as the tools read it', () => {
  const schemaOf = (names: string[]) => ({ schema: { labels: names.map((n, i) => ({ id: `l${i}`, name: n, color: '#000000' })) }, options: {} });
  const corpus = CONLL_TEXTS.map((text, n) => {
    const tokens = conllTokens(text);
    // Spans on every third token, a two-token span in layer 1, overlapping layers.
    const spans: SpanInput[] = [
      { labelId: 'l0', start: tokens[0].start, end: tokens[1].end },
      { labelId: 'l1', start: tokens[1].start, end: tokens[1].end },
      { labelId: 'l2', start: tokens[3].start, end: tokens[3].end },
    ];
    const hashtag = tokens.findIndex((t) => t.text.startsWith('#'));
    if (hashtag >= 0) spans.push({ labelId: 'l0', start: tokens[hashtag].start, end: tokens[hashtag].end });
    return makeArticle(text, spans, [], { id: `a${n}`, title: `T${n}` });
  });

  for (const labels of [['Actor'], ['Actor', 'Stance'], ['Actor', 'Stance', 'Claim'], ['Actor', 'Stance', 'Claim', 'Source', 'Target']]) {
    it(`${labels.length} label(s): nltk's ConllCorpusReader reads every sentence with a consistent column count and our tags`, () => {
      const ctx = schemaOf(labels);
      const kept = corpus.map((a) => ({ ...a, spans: a.spans.filter((s) => Number(s.labelId.slice(1)) < labels.length) }));
      const out = exportFiles(conllCodec, kept, ctx).get('')!;
      const width = Math.max(4, labels.length + 1);
      const columntypes = ['words', ...Array<string>(width - 1).fill('ignore')];
      const grids = nltkGrids(out, { columntypes });
      expect(grids.filter((g) => g.length === 0)).toHaveLength(kept.length); // the -DOCSTART- blocks
      const sentences = grids.filter((g) => g.length);
      expect(sentences.flat().every((row) => row.length === width)).toBe(true);
      expect(nltkColumn(sentences, 0).flat()).toEqual(kept.flatMap((a) => conllTokens(a.text).map((t) => t.text)));
      expect(nltkGrids(out, { columntypes, separator: ' ' }).flat().every((row) => row.length === width)).toBe(true);
      // Our import reads every layer back.
      const back = conllCodec.parse([{ name: 'x.conll', text: out }], {}).articles;
      expect(back.map(carried)).toEqual(kept.map((a) => carried({ text: a.text, spans: a.spans.map((s) => ({ ...s, label: labels[Number(s.labelId.slice(1))] })) })));
    });
  }

  it('spaCy convert -c ner: one doc per article, the words, and the last layer as entities (schemas of up to 3 labels)', () => {
    const out = exportFiles(conllCodec, corpus, schemaOf(['Actor', 'Stance', 'Claim'])).get('')!;
    const docs = spacyConllNerToDocs(out);
    expect(docs.map((d) => d.words)).toEqual(corpus.map((a) => conllTokens(a.text).map((t) => t.text)));
    expect(docs.map((d) => d.ents)).toEqual(corpus.map(() => [['Claim', 3, 3]]));
    const single = exportFiles(conllCodec, corpus, schemaOf(['Actor'])).get('')!;
    expect(spacyConllNerToDocs(single).map((d) => d.ents.map(([l, s, e]) => `${l}:${s}-${e}`))).toEqual(
      corpus.map((a) => a.spans.filter((s) => s.labelId === 'l0').map((s) => `Actor:${conllTokens(a.text).findIndex((t) => t.start === s.start)}-${conllTokens(a.text).findIndex((t) => t.end === s.end)}`)),
    );
  });

  it('the earlier export (comments, TAB-separated -DOCSTART- rows) fails the same oracles, as the tools did', () => {
    const old = '# global.columns = TOKEN Actor Stance Claim\n-DOCSTART-\tO\tO\tO\n# newdoc id = a1\n# title = Test article\n\nKishida\tB-Actor\tO\tO\n';
    expect(() => spacyConllNerToDocs(old)).toThrow('[E177] Ill-formed IOB input detected: =');
    expect(() => nltkGrids(old, { columntypes: ['words', 'ne', 'ne', 'ne'] })).toThrow(/Inconsistent number of columns/);
    // And our import still reads it, ids and titles included.
    expect(parseConllText('old.conll', old).map((a) => [a.id, a.title, a.text, a.spans.length])).toEqual([['a1', 'Test article', 'Kishida', 1]]);
  });

  it('a #hashtag token round-trips and is a token for nltk and spaCy', () => {
    const a = makeArticle('#MH17 # #PrayForMH17', [{ labelId: 'l0', start: 0, end: 5 }]);
    const out = exportFiles(conllCodec, [a], schemaOf(['Actor'])).get('')!;
    expect(nltkColumn(nltkGrids(out, { columntypes: ['words', 'ignore', 'ignore', 'ne'] }).filter((g) => g.length), 0)).toEqual([['#', 'MH17', '#', '#', 'PrayForMH17']]);
    expect(spacyConllNerToDocs(out)[0].ents).toEqual([['Actor', 0, 1]]);
    const [back] = conllCodec.parse([{ name: 'h.conll', text: out }], {}).articles;
    expect(back.text).toBe('# MH17 # # PrayForMH17');
    expect(back.spans).toEqual([{ label: 'Actor', start: 0, end: 6 }]);
  });

  it('a label name with a space is written with "_" and reported', () => {
    const warnings: string[] = [];
    const out = exportFiles(conllCodec, [makeArticle('Merkel agrees', [{ labelId: 'l0', start: 0, end: 6 }])], { ...schemaOf(['Named Entity']), warn: (m: string) => warnings.push(m) }).get('')!;
    expect(out).toContain('Merkel -X- _ B-Named_Entity');
    expect(warnings).toContain('label "Named Entity" is written as "Named_Entity" (CoNLL-2003 tags cannot hold whitespace or separators)');
  });

  it('property: tricky texts stay readable by nltk with one column count, and round-trip', () => {
    fc.assert(
      fc.property(trickyText(1, 30), (text) => {
        const tokens = conllTokens(text);
        const spans: SpanInput[] = tokens.length ? [{ labelId: 'l1', start: tokens[0].start, end: tokens[tokens.length - 1].end }] : [];
        const out = exportFiles(conllCodec, [makeArticle(text, spans)], schemaOf(['Actor', 'Stance', 'Claim'])).get('')!;
        const grids = nltkGrids(out, { columntypes: ['words', 'ignore', 'ne', 'ignore'] });
        expect(grids.flat().flat().length).toBe(tokens.length * 4);
        expect(spacyConllNerToDocs(out).flatMap((d) => d.words)).toEqual(tokens.map((t) => t.text));
      }),
      { numRuns: 200 },
    );
  });
});
