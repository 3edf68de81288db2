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
import { articleProblems, spanExtentProblem } from '../../shared/domain/articleInvariants';
import { ArticleSchema, IdSchema, SpanSchema, StatementSchema, type Article } from '../../shared/domain/model';
import { describeZodError } from '../../shared/domain/zodErrors';
import { plainStringCheck } from './plainStringCheck';

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
  /** zod's verdict as a plain predicate, for the plainest schemas (plainStringCheck.ts): asked instead of zod, nothing remembered. */
  plain: ((value: unknown) => boolean) | undefined;
  /** Values of a shape the schema surely accepts, taken without asking it (anything else is asked): see FRAGMENTS. */
  surely?: (value: unknown) => boolean;
}

const acceptedBySchema = new Map<z.ZodType, Set<unknown>>();

function fieldCheck(key: string, schema: z.ZodType): FieldCheck {
  let accepted = acceptedBySchema.get(schema);
  if (!accepted) acceptedBySchema.set(schema, (accepted = new Set()));
  return { key, schema, optional: schema.safeParse(undefined).success, accepted, last: undefined, plain: plainStringCheck(schema) };
}

/** The checks of a schema's fields but those `left` (to articleProblems). */
function fieldChecks(shape: Readonly<Record<string, z.ZodType>>, left: readonly string[] = []): FieldCheck[] {
  return Object.entries(shape)
    .filter(([key]) => !left.includes(key))
    .map(([key, schema]) => fieldCheck(key, schema));
}

/** Whether the field's schema accepts `value`: by its plain predicate, else asking zod once per short repeated value. */
function accepts(check: FieldCheck, value: unknown): boolean {
  if (value === undefined) return check.optional;
  if (value === check.last) return true;
  if (check.plain) return check.plain(value);
  if (check.surely?.(value)) return true;
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

/**
 * A span's fragments in the shape every importer builds: two or more plain { start, end }
 * records of non-negative integers, each ending after it starts. SpanSchema surely accepts
 * these (fragments are an array of at least two OffsetRangeSchema objects, which asks no more),
 * and asking zod took a tenth of a millisecond for each of the 3,912 discontinuous spans of
 * 1,000 PolNeAR documents. Any other value (an extra key, a fraction) is asked of zod, which
 * decides; their order and bounds are articleProblems' to check. articleCheck.test.ts holds it to that.
 */
export function surelyFragments(value: unknown): boolean {
  if (!Array.isArray(value) || value.length < 2) return false;
  for (const f of value) {
    if (typeof f !== 'object' || f === null || Object.getPrototypeOf(f) !== Object.prototype) return false;
    const { start, end } = f as { start: unknown; end: unknown };
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || (start as number) < 0 || (end as number) <= (start as number) || Object.keys(f).length !== 2) return false;
  }
  return true;
}
FRAGMENTS.surely = surelyFragments;

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

/**
 * What the caller built an article from values it checked itself (importPlan.ts's toArticle),
 * which the fast path need not ask about again: every id (the article's, its spans' and its
 * statements', and the statements' references to spans) came through isValidId or newId, and
 * `now`, the caller's timestamp, stands wherever a record had none (with '' for an annotator).
 * Most of a converted corpus's fields are such (bench section `convert`).
 */
export interface MadeFields {
  /** Unique, and every statement's references name spans of the article. */
  ids: true;
  now: string;
}

const ARTICLE_FIELDS_BUT_ID = ARTICLE_FIELDS.filter((c) => c.key !== 'id');
const ARTICLE_CREATED = ARTICLE_FIELDS.find((c) => c.key === 'createdAt')!;
// '' stands for "no annotator" unasked (below): the schemas must take it.
for (const check of [SPAN_ANNOTATOR, STATEMENT_ANNOTATOR])
  if (!check.schema.safeParse('').success) throw new Error(`articleCheck.ts takes '' for an annotator, which the schema's ${check.key} refuses`);

/** A timestamp field: the caller's own `now`, or a value its schema accepts. */
const stamped = (check: FieldCheck, value: string | undefined, now: string) => value === now || accepts(check, value);
/** An annotator: '' where the record named none, or a value its schema accepts. */
const annotated = (check: FieldCheck, value: string | undefined) => value === '' || accepts(check, value);

/** spanAccepted for a span built from checked values (MadeFields): its id is not asked about, the fields it was made without are skipped. */
const madeSpanAccepted = (s: Article['spans'][number], now: string) =>
  accepts(LABEL_ID, s.labelId) &&
  (s.fragments === undefined || accepts(FRAGMENTS, s.fragments)) &&
  (s.note === undefined || accepts(SPAN_NOTE, s.note)) &&
  annotated(SPAN_ANNOTATOR, s.annotator) &&
  stamped(SPAN_CREATED, s.createdAt, now) &&
  stamped(SPAN_UPDATED, s.updatedAt, now) &&
  (s.entityId === undefined || accepts(ENTITY_ID, s.entityId)) &&
  (s.attributes === undefined || accepts(ATTRIBUTES, s.attributes));

/** statementAccepted for a statement built from checked values (MadeFields): its id and references are not asked about. */
const madeStatementAccepted = (st: Article['statements'][number], now: string) =>
  accepts(POLARITY, st.polarity) &&
  (st.note === undefined || accepts(STATEMENT_NOTE, st.note)) &&
  annotated(STATEMENT_ANNOTATOR, st.annotator) &&
  stamped(STATEMENT_CREATED, st.createdAt, now) &&
  stamped(STATEMENT_UPDATED, st.updatedAt, now);

/** The fast path's verdict: every field of the article, its spans and its statements passes its own schema. */
function allFieldsAccepted(candidate: Article, made: MadeFields | undefined): boolean {
  if (!Array.isArray(candidate.spans) || !Array.isArray(candidate.statements)) return false;
  if (!made) {
    if (!fieldsAccepted(ARTICLE_FIELDS, candidate)) return false;
    for (const s of candidate.spans) if (!spanAccepted(s)) return false;
    for (const st of candidate.statements) if (!statementAccepted(st)) return false;
    return true;
  }
  // The caller's `now` itself is asked about once (remembered): it may stand for any timestamp.
  if (!accepts(ARTICLE_CREATED, made.now) || !fieldsAccepted(ARTICLE_FIELDS_BUT_ID, candidate)) return false;
  for (const s of candidate.spans) if (!madeSpanAccepted(s, made.now)) return false;
  for (const st of candidate.statements) if (!madeStatementAccepted(st, made.now)) return false;
  return true;
}

/**
 * Whether articleProblems finds nothing. With `made`, ids are unique and every reference names
 * a span of the article by construction (toArticle's validIdOr and its map of span ids), so only
 * the spans' offsets are left to look at.
 */
function invariantsHold(candidate: Article, made: MadeFields | undefined): boolean {
  if (!made) return articleProblems(candidate).length === 0;
  const { text } = candidate;
  for (const s of candidate.spans) if (spanExtentProblem(text, s) !== undefined) return false;
  return true;
}

/**
 * `candidate` as a valid Article, or a WorkbenchError naming `where` and the first problems
 * (ArticleSchema's, then articleProblems'), as `ArticleSchema.safeParse` and articleProblems give
 * them. With `made`, the fields the caller made from checked values are not asked about again;
 * the verdict on a bad article, and its error, are the same.
 */
export function checkedArticle(candidate: Article, where: string, made?: MadeFields): Article {
  if (allFieldsAccepted(candidate, made) && invariantsHold(candidate, made)) return candidate;
  const parsed = ArticleSchema.safeParse(candidate);
  if (!parsed.success) throw new WorkbenchError('invalid_input', `${where}: ${describeZodError(parsed.error)}`);
  const problems = articleProblems(parsed.data);
  if (problems.length) throw new WorkbenchError('invalid_input', `${where}: ${problems.join('; ')}`);
  return parsed.data;
}
