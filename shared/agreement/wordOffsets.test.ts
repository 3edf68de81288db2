/** The fast word finder against its definition, the runtime's Intl.Segmenter over the whole text. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wordOffsets } from './wordOffsets';

function reference(text: string): [number, number][] {
  const words: [number, number][] = [];
  for (const seg of new Intl.Segmenter(undefined, { granularity: 'word' }).segment(text))
    if (seg.isWordLike) words.push([seg.index, seg.index + seg.segment.length]);
  return words;
}

function found(text: string): [number, number][] {
  const { starts, ends } = wordOffsets(text);
  return Array.from(starts, (s, i) => [s, ends[i]]);
}

/** Every character of the ranges the fast path classifies, in contexts of every class it knows and some it does not. */
const LATIN = [...Array.from({ length: 0x180 }, (_, u) => String.fromCharCode(u)), ...'\u2013\u2014\u2018\u2019\u201c\u201d\u2024\u2026\u20ac\u200d\ufe0f'];
const LATIN_CONTEXTS = ['', 'a', 'é', 'ی', '1', '.', ',', "'", '\u2019', ' ', ':', '_', '\u0301', '\u200d', '\n', '\u05d0', '\u{1f431}'];
const SCRIPTS = Array.from({ length: 0x700 - 0x180 }, (_, k) => String.fromCharCode(0x180 + k));
const SCRIPT_CONTEXTS = ['', 'a', 'ی', '1', '٣', '.', ',', "'", ' ', '\u0301'];
const EMOJI = Array.from({ length: 0x1fb00 - 0x1f100 }, (_, k) => String.fromCodePoint(0x1f100 + k));
const EMOJI_CONTEXTS = ['', 'a', ' ', '\u200d', '\ufe0f', '\u{1f431}'];

/** The characters among `candidates` around which the fast path and the segmenter differ. */
function differing(candidates: readonly string[], contexts: readonly string[]): string[] {
  // One text per character, one line per context: lines are segmented apart, so a character
  // that sends its line to the segmenter leaves the other lines to the fast path.
  return candidates.filter((c) => {
    const text = contexts.flatMap((before) => contexts.map((after) => `x${before}${c}${after}y ${before}${c}${c}${after}2`)).join('\n');
    return JSON.stringify(found(text)) !== JSON.stringify(reference(text));
  });
}

describe('wordOffsets', () => {
  it('finds what Intl.Segmenter finds around every character it knows', () => {
    expect(differing(LATIN, LATIN_CONTEXTS)).toEqual([]);
    expect(differing(SCRIPTS, SCRIPT_CONTEXTS)).toEqual([]);
    expect(differing(EMOJI, EMOJI_CONTEXTS)).toEqual([]);
  }, 60_000);

  it('finds what Intl.Segmenter finds in random texts (accents, RTL, emoji, numbers, line breaks)', () => {
    const pieces = [
      'Khaji', 'said', 'the', 'U.S.', 'ایران', '٣٫١٤', 'Ελλάδα', '\u05f3', 'e.g.', "don't", 'don\u2019t', 'café', 'cafe\u0301', 'naïve', 'Łódź', 'straße',
      '3.14', '1,000', '12:30', 'snake_case', '__', 'שלום', 'צה"ל', 'مرحبا', 'السلام', 'Привет', '東京都', 'ภาษาไทย',
      '\u{1f431}', '\u{1f1ef}\u{1f1f5}', '\u{1f44d}\u{1f3fd}', '\u{1f468}\u200d\u{1f469}', '\u2764\ufe0f', '\u{1f170}',
      ' ', ' ', '  ', '\n', '\r\n', '\n\n', '\t', '.', ',', ';', ':', '!', '?', '-', '\u2013', '\u201c', '\u201d', '(', ')',
      "'", '\u2019', '\u00a0', '\u00ad', '\u00b7', '\u2028', '\u000b',
    ];
    const textArb = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((p) => p.join(''));
    fc.assert(
      fc.property(textArb, (text) => {
        expect(found(text)).toEqual(reference(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds nothing in an empty text or one of line breaks only', () => {
    expect(found('')).toEqual([]);
    expect(found('\n\r\n\n')).toEqual([]);
  });
});
