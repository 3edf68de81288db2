/**
 * What every CoNLL dialect shares: the tokens of a text, the IOB2 tags of an article's spans
 * (one layer per label, so spans of different labels may overlap), and on import, decoding
 * tag columns back into spans over a text rebuilt from the tokens.
 */
import type { Article } from '../domain/model';
import type { ExportContext, ImportedSpan } from './codec';
import { labelNamer } from './fields';
import type { ExportLossKind, LossDeclaration } from './losses';

/** What both CoNLL dialects lose: columns of tags hold nothing but the spans' labels and tokens. */
export const CONLL_TOKEN_LOSSES = [
  { kind: 'articleMetadata' },
  { kind: 'spanFragments', reason: 'BIO tags are contiguous: written as their full extent' },
  { kind: 'spanNote' },
  { kind: 'spanAttribute' },
  { kind: 'entityLink' },
  { kind: 'statement' },
  { kind: 'annotator' },
  { kind: 'annotationTimestamps' },
] as const satisfies readonly LossDeclaration<ExportLossKind>[];

export interface Token {
  /** The token as written (whitespace removed). */
  text: string;
  /** UTF-16 range of the segment in the source text. */
  start: number;
  end: number;
  /** True when a sentence starts at this token. */
  sentenceStart: boolean;
}

/**
 * What a token may not contain: JavaScript's whitespace plus the characters Python's
 * str.split() and str.splitlines() also treat as separators (\x1c-\x1f, \x85), so nltk and
 * spaCy, which split on Python whitespace, see the same columns and lines we write.
 */
// eslint-disable-next-line no-control-regex -- Python splits on U+001C–U+001F and U+0085
const TOKEN_SEPARATORS = /[\s\x1c-\x1f\x85]+/g;

/** Word tokens of a text with sentence starts marked (Intl.Segmenter, locale-independent defaults). */
export function conllTokens(text: string): Token[] {
  const starts = [...new Intl.Segmenter(undefined, { granularity: 'sentence' }).segment(text)].map((s) => s.index);
  const tokens: Token[] = [];
  let pendingSentence = true;
  let nextSentenceIdx = 0;
  for (const seg of new Intl.Segmenter(undefined, { granularity: 'word' }).segment(text)) {
    while (nextSentenceIdx < starts.length && starts[nextSentenceIdx] <= seg.index) {
      pendingSentence = true;
      nextSentenceIdx++;
    }
    const clean = seg.segment.replace(TOKEN_SEPARATORS, '');
    if (!clean) continue;
    tokens.push({ text: clean, start: seg.index, end: seg.index + seg.segment.length, sentenceStart: pendingSentence || tokens.length === 0 });
    pendingSentence = false;
  }
  return tokens;
}

/** An article as tokens with one IOB2 prefix per schema label (undefined = O). */
export interface TaggedArticle {
  tokens: Token[];
  tags: ('B' | 'I' | undefined)[][];
}

/** Tag an article's spans on its tokens, reporting through ctx.warn what could not be written exactly. */
export function tagArticle(article: Article, ctx: ExportContext): TaggedArticle {
  const column = new Map(ctx.schema.labels.map((l, i) => [l.id, i]));
  const tokens = conllTokens(article.text);
  const tags: ('B' | 'I' | undefined)[][] = tokens.map(() => ctx.schema.labels.map(() => undefined));
  const problems = { overlap: 0, empty: 0, widened: 0, unknown: 0 };
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
    for (let k = first; k <= last; k++) if (tags[k][c]) free = false;
    if (!free) {
      problems.overlap++;
      continue;
    }
    if (tokens[first].start !== s.start || tokens[last].end !== s.end) problems.widened++;
    for (let k = first; k <= last; k++) {
      tags[k][c] = k === first ? 'B' : 'I';
      if (k > first) tokens[k].sentenceStart = false; // never split a span across sentences
    }
  }
  const warn = ctx.warn;
  if (warn) {
    if (problems.overlap) warn(`${article.title}: ${problems.overlap} span(s) overlapping another span of the same label were not written (one BIO column per label)`);
    if (problems.empty) warn(`${article.title}: ${problems.empty} span(s) covering no word were not written`);
    if (problems.widened) warn(`${article.title}: ${problems.widened} span(s) not on word boundaries were widened to whole tokens`);
    if (problems.unknown) warn(`${article.title}: ${problems.unknown} span(s) with a label outside the schema were not written`);
  }
  return { tokens, tags };
}

/** The sentences of a tagged article, as token indexes. */
export function sentencesOf(tokens: Token[]): number[][] {
  const out: number[][] = [];
  tokens.forEach((t, k) => {
    if (t.sentenceStart || !out.length) out.push([]);
    out[out.length - 1].push(k);
  });
  return out;
}

/**
 * Label names as one whitespace-free word (what a tag or a MISC key can hold); `forbidden`
 * adds the dialect's own separators. Reports each label whose name had to change, since an
 * import then reads it as a different label.
 */
export function labelWords(ctx: ExportContext, dialect: string, forbidden = /[\s]+/g): string[] {
  const name = labelNamer(ctx.schema);
  return ctx.schema.labels.map((l) => {
    const original = name(l.id);
    const word = original.replace(forbidden, '_') || '_';
    if (word !== original) ctx.warn?.(`label "${original}" is written as "${word}" (${dialect} tags cannot hold whitespace or separators)`);
    return word;
  });
}

// ---------------------------------------------------------------------------------------------
// Import

export interface ReadToken {
  text: string;
  /** One tag per layer: O, or B-/I-/E-/S-/L-/U-TYPE. */
  tags: string[];
  /** CoNLL-U's SpaceAfter=No; absent means a space follows. */
  noSpaceAfter?: boolean;
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

/**
 * The text (tokens joined by single spaces, or none after SpaceAfter=No; sentences by
 * newlines) and the spans of a document's tag layers, decoded sentence by sentence.
 */
export function textAndSpans(sentences: ReadToken[][]): { text: string; spans: ImportedSpan[] } {
  let text = '';
  const tokenRanges: { start: number; end: number }[][] = [];
  sentences.forEach((s, si) => {
    if (si > 0) text += '\n';
    tokenRanges.push(
      s.map((t, ti) => {
        if (ti > 0 && !s[ti - 1].noSpaceAfter) text += ' ';
        const start = text.length;
        text += t.text;
        return { start, end: text.length };
      }),
    );
  });
  const spans: ImportedSpan[] = [];
  sentences.forEach((s, si) => {
    const layers = Math.max(0, ...s.map((t) => t.tags.length));
    for (let c = 0; c < layers; c++) {
      for (const e of decodeBio(s.map((t) => t.tags[c] ?? 'O'))) {
        spans.push({ label: e.type, start: tokenRanges[si][e.first].start, end: tokenRanges[si][e.last].end });
      }
    }
  });
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  return { text, spans };
}
