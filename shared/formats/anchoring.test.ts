import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { anchorQuote, approximateOccurrences, describeQuote, exactOccurrences } from './anchoring';
import { trickyText, codePointBoundaries } from './testing/arbitraries';

describe('describeQuote', () => {
  it('takes up to 32 units of context each side', () => {
    const text = 'x'.repeat(40) + 'QUOTE' + 'y'.repeat(40);
    const q = describeQuote(text, 40, 45);
    expect(q).toEqual({ exact: 'QUOTE', prefix: 'x'.repeat(32), suffix: 'y'.repeat(32) });
  });
  it('never cuts a surrogate pair in the context', () => {
    const text = '🐱'.repeat(20) + 'Q' + '🐱'.repeat(20);
    const q = describeQuote(text, 40, 41);
    expect([...q.prefix].every((c) => c === '🐱')).toBe(true);
    expect([...q.suffix].every((c) => c === '🐱')).toBe(true);
  });
});

describe('exactOccurrences / approximateOccurrences', () => {
  it('finds overlapping exact occurrences', () => {
    expect(exactOccurrences('aaaa', 'aa')).toEqual([0, 1, 2]);
  });
  it('finds an occurrence within k edits with its start', () => {
    const text = 'the quick brown fox jumps';
    const matches = approximateOccurrences(text, 'quikc brown', 2);
    const best = matches.reduce((a, b) => (b.errors < a.errors ? b : a));
    expect(best.errors).toBe(2);
    expect(text.slice(best.start, best.end)).toMatch(/^quick? brown$|^quick brown$/);
  });
});

describe('anchorQuote', () => {
  it('uses prefix and suffix to pick among repeated quotes', () => {
    const text = 'Obama said no. Later, Merkel said no. Then Obama said yes.';
    const a = anchorQuote(text, { exact: 'said', prefix: 'Merkel ', suffix: ' no' });
    expect(a).toEqual({ start: 29, end: 33, method: 'exact', errors: 0 });
  });

  it('prefers the occurrence nearest to the old position when the context ties', () => {
    const text = 'no no no no no';
    expect(anchorQuote(text, { exact: 'no' }, { hint: 9 })?.start).toBe(9);
    expect(anchorQuote(text, { exact: 'no' }, { hint: 0 })?.start).toBe(0);
  });

  it('re-anchors approximately after the quoted text was edited', () => {
    const text = 'Intro. The minister firmly rejected the proposal on Tuesday. Outro.';
    const a = anchorQuote(text, { exact: 'The minister rejected the proposal', prefix: 'Intro. ', suffix: ' on Tuesday' });
    expect(a?.method).toBe('fuzzy');
    expect(text.slice(a!.start, a!.end)).toBe('The minister firmly rejected the proposal');
  });

  it('gives up when the quote is too different', () => {
    expect(anchorQuote('completely unrelated text here', { exact: 'The minister rejected the proposal' })).toBeNull();
    expect(anchorQuote('abc', { exact: '' })).toBeNull();
  });

  it('searches only a window around the hint on huge texts', () => {
    const text = 'lorem ipsum '.repeat(20_000) + 'the minister rejectd it ' + 'lorem ipsum '.repeat(100);
    const hint = 240_000;
    const a = anchorQuote(text, { exact: 'the minister rejected it' }, { hint, maxFuzzyWork: 2_000_000 });
    expect(text.slice(a!.start, a!.end)).toMatch(/^the minister rejectd it/);
    expect(anchorQuote(text, { exact: 'the minister rejected it' }, { maxFuzzyWork: 2_000_000 })).toBeNull();
  });

  it('property: a quote taken from a text is found again at the same place (given its context and position)', () => {
    fc.assert(
      fc.property(
        trickyText(1, 30).chain((text) => {
          const b = codePointBoundaries(text);
          return fc.tuple(fc.constant(text), fc.integer({ min: 0, max: b.length - 1 }), fc.integer({ min: 0, max: b.length - 1 })).filter(([, i, j]) => i !== j).map(([t, i, j]) => ({ text: t, start: b[Math.min(i, j)], end: b[Math.max(i, j)] }));
        }),
        ({ text, start, end }) => {
          const a = anchorQuote(text, describeQuote(text, start, end), { hint: start });
          expect(a).not.toBeNull();
          expect(text.slice(a!.start, a!.end)).toBe(text.slice(start, end));
          expect(a!.method).toBe('exact');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('property: after inserting text before the quote, the quote is re-found by content', () => {
    fc.assert(
      fc.property(trickyText(1, 20), trickyText(1, 10), fc.constantFrom('the minister rejected it', 'نه به برجام', '🇯🇵 said no 🐱'), (before, inserted, quote) => {
        const original = before + quote + ' end';
        const q = describeQuote(original, before.length, before.length + quote.length);
        const edited = inserted + original;
        const a = anchorQuote(edited, q, { hint: before.length });
        expect(edited.slice(a!.start, a!.end)).toBe(quote);
      }),
      { numRuns: 100 },
    );
  });
});
