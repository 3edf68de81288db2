/**
 * AnnotatorLayerRecordSchema's verdict on a layer file's JSON without zod walking every span: that
 * walk was 0.25 s of the 0.4 s it took to read an article's 3 layers × 20,000 spans (bench section
 * `curation`, where opening the article waits for them).
 *
 * The fast path asks SpanSchema's own field schemas, remembering the short values each accepted
 * (articleCheck.ts `spanFieldsAccepted`, the import's check): a layer repeats its labels, its
 * annotator and its timestamps on every span. Offsets are plain integer checks (a span's end after its start, as
 * SpanSchema's refinement says); a span with fragments is also given to SpanSchema whole, for its
 * pieces' order. Everything but the spans (a few records) is zod's as before. Whenever a check fails, the
 * whole record goes the slow way, exactly as before, so a bad file gets the same error naming the
 * same path; zod's output is also what a valid record gives (no extra keys: they went the slow way).
 */
import type { z } from 'zod';
import { AnnotatorLayerRecordSchema, type AnnotatorLayerRecord } from '../../shared/domain/layers';
import { SpanSchema } from '../../shared/domain/model';
import { spanFieldsAccepted } from './articleCheck';

const isOffset = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** Whether SpanSchema would accept `span` as it is (true only when it certainly would, and would return it unchanged). */
function spanAccepted(span: unknown): boolean {
  if (typeof span !== 'object' || span === null || Array.isArray(span)) return false;
  const s = span as Record<string, unknown>;
  if (!isOffset(s.start) || !isOffset(s.end) || s.end <= s.start || !spanFieldsAccepted(s)) return false;
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
