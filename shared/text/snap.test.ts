import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { snapToWords, trimWhitespace } from './snap';

/** The text a range covers, or null. */
const snapped = (text: string, start: number, end: number) => {
  const r = snapToWords(text, start, end);
  return r && text.slice(r.start, r.end);
};
/** Snap the selection of `part` (its first occurrence) inside `text`. */
const snapPart = (text: string, part: string) => {
  const at = text.indexOf(part);
  if (at < 0) throw new Error(`"${part}" is not in "${text}"`);
  return snapped(text, at, at + part.length);
};

describe('snapToWords', () => {
  it('widens a selection to whole words and drops surrounding whitespace', () => {
    const text = 'Khaji denounced the presence of U.S. forces';
    expect(snapPart(text, 'aji denou')).toBe('Khaji denounced');
    expect(snapPart(text, ' the ')).toBe('the');
    expect(snapPart(text, 'e')).toBe('denounced');
  });

  it('keeps punctuation the selection includes but does not add any', () => {
    expect(snapPart('He said “Iran” today', '“Ira')).toBe('“Iran');
    expect(snapPart('forces, which', 'rces')).toBe('forces');
    expect(snapPart('forces, which', 'rces,')).toBe('forces,');
  });

  it('includes the possessive: an apostrophe between letters belongs to the word', () => {
    expect(snapPart('Iran’s foreign ministry', 'Iran')).toBe('Iran’s');
    expect(snapPart("Iran's foreign ministry", 'Ira')).toBe("Iran's");
    expect(snapPart('Iran’s foreign ministry', '’s fo')).toBe('Iran’s foreign');
    expect(snapPart('the ministers’ meeting', 'ministers')).toBe('ministers');
    expect(snapPart('‘Iran’ said', 'Iran')).toBe('Iran');
  });

  it('treats a hyphen as a word boundary', () => {
    expect(snapPart('Ali-Asghar Khaji', 'Ali')).toBe('Ali');
    expect(snapPart('Ali-Asghar Khaji', 'i-A')).toBe('Ali-Asghar');
  });

  it('keeps numbers with decimal and thousands separators whole', () => {
    expect(snapPart('about 1,000.5 troops', '00.')).toBe('1,000.5');
    expect(snapPart('in 2019. Then', '201')).toBe('2019');
  });

  it('works for Persian and Arabic, including the zero-width non-joiner inside words', () => {
    expect(snapPart('سلام دنیا', 'لا')).toBe('سلام');
    expect(snapPart('ایران و آمریکا', 'ران و آم')).toBe('ایران و آمریکا');
    expect(snapPart('او می‌خواهد برود', 'خوا')).toBe('می‌خواهد');
    expect(snapPart('مَدرَسة كبيرة', 'در')).toBe('مَدرَسة');
  });

  it('keeps combining accents with their letters', () => {
    const text = 'cafe\u0301 noir';
    expect(snapped(text, 0, 4)).toBe('cafe\u0301');
    expect(snapped(text, 4, 5)).toBe('cafe\u0301');
    expect(snapPart('résumé here', 'sum')).toBe('résumé');
  });

  it('never cuts an emoji, a flag or an emoji sequence in half', () => {
    const text = 'go 🇯🇵 👨‍👩‍👧 👍🏽 🐱!';
    const flag = text.indexOf('🇯🇵');
    expect(snapped(text, flag + 1, flag + 3)).toBe('🇯🇵');
    const family = text.indexOf('👨‍👩‍👧');
    expect(snapped(text, family + 3, family + 4)).toBe('👨‍👩‍👧');
    const thumb = text.indexOf('👍🏽');
    expect(snapped(text, thumb, thumb + 2)).toBe('👍🏽');
    const cat = text.indexOf('🐱');
    expect(snapped(text, cat + 1, cat + 3)).toBe('🐱!');
  });

  it('returns null for an empty or whitespace-only selection', () => {
    expect(snapToWords('a  b', 1, 3)).toBeNull();
    expect(snapToWords('ab', 1, 1)).toBeNull();
    expect(snapToWords('', 0, 0)).toBeNull();
    expect(snapToWords('a\r\n\tb', 1, 4)).toBeNull();
  });

  it('accepts a backwards selection and clamps offsets outside the text', () => {
    expect(snapToWords('hello world', 8, 2)).toEqual({ start: 0, end: 11 });
    expect(snapToWords('hello', -5, 99)).toEqual({ start: 0, end: 5 });
  });

  it('stops at line breaks', () => {
    expect(snapped('one\r\ntwo', 2, 6)).toBe('one\r\ntwo');
    expect(snapped('one\r\ntwo', 3, 6)).toBe('two');
  });
});

describe('trimWhitespace', () => {
  it('drops surrounding whitespace and keeps partial words as selected', () => {
    expect(trimWhitespace('  Khaji denounced ', 0, 10)).toEqual({ start: 2, end: 10 });
    expect(trimWhitespace('a \u00a0\n b', 1, 5)).toBeNull();
    expect(trimWhitespace('ab', 1, 1)).toBeNull();
  });

  it('widens an end that splits a surrogate pair to keep the character whole', () => {
    const text = 'a🐱b';
    expect(trimWhitespace(text, 2, 3)).toEqual({ start: 1, end: 3 });
    expect(trimWhitespace(text, 0, 2)).toEqual({ start: 0, end: 3 });
  });
});

// ---- properties ---------------------------------------------------------------------------

const pieces = [
  'a', 'Z', 'word', '7', '1,000', ' ', '  ', '\t', '\u00a0', '\n', '\r\n', '\r', '.', ',', '-', "'", '’', '“', '”',
  'é', 'e\u0301', '\u0301', 'سلام', 'دنیا', 'ی', '\u200c', '\u200d', '۱۲', '🐱', '💔', '🇯', '🇵', '🇯🇵', '👨‍👩‍👧', '👍🏽', '中文',
  '\ud83d', '\udc31', '\u0600',
];
const textArb = fc.array(fc.constantFrom(...pieces), { minLength: 0, maxLength: 24 }).map((p) => p.join(''));
const selectionArb = textArb.chain((text) =>
  fc.tuple(fc.constant(text), fc.integer({ min: 0, max: text.length }), fc.integer({ min: 0, max: text.length })),
);

const splitsSurrogate = (text: string, i: number) =>
  i > 0 && i < text.length && /[\ud800-\udbff]/.test(text[i - 1]) && /[\udc00-\udfff]/.test(text[i]);
const graphemeBoundaries = (text: string) => {
  const b = new Set<number>([text.length]);
  for (const g of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) b.add(g.index);
  return b;
};
/** [first, last + 1) of the selection's non-whitespace code units, or null. */
const visiblePart = (text: string, a: number, b: number) => {
  const [lo, hi] = [Math.min(a, b), Math.max(a, b)];
  const m = /^\s*([^]*?)\s*$/.exec(text.slice(lo, hi))!;
  if (!m[1]) return null;
  const first = lo + text.slice(lo, hi).search(/\S/);
  return { first, end: first + m[1].length };
};

describe('snapToWords properties', () => {
  it('stays inside the text, on grapheme boundaries, around the visible part of the selection', () => {
    fc.assert(
      fc.property(selectionArb, ([text, a, b]) => {
        const r = snapToWords(text, a, b);
        const visible = visiblePart(text, a, b);
        if (!visible) {
          expect(r).toBeNull();
          return;
        }
        expect(r).not.toBeNull();
        const { start, end } = r!;
        expect(0 <= start && start < end && end <= text.length).toBe(true);
        expect(splitsSurrogate(text, start) || splitsSurrogate(text, end)).toBe(false);
        const boundaries = graphemeBoundaries(text);
        expect(boundaries.has(start) && boundaries.has(end)).toBe(true);
        expect(start <= visible.first && visible.end <= end).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(selectionArb, ([text, a, b]) => {
        const r = snapToWords(text, a, b);
        if (r) expect(snapToWords(text, r.start, r.end)).toEqual(r);
      }),
      { numRuns: 500 },
    );
  });
});

describe('trimWhitespace properties', () => {
  it('keeps exactly the visible part, widened only to whole surrogate pairs, and is idempotent', () => {
    fc.assert(
      fc.property(selectionArb, ([text, a, b]) => {
        const r = trimWhitespace(text, a, b);
        const visible = visiblePart(text, a, b);
        if (!visible) {
          expect(r).toBeNull();
          return;
        }
        expect(r).not.toBeNull();
        const { start, end } = r!;
        expect(splitsSurrogate(text, start) || splitsSurrogate(text, end)).toBe(false);
        expect(visible.first - start).toBeLessThanOrEqual(1);
        expect(end - visible.end).toBeLessThanOrEqual(1);
        expect(start <= visible.first && visible.end <= end).toBe(true);
        expect(trimWhitespace(text, start, end)).toEqual(r);
      }),
      { numRuns: 500 },
    );
  });
});
