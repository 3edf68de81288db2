import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { w3cCodec, spanIri } from './w3c';
import { annotationProblems } from './w3cValidation';
import { FormatError } from './codec';
import type { FormatOptions } from './formatNames';
import {
  articleSpanKeys,
  articleStatementKeys,
  exportFiles,
  importedSpanKeys,
  makeArticle,
  roundTrip,
  statementKeys,
} from './testing/articles';
import { textWithSpans } from './testing/arbitraries';
import fs from 'node:fs';
import { corpusAccess } from './testing/corpora';

const { corpusFile, corpusFiles, corpusText, describeCorpus } = corpusAccess(fs);

const CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
const parseDoc = (doc: unknown, extra: { name: string; text: string }[] = [], options: FormatOptions = {}) =>
  w3cCodec.parse([{ name: 'anno.jsonld', text: JSON.stringify(doc) }, ...extra], options);

const text = '🇯🇵 Kishida denounced the plan.\r\nIt fails, نه به برجام.';
const article = makeArticle(
  text,
  [
    { labelId: 'actor', start: 5, end: 12, note: 'PM', attributes: { Mention: 'Name' }, entityId: 'kishida' },
    { labelId: 'stance', start: 13, end: 22 },
    { labelId: 'claim', start: 23, end: 31, fragments: [{ start: 23, end: 26 }, { start: 27, end: 31 }] },
    { labelId: 'claim', start: text.indexOf('نه'), end: text.indexOf('نه') + 'نه به برجام'.length },
  ],
  [
    { actorSpanId: 's1', stanceSpanId: 's2', claimSpanId: 's3', polarity: 'oppose', note: 'strong' },
    { actorSpanId: 's1', claimSpanId: 's4', polarity: 'support' },
  ],
  { url: 'https://news.example/kishida' },
);

describe('W3C export', () => {
  const [collection] = JSON.parse(exportFiles(w3cCodec, [article]).get('')!);

  it('writes one AnnotationCollection per article carrying the text in wb:document', () => {
    expect(collection['@context']).toEqual([CONTEXT, { wb: 'urn:workbench:vocab#' }]);
    expect(collection.type).toBe('AnnotationCollection');
    expect(collection['wb:document']).toMatchObject({ id: 'https://news.example/kishida', 'wb:text': text, 'wb:articleId': 'a1', 'wb:title': 'Test article' });
    expect(collection.first.items).toHaveLength(6);
  });

  it('writes a span as a tagging annotation with quote and code-point position selectors', () => {
    const [actor] = collection.first.items;
    expect(actor).toMatchObject({
      id: spanIri('a1', 's1'),
      type: 'Annotation',
      motivation: 'tagging',
      creator: { type: 'Person', name: 'tester' },
      body: [
        { type: 'TextualBody', purpose: 'tagging', value: 'Actor' },
        { type: 'TextualBody', purpose: 'commenting', value: 'PM' },
      ],
      target: {
        source: 'https://news.example/kishida',
        selector: [
          { type: 'TextQuoteSelector', exact: 'Kishida', prefix: '🇯🇵 ' },
          { type: 'TextPositionSelector', start: 3, end: 10 },
        ],
      },
      'wb:entityId': 'kishida',
      'wb:attributes': { Mention: 'Name' },
    });
    expect(annotationProblems(actor, '$', false)).toEqual([]);
  });

  it('writes a statement as a linking annotation between span annotations', () => {
    const link = collection.first.items[4];
    expect(link).toMatchObject({
      motivation: 'linking',
      target: spanIri('a1', 's1'),
      body: [
        { type: 'SpecificResource', source: spanIri('a1', 's3'), 'wb:role': 'claim' },
        { type: 'SpecificResource', source: spanIri('a1', 's2'), 'wb:role': 'stance' },
        { type: 'TextualBody', purpose: 'classifying', value: 'oppose' },
        { type: 'TextualBody', purpose: 'commenting', value: 'strong' },
      ],
    });
    for (const item of collection.first.items) expect(annotationProblems(item, '$', false)).toEqual([]);
  });
});

describe('W3C import', () => {
  it('round-trips text, spans (discontinuous), notes, attributes, entity ids, statements and metadata', () => {
    const { articles, warnings } = roundTrip(w3cCodec, [article]);
    expect(warnings).toEqual([]);
    const [back] = articles;
    expect(back).toMatchObject({ id: 'a1', title: 'Test article', url: 'https://news.example/kishida', status: 'in_progress', text });
    const facets = { note: true, fragments: true, attributes: true };
    expect(importedSpanKeys(back, facets)).toEqual(articleSpanKeys(article, facets));
    expect(back.spans.map((s) => s.id)).toEqual(['s1', 's2', 's3', 's4']);
    expect(back.spans[0]).toMatchObject({ entityId: 'kishida', annotator: 'tester', createdAt: article.spans[0].createdAt });
    expect(statementKeys(back)).toEqual(articleStatementKeys(article));
    expect(back.statements[0]).toMatchObject({ id: 'st1', note: 'strong' });
  });

  it('re-anchors by quote when the text changed; what it cannot anchor is a bad record, skipped (and reported) only when asked', () => {
    const [collection] = JSON.parse(exportFiles(w3cCodec, [article]).get('')!);
    collection['wb:document']['wb:text'] = 'BREAKING: ' + text.replace('denounced', 'strongly denounced').replace('نه به برجام', 'something else');
    expect(() => parseDoc([collection])).toThrow(
      new FormatError('anno.jsonld', '$[0].first.items[3]', 'annotation urn:workbench:article:a1:span:s4 could not be anchored: the quote "نه به برجام" was not found'),
    );
    const { articles, warnings } = parseDoc([collection], [], { skipBadRecords: true });
    const [a] = articles;
    const covered = a.spans.map((s) => a.text.slice(s.start, s.end));
    expect(covered).toEqual(['Kishida', 'denounced', 'the plan']);
    expect(a.spans[2].fragments?.map((f) => a.text.slice(f.start, f.end))).toEqual(['the', 'plan']);
    expect(a.statements).toHaveLength(1);
    const all = warnings.join('\n');
    expect(all).toMatch(/re-anchored by their quote/);
    expect(all).toMatch(/skipped \(bad record\): anno\.jsonld \(\$\[0\]\.first\.items\[3\]\): annotation \S+s4 could not be anchored: the quote "نه به برجام" was not found/);
    expect(all).toMatch(/skipped: anno\.jsonld \(\$\[0\]\.first\.items\[\d+\]\): the statement \S+ was dropped: its span \S+s4 was skipped/);
  });

  it('re-anchors approximately when the quoted words were edited', () => {
    const doc = {
      '@context': CONTEXT,
      id: 'urn:x:1',
      type: 'Annotation',
      body: { type: 'TextualBody', purpose: 'tagging', value: 'Claim' },
      target: { source: 'doc1.txt', selector: [{ type: 'TextQuoteSelector', exact: 'the sanctions must be lifted' }] },
    };
    const { articles, warnings } = parseDoc(doc, [{ name: 'doc1.txt', text: 'He said that the sanctions must now be lifted soon.' }]);
    const [a] = articles;
    expect(a.text.slice(a.spans[0].start, a.spans[0].end)).toBe('the sanctions must now be lifted');
    expect(warnings.join('\n')).toMatch(/re-anchored approximately/);
  });

  it('reads Hypothesis-style UTF-16 positions through the quote, and matches a companion .txt by the source name', () => {
    const docText = '🐱🐱 Obama spoke';
    const doc = [
      {
        '@context': CONTEXT,
        id: 'https://hypothes.is/a/1',
        type: 'Annotation',
        motivation: 'commenting',
        body: [{ type: 'TextualBody', value: 'who?' }, { type: 'TextualBody', purpose: 'tagging', value: 'Actor' }],
        // UTF-16 offsets 5..10 (code points would be 3..8)
        target: { source: 'https://example.org/story.txt', selector: [{ type: 'TextPositionSelector', start: 5, end: 10 }, { type: 'TextQuoteSelector', exact: 'Obama' }] },
      },
    ];
    const { articles } = parseDoc(doc, [{ name: 'story.txt', text: docText }]);
    const [a] = articles;
    expect(a.title).toBe('story');
    expect(a.spans[0]).toMatchObject({ label: 'Actor', note: 'who?' });
    expect(a.text.slice(a.spans[0].start, a.spans[0].end)).toBe('Obama');
  });

  it('reads AnnotationPages and RFC 5147 fragment selectors, labels untagged annotations by motivation', () => {
    const page = {
      '@context': CONTEXT,
      type: 'AnnotationPage',
      items: [{ id: 'urn:x:2', type: 'Annotation', motivation: 'highlighting', target: { source: 't.txt', selector: { type: 'FragmentSelector', conformsTo: 'http://tools.ietf.org/rfc/rfc5147', value: 'char=0,5' } } }],
    };
    const { articles, warnings } = parseDoc(page, [{ name: 't.txt', text: 'Hello world' }]);
    expect(articles[0].spans[0]).toMatchObject({ label: 'highlighting', start: 0, end: 5 });
    expect(warnings.join('\n')).toMatch(/labelled by their motivation/);
  });

  it('rejects a malformed annotation with its JSON path and every problem', () => {
    const attempt = () => parseDoc([{ '@context': CONTEXT, id: 'not an iri', type: 'Annotation', target: 9 }]);
    expect(attempt).toThrow(FormatError);
    expect(attempt).toThrow(/anno\.jsonld \(\$\[0\]\): \$\[0\]\.id: "not an iri" is not an IRI; \$\[0\]\.target: a target must be an IRI or an object/);
  });

  it('rejects a collection whose wb:document has no text', () => {
    expect(() => parseDoc({ '@context': [CONTEXT], type: 'AnnotationCollection', 'wb:document': { id: 'urn:d' }, first: { type: 'AnnotationPage', items: [] } })).toThrow(
      /\(\$\.wb:document\.wb:text\): wb:document needs the article text/,
    );
  });

  it('property: export then import keeps text, spans (overlapping, discontinuous), notes and attributes', () => {
    fc.assert(
      fc.property(textWithSpans({ fragments: true, notes: true, attributes: true, noteChars: ['a', '\n', '🐱', '"', ' b'] }), ({ text: t, spans }) => {
        const a = makeArticle(t, spans);
        const { articles } = roundTrip(w3cCodec, [a]);
        expect(articles[0].text).toBe(t);
        const facets = { note: true, fragments: true, attributes: true };
        expect(importedSpanKeys(articles[0], facets)).toEqual(articleSpanKeys(a, facets));
      }),
      { numRuns: 150 },
    );
  });
});

const INCORRECT_EXPECTED: Record<string, RegExp> = {
  'No context': /no @context/,
  'Bad context': /@context: does not include/,
  'bad id': /is not an IRI/,
  'multiple identifiers': /id: an annotation has exactly one IRI, not a list/,
  'no type': /type: missing/,
  'bad type': /is not "Annotation"/,
  'no target': /target: missing/,
  'bad target': /target: a target must be an IRI or an object/,
  'bad body': /body: a body given as a string must be an IRI/,
  'bad body id': /body\.id: id must be a single IRI/,
  'bad format': /format: format must be a single string/,
  'bad text direction': /textDirection/,
  'no value for textual body': /TextualBody needs exactly one string value/,
  'bad value for textual body': /TextualBody needs exactly one string value/,
  'body and bodyValue': /both body and bodyValue/,
  'bad bodyValue': /bodyValue: must be a single string/,
  'Too many composite types (choice? list?)': /cannot be both Choice and List/,
  'too many processing languages': /processingLanguage/,
  'Uninterpretable body (choice? list?)': /"items" without a type/,
  'bad creator': /creator: an agent must be an IRI or an object/,
  'bad generator': /generator: an agent must be an IRI or an object/,
  'bad created': /(created|modified|generated)(\[\d\])?: must be one xsd:dateTime/,
  'bad rights': /rights: rights must be/,
  'bad via': /via: via must be/,
  'bad canonical': /canonical: canonical must be a single IRI/,
  'no source for specific resource': /needs a source/,
  'no value for Fragment Selector': /FragmentSelector needs exactly one string value/,
  'multiple values for Fragment Selector': /FragmentSelector needs exactly one string value/,
  'multiple conformsTo for Fragment Selector': /conformsTo must be a single string/,
};

describeCorpus('w3c-web-annotation-examples', 'W3C specification examples', () => {
  it('every correct/ example parses; those whose text is not available are skipped with a reason', () => {
    const names = corpusFiles('w3c-web-annotation-examples/correct', (f) => f.endsWith('.json'));
    expect(names.length).toBe(44);
    for (const name of names) {
      const { articles, warnings } = w3cCodec.parse([corpusFile(name)], {});
      // The examples annotate http://example.org/… resources whose text is not in the file.
      expect(articles, name).toEqual([]);
      expect(warnings.join('\n'), name).toMatch(/target text is not in the files|could not be anchored|not linking|do not link|not embedded/);
    }
  });

  it('the TextQuote/TextPosition examples anchor once the text is supplied as a companion file', () => {
    const quote = w3cCodec.parse([corpusFile('w3c-web-annotation-examples/correct/anno23.json'), { name: 'page1.txt', text: 'this is an anotation that has some typos' }], {});
    const [a] = quote.articles;
    expect(a.text.slice(a.spans[0].start, a.spans[0].end)).toBe('anotation');
    const position = w3cCodec.parse([corpusFile('w3c-web-annotation-examples/correct/anno24.json'), { name: 'ebook1.txt', text: 'x'.repeat(800) }], {});
    expect(position.articles[0].spans[0]).toMatchObject({ start: 412, end: 795 });
  });

  it('every incorrect/ example is rejected with a FormatError naming the file, the place and the problem', () => {
    const names = corpusFiles('w3c-web-annotation-examples/incorrect', (f) => f.endsWith('.json'));
    expect(names.length).toBe(40);
    for (const name of names) {
      let error: unknown;
      try {
        w3cCodec.parse([corpusFile(name)], {});
      } catch (e) {
        error = e;
      }
      expect(error, name).toBeInstanceOf(FormatError);
      const message = (error as Error).message;
      expect(message.startsWith(name), name).toBe(true);
      const raw = corpusText(name);
      let json: Record<string, unknown> | undefined;
      try {
        json = JSON.parse(raw);
      } catch {
        expect(message, name).toMatch(/\(line \d+, column \d+\): not valid JSON/);
        // Most negative examples are broken JSON (trailing commas) *and* break the model: check the model too.
        try {
          json = JSON.parse(raw.replace(/,(\s*[}\]])/g, '$1'));
        } catch {
          continue;
        }
        const problems = annotationProblems(json, '$', true).join('; ');
        const label = json!.label as string;
        if (label === 'bad language') expect(problems, name).not.toBe(''); // the example misspells "language"
        else expect(problems, `${name} (${label})`).toMatch(INCORRECT_EXPECTED[label]);
        continue;
      }
      const label = json!.label as string | undefined;
      if (label) expect(message, `${name} (${label})`).toMatch(INCORRECT_EXPECTED[label]);
      else expect(message, name).toMatch(/no @context/);
    }
  });
});
