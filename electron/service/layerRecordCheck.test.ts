/**
 * The layer file check without zod per span gives AnnotatorLayerRecordSchema's verdict: the same
 * record for a valid file, the same error (path and message) for a broken one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnnotatorLayerRecordSchema } from '../../shared/domain/layers';
import { describeZodError } from '../../shared/domain/zodErrors';
import { checkLayerRecord } from './layerRecordCheck';

const T = '2024-05-01T10:00:00.000Z';
const goodSpan = (i: number) => ({ id: `s${i}`, labelId: 'actor', start: i * 10, end: i * 10 + 4, annotator: 'ann', createdAt: T, updatedAt: T });
const record = (spans: unknown[], extra: Record<string, unknown> = {}) => ({
  formatVersion: 1,
  articleId: 'a1',
  annotator: 'ann',
  revision: 2,
  status: 'done',
  updatedAt: T,
  packageId: 'p1',
  collectedAt: T,
  textSha256: 'a'.repeat(64),
  spans,
  ...extra,
});

/** What the check says, in the terms a layer file's reader reports. */
const verdict = (result: ReturnType<typeof checkLayerRecord>) => (result.success ? { data: result.data } : { error: describeZodError(result.error) });

/** One span broken (or not) in one of the ways a hand-edited or truncated file can be. */
const spanVariant = fc.constantFrom<[string, (s: ReturnType<typeof goodSpan>) => unknown]>(
  ['as written', (s) => s],
  ['end before start', (s) => ({ ...s, end: s.start })],
  ['negative start', (s) => ({ ...s, start: -1 })],
  ['fractional end', (s) => ({ ...s, end: s.end + 0.5 })],
  ['offset as a string', (s) => ({ ...s, start: String(s.start) })],
  ['no id', ({ id: _id, ...s }) => s],
  ['bad id', (s) => ({ ...s, id: 'has space' })],
  ['bad label id', (s) => ({ ...s, labelId: '' })],
  ['bad timestamp', (s) => ({ ...s, createdAt: 'yesterday', updatedAt: 'yesterday' })],
  ['no annotator', ({ annotator: _a, ...s }) => s],
  ['a note', (s) => ({ ...s, note: 'checked' })],
  ['a note too long', (s) => ({ ...s, note: 'x'.repeat(10_001) })],
  ['an entity link', (s) => ({ ...s, entityId: 'e1' })],
  ['attributes', (s) => ({ ...s, attributes: { source: 'brat' } })],
  ['attribute not a string', (s) => ({ ...s, attributes: { n: 1 } })],
  ['an unknown key', (s) => ({ ...s, colour: 'red' })],
  ['good fragments', (s) => ({ ...s, end: s.start + 9, fragments: [{ start: s.start, end: s.start + 2 }, { start: s.start + 5, end: s.start + 9 }] })],
  ['unsorted fragments', (s) => ({ ...s, end: s.start + 9, fragments: [{ start: s.start + 5, end: s.start + 9 }, { start: s.start, end: s.start + 2 }] })],
  ['one fragment', (s) => ({ ...s, fragments: [{ start: s.start, end: s.end }] })],
  ['null', () => null],
  ['a list', (s) => [s]],
);

describe('checkLayerRecord', () => {
  it('agrees with AnnotatorLayerRecordSchema on records with broken and unusual spans: same data, or the same error', () => {
    fc.assert(
      fc.property(fc.array(spanVariant, { maxLength: 6 }), fc.boolean(), (variants, badHeader) => {
        const raw = record(
          variants.map(([, make], i) => make(goodSpan(i))),
          badHeader ? { revision: -1 } : {},
        );
        expect(verdict(checkLayerRecord(raw))).toEqual(verdict(AnnotatorLayerRecordSchema.safeParse(raw)));
      }),
      { numRuns: 400 },
    );
  });

  it('fills the defaults and refuses what is not a record at all, as the schema does', () => {
    const raw = record([goodSpan(0)]);
    expect(checkLayerRecord(raw)).toMatchObject({ success: true, data: { statements: [], entities: [], spans: [goodSpan(0)] } });
    for (const bad of [null, 'layer', [], { ...raw, spans: 'none' }, { ...raw, statements: [{ id: 'st1' }] }])
      expect(verdict(checkLayerRecord(bad))).toEqual(verdict(AnnotatorLayerRecordSchema.safeParse(bad)));
  });
});
