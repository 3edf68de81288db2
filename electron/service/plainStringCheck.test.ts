/**
 * plainStringCheck gives zod's own verdict: on every field schema of the article model that it
 * takes, for values that pass and fail each rule; and it takes no schema it does not understand.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ArticleSchema, IdSchema, SpanSchema, StatementSchema } from '../../shared/domain/model';
import { plainStringCheck } from './plainStringCheck';

const PROBES: unknown[] = [
  '', 'a', 'T1', 'E12', 'a_b-c', 'bad id', 'bad/id', 'é', 'ok😮‍💨', 'x'.repeat(128), 'x'.repeat(129), 'x'.repeat(200), 'x'.repeat(201),
  'x'.repeat(1000), 'x'.repeat(1001), 'x'.repeat(10_000), 'x'.repeat(10_001), 'in_progress', 'done', 'not_started', 'finished',
  '2024-05-01T10:00:00.000Z', '2024-13-01T10:00:00.000Z', 'support', 'oppose', 'neutral', 'maybe', '2024-05-01', 'https://example.org', 'سلام', '\n', ' ', 1, 0, null, true, {}, [], ['a'], 2.5,
];

const fields = [
  ...Object.entries(ArticleSchema.shape).map(([k, s]) => [`article ${k}`, s] as const),
  ...Object.entries(SpanSchema.shape).map(([k, s]) => [`span ${k}`, s] as const),
  ...Object.entries(StatementSchema.shape).map(([k, s]) => [`statement ${k}`, s] as const),
];

describe('plainStringCheck', () => {
  it.each(fields)("gives zod's verdict on %s, or no predicate", (_name, schema) => {
    const check = plainStringCheck(schema as z.ZodType);
    if (!check) return;
    for (const value of PROBES) expect([value, check(value)]).toEqual([value, (schema as z.ZodType).safeParse(value).success]);
  });

  it("gives zod's verdict on a string of several patterns and bounds, and on an enum", () => {
    for (const schema of [z.string().regex(/a/).regex(/b$/).min(2).max(4), z.string().max(3), z.enum(['x', 'y']).optional()]) {
      const check = plainStringCheck(schema)!;
      for (const value of ['ab', 'ba', 'aab', 'xab', 'aaaab', 'b', '', 'x', 'y', 'z', 1, null]) expect([value, check(value)]).toEqual([value, schema.safeParse(value).success]);
    }
  });

  it('takes the ids, titles, texts, statuses and polarities, and the schemas with more than it understands not', () => {
    for (const schema of [IdSchema, ArticleSchema.shape.title, ArticleSchema.shape.text, ArticleSchema.shape.status, StatementSchema.shape.polarity, SpanSchema.shape.note])
      expect(plainStringCheck(schema as z.ZodType)).toBeTypeOf('function');
    for (const schema of [
      z.string().trim(),
      z.string().email(),
      z.string().refine((s) => s !== 'x'),
      z.string().transform((s) => s.length),
      z.coerce.string(),
      z.number(),
      z.iso.datetime(),
      z.string().regex(/a/g),
      SpanSchema.shape.attributes,
    ])
      expect(plainStringCheck(schema as z.ZodType)).toBeUndefined();
  });
});
