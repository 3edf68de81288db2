import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointLength, codePointToUtf16, OffsetConverter, OffsetError, splitsSurrogatePair, utf16ToCodePoint } from './offsets';

/** UTF-16 offset of every code point start, plus the text length: the reference answer. */
function codePointStarts(text: string): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const cp of text) {
    starts.push(at);
    at += cp.length;
  }
  starts.push(text.length);
  return starts;
}
function graphemeStarts(text: string): number[] {
  const starts = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].map((g) => g.index);
  starts.push(text.length);
  return starts;
}

describe('OffsetConverter examples', () => {
  it('is the identity for ASCII, accents, combining marks, Persian and Arabic (all BMP)', () => {
    for (const text of ['Khaji denounced', 'café', 'cafe\u0301', 'سلام دنیا', 'ایران', 'a\r\nb']) {
      const c = new OffsetConverter(text);
      expect(c.codePointLength).toBe(text.length);
      for (let i = 0; i <= text.length; i++) {
        expect(c.utf16ToCodePoint(i)).toBe(i);
        expect(c.codePointToUtf16(i)).toBe(i);
      }
    }
  });

  it('counts an astral emoji as two UTF-16 units but one code point', () => {
    const text = 'I 🐱 Iran 💔!';
    const c = new OffsetConverter(text);
    expect(text.length).toBe(13);
    expect(c.codePointLength).toBe(11);
    expect(c.utf16ToCodePoint(2)).toBe(2); // before 🐱
    expect(c.utf16ToCodePoint(4)).toBe(3); // after 🐱
    expect(c.utf16ToCodePoint(text.indexOf('Iran'))).toBe(4);
    expect(c.utf16ToCodePoint(text.length)).toBe(11);
    expect(c.codePointToUtf16(4)).toBe(5);
    expect(c.codePointToUtf16(11)).toBe(13);
  });

  it('gives brat-style code point offsets for a span after emoji in Persian text', () => {
    const text = '🇯🇵 و 👨‍👩‍👧 ایران';
    const c = new OffsetConverter(text);
    const start = text.indexOf('ایران');
    // 🇯🇵 = 2 code points, 👨‍👩‍👧 = 5 (three people, two joiners).
    expect(c.utf16ToCodePoint(start)).toBe(2 + 3 + 5 + 1);
    expect(c.codePointToUtf16(c.utf16ToCodePoint(start))).toBe(start);
    expect(Array.from(text).slice(11, 16).join('')).toBe('ایران');
  });

  it('counts user-perceived characters in grapheme mode', () => {
    const text = 'e\u0301 🇯🇵 👨‍👩‍👧 👍🏽 سلام\r\nx';
    const c = new OffsetConverter(text);
    // é · space · flag · space · family · space · thumb · space · س ل ا م · CRLF · x
    expect(c.utf16ToGrapheme(text.length)).toBe(14);
    expect(c.utf16ToGrapheme(2)).toBe(1); // after "é"
    expect(c.graphemeToUtf16(4)).toBe(text.indexOf('👨'));
    expect(c.graphemeToUtf16(13)).toBe(text.length - 1);
    expect(c.fromUtf16(text.indexOf('👍'), 'grapheme')).toBe(6);
    expect(c.toUtf16(6, 'grapheme')).toBe(text.indexOf('👍'));
  });

  it('rejects offsets inside a grapheme cluster', () => {
    const c = new OffsetConverter('e\u0301🇯🇵👍🏽\r\n');
    for (const inside of [1, 3, 4, 5, 7, 8, 9, 11]) expect(() => c.utf16ToGrapheme(inside)).toThrow(OffsetError);
  });

  it('rejects a UTF-16 offset between the halves of a surrogate pair', () => {
    const text = 'a🐱b';
    expect(splitsSurrogatePair(text, 2)).toBe(true);
    expect(splitsSurrogatePair(text, 1)).toBe(false);
    expect(() => new OffsetConverter(text).utf16ToCodePoint(2)).toThrow(OffsetError);
    expect(() => new OffsetConverter(text).fromUtf16(2, 'codepoint')).toThrow(/splits a surrogate pair/);
  });

  it('rejects offsets outside the text, negative or fractional, in every unit', () => {
    const c = new OffsetConverter('ab🐱');
    expect(() => c.utf16ToCodePoint(5)).toThrow(OffsetError);
    expect(() => c.codePointToUtf16(4)).toThrow(OffsetError);
    expect(() => c.graphemeToUtf16(4)).toThrow(OffsetError);
    expect(() => c.fromUtf16(-1, 'utf16')).toThrow(OffsetError);
    expect(() => c.toUtf16(1.5, 'codepoint')).toThrow(OffsetError);
    expect(() => c.toUtf16(Number.NaN, 'grapheme')).toThrow(OffsetError);
  });

  it('treats a lone surrogate as one code point, as JavaScript iteration does', () => {
    const text = 'a\ud83db\udc31';
    const c = new OffsetConverter(text);
    expect(c.codePointLength).toBe(4);
    expect(codePointLength(text)).toBe(4);
    for (let i = 0; i <= 4; i++) expect(c.codePointToUtf16(i)).toBe(i);
  });

  it('converts empty text at offset 0 only', () => {
    const c = new OffsetConverter('');
    expect(c.utf16ToCodePoint(0)).toBe(0);
    expect(c.utf16ToGrapheme(0)).toBe(0);
    expect(c.graphemeToUtf16(0)).toBe(0);
    expect(() => c.codePointToUtf16(1)).toThrow(OffsetError);
  });

  it('offers one-off helpers that agree with the converter', () => {
    expect(utf16ToCodePoint('🐱x', 2)).toBe(1);
    expect(codePointToUtf16('🐱x', 1)).toBe(2);
  });
});

const pieces = [
  'a', 'Z', ' ', '.', 'é', 'e\u0301', '\u0301', '\u0308', 'س', 'لام', 'ایران', '\u200c', '\u200f', '中',
  '🐱', '💔', '🇯', '🇵', '🇯🇵', '👨‍👩‍👧', '👍🏽', '\u200d', '𝒳', '\r\n', '\r', '\n', '\ud83d', '\udc31',
];
const textArb = fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((p) => p.join(''));

describe('OffsetConverter properties', () => {
  it('round-trips UTF-16 → code point → UTF-16 at every offset that does not split a pair, and throws at the rest', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const c = new OffsetConverter(text);
        const starts = codePointStarts(text);
        expect(c.codePointLength).toBe(starts.length - 1);
        expect(codePointLength(text)).toBe(starts.length - 1);
        for (let i = 0; i <= text.length; i++) {
          const cp = starts.indexOf(i);
          expect(splitsSurrogatePair(text, i)).toBe(cp < 0);
          if (cp < 0) {
            expect(() => c.utf16ToCodePoint(i)).toThrow(OffsetError);
          } else {
            expect(c.utf16ToCodePoint(i)).toBe(cp);
            expect(c.codePointToUtf16(c.utf16ToCodePoint(i))).toBe(i);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips code point → UTF-16 → code point for every offset 0..length', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const c = new OffsetConverter(text);
        const starts = codePointStarts(text);
        for (let cp = 0; cp <= c.codePointLength; cp++) {
          expect(c.codePointToUtf16(cp)).toBe(starts[cp]);
          expect(c.utf16ToCodePoint(c.codePointToUtf16(cp))).toBe(cp);
        }
        expect(() => c.codePointToUtf16(c.codePointLength + 1)).toThrow(OffsetError);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips grapheme offsets at cluster boundaries and throws inside clusters', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const c = new OffsetConverter(text);
        const boundaries = graphemeStarts(text);
        boundaries.forEach((utf16, g) => {
          expect(c.graphemeToUtf16(g)).toBe(utf16);
          expect(c.utf16ToGrapheme(utf16)).toBe(g);
          expect(c.toUtf16(c.fromUtf16(utf16, 'grapheme'), 'grapheme')).toBe(utf16);
        });
        for (let i = 0; i <= text.length; i++) {
          if (!boundaries.includes(i)) expect(() => c.fromUtf16(i, 'grapheme')).toThrow(OffsetError);
        }
        expect(() => c.graphemeToUtf16(boundaries.length)).toThrow(OffsetError);
      }),
      { numRuns: 200 },
    );
  });
});
