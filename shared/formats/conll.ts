/**
 * CoNLL-style BIO columns. Export writes one token per line with ONE TAG COLUMN PER LABEL
 * (token, Actor, Stance, Claim, …) so spans of different labels may overlap, IOB2 tags
 * (`B-Actor`, `I-Actor`, `O`), TAB-separated, a CoNLL-U Plus header naming the columns
 * (`# global.columns = TOKEN Actor Stance Claim`), `-DOCSTART-` between documents followed by
 * `# newdoc id = …` / `# title = …`, and a blank line between sentences. Tokens come from
 * Intl.Segmenter word segmentation (words, numbers, punctuation and emoji; whitespace skipped);
 * sentences from Intl.Segmenter sentence segmentation, never splitting inside a span.
 *
 * Import reads that layered form and the common ones: `token<TAB>tag`, `token tag` (any run of
 * spaces), 4-column CoNLL-2003 `word POS chunk NE` and Label Studio's `token -X- _ NE` (the NE tag
 * is the last column), IOB1, IOB2 and BIOES/BILOU. The text is rebuilt by joining the tokens of a
 * sentence with single spaces and sentences with newlines: LOSSY (original whitespace, newlines,
 * CRLF and offsets are gone; nested spans of one label cannot be written).
 */
import type { Article } from '../domain/model';
import { FormatError, type ExportContext, type FormatCodec, type ImportedArticle, type ImportedSpan, type InputFile, type ParsedCorpus } from './codec';
import { expandArchives, fileText, pathParts } from './inputFiles';
import { labelNamer } from './fields';
import { WarningLog } from './warnings';

export const CONLL_DOCSTART = '-DOCSTART-';
const HEADER = /^#\s*global\.columns\s*=\s*(.*)$/;
const TAG = /^(O|[BIESLU]-\S.*)$/;

export interface Token {
  /** The token as written (whitespace removed). */
  text: string;
  /** UTF-16 range of the segment in the source text. */
  start: number;
  end: number;
  /** True when a sentence starts at this token. */
  sentenceStart: boolean;
}

/** Word tokens of a text with sentence starts marked (Intl.Segmenter, locale-independent defaults). */
export function conllTokens(text: string): Token[] {
  const sentenceStarts = new Set<number>();
  for (const s of new Intl.Segmenter(undefined, { granularity: 'sentence' }).segment(text)) sentenceStarts.add(s.index);
  const tokens: Token[] = [];
  let pendingSentence = true;
  let nextSentenceIdx = 0;
  const starts = [...sentenceStarts].sort((a, b) => a - b);
  for (const seg of new Intl.Segmenter(undefined, { granularity: 'word' }).segment(text)) {
    while (nextSentenceIdx < starts.length && starts[nextSentenceIdx] <= seg.index) {
      pendingSentence = true;
      nextSentenceIdx++;
    }
    const clean = seg.segment.replace(/\s+/g, '');
    if (!clean) continue;
    tokens.push({ text: clean, start: seg.index, end: seg.index + seg.segment.length, sentenceStart: pendingSentence || tokens.length === 0 });
    pendingSentence = false;
  }
  return tokens;
}

/** Column names are single tokens: whitespace becomes "_". */
const columnName = (name: string) => name.trim().replace(/\s+/g, '_') || '_';
/** Tags may not contain TABs or newlines. */
const tagName = (name: string) => name.replace(/[\t\r\n]+/g, ' ');

export function conllHeader(ctx: ExportContext): string {
  return `# global.columns = TOKEN ${ctx.schema.labels.map((l) => columnName(l.name)).join(' ')}\n`;
}

/** The CoNLL block of one article (DOCSTART, doc comments, sentences). */
export function articleToConll(article: Article, ctx: ExportContext): string {
  const labels = ctx.schema.labels;
  const labelName = labelNamer(ctx.schema);
  const column = new Map(labels.map((l, i) => [l.id, i]));
  const tokens = conllTokens(article.text);
  const tags: string[][] = tokens.map(() => labels.map(() => 'O'));
  const problems = { overlap: 0, empty: 0, widened: 0, fragments: 0, unknown: 0 };
  // Longest first, so an outer span wins over a nested one of the same label.
  const spans = [...article.spans].sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  for (const s of spans) {
    const c = column.get(s.labelId);
    if (c === undefined) {
      problems.unknown++;
      continue;
    }
    let first = -1;
    let last = -1;
    for (let k = 0; k < tokens.length; k++) {
      if (tokens[k].start >= s.end) break;
      if (tokens[k].end > s.start) {
        if (first < 0) first = k;
        last = k;
      }
    }
    if (first < 0) {
      problems.empty++;
      continue;
    }
    let free = true;
    for (let k = first; k <= last; k++) if (tags[k][c] !== 'O') free = false;
    if (!free) {
      problems.overlap++;
      continue;
    }
    if (tokens[first].start !== s.start || tokens[last].end !== s.end) problems.widened++;
    if (s.fragments) problems.fragments++;
    const name = tagName(labelName(s.labelId));
    for (let k = first; k <= last; k++) {
      tags[k][c] = `${k === first ? 'B' : 'I'}-${name}`;
      if (k > first) tokens[k].sentenceStart = false; // never split a span across sentences
    }
  }
  const warn = ctx.warn;
  if (warn) {
    if (problems.overlap) warn(`${article.title}: ${problems.overlap} span(s) overlapping another span of the same label were not written (one BIO column per label)`);
    if (problems.empty) warn(`${article.title}: ${problems.empty} span(s) covering no word were not written`);
    if (problems.widened) warn(`${article.title}: ${problems.widened} span(s) not on word boundaries were widened to whole tokens`);
    if (problems.fragments) warn(`${article.title}: ${problems.fragments} discontinuous span(s) written as their full extent`);
    if (problems.unknown) warn(`${article.title}: ${problems.unknown} span(s) with a label outside the schema were not written`);
  }
  const lines = [
    [CONLL_DOCSTART, ...labels.map(() => 'O')].join('\t'),
    `# newdoc id = ${article.id}`,
    `# title = ${article.title.replace(/[\r\n]+/g, ' ')}`,
  ];
  tokens.forEach((t, k) => {
    if (t.sentenceStart) lines.push('');
    lines.push([t.text, ...tags[k]].join('\t'));
  });
  return lines.join('\n') + '\n\n';
}

// ---------------------------------------------------------------------------------------------
// Import

interface DocBuilder {
  id?: string;
  title?: string;
  sentences: { text: string; tags: string[] }[][];
}

function decodeBio(tags: string[]): { type: string; first: number; last: number }[] {
  const out: { type: string; first: number; last: number }[] = [];
  let open: { type: string; first: number; last: number } | undefined;
  const close = () => {
    if (open) out.push(open);
    open = undefined;
  };
  tags.forEach((tag, k) => {
    if (tag === 'O') {
      close();
      return;
    }
    const prefix = tag[0];
    const type = tag.slice(2);
    if (prefix === 'B' || prefix === 'S' || prefix === 'U' || !open || open.type !== type) {
      close();
      open = { type, first: k, last: k };
    } else {
      open.last = k;
    }
    if (prefix === 'S' || prefix === 'U' || prefix === 'E' || prefix === 'L') close();
  });
  close();
  return out;
}

export function parseConllText(fileName: string, content: string, warnings: WarningLog = new WarningLog()): ImportedArticle[] {
  const lines = content.split(/\r?\n/);
  let columns: string[] | undefined;
  const docs: DocBuilder[] = [];
  let doc: DocBuilder = { sentences: [] };
  let sentence: { text: string; tags: string[] }[] = [];
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
    let tags: string[];
    if (columns) {
      if (fields.length !== columns.length) fail(i, `expected ${columns.length} TAB-separated columns (${columns.join(' ')}), found ${fields.length}`);
      tags = fields.slice(1);
    } else {
      if (fields.length < 2) fail(i, `expected a token and a tag separated by a TAB or spaces: "${line.slice(0, 60)}"`);
      tags = [fields[fields.length - 1]];
    }
    const token = fields[0].trim();
    if (!token) fail(i, 'the token is empty');
    for (const tag of tags) if (!TAG.test(tag)) fail(i, `"${tag}" is not a BIO tag (expected O, B-TYPE or I-TYPE; also E-, S-, L-, U-)`);
    sentence.push({ text: token, tags });
  });
  endDoc();

  const stem = pathParts(fileName).stem;
  return docs.map((d, n): ImportedArticle => {
    let text = '';
    const tokenRanges: { start: number; end: number }[][] = [];
    d.sentences.forEach((s, si) => {
      if (si > 0) text += '\n';
      tokenRanges.push(
        s.map((t, ti) => {
          if (ti > 0) text += ' ';
          const start = text.length;
          text += t.text;
          return { start, end: text.length };
        }),
      );
    });
    const spans: ImportedSpan[] = [];
    const layers = d.sentences[0][0].tags.length;
    d.sentences.forEach((s, si) => {
      for (let c = 0; c < layers; c++) {
        for (const e of decodeBio(s.map((t) => t.tags[c]))) {
          spans.push({ label: e.type, start: tokenRanges[si][e.first].start, end: tokenRanges[si][e.last].end });
        }
      }
    });
    spans.sort((a, b) => a.start - b.start || a.end - b.end);
    return {
      ...(d.id ? { id: d.id } : {}),
      title: d.title ?? (docs.length > 1 ? `${stem} ${n + 1}` : stem),
      text,
      spans,
      statements: [],
    };
  });
}

function parseConll(files: InputFile[]): ParsedCorpus {
  const warnings = new WarningLog();
  const articles = expandArchives(files).flatMap((f) => parseConllText(f.name, fileText(f), warnings));
  if (articles.length) warnings.add('CoNLL carries no offsets: the texts were rebuilt from the tokens (single spaces, one sentence per line)');
  return { articles, warnings: warnings.list() };
}

export const conllCodec: FormatCodec = {
  name: 'conll',
  description: 'CoNLL BIO columns (one tag column per label; lossy: text rebuilt from tokens, no statements)',
  layout: 'single',
  extension: 'conll',
  mimeType: 'text/plain',
  parse: parseConll,
  begin(ctx) {
    return [{ text: conllHeader(ctx) }];
  },
  article(article, ctx) {
    if (article.statements.length) ctx.warn?.(`${article.title}: ${article.statements.length} statement(s) not exported (CoNLL has no relations)`);
    return [{ text: articleToConll(article, ctx) }];
  },
};
