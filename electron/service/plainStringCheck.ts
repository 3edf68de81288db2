/**
 * zod's verdict on the plainest schemas as a plain predicate: a string with length bounds and
 * regular expressions (ids, titles, notes, texts), an enum of strings (statuses, polarities),
 * optionally optional. Asking zod itself took a tenth of a millisecond for each title and text
 * an import checks, one article at a time (articleCheck.ts; bench section `convert`).
 *
 * The predicate is read from the schema's own definition (zod 4's `_zod.def`), so the rules stay
 * stated once, in model.ts. Any part of a definition not understood here (another check,
 * coercion, a transform, a refinement) gives no predicate, and the caller asks zod as before;
 * plainStringCheck.test.ts holds each predicate equal to safeParse on the model's schemas.
 */
import type { z } from 'zod';

interface Def {
  type?: string;
  coerce?: boolean;
  checks?: { _zod: { def: CheckDef } }[];
  innerType?: { _zod: { def: Def } };
  entries?: Record<string, unknown>;
  format?: string;
  pattern?: RegExp;
}
interface CheckDef {
  check?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  pattern?: RegExp;
  when?: unknown;
}

/** A predicate equal to `schema.safeParse(value).success` for every value but undefined, or undefined where the schema is not that plain. */
export function plainStringCheck(schema: z.ZodType): ((value: unknown) => boolean) | undefined {
  let def = (schema as unknown as { _zod?: { def?: Def } })._zod?.def;
  if (def?.type === 'optional') def = def.innerType?._zod.def;
  if (!def) return undefined;
  if (def.type === 'enum' && !def.checks?.length && def.entries) {
    const values = Object.values(def.entries);
    if (!values.every((v) => typeof v === 'string')) return undefined;
    const allowed = new Set(values);
    return (value) => typeof value === 'string' && allowed.has(value);
  }
  // A string format (datetime, url, email…) is a schema of its own kind, with rules beyond any pattern: not plain.
  if (def.type !== 'string' || def.coerce || def.format !== undefined || def.pattern !== undefined) return undefined;
  let min = 0;
  let max = Infinity;
  const patterns: RegExp[] = [];
  for (const { _zod } of def.checks ?? []) {
    const check = _zod.def;
    if (check.check === 'min_length' && typeof check.minimum === 'number') min = Math.max(min, check.minimum);
    else if (check.check === 'max_length' && typeof check.maximum === 'number') max = Math.min(max, check.maximum);
    // A global or sticky expression keeps state between tests: not plain.
    else if (check.check === 'string_format' && check.format === 'regex' && check.pattern instanceof RegExp && !check.pattern.global && !check.pattern.sticky) patterns.push(check.pattern);
    else return undefined;
  }
  const [pattern, ...more] = patterns;
  const lengthFits = (value: unknown): value is string => typeof value === 'string' && value.length >= min && value.length <= max;
  // One pattern at most (every schema of the model): no list walked per value (ids are checked once per span).
  if (!more.length) return pattern ? (value) => lengthFits(value) && pattern.test(value) : lengthFits;
  return (value) => lengthFits(value) && patterns.every((p) => p.test(value));
}
