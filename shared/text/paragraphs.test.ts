import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitParagraphs } from './paragraphs';

const pieces = ['a', 'بی', ' ', 'é', '🐱', '\n', '\r\n', '\r', '\n\n'];
const textArb = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((p) => p.join(''));

describe('splitParagraphs', () => {
  it('gives one range per line without the terminators', () => {
    expect(splitParagraphs('ab\ncd\r\nef\rg')).toEqual([
      { start: 0, end: 2 },
      { start: 3, end: 5 },
      { start: 7, end: 9 },
      { start: 10, end: 11 },
    ]);
  });

  it('keeps empty lines, including the one after a trailing newline', () => {
    expect(splitParagraphs('a\n\nb\n')).toEqual([
      { start: 0, end: 1 },
      { start: 2, end: 2 },
      { start: 3, end: 4 },
      { start: 5, end: 5 },
    ]);
  });

  it('gives a single empty paragraph for empty text', () => {
    expect(splitParagraphs('')).toEqual([{ start: 0, end: 0 }]);
  });

  it('treats \\n\\r as two terminators (only \\r\\n is one)', () => {
    expect(splitParagraphs('a\n\rb')).toHaveLength(3);
  });

  it('reconstructs the text from the ranges and the terminators between them', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const paragraphs = splitParagraphs(text);
        let rebuilt = '';
        paragraphs.forEach((p, i) => {
          const line = text.slice(p.start, p.end);
          expect(line).not.toMatch(/[\r\n]/);
          rebuilt += line;
          if (i + 1 < paragraphs.length) {
            const terminator = text.slice(p.end, paragraphs[i + 1].start);
            expect(['\n', '\r\n', '\r']).toContain(terminator);
            rebuilt += terminator;
          }
        });
        expect(paragraphs[0].start).toBe(0);
        expect(paragraphs[paragraphs.length - 1].end).toBe(text.length);
        expect(rebuilt).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});
