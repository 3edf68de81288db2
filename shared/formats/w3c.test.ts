import jsonld from 'jsonld';
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
import { targetObjectsRecognized } from './testing/w3cTargetRule';

/**
 * JSON-LD expansion without the network: a document loader that serves the Web Annotation
 * context from testing/anno.jsonld and refuses every other URL. anno.jsonld is the
 * context published at http://www.w3.org/ns/anno.jsonld, copied verbatim from
 * github.com/w3c/web-annotation, jsonld/anno.jsonld (last changed in commit 46de385e, read at
 * commit 74992e5d3ca3ac10b3289f6c855c876cc9b024a1).
 */
const ANNO_CONTEXT_URLS = new Set(['http://www.w3.org/ns/anno.jsonld', 'https://www.w3.org/ns/anno.jsonld']);
const annoContext = JSON.parse(fs.readFileSync(new URL('./testing/anno.jsonld', import.meta.url), 'utf8')) as unknown;

async function offlineLoader(url: string) {
  if (!ANNO_CONTEXT_URLS.has(url)) throw new Error(`offline JSON-LD loader: no copy of ${url}`);
  return { contextUrl: null, documentUrl: url, document: annoContext };
}

/** JSON-LD 1.1 expansion of a compacted document, with the W3C context served offline; `safe` throws where a value would be dropped. */
function expandOffline(doc: unknown, { safe = false } = {}): Promise<unknown[]> {
  return jsonld.expand(doc as object, { documentLoader: offlineLoader, safe });
}


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
    expect(collection['@context']).toEqual([CONTEXT, { '@version': 1.1, wb: 'urn:workbench:vocab#', 'wb:attributes': { '@id': 'wb:attributes', '@type': '@json' } }]);
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

describe('W3C export read by a JSON-LD processor (jsonld.js, W3C context served offline)', () => {
  const WB = 'urn:workbench:vocab#';
  // Attribute names that are Web Annotation terms ("source") or not terms at all ("Mention", "Speech act").
  const attributed = makeArticle(
    text,
    [
      { labelId: 'actor', start: 5, end: 12, entityId: 'kishida', attributes: { Mention: 'attr-value-name', source: 'attr-value-wire', 'Speech act': 'attr-value-quote' } },
      { labelId: 'claim', start: 23, end: 31, fragments: [{ start: 23, end: 26 }, { start: 27, end: 31 }] },
    ],
    [{ actorSpanId: 's1', claimSpanId: 's2', polarity: 'oppose' }],
    { url: 'https://news.example/kishida', source: 'Wire' },
  );
  const exported = JSON.parse(exportFiles(w3cCodec, [attributed]).get('')!);

  const leaves = (node: unknown, skipKeys: Set<string>, out: (string | number)[] = []): (string | number)[] => {
    if (typeof node === 'string' || typeof node === 'number') out.push(node);
    else if (Array.isArray(node)) node.forEach((n) => leaves(n, skipKeys, out));
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) if (!skipKeys.has(k)) leaves(v, skipKeys, out);
    return out;
  };
  const keys = (node: unknown, out = new Set<string>()): Set<string> => {
    if (Array.isArray(node)) node.forEach((n) => keys(n, out));
    else if (node && typeof node === 'object')
      for (const [k, v] of Object.entries(node)) {
        out.add(k);
        if (k !== '@value') keys(v, out);
      }
    return out;
  };

  it('expands in safe mode (which throws where a key or value would be dropped) and keeps every value', async () => {
    await expect(expandOffline(exported, { safe: true })).resolves.toBeDefined();
    const expanded = await expandOffline(exported);
    // type, motivation and purpose values are vocabulary terms: they expand to IRIs, not to themselves.
    const written = leaves(exported, new Set(['@context', 'type', 'motivation', 'purpose']));
    const kept = new Set(leaves(expanded, new Set()));
    expect(written.filter((v) => !kept.has(v))).toEqual([]);
  });

  it('keeps span attributes as written (a JSON literal), so "source" is not read as oa:hasSource', async () => {
    const [collection] = (await expandOffline(exported)) as Record<string, unknown>[];
    const page = (collection['http://www.w3.org/ns/activitystreams#first'] as Record<string, unknown>[])[0];
    const items = (page['http://www.w3.org/ns/activitystreams#items'] as { '@list': Record<string, unknown>[] }[])[0]['@list'];
    expect(items[0][`${WB}attributes`]).toEqual([{ '@type': '@json', '@value': attributed.spans[0].attributes }]);
    expect(items[0][`${WB}entityId`]).toEqual([{ '@value': 'kishida' }]);
  });

  it('expands our terms to wb: IRIs and every other key to the Web Annotation vocabularies', async () => {
    const expandedKeys = [...keys(await expandOffline(exported))].filter((k) => !k.startsWith('@'));
    const ours = expandedKeys.filter((k) => k.startsWith(WB)).map((k) => k.slice(WB.length));
    expect(ours.sort()).toEqual(['articleId', 'attributes', 'created', 'document', 'entityId', 'modified', 'role', 'source', 'status', 'text', 'title', 'url']);
    const vocabularies = /^http:\/\/(www\.w3\.org\/ns\/(oa|activitystreams)#|purl\.org\/dc\/(terms|elements\/1\.1)\/|xmlns\.com\/foaf\/0\.1\/|www\.w3\.org\/(1999\/02\/22-rdf-syntax-ns|2000\/01\/rdf-schema)#)/;
    expect(expandedKeys.filter((k) => !k.startsWith(WB) && !vocabularies.test(k))).toEqual([]);
  });
});

describe('W3C targets against the test suite MUST 3.2-targetObjectsRecognized (ported in testing/w3cTargetRule.ts)', () => {
  const [collection] = JSON.parse(exportFiles(w3cCodec, [article]).get('')!);
  const asList = (c: { first: { items: Record<string, unknown>[] } }) => {
    const legacy = structuredClone(c);
    for (const item of legacy.first.items) if (Array.isArray(item.target)) item.target = { type: 'List', items: item.target };
    return legacy;
  };

  it('every exported annotation passes; a discontinuous span is one SpecificResource target per piece, on one source', () => {
    for (const item of collection.first.items) expect(targetObjectsRecognized(item), item.id).toBe(true);
    const discontinuous = collection.first.items[2];
    expect(discontinuous.target).toMatchObject([
      { type: 'SpecificResource', source: 'https://news.example/kishida', selector: [{ exact: 'the' }, {}] },
      { type: 'SpecificResource', source: 'https://news.example/kishida', selector: [{ exact: 'plan' }, {}] },
    ]);
  });

  it('the older List form fails the assertion, and is still read as one discontinuous span', () => {
    const legacy = asList(collection);
    expect(targetObjectsRecognized(legacy.first.items[2])).toBe(false);
    const [back] = parseDoc([legacy]).articles;
    const facets = { note: true, fragments: true, attributes: true };
    expect(importedSpanKeys(back, facets)).toEqual(articleSpanKeys(article, facets));
  });

  it('targets on different sources stay separate spans', () => {
    const doc = {
      '@context': CONTEXT,
      id: 'urn:x:two',
      type: 'Annotation',
      body: { type: 'TextualBody', purpose: 'tagging', value: 'Actor' },
      target: ['a.txt', 'b.txt'].map((source) => ({ type: 'SpecificResource', source, selector: { type: 'TextQuoteSelector', exact: 'Obama' } })),
    };
    const { articles } = parseDoc(doc, [{ name: 'a.txt', text: 'Obama spoke' }, { name: 'b.txt', text: 'then Obama left' }]);
    expect(articles.map((a) => a.spans.map((s) => [s.id, a.text.slice(s.start, s.end), s.fragments]))).toEqual([[['urn:x:two', 'Obama', undefined]], [['urn:x:two-2', 'Obama', undefined]]]);
  });
});

describe('W3C import', () => {
  it('accepts Annotorious/Recogito-style relative ids ("#uuid") and links by them', () => {
    const doc = [
      {
        '@context': CONTEXT,
        id: '#a88b22d0-6106-4872-9435-c78b5e89fede',
        type: 'Annotation',
        body: [{ type: 'TextualBody', purpose: 'tagging', value: 'Actor' }],
        target: { source: 'story.txt', selector: [{ type: 'TextQuoteSelector', exact: 'Obama' }, { type: 'TextPositionSelector', start: 0, end: 5 }] },
      },
      {
        '@context': CONTEXT,
        id: 'annotations/2',
        type: 'Annotation',
        body: [{ type: 'TextualBody', purpose: 'tagging', value: 'Claim' }],
        target: { source: 'story.txt', selector: [{ type: 'TextQuoteSelector', exact: 'taxes will fall' }] },
      },
      {
        '@context': CONTEXT,
        id: '#link-1',
        type: 'Annotation',
        motivation: 'linking',
        body: [{ type: 'SpecificResource', source: 'annotations/2', 'wb:role': 'claim' }, { type: 'TextualBody', purpose: 'classifying', value: 'support' }],
        target: '#a88b22d0-6106-4872-9435-c78b5e89fede',
      },
    ];
    const { articles, warnings } = parseDoc(doc, [{ name: 'story.txt', text: 'Obama said taxes will fall.' }]);
    expect(warnings).toEqual([]);
    const [a] = articles;
    expect(a.spans.map((s) => [s.id, s.label, a.text.slice(s.start, s.end)])).toEqual([
      ['#a88b22d0-6106-4872-9435-c78b5e89fede', 'Actor', 'Obama'],
      ['annotations/2', 'Claim', 'taxes will fall'],
    ]);
    expect(a.statements).toEqual([{ id: '#link-1', actorSpanId: '#a88b22d0-6106-4872-9435-c78b5e89fede', claimSpanId: 'annotations/2', polarity: 'support' }]);
  });

  it('still rejects an id that is no IRI reference at all', () => {
    expect(() => parseDoc({ '@context': CONTEXT, id: 'not a uri', type: 'Annotation', target: 'urn:x' })).toThrow(/"not a uri" is not an IRI/);
  });

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

  it('the 3.2-targetObjectsRecognized port passes every correct/ annotation but the List, Composite and Independents targets the suite does not know', () => {
    const failing = corpusFiles('w3c-web-annotation-examples/correct', (f) => f.endsWith('.json'))
      .map((name) => [name, JSON.parse(corpusText(name))] as const)
      .filter(([, json]) => json.type === 'Annotation' && !targetObjectsRecognized(json))
      .map(([name, json]) => `${name.split('/').pop()} ${json.target.type}`);
    expect(failing).toEqual(['anno39.json Composite', 'anno40.json List', 'anno41.json Independents']);
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
