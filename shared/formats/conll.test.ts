import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { conllCodec, conllTokens, parseConllText } from './conll';
import { FormatError, type ImportedArticle } from './codec';
import { exportContext, exportFiles, makeArticle, LABEL_NAMES, type SpanInput } from './testing/articles';
import { trickyText } from './testing/arbitraries';
import fs from 'node:fs';
import { corpusAccess } from './testing/corpora';

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

  it('writes one tag column per label, a header, DOCSTART and doc comments; sentences never split a span', () => {
    const warnings: string[] = [];
    const out = exportFiles(conllCodec, [article], exportContext({}, warnings)).get('')!;
    const lines = out.split('\n');
    expect(lines.slice(0, 5)).toEqual(['# global.columns = TOKEN Actor Stance Claim', '-DOCSTART-\tO\tO\tO', '# newdoc id = a1', '# title = Test article', '']);
    expect(lines).toContain('Kishida\tB-Actor\tO\tO');
    expect(lines).toContain('denounced\tO\tB-Stance\tB-Claim');
    expect(lines).toContain('It\tO\tO\tI-Claim');
    // "It fails" continues the claim, so no blank line between "." and "It".
    const dot = lines.indexOf('.\tO\tO\tI-Claim');
    expect(lines[dot + 1]).toBe('It\tO\tO\tI-Claim');
    expect(warnings.join('\n')).toMatch(/statement\(s\) not exported/);
  });

  it('round-trips token-aligned overlapping spans of different labels and documents', () => {
    const second = makeArticle('Merkel agrees.', [{ labelId: 'actor', start: 0, end: 6 }], [], { id: 'a2', title: 'Second' });
    const files = exportFiles(conllCodec, [article, second]);
    const { articles } = conllCodec.parse([{ name: 'x.conll', text: files.get('')! }], {});
    expect(articles.map((a) => [a.id, a.title])).toEqual([
      ['a1', 'Test article'],
      ['a2', 'Second'],
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
    expect(out).toContain('big\tB-Actor\tO\tI-Claim');
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
