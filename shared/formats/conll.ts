/**
 * CoNLL-2003-style BIO columns (`conll`), the form spaCy (`convert -c ner`), nltk's
 * ConllCorpusReader and Hugging Face's conll2003 loader read: one token per line, columns
 * separated by single spaces, IOB2 tags (`B-Actor`, `I-Actor`, `O`) with ONE TAG COLUMN PER LABEL
 * so spans of different labels may overlap, no comment lines, each document opened by a
 * `-DOCSTART- -X- O O` row (as many columns as a token row) and a blank line, a blank line
 * between sentences. Schemas of fewer than three labels are padded with `-X-`/`_` columns after
 * the token so every row has at least four columns: then the DOCSTART row is exactly spaCy's
 * document delimiter. Article ids and titles have no place: they are lost, and reported.
 * Tokens and tags: ./conllTags.ts. The CoNLL-U dialect: ./conllu.ts.
 *
 * Import reads that form and the common ones: `token<TAB>tag`, `token tag` (any run of spaces),
 * 4-column CoNLL-2003 `word POS chunk NE` and Label Studio's `token -X- _ NE` (the NE tag is the
 * last column), our earlier layered form with its `# global.columns` header, IOB1, IOB2 and
 * BIOES/BILOU. Every column after the token is a tag layer when each is either all tags or all
 * `-X-`/`_` filler; otherwise only the last column is. The text is rebuilt by joining the
 * tokens of a sentence with single spaces and sentences with newlines: LOSSY (original
 * whitespace, newlines, CRLF and offsets are gone; nested spans of one label cannot be written).
 */
import type { Article } from '../domain/model';
import { FormatError, type ExportContext, type FormatCodec, type ImportedArticle, type InputFile, type ParsedCorpus } from './codec';
import { expandArchives, fileText, pathParts } from './inputFiles';
import { WarningLog } from './warnings';
import type { CodecLosses } from './losses';
import { CONLL_TOKEN_LOSSES, labelWords, sentencesOf, tagArticle, textAndSpans, type ReadToken } from './conllTags';

export { conllTokens, type Token } from './conllTags';

export const CONLL_DOCSTART = '-DOCSTART-';
const HEADER = /^#\s*global\.columns\s*=\s*(.*)$/;
const TAG = /^(O|[BIESLU]-\S.*)$/;
const FILLER = /^(-X-|_)$/;
/** spaCy's `conll_ner_to_docs` splits documents at exactly this row. */
const MIN_COLUMNS = 4;

/** The padding columns between the token and the tags, so a row has at least four columns. */
const fillerColumns = (layers: number) => ['-X-', '_'].slice(0, Math.max(0, MIN_COLUMNS - 1 - layers));

/** The CoNLL-2003 block of one article: DOCSTART row, blank line, sentences. */
export function articleToConll(article: Article, ctx: ExportContext, labels: string[]): string {
  const { tokens, tags } = tagArticle(article, ctx);
  const filler = fillerColumns(labels.length);
  const width = 1 + filler.length + labels.length;
  const lines = [[CONLL_DOCSTART, '-X-', ...Array<string>(width - 2).fill('O')].join(' ')];
  for (const sentence of sentencesOf(tokens)) {
    lines.push('');
    for (const k of sentence) lines.push([tokens[k].text, ...filler, ...tags[k].map((p, c) => (p ? `${p}-${labels[c]}` : 'O'))].join(' '));
  }
  return lines.join('\n') + '\n\n';
}

// ---------------------------------------------------------------------------------------------
// Import

interface DocBuilder {
  id?: string;
  title?: string;
  /** Token rows as split: the token then its other columns. */
  sentences: { text: string; cells: string[] }[][];
}

/**
 * Which columns after the token are tag layers: all of them when each holds only tags or only
 * `-X-`/`_` filler (our export, Label Studio's `token -X- _ NE`), otherwise just the last one
 * (CoNLL-2003's `word POS chunk NE`).
 */
function layerColumns(docs: DocBuilder[]): (cells: string[]) => number[] {
  const rows = docs.flatMap((d) => d.sentences.flat());
  const width = rows[0]?.cells.length ?? 0;
  if (!rows.every((r) => r.cells.length === width)) return (cells) => [cells.length - 1];
  const kinds = Array.from({ length: width }, (_, c) =>
    rows.every((r) => TAG.test(r.cells[c])) ? 'tag' : rows.every((r) => FILLER.test(r.cells[c])) ? 'filler' : 'other',
  );
  if (kinds.includes('other')) return (cells) => [cells.length - 1];
  const tagColumns = kinds.flatMap((k, c) => (k === 'tag' ? [c] : []));
  return () => tagColumns;
}

export function parseConllText(fileName: string, content: string, warnings: WarningLog = new WarningLog(conllLosses)): ImportedArticle[] {
  const lines = content.split(/\r?\n/);
  let columns: string[] | undefined;
  const docs: DocBuilder[] = [];
  let doc: DocBuilder = { sentences: [] };
  let sentence: DocBuilder['sentences'][number] = [];
  const endSentence = () => {
    if (sentence.length) doc.sentences.push(sentence);
    sentence = [];
  };
  const endDoc = () => {
    endSentence();
    if (doc.sentences.length) docs.push(doc);
    else if (doc.id || doc.title) warnings.count('documents without tokens were skipped', `${fileName}: ${doc.title ?? doc.id}`);
    doc = { sentences: [] };
  };
  const fail = (i: number, problem: string): never => {
    throw new FormatError(fileName, `line ${i + 1}`, problem);
  };

  lines.forEach((raw, i) => {
    const line = raw.replace(/^\uFEFF/, '');
    if (line.trim() === '') {
      endSentence();
      return;
    }
    const header = HEADER.exec(line);
    if (header && !columns && !doc.sentences.length && !sentence.length) {
      columns = header[1].trim().split(/\s+/);
      if (columns.length < 2) fail(i, 'the global.columns header names no label column');
      return;
    }
    if (columns && line.startsWith('# ')) {
      const m = /^# (newdoc id|title) = (.*)$/.exec(line);
      if (m && m[1] === 'newdoc id') doc.id = m[2].trim();
      else if (m) doc.title = m[2].trim();
      return;
    }
    const fields = columns ? line.split('\t') : line.includes('\t') ? line.split('\t').map((f) => f.trim()) : line.trim().split(/\s+/);
    if (fields[0] === CONLL_DOCSTART) {
      endDoc();
      return;
    }
    if (columns) {
      if (fields.length !== columns.length) fail(i, `expected ${columns.length} TAB-separated columns (${columns.join(' ')}), found ${fields.length}`);
      for (const tag of fields.slice(1)) if (!TAG.test(tag)) fail(i, notATag(tag));
    } else {
      if (fields.length < 2) fail(i, `expected a token and a tag separated by a TAB or spaces: "${line.slice(0, 60)}"`);
      const last = fields[fields.length - 1];
      if (!TAG.test(last)) fail(i, notATag(last));
    }
    const token = fields[0].trim();
    if (!token) fail(i, 'the token is empty');
    sentence.push({ text: token, cells: fields.slice(1) });
  });
  endDoc();

  const layers = columns ? (cells: string[]) => cells.map((_, c) => c) : layerColumns(docs);
  const stem = pathParts(fileName).stem;
  /** The token's tags; its other cells that are not filler (POS, chunk) are counted as lost. */
  const tagsOf = (t: DocBuilder['sentences'][number][number]) => {
    const kept = layers(t.cells);
    t.cells.forEach((cell, c) => {
      if (!kept.includes(c) && !FILLER.test(cell)) warnings.lost('tokenColumns', `${fileName}: token "${t.text}" column ${c + 2}: ${cell}`);
    });
    return kept.map((c) => t.cells[c]);
  };
  return docs.map((d, n): ImportedArticle => {
    const sentences = d.sentences.map((s) => s.map((t): ReadToken => ({ text: t.text, tags: tagsOf(t) })));
    return {
      ...(d.id ? { id: d.id } : {}),
      title: d.title ?? (docs.length > 1 ? `${stem} ${n + 1}` : stem),
      ...textAndSpans(sentences),
      statements: [],
    };
  });
}

const notATag = (tag: string) => `"${tag}" is not a BIO tag (expected O, B-TYPE or I-TYPE; also E-, S-, L-, U-)`;

function parseConll(files: InputFile[]): ParsedCorpus {
  const warnings = new WarningLog(conllLosses);
  const articles = expandArchives(files).flatMap((f) => parseConllText(f.name, fileText(f), warnings));
  if (articles.length) warnings.add('CoNLL carries no offsets: the texts were rebuilt from the tokens (single spaces, one sentence per line)');
  return { articles, warnings: warnings.list() };
}

/** Export state: the label words. */
const exportState = new WeakMap<ExportContext, { labels: string[] }>();
const stateOf = (ctx: ExportContext) => exportState.get(ctx) ?? exportState.set(ctx, { labels: labelWords(ctx, 'CoNLL-2003') }).get(ctx)!;

const conllLosses: CodecLosses = {
  title: 'CoNLL-2003',
  export: [{ kind: 'articleId', reason: 'CoNLL-2003 has no comment lines; the conllu format keeps it' }, { kind: 'articleTitle', reason: 'CoNLL-2003 has no comment lines; the conllu format keeps it' }, ...CONLL_TOKEN_LOSSES],
  import: [{ kind: 'tokenColumns' }],
};

export const conllCodec: FormatCodec = {
  name: 'conll',
  description: 'CoNLL-2003 BIO columns for spaCy, nltk and Hugging Face (one tag column per label; lossy: text rebuilt from tokens, no ids, titles or statements)',
  layout: 'single',
  extension: 'conll',
  mimeType: 'text/plain',
  losses: conllLosses,
  parse: parseConll,
  begin(ctx) {
    stateOf(ctx);
    return [];
  },
  article(article, ctx) {
    return [{ text: articleToConll(article, ctx, stateOf(ctx).labels) }];
  },
  end(ctx) {
    exportState.delete(ctx);
    return [];
  },
};
