/**
 * The `conll` export (CoNLL-2003 style) read by nltk's own ConllCorpusReader (Debian's
 * python3-nltk, installed by .ci/run), with the column types docs/formats.md documents; and the
 * TypeScript port of that reader (nltkConllReader.ts) held against the real one on the same files.
 * Skipped with a visible message where no Python imports nltk.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import childProcess from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bratCodec } from '../brat';
import { conllCodec, conllTokens } from '../conll';
import type { ImportedArticle } from '../codec';
import type { Article } from '../../domain/model';
import { exportFiles, makeArticle, type SpanInput } from './articles';
import { CONLL_TEXTS } from './conllTexts';
import { corpusAccess } from './corpora';
import { nltkColumn, nltkGrids } from './nltkConllReader';
import { pythonAccess, type PythonTool } from './pythonTool';

const { corpusExists, corpusFile, corpusFiles } = corpusAccess(fs);
const { describePython, runPython } = pythonAccess(childProcess, process.env);
const SCRIPT = fileURLToPath(new URL('./python/nltk_conll.py', import.meta.url));

type Chunks = [string, string[]][][];
interface NltkLayer {
  column: number;
  tags: string[][];
  /** `chunked_sents()`, or its error where a label has "-". */
  chunks?: Chunks;
  chunkedError?: string;
  /** `nltk.chunk.conlltags2tree(strict=True)` over `iob_sents()`. */
  strictChunks: Chunks;
}
type NltkFile = { grids: string[][][]; sents: string[][]; layers: NltkLayer[] } | { error: string };

/** One exported file as the test hands it to nltk, with what the test expects of it. */
interface Case {
  name: string;
  text: string;
  labels: string[];
  articles: Article[];
  separator?: ' ';
}

const schemaOf = (labels: string[]) => ({ schema: { labels: labels.map((n) => ({ id: n, name: n, color: '#000000' })) }, options: {} });
/** Where the tag column of each label sits (docs/formats.md): after `-X-`/`_` fillers up to four columns. */
const layout = (labels: number) => {
  const width = Math.max(4, labels + 1);
  return { width, columns: Array.from({ length: labels }, (_, k) => width - labels + k) };
};
const noSpace = (s: string) => s.replace(/\s+/g, '');

/** Imported spans (label names as written) on an Article whose schema ids are the names. */
const asArticle = (a: ImportedArticle, n: number): Article =>
  makeArticle(
    a.text,
    a.spans.map((s): SpanInput => ({ labelId: s.label, start: s.start, end: s.end })),
    [],
    { id: `a${n}`, title: a.title || `Article ${n}` },
  );

function exportCase(name: string, articles: Article[], labels: string[], separator?: ' '): Case {
  return { name, articles, labels, separator, text: exportFiles(conllCodec, articles, schemaOf(labels)).get('')! };
}

/** nltk's grids split into documents at the empty grids its -DOCSTART- rows leave. */
function documents<T>(perGrid: T[][], grids: string[][][]): T[][][] {
  const docs: T[][][] = [];
  grids.forEach((g, i) => {
    if (!g.length) docs.push([]);
    else docs[docs.length - 1].push(perGrid[i]);
  });
  return docs;
}

// The fixture: English, accents, Persian/Arabic with ZWNJ, emoji and hashtags, with 1, 2, 3 and 5
// labels (so two, one or no filler columns), spans on one and several tokens, overlapping across layers.
const LABEL_SETS = [['Actor'], ['Actor', 'Stance'], ['Actor', 'Stance', 'Claim'], ['Actor', 'Stance', 'Claim', 'Source', 'Target']];
const fixture = (labels: string[]) =>
  CONLL_TEXTS.map((text, n) => {
    const tokens = conllTokens(text);
    const spans: SpanInput[] = [
      { labelId: 'Actor', start: tokens[0].start, end: tokens[1].end },
      { labelId: 'Stance', start: tokens[1].start, end: tokens[1].end },
      { labelId: 'Claim', start: tokens[3].start, end: tokens[6].end },
      { labelId: 'Target', start: tokens[2].start, end: tokens[2].end },
    ];
    const hashtag = tokens.findIndex((t) => t.text === '#');
    if (hashtag >= 0) spans.push({ labelId: 'Actor', start: tokens[hashtag].start, end: tokens[hashtag + 1].end });
    return makeArticle(text, spans.filter((s) => labels.includes(s.labelId)), [], { id: `f${n}`, title: `Fixture ${n}` });
  });

// The real corpora in ../shared/corpora, where present: the CoNLL files (BTC tweets with emoji
// tokens, doccano's samples) and brat documents (overlapping and unaligned spans), imported by
// our codecs and exported again.
const CORPORA = ['btc-broad-twitter-corpus', 'doccano-examples', 'brat-tutorial-news', 'brat-conll2002-news'].map((folder) => ({
  folder,
  present: corpusExists(folder),
}));
const corporaPresent = CORPORA.filter((c) => c.present);

/** A file handed to nltk and what the test knows of it. */
interface Built extends Case {
  /** True where every span is token-aligned and alone in its label, so nltk must give back exactly the source spans. */
  exact: boolean;
}

function buildCorpus(folder: string): Built {
  const names = corpusFiles(folder, (f) => (folder.startsWith('brat') ? /\.(txt|ann)$/.test(f) : /\.conll(\.txt)?$/.test(f) && !f.includes('invalid')));
  const codec = folder.startsWith('brat') ? bratCodec : conllCodec;
  const imported = codec.parse(names.map(corpusFile), {}).articles;
  const labels = [...new Set(imported.flatMap((a) => a.spans.map((s) => s.label)))].sort();
  // brat spans overlap within a label and end inside words: the export drops or widens those
  // (reported), so there the reference is our own import of the same file.
  return { ...exportCase(`${folder} (${names.length} files)`, imported.map(asArticle), labels), exact: codec === conllCodec };
}

const FIXTURES: (() => Built)[] = [
  ...LABEL_SETS.map((labels) => () => ({ ...exportCase(`fixture, ${labels.length} label(s)`, fixture(labels), labels), exact: true })),
  () => ({ ...exportCase('fixture, 3 labels, separator " "', fixture(LABEL_SETS[2]), LABEL_SETS[2], ' '), exact: true }),
];
// The earlier export (comments, TAB-separated -DOCSTART- rows), which nltk rejected in issue 12.
const EARLIER = '# global.columns = TOKEN Actor Stance Claim\n-DOCSTART-\tO\tO\tO\n# newdoc id = a1\n# title = Test article\n\nKishida\tB-Actor\tO\tO\n';
const HYPHEN = exportCase('label with "-"', [makeArticle('Merkel agrees', [{ labelId: 'Pro-Gov', start: 0, end: 6 }])], ['Pro-Gov']);

describePython(['nltk'], "the conll export read by nltk's ConllCorpusReader", (tool: PythonTool) => {
  const built = new Map<string, { file: Built; read: NltkFile }>();
  const extra = new Map<string, NltkFile>();
  let dir = '';

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-nltk-'));
    const files: Built[] = [...FIXTURES.map((f) => f()), ...corporaPresent.map((c) => buildCorpus(c.folder))];
    const others: [string, string, number[]][] = [
      ['earlier', EARLIER, [1, 2, 3]],
      ['hyphen', HYPHEN.text, layout(1).columns],
    ];
    files.forEach((f, i) => fs.writeFileSync(path.join(dir, `${i}.conll`), f.text));
    for (const [name, text] of others) fs.writeFileSync(path.join(dir, `${name}.conll`), text);
    const request = {
      root: dir,
      files: [
        ...files.map((f, i) => ({ fileid: `${i}.conll`, width: layout(f.labels.length).width, separator: f.separator ?? null, layers: layout(f.labels.length).columns })),
        ...others.map(([name, , layers]) => ({ fileid: `${name}.conll`, width: 4, separator: null, layers })),
      ],
    };
    const read = runPython<{ files: NltkFile[] }>(tool, SCRIPT, request).files;
    files.forEach((f, i) => built.set(f.name, { file: f, read: read[i] }));
    others.forEach(([name], i) => extra.set(name, read[files.length + i]));
   }, 120_000); // one Python start-up and import for every file; slow on a busy machine
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const check = (name: string) => {
    const { file, read } = built.get(name)!;
    if ('error' in read) throw new Error(`nltk could not read ${name}: ${read.error}`);
    const { width, columns } = layout(file.labels.length);

    // The port reads exactly the grids nltk reads, cell by cell.
    const columntypes = ['words', ...Array<string>(width - 1).fill('ignore')];
    const ported = nltkGrids(file.text, { columntypes, ...(file.separator ? { separator: file.separator } : {}) });
    expect(ported).toEqual(read.grids);
    expect(nltkColumn(ported, 0)).toEqual(read.sents);

    // One document per article (the -DOCSTART- rows), every row as wide as the first.
    expect(read.grids.filter((g) => !g.length)).toHaveLength(file.articles.length);
    expect(read.grids.flat().every((row) => row.length === width)).toBe(true);
    const docSents = documents(read.sents, read.grids);
    const back = conllCodec.parse([{ name: 'x.conll', text: file.text }], {}).articles;
    expect(back).toHaveLength(file.articles.length);
    // chunked_sents gives what conlltags2tree(strict=True) gives (so every I- continues a B-), or
    // fails only on a label with "-" (see the last test).
    const layerChunks = read.layers.map((layer) => {
      if (layer.chunks) expect(layer.chunks).toEqual(layer.strictChunks);
      else expect(file.labels[columns.indexOf(layer.column)]).toContain('-');
      return documents(layer.strictChunks, read.grids);
    });
    let chunks = 0;
    file.articles.forEach((article, d) => {
      // Tokens: our tokenizer's, in order; sentences: as many as our import reads (one per line).
      expect(docSents[d].flat()).toEqual(conllTokens(article.text).map((t) => t.text));
      expect(docSents[d].length).toBe(back[d].text ? back[d].text.split('\n').length : 0);
      const nltkChunks = layerChunks.flatMap((perDoc) => perDoc[d].flat().map(([label, words]) => `${label}:${words.join('')}`)).sort();
      const ours = back[d].spans.map((s) => `${s.label}:${noSpace(back[d].text.slice(s.start, s.end))}`).sort();
      expect(nltkChunks).toEqual(ours);
      if (file.exact) expect(nltkChunks).toEqual(article.spans.map((s) => `${s.labelId}:${noSpace(article.text.slice(s.start, s.end))}`).sort());
      chunks += nltkChunks.length;
      // Tag counts: each layer column holds only O, B-<its label> and I-<its label>; one B per chunk.
      read.layers.forEach((layer, k) => {
        const label = file.labels[columns.indexOf(layer.column)];
        const tags = documents(layer.tags, read.grids)[d].flat();
        expect(tags.filter((t) => t !== 'O' && t !== `B-${label}` && t !== `I-${label}`)).toEqual([]);
        const mine = layerChunks[k][d].flat();
        expect(tags.filter((t) => t === `B-${label}`).length, `layer ${k}`).toBe(mine.length);
        expect(tags.filter((t) => t !== 'O').length).toBe(mine.reduce((n, [, words]) => n + words.length, 0));
      });
    });
    return { sentences: read.grids.filter((g) => g.length).length, tokens: read.sents.flat().length, chunks };
  };

  for (const labels of LABEL_SETS) {
    it(`fixture, ${labels.length} label(s): nltk reads every sentence, token and entity chunk we exported, and so does the port`, () => {
      const counts = check(`fixture, ${labels.length} label(s)`);
      expect(counts.chunks).toBeGreaterThanOrEqual(CONLL_TEXTS.length);
    });
  }
  it('fixture read with separator " " (split at single spaces, as the export writes them): the same', () => {
    check('fixture, 3 labels, separator " "');
  });

  for (const { folder, present } of CORPORA) {
    if (!present) console.warn(`[formats] ../shared/corpora/${folder} absent: skipping its nltk check`);
    it.skipIf(!present)(`${present ? '' : `skipped, ../shared/corpora/${folder} absent: `}corpus ${folder}: nltk reads the export's sentences, tokens and entity chunks`, () => {
      const name = [...built.keys()].find((k) => k.startsWith(`${folder} (`))!;
      const counts = check(name);
      expect(counts.chunks).toBeGreaterThan(0);
      console.info(`[formats] nltk read ${name}: ${counts.sentences} sentences, ${counts.tokens} tokens, ${counts.chunks} chunks`);
    });
  }

  it('the earlier export (comments, TAB -DOCSTART- rows) fails nltk as it fails the port, with the same message', () => {
    const read = extra.get('earlier')!;
    expect(read).toHaveProperty('error');
    const portError = (() => {
      try {
        nltkGrids(EARLIER, { columntypes: ['words', 'ignore', 'ignore', 'ignore'] });
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect((read as { error: string }).error).toBe(`ValueError: ${portError}`);
  });

  it('a label name with "-" stops nltk\'s chunked_sents (it splits a tag at every "-"), while iob_sents and conlltags2tree read it; docs/formats.md says so', () => {
    expect(HYPHEN.text).toContain('Merkel -X- _ B-Pro-Gov');
    const [layer] = (extra.get('hyphen') as Exclude<NltkFile, { error: string }>).layers;
    expect(layer.chunkedError).toBe('ValueError: too many values to unpack (expected 2)');
    expect(layer.tags).toEqual([[], ['B-Pro-Gov', 'O']]); // the -DOCSTART- block, then the sentence
    expect(layer.strictChunks).toEqual([[], [['Pro-Gov', ['Merkel']]]]);
  });
});
