/**
 * ArticleSchema's and articleInvariants' verdict on an article the import built (importPlan.ts's
 * toArticle), without zod walking every span and statement object: that walk was the largest
 * part of validating a 1,000-document brat corpus (bench section `convert`).
 *
 * The fast path asks each field's own schema from ArticleSchema, SpanSchema and StatementSchema
 * (so the rules stay stated once, in model.ts), and remembers the short values each accepted:
 * a corpus repeats its span ids (T1, T2, …), its labels, its annotators and, for a format without
 * times, one timestamp. The schemas' object-level refinements (a span's end after its start,
 * fragments sorted and bounded) are what articleProblems checks too, and more strictly. When
 * any field fails, or the invariants do, the article goes the slow way, exactly as before: the
 * whole ArticleSchema, then articleProblems, so the error names the same path and problem.
 */
import type { z } from 'zod';
import { WorkbenchError } from '../../shared/api/errors';
import { articleProblems } from '../../shared/domain/articleInvariants';
import { ArticleSchema, IdSchema, SpanSchema, StatementSchema, type Article } from '../../shared/domain/model';
import { describeZodError } from '../../shared/domain/zodErrors';

/** Remembered values per field before the memory starts over (values of one corpus repeat far sooner). */
const REMEMBERED = 10_000;
/** Longer strings (titles, notes, texts) are checked every time and never kept. */
const REMEMBERED_LENGTH = 256;

/** One field's schema, with the short values it accepted. */
interface FieldCheck {
  key: string;
  schema: z.ZodType;
  /** Whether the field may be left out (asked once: most optional fields of most spans are). */
  optional: boolean;
  /** Shared by every field of the same schema object (ids, timestamps): a span's id is a statement's actor. */
  accepted: Set<unknown>;
  /** The value this field accepted last: spans repeat their label, annotator and times one after another. */
  last: unknown;
}

const acceptedBySchema = new Map<z.ZodType, Set<unknown>>();

function fieldCheck(key: string, schema: z.ZodType): FieldCheck {
  let accepted = acceptedBySchema.get(schema);
  if (!accepted) acceptedBySchema.set(schema, (accepted = new Set()));
  return { key, schema, optional: schema.safeParse(undefined).success, accepted, last: undefined };
}

/** The checks of a schema's fields but those `left` (to articleProblems). */
function fieldChecks(shape: Readonly<Record<string, z.ZodType>>, left: readonly string[] = []): FieldCheck[] {
  return Object.entries(shape)
    .filter(([key]) => !left.includes(key))
    .map(([key, schema]) => fieldCheck(key, schema));
}

/** Whether the field's schema accepts `value`, asking zod once per short repeated value. */
function accepts(check: FieldCheck, value: unknown): boolean {
  if (value === undefined) return check.optional;
  if (value === check.last) return true;
  if (check.accepted.has(value)) {
    check.last = value;
    return true;
  }
  if (!check.schema.safeParse(value).success) return false;
  if (typeof value === 'string' && value.length <= REMEMBERED_LENGTH) {
    if (check.accepted.size >= REMEMBERED) check.accepted.clear();
    check.accepted.add(value);
    check.last = value;
  }
  return true;
}

/** Whether each field accepts the record's value (keys without a check are not read: toArticle writes none). */
function fieldsAccepted(checks: readonly FieldCheck[], record: object): boolean {
  for (const check of checks) if (!accepts(check, (record as Record<string, unknown>)[check.key])) return false;
  return true;
}

const ARTICLE_FIELDS = fieldChecks(ArticleSchema.shape, ['spans', 'statements']);
// A span's start and end are left to articleProblems, which requires what SpanSchema does
// (non-negative integers, end after start) and more; offsets rarely repeat, so zod would run on each.
const SPAN_FIELDS = fieldChecks(SpanSchema.shape, ['start', 'end']);
const STATEMENT_FIELDS = fieldChecks(StatementSchema.shape);
const ID = fieldCheck('id', IdSchema);

/** IdSchema's verdict (remembered, as above). */
export function isValidId(value: string): boolean {
  return accepts(ID, value);
}

/**
 * The fields of a span and of a statement, read by name: a span's or statement's fields looked up
 * by a computed key were most of this check's time (there is one such lookup per field of every
 * span). The names are checked against the schemas when this module loads (namedChecks).
 */
const [SPAN_ID, LABEL_ID, FRAGMENTS, SPAN_NOTE, SPAN_ANNOTATOR, SPAN_CREATED, SPAN_UPDATED, ENTITY_ID, ATTRIBUTES] = namedChecks(SPAN_FIELDS, [
  'id', 'labelId', 'fragments', 'note', 'annotator', 'createdAt', 'updatedAt', 'entityId', 'attributes',
]);
const [STATEMENT_ID, ACTOR, CLAIM, POLARITY, STANCE, STATEMENT_NOTE, STATEMENT_ANNOTATOR, STATEMENT_CREATED, STATEMENT_UPDATED] = namedChecks(STATEMENT_FIELDS, [
  'id', 'actorSpanId', 'claimSpanId', 'polarity', 'stanceSpanId', 'note', 'annotator', 'createdAt', 'updatedAt',
]);

/** The checks of `keys`, in that order, which must be every check of `checks` (a field added to a schema fails here, at load). */
function namedChecks(checks: readonly FieldCheck[], keys: readonly string[]): FieldCheck[] {
  if (checks.length !== keys.length || !checks.every((c) => keys.includes(c.key)))
    throw new Error(`articleCheck.ts reads ${keys.join(', ')}, but the schema's fields are ${checks.map((c) => c.key).join(', ')}`);
  return keys.map((key) => checks.find((c) => c.key === key)!);
}

const SPAN_CHECK_BY_KEY = new Map(SPAN_FIELDS.map((c) => [c.key, c]));
const REQUIRED_SPAN_KEYS = SPAN_FIELDS.filter((c) => !c.optional).map((c) => c.key);

/**
 * For a span read from a file (any keys): whether every key but the offsets is a SpanSchema field
 * whose schema accepts its value, remembered as above, and no required one is missing. The
 * offsets, and the pieces' order of a span with fragments, are the caller's to check.
 */
export function spanFieldsAccepted(span: Readonly<Record<string, unknown>>): boolean {
  for (const key in span) {
    if (key === 'start' || key === 'end') continue;
    const check = SPAN_CHECK_BY_KEY.get(key);
    if (!check || !accepts(check, span[key])) return false;
  }
  return REQUIRED_SPAN_KEYS.every((k) => k in span);
}

const spanAccepted = (s: Article['spans'][number]) =>
  accepts(SPAN_ID, s.id) && accepts(LABEL_ID, s.labelId) && accepts(FRAGMENTS, s.fragments) && accepts(SPAN_NOTE, s.note) && accepts(SPAN_ANNOTATOR, s.annotator) &&
  accepts(SPAN_CREATED, s.createdAt) && accepts(SPAN_UPDATED, s.updatedAt) && accepts(ENTITY_ID, s.entityId) && accepts(ATTRIBUTES, s.attributes);

const statementAccepted = (st: Article['statements'][number]) =>
  accepts(STATEMENT_ID, st.id) && accepts(ACTOR, st.actorSpanId) && accepts(CLAIM, st.claimSpanId) && accepts(POLARITY, st.polarity) && accepts(STANCE, st.stanceSpanId) &&
  accepts(STATEMENT_NOTE, st.note) && accepts(STATEMENT_ANNOTATOR, st.annotator) && accepts(STATEMENT_CREATED, st.createdAt) && accepts(STATEMENT_UPDATED, st.updatedAt);

/** The fast path's verdict: every field of the article, its spans and its statements passes its own schema. */
function allFieldsAccepted(candidate: Article): boolean {
  if (!Array.isArray(candidate.spans) || !Array.isArray(candidate.statements) || !fieldsAccepted(ARTICLE_FIELDS, candidate)) return false;
  for (const s of candidate.spans) if (!spanAccepted(s)) return false;
  for (const st of candidate.statements) if (!statementAccepted(st)) return false;
  return true;
}

/**
 * `candidate` as a valid Article, or a WorkbenchError naming `where` and the first problems
 * (ArticleSchema's, then articleProblems'), as `ArticleSchema.safeParse` and articleProblems give them.
 */
export function checkedArticle(candidate: Article, where: string): Article {
  if (allFieldsAccepted(candidate) && articleProblems(candidate).length === 0) return candidate;
  const parsed = ArticleSchema.safeParse(candidate);
  if (!parsed.success) throw new WorkbenchError('invalid_input', `${where}: ${describeZodError(parsed.error)}`);
  const problems = articleProblems(parsed.data);
  if (problems.length) throw new WorkbenchError('invalid_input', `${where}: ${problems.join('; ')}`);
  return parsed.data;
}
