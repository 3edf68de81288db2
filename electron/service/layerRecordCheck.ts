/**
 * AnnotatorLayerRecordSchema's verdict on a layer file's JSON without zod walking every span: that
 * walk was 0.25 s of the 0.4 s it took to read an article's 3 layers × 20,000 spans (bench section
 * `curation`, where opening the article waits for them).
 *
 * The fast path asks SpanSchema's own field schemas (the rules stay stated once, in model.ts) and
 * remembers the short strings each accepted: a layer repeats its labels, its annotator and its
 * timestamps on every span. Offsets are plain integer checks (a span's end after its start, as
 * SpanSchema's refinement says); a span with fragments is also given to SpanSchema whole, for its
 * pieces' order. Everything but the spans (a few records) is zod's as before. Whenever a check fails, the
 * whole record goes the slow way, exactly as before, so a bad file gets the same error naming the
 * same path; zod's output is also what a valid record gives (no extra keys: they went the slow way).
 */
import type { z } from 'zod';
import { AnnotatorLayerRecordSchema, type AnnotatorLayerRecord } from '../../shared/domain/layers';
import { SpanSchema } from '../../shared/domain/model';

/** Remembered strings per field before the memory starts over. */
const REMEMBERED = 10_000;
const REMEMBERED_LENGTH = 256;

const OFFSETS = new Set(['start', 'end']);

/** For each field of SpanSchema but the offsets: whether it accepts a value, remembering short strings it accepted. */
const spanFieldTests: ReadonlyMap<string, (value: unknown) => boolean> = new Map(
  Object.entries(SpanSchema.shape as Record<string, z.ZodType>)
    .filter(([key]) => !OFFSETS.has(key))
    .map(([key, schema]) => {
      const known = new Set<unknown>();
      const optional = schema.safeParse(undefined).success;
      const test = (value: unknown): boolean => {
        if (value === undefined) return optional;
        if (known.has(value)) return true;
        if (!schema.safeParse(value).success) return false;
        if (typeof value === 'string' && value.length <= REMEMBERED_LENGTH) {
          if (known.size >= REMEMBERED) known.clear();
          known.add(value);
        }
        return true;
      };
      return [key, test] as const;
    }),
);
const REQUIRED_SPAN_KEYS = [...spanFieldTests.keys()].filter((k) => !spanFieldTests.get(k)!(undefined));

const isOffset = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** Whether SpanSchema would accept `span` as it is (true only when it certainly would, and would return it unchanged). */
function spanAccepted(span: unknown): boolean {
  if (typeof span !== 'object' || span === null || Array.isArray(span)) return false;
  const s = span as Record<string, unknown>;
  if (!isOffset(s.start) || !isOffset(s.end) || s.end <= s.start) return false;
  for (const key in s) {
    if (OFFSETS.has(key)) continue;
    const test = spanFieldTests.get(key);
    if (!test || !test(s[key])) return false;
  }
  if (!REQUIRED_SPAN_KEYS.every((k) => k in s)) return false;
  // The pieces' order and bounds are SpanSchema's refinement (rare: discontinuous spans only).
  return s.fragments === undefined || SpanSchema.safeParse(span).success;
}

/** The record as AnnotatorLayerRecordSchema.safeParse gives it. */
export function checkLayerRecord(raw: unknown): z.ZodSafeParseResult<AnnotatorLayerRecord> {
  if (typeof raw === 'object' && raw !== null && Array.isArray((raw as { spans?: unknown }).spans)) {
    const spans = (raw as { spans: unknown[] }).spans;
    if (spans.every(spanAccepted)) {
      const rest = AnnotatorLayerRecordSchema.safeParse({ ...raw, spans: [] });
      if (rest.success) return { success: true, data: { ...rest.data, spans: spans as AnnotatorLayerRecord['spans'] } };
    }
  }
  return AnnotatorLayerRecordSchema.safeParse(raw);
}
