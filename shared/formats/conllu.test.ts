import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { conlluCodec, parseConlluText } from './conllu';
import { conllTokens } from './conllTags';
import { FormatError } from './codec';
import { exportContext, exportFiles, makeArticle, type SpanInput } from './testing/articles';
import { trickyText } from './testing/arbitraries';
import { conlluParse, conlluValidate } from './testing/conlluOracle';
import { CONLL_TEXTS } from './testing/conllTexts';

const noSpace = (s: string) => s.replace(/\s+/g, '');
const carried = (a: { text: string; spans: { label: string; start: number; end: number }[] }) =>
  a.spans.map((s) => `${s.label}:${noSpace(a.text.slice(s.start, s.end))}`).sort();
const NAMES: Record<string, string> = { actor: 'Actor', stance: 'Stance', claim: 'Claim' };

describe('CoNLL-U export', () => {
  const corpus = CONLL_TEXTS.map((text, n) => {
    const t = conllTokens(text);
    const spans: SpanInput[] = [
      { labelId: 'actor', start: t[0].start, end: t[1].end },
      { labelId: 'claim', start: t[1].start, end: t[3].end },
    ];
    return makeArticle(text, spans, [], { id: `art-${n}`, title: `Title ${n}: ${text.slice(0, 10)}` });
  });

  it('writes newdoc/sent_id/text comments and ten columns with the layers in MISC', () => {
    const warnings: string[] = [];
    const out = exportFiles(conlluCodec, [corpus[0]], exportContext({}, warnings)).get('')!;
    expect(out.split('\n').slice(0, 7)).toEqual([
      '# newdoc id = art-0',
      '# title = Title 0: Kishida de',
      '# sent_id = art-0-1',
      '# text = Kishida denounced the plan.',
      '1\tKishida\t_\t_\t_\t_\t_\t_\t_\tActor=B',
      '2\tdenounced\t_\t_\t_\t_\t_\t_\t_\tActor=I|Claim=B',
      '3\tthe\t_\t_\t_\t_\t_\t_\t_\tClaim=I',
    ]);
    expect(out).toContain('5\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n# sent_id = art-0-2');
    expect(out).toContain('4\tplan\t_\t_\t_\t_\t_\t_\t_\tClaim=I|SpaceAfter=No');
  });

  it('passes the CoNLL-U format rules and the conllu package reads one sentence per sentence, with our MISC', () => {
    const out = exportFiles(conlluCodec, corpus, exportContext({})).get('')!;
    expect(conlluValidate(out)).toEqual([]);
    const sentences = conlluParse(out);
    const expected = corpus.flatMap((a) => {
      const t = conllTokens(a.text);
      return [...new Intl.Segmenter(undefined, { granularity: 'sentence' }).segment(a.text)].length ? [t] : [];
    });
    expect(sentences.flatMap((s) => s.tokens.map((t) => t.form))).toEqual(expected.flat().map((t) => t.text));
    expect(sentences.every((s) => s.tokens.length > 0)).toBe(true);
    expect(sentences.filter((s) => 'newdoc id' in s.metadata).map((s) => s.metadata['newdoc id'])).toEqual(corpus.map((a) => a.id));
    expect(sentences[0].tokens[1].misc).toEqual({ Actor: 'I', Claim: 'B' });
  });

  it('round-trips ids, titles, spans, accents, Persian/Arabic (ZWNJ) and emoji; spacing inside a sentence via SpaceAfter=No', () => {
    const out = exportFiles(conlluCodec, corpus, exportContext({})).get('')!;
    const { articles } = conlluCodec.parse([{ name: 'x.conllu', text: out }], {});
    expect(articles.map((a) => [a.id, a.title])).toEqual(corpus.map((a) => [a.id, a.title]));
    articles.forEach((a, n) => {
      expect(noSpace(a.text)).toBe(noSpace(corpus[n].text));
      expect(carried(a)).toEqual(carried({ text: corpus[n].text, spans: corpus[n].spans.map((s) => ({ ...s, label: NAMES[s.labelId] })) }));
    });
    expect(articles[0].text).toBe('Kishida denounced the plan.\nIt fails, says Tokyo.');
    expect(articles[2].text).toContain('می‌گوید');
  });

  it('a #hashtag token is a token line, not a comment, for the validator, the conllu package and our import', () => {
    const a = makeArticle('#MH17 # #PrayForMH17', [{ labelId: 'actor', start: 0, end: 5 }]);
    const out = exportFiles(conlluCodec, [a], exportContext({})).get('')!;
    expect(conlluValidate(out)).toEqual([]);
    expect(conlluParse(out)[0].tokens.map((t) => t.form)).toEqual(['#', 'MH17', '#', '#', 'PrayForMH17']);
    const [back] = conlluCodec.parse([{ name: 'h.conllu', text: out }], {}).articles;
    expect(back.text).toBe('#MH17 # #PrayForMH17');
    expect(back.spans).toEqual([{ label: 'Actor', start: 0, end: 5 }]);
  });

  it('label names lose "=", "|" and whitespace in MISC keys, and say so', () => {
    const warnings: string[] = [];
    const ctx = { schema: { labels: [{ id: 'x', name: 'A=B|C D', color: '#000000' }] }, options: {}, warn: (m: string) => warnings.push(m) };
    const out = exportFiles(conlluCodec, [makeArticle('Merkel agrees', [{ labelId: 'x', start: 0, end: 6 }])], ctx).get('')!;
    expect(out).toContain('\tA_B_C_D=B');
    expect(warnings).toContain('label "A=B|C D" is written as "A_B_C_D" (CoNLL-U MISC tags cannot hold whitespace or separators)');
  });

  it('property: tricky texts pass the format rules and round-trip (text modulo whitespace, spans)', () => {
    fc.assert(
      fc.property(trickyText(1, 30), fc.nat(), fc.nat(), (text, i, j) => {
        const t = conllTokens(text);
        const spans: SpanInput[] = t.length ? [{ labelId: 'stance', start: t[Math.min(i, j) % t.length].start, end: t[Math.min(i, j) % t.length].end }] : [];
        const a = makeArticle(text, spans);
        const out = exportFiles(conlluCodec, [a], exportContext({})).get('')!;
        expect(conlluValidate(out)).toEqual([]);
        expect(conlluParse(out).flatMap((s) => s.tokens.map((x) => x.form))).toEqual(t.map((x) => x.text));
        const { articles } = conlluCodec.parse([{ name: 'p.conllu', text: out }], {});
        if (!t.length) {
          expect(articles).toEqual([]);
          return;
        }
        // eslint-disable-next-line no-control-regex -- the export drops what Python splits on
        expect(noSpace(articles[0].text)).toBe(noSpace(text.replace(/[\x1c-\x1f\x85]/g, '')));
        expect(carried(articles[0])).toEqual(carried({ text, spans: spans.map((s) => ({ ...s, label: NAMES[s.labelId] })) }));
      }),
      { numRuns: 200 },
    );
  });
});

describe('CoNLL-U import', () => {
  it('skips multiword ranges and empty nodes, ignores other MISC entries, reads BIOES values', () => {
    const [a] = parseConlluText('u.conllu', '# sent_id = 1\n# text = vámonos al mar\n1-2\tvámonos\t_\t_\t_\t_\t_\t_\t_\t_\n1\tvamos\t_\t_\t_\t_\t_\t_\t_\tPER=S\n2\tnos\t_\t_\t_\t_\t_\t_\t_\tGloss=we\n2.1\tx\t_\t_\t_\t_\t_\t_\t_\t_\n3\tal\t_\t_\t_\t_\t_\t_\t_\tLOC=B\n4\tmar\t_\t_\t_\t_\t_\t_\t_\tLOC=E\n');
    expect(a.text).toBe('vamos nos al mar');
    expect(a.spans.map((s) => [s.label, a.text.slice(s.start, s.end)])).toEqual([
      ['PER', 'vamos'],
      ['LOC', 'al mar'],
    ]);
  });

  const cases: [string, string, RegExp][] = [
    ['a wrong column count', '1\tEU\t_\n', /bad\.conllu \(line 1\): expected 10 TAB-separated columns/],
    ['an ID out of sequence', '1\tEU\t_\t_\t_\t_\t_\t_\t_\t_\n3\tx\t_\t_\t_\t_\t_\t_\t_\t_\n', /bad\.conllu \(line 2\): token ID 3 out of sequence/],
    ['a comment inside a sentence', '1\tEU\t_\t_\t_\t_\t_\t_\t_\t_\n# x\n', /bad\.conllu \(line 2\): a comment line inside a sentence/],
  ];
  for (const [what, content, error] of cases) {
    it(`rejects ${what} with file, line and problem`, () => {
      const attempt = () => conlluCodec.parse([{ name: 'bad.conllu', text: content }], {});
      expect(attempt).toThrow(FormatError);
      expect(attempt).toThrow(error);
    });
  }
});
