/**
 * fast-check generators for codec property tests: texts that break naive offset code (astral
 * emoji, flags, ZWJ families, combining marks, CRLF, Persian/Arabic, accents) and spans aligned
 * to code-point or grapheme boundaries, overlapping or not.
 */
import fc from 'fast-check';
import type { SpanInput } from './articles';

export const TRICKY_PIECES = [
  'a', 'b', 'Z', 'word', ' ', ' ', '  ', '.', ',', '"', '\t',
  '🐱', '💔', '🇯🇵', '👨‍👩‍👧', 'e\u0301', 'n\u0303', '\u0301',
  '\r\n', '\n', '\r',
  'سلام', 'ایران', 'می‌گوید', 'é', 'ñ', 'ü', 'Ünïcödé', '漢字', '\u00a0',
];

export const trickyText = (minPieces = 1, maxPieces = 40) =>
  fc.array(fc.constantFrom(...TRICKY_PIECES), { minLength: minPieces, maxLength: maxPieces }).map((p) => p.join(''));

/** UTF-16 offsets of every code point boundary (0 and text.length included). */
export function codePointBoundaries(text: string): number[] {
  const out = [0];
  let i = 0;
  for (const ch of text) {
    i += ch.length;
    out.push(i);
  }
  return out;
}

export function graphemeBoundaries(text: string): number[] {
  const out: number[] = [];
  for (const s of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) out.push(s.index);
  out.push(text.length);
  return out;
}

export interface SpanArbOptions {
  boundaries?: 'codepoint' | 'grapheme';
  overlapping?: boolean;
  fragments?: boolean;
  notes?: boolean;
  /** Characters allowed in notes (brat notes are one line). */
  noteChars?: string[];
  attributes?: boolean;
  maxSpans?: number;
  labels?: string[];
}

const NOTE_PIECES = ['note', ' ', 'é', '🐱', ',', '"', 'x', 'سلام'];

/** A text plus spans on it. */
export function textWithSpans(options: SpanArbOptions = {}) {
  const labels = options.labels ?? ['actor', 'stance', 'claim'];
  return trickyText(2).chain((text) => {
    const bounds = options.boundaries === 'grapheme' ? graphemeBoundaries(text) : codePointBoundaries(text);
    const n = bounds.length;
    const spanArb = fc
      .record({
        a: fc.integer({ min: 0, max: n - 1 }),
        b: fc.integer({ min: 0, max: n - 1 }),
        c: fc.integer({ min: 0, max: n - 1 }),
        d: fc.integer({ min: 0, max: n - 1 }),
        split: fc.boolean(),
        labelId: fc.constantFrom(...labels),
        note: options.notes
          ? fc.option(fc.array(fc.constantFrom(...(options.noteChars ?? NOTE_PIECES)), { minLength: 1, maxLength: 5 }).map((p) => p.join('')), { nil: undefined })
          : fc.constant(undefined),
        attr: options.attributes ? fc.option(fc.constantFrom('High', 'Low', 'true'), { nil: undefined }) : fc.constant(undefined),
      })
      .filter(({ a, b }) => a !== b)
      .map(({ a, b, c, d, split, labelId, note, attr }): SpanInput => {
        const [i, j] = a < b ? [a, b] : [b, a];
        const span: SpanInput = { labelId, start: bounds[i], end: bounds[j] };
        if (options.fragments && split) {
          // Cut a gap [c, d) strictly inside (i, j) to make a discontinuous span.
          const [x, y] = c < d ? [c, d] : [d, c];
          if (x > i && y < j && x < y) span.fragments = [{ start: bounds[i], end: bounds[x] }, { start: bounds[y], end: bounds[j] }];
        }
        if (note !== undefined && note.trim() !== '') span.note = note;
        if (attr !== undefined) span.attributes = { Confidence: attr };
        return span;
      });
    return fc
      .array(spanArb, { maxLength: options.maxSpans ?? 8 })
      .map((spans) => (options.overlapping === false ? dropOverlaps(spans) : spans))
      .map((spans) => ({ text, spans }));
  });
}

function dropOverlaps(spans: SpanInput[]): SpanInput[] {
  const out: SpanInput[] = [];
  for (const s of [...spans].sort((x, y) => x.start - y.start)) {
    if (out.every((o) => s.start >= o.end || s.end <= o.start)) out.push(s);
  }
  return out;
}
