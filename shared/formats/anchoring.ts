/**
 * Re-anchoring a quoted span in a text that may have changed since the annotation was made
 * (the W3C TextQuoteSelector contract). Given the quote (`exact`, optional `prefix`/`suffix`
 * context) and optionally the position where it used to be, find where it is now:
 *
 *   1. exact occurrences of the quote, ranked by how well the context matches and by distance
 *      to the old position;
 *   2. otherwise approximate occurrences within a bounded number of edits (Sellers' dynamic
 *      programming over a window around the old position), ranked the same way.
 *
 * Everything here works on JavaScript strings, so positions are UTF-16 code units; converting a
 * selector's code points happens in the codec with OffsetConverter. Results never split a
 * surrogate pair.
 */

export interface TextQuote {
  exact: string;
  prefix?: string;
  suffix?: string;
}

export interface Anchor {
  start: number;
  end: number;
  /** 'exact': the quote occurs verbatim there; 'fuzzy': an approximate occurrence. */
  method: 'exact' | 'fuzzy';
  /** Edit distance between the quote and the anchored text (0 for exact). */
  errors: number;
}

export interface AnchorOptions {
  /** Where the quote used to start (UTF-16); breaks ties and centres the fuzzy search. */
  hint?: number;
  /** Most edits tolerated by the fuzzy search; default min(64, ⌊quote length / 4⌋). */
  maxErrors?: number;
  /**
   * Bound on the fuzzy search work (text units × quote units). Past it the search is limited to
   * a window around the hint; without a hint nothing approximate is attempted on huge texts.
   */
  maxFuzzyWork?: number;
}

/** Default context length written into TextQuoteSelector prefix/suffix. */
export const QUOTE_CONTEXT_LENGTH = 32;

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
const splitsPair = (text: string, i: number) => i > 0 && i < text.length && isHigh(text.charCodeAt(i - 1)) && isLow(text.charCodeAt(i));

/** The quote selector for text[start, end): the slice plus up to `contextLength` units of context each side. */
export function describeQuote(text: string, start: number, end: number, contextLength = QUOTE_CONTEXT_LENGTH): Required<TextQuote> {
  let from = Math.max(0, start - contextLength);
  if (splitsPair(text, from)) from++;
  let to = Math.min(text.length, end + contextLength);
  if (splitsPair(text, to)) to--;
  return { exact: text.slice(start, end), prefix: text.slice(from, start), suffix: text.slice(end, to) };
}

/** Length of the common suffix of a and b. */
function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}
function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return n;
}

/** How well the text around [start, end) matches the quote's context, 0..1 each side. */
function contextScore(text: string, start: number, end: number, quote: TextQuote): number {
  let score = 0;
  if (quote.prefix) score += commonSuffix(text.slice(Math.max(0, start - quote.prefix.length), start), quote.prefix) / quote.prefix.length;
  else score += 1;
  if (quote.suffix) score += commonPrefix(text.slice(end, end + quote.suffix.length), quote.suffix) / quote.suffix.length;
  else score += 1;
  return score / 2;
}

// Weights: the quote itself matters most, then its context, then closeness to the old position.
const QUOTE_WEIGHT = 50;
const CONTEXT_WEIGHT = 40;
const POSITION_WEIGHT = 2;

function rank(text: string, quote: TextQuote, start: number, end: number, errors: number, hint: number | undefined): number {
  const quoteScore = quote.exact.length ? 1 - errors / quote.exact.length : 0;
  const positionScore = hint === undefined || text.length === 0 ? 0 : 1 - Math.abs(start - hint) / text.length;
  return QUOTE_WEIGHT * quoteScore + CONTEXT_WEIGHT * contextScore(text, start, end, quote) + POSITION_WEIGHT * positionScore;
}

/** Every start offset where `needle` occurs in `text` (overlapping occurrences included). */
export function exactOccurrences(text: string, needle: string, limit = 100_000): number[] {
  const found: number[] = [];
  if (!needle) return found;
  for (let i = text.indexOf(needle); i >= 0 && found.length < limit; i = text.indexOf(needle, i + 1)) found.push(i);
  return found;
}

export interface ApproximateMatch {
  start: number;
  end: number;
  errors: number;
}

/**
 * Approximate occurrences of `pattern` in text[from, to) with at most `maxErrors` edits
 * (Levenshtein: substitution, insertion, deletion), one per end position, with the start of the
 * best alignment ending there. Sellers (1980): the pattern may start anywhere for free.
 */
export function approximateOccurrences(text: string, pattern: string, maxErrors: number, from = 0, to = text.length): ApproximateMatch[] {
  const m = pattern.length;
  const out: ApproximateMatch[] = [];
  if (m === 0) return out;
  let cost = new Int32Array(m + 1);
  let start = new Int32Array(m + 1);
  let nextCost = new Int32Array(m + 1);
  let nextStart = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) {
    cost[i] = i;
    start[i] = from;
  }
  for (let j = from; j < to; j++) {
    const c = text.charCodeAt(j);
    nextCost[0] = 0;
    nextStart[0] = j + 1;
    for (let i = 1; i <= m; i++) {
      // substitution / match: pattern[i-1] against text[j]
      let best = cost[i - 1] + (pattern.charCodeAt(i - 1) === c ? 0 : 1);
      let bestStart = start[i - 1];
      // pattern character missing from the text
      const skipPattern = nextCost[i - 1] + 1;
      if (skipPattern < best) {
        best = skipPattern;
        bestStart = nextStart[i - 1];
      }
      // extra text character
      const skipText = cost[i] + 1;
      if (skipText < best) {
        best = skipText;
        bestStart = start[i];
      }
      nextCost[i] = best;
      nextStart[i] = bestStart;
    }
    if (nextCost[m] <= maxErrors) out.push({ start: nextStart[m], end: j + 1, errors: nextCost[m] });
    [cost, nextCost] = [nextCost, cost];
    [start, nextStart] = [nextStart, start];
  }
  return out;
}

function snapToCodePoints(text: string, start: number, end: number): { start: number; end: number } {
  return { start: splitsPair(text, start) ? start - 1 : start, end: splitsPair(text, end) ? end + 1 : end };
}

/**
 * Find the quote in the text: the best exact occurrence, else the best approximate one, else null.
 */
export function anchorQuote(text: string, quote: TextQuote, options: AnchorOptions = {}): Anchor | null {
  const { exact } = quote;
  if (!exact) return null;
  const hint = options.hint;

  const occurrences = exactOccurrences(text, exact);
  if (occurrences.length) {
    let best = occurrences[0];
    let bestScore = -Infinity;
    for (const s of occurrences) {
      const score = rank(text, quote, s, s + exact.length, 0, hint);
      if (score > bestScore) {
        bestScore = score;
        best = s;
      }
    }
    return { start: best, end: best + exact.length, method: 'exact', errors: 0 };
  }

  const maxErrors = options.maxErrors ?? Math.min(64, Math.floor(exact.length / 4));
  if (maxErrors < 1) return null;
  const maxWork = options.maxFuzzyWork ?? 60_000_000;
  let from = 0;
  let to = text.length;
  if (text.length * exact.length > maxWork) {
    if (hint === undefined) return null;
    const radius = Math.max(exact.length * 2, Math.floor(maxWork / exact.length / 2));
    from = Math.max(0, hint - radius);
    to = Math.min(text.length, hint + exact.length + radius);
  }
  const matches = approximateOccurrences(text, exact, maxErrors, from, to);
  if (!matches.length) return null;
  let best = matches[0];
  let bestScore = -Infinity;
  for (const m of matches) {
    const score = rank(text, quote, m.start, m.end, m.errors, hint);
    if (score > bestScore) {
      bestScore = score;
      best = m;
    }
  }
  const snapped = snapToCodePoints(text, best.start, best.end);
  if (snapped.end <= snapped.start) return null;
  return { ...snapped, method: 'fuzzy', errors: best.errors };
}
