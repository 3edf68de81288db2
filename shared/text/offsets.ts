/**
 * Offset unit conversion. Inside the workbench every offset counts UTF-16 code units
 * (JavaScript string indices). brat, Label Studio `Text` and W3C TextPositionSelector count
 * Unicode code points; grapheme offsets count extended grapheme clusters, cut by
 * `Intl.Segmenter` unless the converter is given another segmentation (doccano's grapheme mode
 * passes grapheme-splitter 1.0.4's, legacyGraphemes.ts). Codecs convert exactly at the format
 * boundary with these functions and nowhere else.
 *
 * An `OffsetConverter` is built once per text and answers each conversion in O(log n), so
 * exporting thousands of spans of a long article stays linear-ish.
 */

export type OffsetUnit = 'utf16' | 'codepoint' | 'grapheme';

/** Thrown when an offset does not denote a valid position in the requested unit. */
export class OffsetError extends Error {
  override name = 'OffsetError';
}

function isHighSurrogate(code: number) {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLowSurrogate(code: number) {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** A high surrogate followed by a low one: an astral code point (a lone surrogate is one unit, one code point). */
const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/;

/** True when a UTF-16 offset falls between the two halves of a surrogate pair. */
export function splitsSurrogatePair(text: string, utf16Offset: number): boolean {
  return (
    utf16Offset > 0 &&
    utf16Offset < text.length &&
    isHighSurrogate(text.charCodeAt(utf16Offset - 1)) &&
    isLowSurrogate(text.charCodeAt(utf16Offset))
  );
}

/** Number of code points in a string. */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    n++;
    if (isHighSurrogate(text.charCodeAt(i)) && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) i++;
  }
  return n;
}

/**
 * Converts offsets of one text between units. Boundaries are recorded only where a unit
 * boundary differs from UTF-16, so for BMP-only text the tables are empty and conversion is O(1).
 */
export class OffsetConverter {
  /** UTF-16 offsets (ascending) of every code point that takes two units. */
  private readonly astralStarts: number[] = [];
  private graphemeStartList: number[] | null = null;

  /**
   * @param graphemeStarts where the text's grapheme clusters start (UTF-16 offsets, ascending,
   *   the first 0); Unicode's current rules by default.
   */
  constructor(
    readonly text: string,
    private readonly graphemeStarts: (text: string) => number[] = intlGraphemeStarts,
  ) {
    // Most texts have no astral character: one native search says so, instead of a loop over every unit.
    const first = text.search(SURROGATE_PAIR);
    if (first < 0) return;
    for (let i = first; i < text.length; i++) {
      if (isHighSurrogate(text.charCodeAt(i)) && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) {
        this.astralStarts.push(i);
        i++;
      }
    }
  }

  get codePointLength(): number {
    return this.text.length - this.astralStarts.length;
  }

  /** Code point offset of a UTF-16 offset. Throws if it splits a surrogate pair. */
  utf16ToCodePoint(utf16: number): number {
    this.checkRange(utf16, this.text.length, 'UTF-16');
    if (splitsSurrogatePair(this.text, utf16))
      throw new OffsetError(`UTF-16 offset ${utf16} splits a surrogate pair`);
    // Each astral character strictly before `utf16` took one extra unit.
    return utf16 - lowerBound(this.astralStarts, utf16);
  }

  /** UTF-16 offset of a code point offset. */
  codePointToUtf16(cp: number): number {
    this.checkRange(cp, this.codePointLength, 'code point');
    // Find how many astral characters start before code point `cp`: astralStarts[k] sits at
    // code point astralStarts[k] - k.
    let lo = 0;
    let hi = this.astralStarts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.astralStarts[mid] - mid < cp) lo = mid + 1;
      else hi = mid;
    }
    return cp + lo;
  }

  /** Grapheme-cluster offset of a UTF-16 offset; throws if it falls inside a cluster. */
  utf16ToGrapheme(utf16: number): number {
    this.checkRange(utf16, this.text.length, 'UTF-16');
    const starts = this.graphemes();
    const k = lowerBound(starts, utf16);
    if (k < starts.length && starts[k] === utf16) return k;
    if (utf16 === this.text.length) return starts.length;
    throw new OffsetError(`UTF-16 offset ${utf16} falls inside a grapheme cluster`);
  }

  /** UTF-16 offset of a grapheme-cluster offset. */
  graphemeToUtf16(g: number): number {
    const starts = this.graphemes();
    this.checkRange(g, starts.length, 'grapheme');
    return g === starts.length ? this.text.length : starts[g];
  }

  /** Convert from UTF-16 to `unit`. */
  fromUtf16(utf16: number, unit: OffsetUnit): number {
    if (unit === 'utf16') {
      this.checkRange(utf16, this.text.length, 'UTF-16');
      return utf16;
    }
    return unit === 'codepoint' ? this.utf16ToCodePoint(utf16) : this.utf16ToGrapheme(utf16);
  }

  /** Convert from `unit` to UTF-16. */
  toUtf16(offset: number, unit: OffsetUnit): number {
    if (unit === 'utf16') {
      this.checkRange(offset, this.text.length, 'UTF-16');
      return offset;
    }
    return unit === 'codepoint' ? this.codePointToUtf16(offset) : this.graphemeToUtf16(offset);
  }

  private graphemes(): number[] {
    this.graphemeStartList ??= this.graphemeStarts(this.text);
    return this.graphemeStartList;
  }

  private checkRange(offset: number, max: number, unit: string) {
    if (!Number.isInteger(offset) || offset < 0 || offset > max)
      throw new OffsetError(`${unit} offset ${offset} is outside the text (0..${max})`);
  }
}

/** Cluster starts by the JavaScript engine's Unicode rules. */
function intlGraphemeStarts(text: string): number[] {
  const starts: number[] = [];
  for (const s of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) starts.push(s.index);
  return starts;
}

/** First index i with arr[i] >= value (arr ascending). */
function lowerBound(arr: readonly number[], value: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One-off conversion helpers (build an OffsetConverter when converting many offsets). */
export const utf16ToCodePoint = (text: string, utf16: number) => new OffsetConverter(text).utf16ToCodePoint(utf16);
export const codePointToUtf16 = (text: string, cp: number) => new OffsetConverter(text).codePointToUtf16(cp);
