/**
 * Small validators for loose values read from foreign files, so a codec hands the service only
 * values the domain schemas accept (a bad timestamp in one record must not fail a whole import).
 */
import { IsoTimestampSchema, type LabelSchemaDef } from '../domain/model';

/** The value when it is an ISO 8601 timestamp the domain accepts, else undefined. */
export function validTimestamp(value: unknown): string | undefined {
  return typeof value === 'string' && IsoTimestampSchema.safeParse(value).success ? value : undefined;
}

/** A non-empty string, or undefined. Numbers are turned into strings (ids in foreign files). */
export function optionalString(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Maps a span's label id to the label name written into files (the id itself when unknown). */
export function labelNamer(schema: LabelSchemaDef): (labelId: string) => string {
  const names = new Map(schema.labels.map((l) => [l.id, l.name]));
  return (labelId) => names.get(labelId) ?? labelId;
}
