import { describe, expect, it } from 'vitest';
import { legacyGraphemeStarts, splitLegacyGraphemes } from './legacyGraphemes';
import { GB, legacyGraphemeBreakProperty } from './legacyGraphemesTable';
import { GRAPHEME_BREAK_TEST_10 } from './legacyGraphemesBreakTest';

/** One line of GraphemeBreakTest: its text and the clusters it expects (as the library's test reads it). */
function breakTestCase(line: string): { input: string; expected: string[] } {
  const cluster = (seq: string) => String.fromCodePoint(...seq.split('×').map((h) => parseInt(h.trim(), 16)));
  const expected = line.split('÷').map(cluster);
  return { input: expected.join(''), expected };
}

const intlClusters = (text: string) => [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].map((s) => s.segment);

describe('legacy graphemes (grapheme-splitter 1.0.4, as doccano counts)', () => {
  it('passes the Unicode 10 GraphemeBreakTest the library ships and passes', () => {
    expect(GRAPHEME_BREAK_TEST_10).toHaveLength(822);
    const failures = GRAPHEME_BREAK_TEST_10.map(breakTestCase).filter(({ input, expected }) => JSON.stringify(splitLegacyGraphemes(input)) !== JSON.stringify(expected));
    expect(failures).toEqual([]);
  });

  // Expected values were produced by grapheme-splitter 1.0.4 itself (index.js at tag 1.0.4).
  it.each([
    ['😮‍💨 (face exhaling: ZWJ + dash symbol, no Glue_After_Zwj)', '😮‍💨', ['😮‍', '💨']],
    ['❤️‍🔥 (heart on fire)', '❤️‍🔥', ['❤️‍', '🔥']],
    ['an emoji modifier after a letter', 'a🏽', ['a', '🏽']],
    ['a Devanagari conjunct (no GB9c in Unicode 10)', 'क्षि', ['क्', 'षि']],
  ])('splits %s where Intl.Segmenter keeps one cluster', (_name, text, expected) => {
    expect(splitLegacyGraphemes(text)).toEqual(expected);
    expect(intlClusters(text).length).toBeLessThan(expected.length);
  });

  it.each([
    ['👨‍👩‍👧 (family: ZWJ + E_Base_GAZ)', '👨‍👩‍👧', ['👨‍👩‍👧']],
    ['👩‍❤️‍💋‍👨 (kiss: ZWJ + Glue_After_Zwj)', '👩‍❤️‍💋‍👨', ['👩‍❤️‍💋‍👨']],
    ['👩‍💻 and 🏳️‍🌈', '👩‍💻🏳️‍🌈', ['👩‍💻', '🏳️‍🌈']],
    ['👍🏽 (E_Base + E_Modifier)', '👍🏽', ['👍🏽']],
    ['flags, and a lone regional indicator', '🇮🇷🇩🇪🇺', ['🇮🇷', '🇩🇪', '🇺']],
    ['Persian with ZWNJ (the ZWNJ extends the letter before it)', 'می‌خواهم', ['م', 'ی‌', 'خ', 'و', 'ا', 'ه', 'م']],
    ['Arabic with shadda and harakat', 'السَّلامُ', ['ا', 'ل', 'سَّ', 'ل', 'ا', 'مُ']],
    ['combining accents', 'e\u0301te\u0301', ['e\u0301', 't', 'e\u0301']],
    ['CR LF', 'a\r\nb', ['a', '\r\n', 'b']],
  ])('agrees with Intl.Segmenter on %s', (_name, text, expected) => {
    expect(splitLegacyGraphemes(text)).toEqual(expected);
    expect(intlClusters(text)).toEqual(expected);
  });

  it('gives UTF-16 start offsets, never inside a surrogate pair, and none for the empty text', () => {
    expect(legacyGraphemeStarts('')).toEqual([]);
    expect(legacyGraphemeStarts('x😮‍💨y')).toEqual([0, 1, 4, 6]);
    // A lone surrogate is a cluster of its own (Control), as in the library.
    expect(splitLegacyGraphemes('a\ud800b\udc00')).toEqual(['a', '\ud800', 'b', '\udc00']);
  });

  it('reads the library property table, Hangul syllables computed', () => {
    expect(legacyGraphemeBreakProperty(0x1f466)).toBe(GB.E_Base_GAZ);
    expect(legacyGraphemeBreakProperty(0x1f4a8)).toBe(GB.Other); // 💨: Extended_Pictographic since Unicode 11, Other in 10
    expect(legacyGraphemeBreakProperty(0x1f3fd)).toBe(GB.E_Modifier);
    expect(legacyGraphemeBreakProperty(0x200d)).toBe(GB.ZWJ);
    expect(legacyGraphemeBreakProperty(0x200c)).toBe(GB.Extend);
    expect(legacyGraphemeBreakProperty(0xac00)).toBe(GB.LV);
    expect(legacyGraphemeBreakProperty(0xac01)).toBe(GB.LVT);
    expect(legacyGraphemeBreakProperty(0x10ffff)).toBe(GB.Other);
    expect(legacyGraphemeBreakProperty(0)).toBe(GB.Control);
  });
});
