/**
 * Turning a raw text selection into the range a span should cover. `snapToWords` (the default)
 * drops surrounding whitespace and widens the range to whole words, so a sloppy drag over
 * "ran’s forei" labels "Iran’s foreign"; `trimWhitespace` (snapping turned off) only drops the
 * whitespace. Neither ever cuts a surrogate pair; `snapToWords` never cuts a grapheme cluster
 * (an accent from its letter, a flag or emoji family in half).
 *
 * OFFSET CONTRACT: offsets are UTF-16 code units (JavaScript string indices, DOM Range
 * offsets), `start` inclusive and `end` exclusive.
 *
 * What counts as a word is decided here, by character class, rather than by
 * Intl.Segmenter('word'): the result must not depend on the runtime's locale or ICU
 * dictionaries, and the rules must be easy to state to annotators.
 *  - Word characters: letters, marks and digits (\p{L}\p{M}\p{N}), in any script.
 *  - Inside a word also, when they sit between two word characters: the apostrophes ' and ’
 *    (so the possessive is part of the word: "Iran’s" snaps as a whole, as do "don't" and
 *    "l’Iran"), the zero-width non-joiner and joiner that Persian writes inside words
 *    ("می‌خواهم"), and the soft hyphen.
 *  - Inside a number, between two digits: "." "," and the Arabic decimal and thousands
 *    separators ("1,000.5", "۱٬۰۰۰").
 *  - Everything else ends a word: spaces, hyphens ("Ali-Asghar" is two words, and a
 *    selection touching both gets both), quotes, other punctuation, emoji.
 */

export interface TextRange {
  start: number;
  end: number;
}

const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
const DIGIT = /^\p{N}$/u;
/** Joiners that keep a word together when a word character is on each side. */
const WORD_JOINERS = new Set(["'", '\u2019', '\u200c', '\u200d', '\u00ad']);
/** Separators that keep a number together when a digit is on each side. */
const NUMBER_JOINERS = new Set(['.', ',', '\u066b', '\u066c']);
const WHITESPACE = /\s/;

/**
 * The whole-word range for a selection, without surrounding whitespace, or null when the
 * selection holds nothing but whitespace. Offsets outside the text are clamped and a
 * backwards selection (start > end) is accepted. Idempotent: snapping a snapped range
 * returns it unchanged.
 */
export function snapToWords(text: string, start: number, end: number): TextRange | null {
  const content = nonWhitespaceBounds(text, start, end);
  if (!content) return null;
  // Whole grapheme clusters around the first and last visible characters.
  let s = graphemeAt(text, content.first).start;
  let e = graphemeAt(text, content.last).end;
  // Widen to word boundaries, then to cluster boundaries, until neither moves (a cluster can
  // end inside a word, e.g. after a letter followed by a joiner).
  for (;;) {
    let s2 = s;
    while (s2 > 0 && isInsideWord(text, s2)) s2 -= codePointBefore(text, s2).length;
    let e2 = e;
    while (e2 < text.length && isInsideWord(text, e2)) e2 += codePointAt(text, e2).length;
    s2 = graphemeStartAtOrBefore(text, s2);
    e2 = graphemeEndAtOrAfter(text, e2);
    if (s2 === s && e2 === e) return { start: s, end: e };
    s = s2;
    e = e2;
  }
}

/**
 * The selection without surrounding whitespace, or null when nothing else is left. An end
 * that falls between the halves of a surrogate pair moves outwards, so the character the user
 * touched is kept whole. Grapheme clusters are left as selected: with snapping off the
 * annotator asked for exactly these characters.
 */
export function trimWhitespace(text: string, start: number, end: number): TextRange | null {
  const content = nonWhitespaceBounds(text, start, end);
  if (!content) return null;
  let s = content.first;
  let e = content.last + 1;
  if (isLowSurrogate(text, s) && isHighSurrogate(text, s - 1)) s--;
  if (isHighSurrogate(text, e - 1) && isLowSurrogate(text, e)) e++;
  return { start: s, end: e };
}

/**
 * Indices of the first and last non-whitespace code units of the clamped selection, or null.
 * Whitespace is BMP-only, so scanning code units is exact.
 */
function nonWhitespaceBounds(text: string, start: number, end: number): { first: number; last: number } | null {
  const lo = clamp(Math.min(start, end), text.length);
  const hi = clamp(Math.max(start, end), text.length);
  let first = lo;
  while (first < hi && WHITESPACE.test(text[first])) first++;
  if (first === hi) return null;
  let last = hi - 1;
  while (WHITESPACE.test(text[last])) last--;
  return { first, last };
}

function clamp(offset: number, length: number): number {
  return Number.isFinite(offset) ? Math.min(Math.max(Math.trunc(offset), 0), length) : 0;
}

/** Whether the boundary at `offset` lies inside one word, so a span must not end there. */
function isInsideWord(text: string, offset: number): boolean {
  const left = codePointBefore(text, offset);
  const right = codePointAt(text, offset);
  if (!left || !right) return false;
  const isWord = (c: string) => WORD_CHAR.test(c);
  const isDigit = (c: string) => DIGIT.test(c);
  if (isWord(left) && isWord(right)) return true;
  // A joiner on one side of the boundary: inside if the characters around the joiner qualify.
  if (isWord(left) && WORD_JOINERS.has(right)) return isWord(codePointAt(text, offset + right.length));
  if (isDigit(left) && NUMBER_JOINERS.has(right)) return isDigit(codePointAt(text, offset + right.length));
  if (WORD_JOINERS.has(left) && isWord(right)) return isWord(codePointBefore(text, offset - left.length));
  if (NUMBER_JOINERS.has(left) && isDigit(right)) return isDigit(codePointBefore(text, offset - left.length));
  return false;
}

/** The code point starting at `offset` ('' at the end). A lone surrogate is its own code point. */
function codePointAt(text: string, offset: number): string {
  if (offset < 0 || offset >= text.length) return '';
  return isHighSurrogate(text, offset) && isLowSurrogate(text, offset + 1) ? text.slice(offset, offset + 2) : text[offset];
}

/** The code point ending at `offset` ('' at the start). */
function codePointBefore(text: string, offset: number): string {
  if (offset <= 0 || offset > text.length) return '';
  return isLowSurrogate(text, offset - 1) && isHighSurrogate(text, offset - 2) ? text.slice(offset - 2, offset) : text[offset - 1];
}

function isHighSurrogate(text: string, index: number): boolean {
  const code = text.charCodeAt(index); // NaN outside the text: false
  return code >= 0xd800 && code <= 0xdbff;
}
function isLowSurrogate(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff;
}

function graphemeStartAtOrBefore(text: string, offset: number): number {
  return offset <= 0 || offset >= text.length ? offset : graphemeAt(text, offset).start;
}

function graphemeEndAtOrAfter(text: string, offset: number): number {
  if (offset <= 0 || offset >= text.length) return offset;
  const cluster = graphemeAt(text, offset);
  return cluster.start === offset ? offset : cluster.end;
}

let graphemeSegmenter: Intl.Segmenter | undefined;

/**
 * The grapheme cluster containing code unit `index` (0 <= index < text.length).
 *
 * Only the line around `index` is segmented: a cluster never spans a line break (Unicode
 * breaks after CR and LF and before them, except inside CR LF), so this is exact, and it
 * keeps a selection in a 1 MB article from segmenting the whole article.
 */
function graphemeAt(text: string, index: number): TextRange {
  const code = text.charCodeAt(index);
  if (code === 0x0a) return text.charCodeAt(index - 1) === 0x0d ? { start: index - 1, end: index + 1 } : { start: index, end: index + 1 };
  if (code === 0x0d) return { start: index, end: text.charCodeAt(index + 1) === 0x0a ? index + 2 : index + 1 };
  let lineStart = index;
  while (lineStart > 0 && !isLineBreak(text.charCodeAt(lineStart - 1))) lineStart--;
  let lineEnd = index + 1;
  while (lineEnd < text.length && !isLineBreak(text.charCodeAt(lineEnd))) lineEnd++;
  graphemeSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const cluster = graphemeSegmenter.segment(text.slice(lineStart, lineEnd)).containing(index - lineStart)!;
  return { start: lineStart + cluster.index, end: lineStart + cluster.index + cluster.segment.length };
}

function isLineBreak(code: number): boolean {
  return code === 0x0a || code === 0x0d;
}
