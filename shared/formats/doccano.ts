/**
 * doccano JSONL (sequence labeling, optionally with relations). Import accepts every shape seen
 * in the wild: `label`/`labels` triples `[start, end, "LABEL"]`, `entities` objects with
 * `relations`, the old `annotations` list, user-named columns (`column_data`/`column_label`),
 * text under `text` or `data`, pretty-printed objects and a top-level array. Offsets count UTF-16
 * code units by default (doccano stores the numbers as they come, and its annotation view,
 * v-annotator, reads them as JavaScript string indices) and grapheme clusters with
 * `doccanoUnit: 'grapheme'` (doccano's "Count grapheme clusters as one character" project
 * option), cut as doccano cuts them: by grapheme-splitter 1.0.4's Unicode 10 rules
 * (legacyGraphemes.ts), not today's, so 😮‍💨 counts two.
 *
 * Export writes the `entities`/`relations` shape (the one that can carry statements): statements
 * become polarity relations (see statementRelations.ts), article metadata goes into top-level
 * meta keys (doccano keeps unknown keys as meta), and span notes and discontinuous fragments into
 * `span_notes` / `span_fragments` meta keys so a workbench → doccano file → workbench trip keeps them.
 * Overlapping spans need the project's "Allow overlapping spans"; for projects without it,
 * `doccanoNoOverlap` keeps one span per overlap group (doccanoOverlap.ts) and reports the rest.
 */
import { OffsetConverter, OffsetError, type OffsetUnit } from '../text/offsets';
import { legacyGraphemeStarts } from '../text/legacyGraphemes';
import { ArticleStatusSchema, type Article } from '../domain/model';
import type { FormatOptions } from './formatNames';
import {
  FormatError,
  type ExportContext,
  type FormatCodec,
  type ImportedArticle,
  type ImportedSpan,
  type InputFile,
  type LineReader,
  type ParsedCorpus,
} from './codec';
import { expandArchives, fileText, pathParts } from './inputFiles';
import { parseJsonSequence } from './jsonText';
import { isNonNegativeInteger, isRecord, labelNamer, optionalString, validTimestamp } from './fields';
import { relationsToStatements, statementsToRelations, type BinaryRelation } from './statementRelations';
import { WarningLog } from './warnings';
import { BadRecordPolicy, screenArticle } from './badRecords';
import { oneSpanPerOverlapGroup } from './doccanoOverlap';
import { briefValue, type CodecLosses } from './losses';

type DoccanoUnit = Extract<OffsetUnit, 'utf16' | 'grapheme'>;

const TEXT_KEYS = ['text', 'data'];
const SPAN_KEYS = ['entities', 'label', 'labels', 'annotations'];
/** Keys our export writes and import reads back; everything else is foreign meta. */
const META_KEYS = new Set(['id', 'title', 'source', 'url', 'date', 'status', 'created_at', 'updated_at', 'offset_unit', 'span_notes', 'span_fragments', 'Comments', 'comments', 'meta', 'relations']);
/** Document-level labels: doccano's `cats` (intent detection) and a classification `label`. */
const CATEGORY_KEYS = new Set(['cats', ...SPAN_KEYS]);

/**
 * doccano has no place for span attributes, entity links, statement notes, annotators or
 * timestamps (its meta keys are per document); the workbench none for doccano's document
 * categories, comments and other metadata.
 */
const doccanoLosses: CodecLosses = {
  title: 'doccano',
  export: [{ kind: 'spanAttribute' }, { kind: 'entityLink' }, { kind: 'statementNote' }, { kind: 'annotator' }, { kind: 'annotationTimestamps' }],
  import: [{ kind: 'documentCategories' }, { kind: 'documentMeta' }, { kind: 'documentComments' }, { kind: 'otherRelations' }],
};

function unitOf(options: FormatOptions): DoccanoUnit {
  return options.doccanoUnit === 'grapheme' ? 'grapheme' : 'utf16';
}

/** Offsets of `text` in `unit`; grapheme clusters are doccano's (grapheme-splitter 1.0.4), not Intl.Segmenter's. */
function converterFor(text: string, unit: DoccanoUnit): OffsetConverter {
  return unit === 'grapheme' ? new OffsetConverter(text, legacyGraphemeStarts) : new OffsetConverter(text);
}

function isTriple(v: unknown): v is [number, number, string | number] {
  return Array.isArray(v) && v.length >= 3 && isNonNegativeInteger(v[0]) && isNonNegativeInteger(v[1]) && (typeof v[2] === 'string' || typeof v[2] === 'number');
}

/** The key holding the spans: a known one, else any key whose value is a list of [start, end, label] triples. */
function spanKeyOf(record: Record<string, unknown>): string | undefined {
  for (const k of SPAN_KEYS) if (Array.isArray(record[k])) return k;
  return Object.keys(record).find((k) => Array.isArray(record[k]) && (record[k] as unknown[]).length > 0 && (record[k] as unknown[]).every(isTriple));
}

/** The key holding the text: `text`/`data`, else the longest string value that is not metadata. */
function textKeyOf(record: Record<string, unknown>): string | undefined {
  for (const k of TEXT_KEYS) if (typeof record[k] === 'string') return k;
  let best: string | undefined;
  for (const [k, v] of Object.entries(record)) {
    if (typeof v !== 'string' || META_KEYS.has(k)) continue;
    if (best === undefined || v.length > (record[best] as string).length) best = k;
  }
  return best;
}

interface RawSpan {
  id?: string;
  start: number;
  end: number;
  label: string;
  path: string;
}

/** The span entries of a record; an entry that is not a span is a bad record (refused, or skipped by `reject`). */
function readSpans(
  record: Record<string, unknown>,
  key: string,
  reject: (path: string, problem: string, id?: string) => void,
  warnings: WarningLog,
  where: string,
): RawSpan[] {
  const list = record[key] as unknown[];
  const out: RawSpan[] = [];
  list.forEach((item, i) => {
    const path = `$.${key}[${i}]`;
    if (isTriple(item)) {
      out.push({ start: item[0], end: item[1], label: String(item[2]), path });
      return;
    }
    if (typeof item === 'string') {
      // A text-classification label, not a span.
      warnings.lost('documentCategories', `${where}: ${key} "${item}"`);
      return;
    }
    if (!isRecord(item)) return reject(path, 'expected [start, end, "LABEL"] or {start_offset, end_offset, label}');
    const id = optionalString(item.id);
    const start = item.start_offset ?? item.start;
    const end = item.end_offset ?? item.end;
    if (!isNonNegativeInteger(start) || !isNonNegativeInteger(end)) return reject(path, 'start_offset and end_offset must be non-negative integers', id);
    const label = item.label ?? item.type;
    if (typeof label !== 'string' && typeof label !== 'number') return reject(path, 'the span has no label', id);
    if (typeof label === 'number') warnings.count('numeric label ids were read as label names', `${where}: ${label}`);
    out.push({ id, start, end, label: String(label), path });
  });
  return out;
}

/** Parse one doccano record (already JSON-decoded). Returns undefined (with a warning) when it has no text. */
export function parseDoccanoRecord(
  record: unknown,
  fileName: string,
  line: number,
  options: FormatOptions,
  warnings: WarningLog,
  fallbackTitle: string,
  policy = BadRecordPolicy.of(options, warnings),
): ImportedArticle | undefined {
  const fail = (path: string, problem: string): never => {
    throw new FormatError(fileName, `line ${line}, ${path}`, problem);
  };
  if (!isRecord(record)) fail('$', 'expected a JSON object with "text" and "label" or "entities"');
  const rec = record as Record<string, unknown>;
  const where = `${fileName} line ${line}`;
  const textKey = textKeyOf(rec);
  if (!textKey) {
    warnings.add(`${where}: the record has no text; skipped`);
    return undefined;
  }
  if (!TEXT_KEYS.includes(textKey)) warnings.count('text read from a non-standard column', `${where}: "${textKey}"`);
  const text = rec[textKey] as string;
  const meta: Record<string, unknown> = { ...(isRecord(rec.meta) ? rec.meta : {}), ...rec };
  const recordUnit = meta.offset_unit === 'grapheme' || meta.offset_unit === 'utf16' ? (meta.offset_unit as DoccanoUnit) : undefined;
  const unit = recordUnit ?? unitOf(options);
  const conv = converterFor(text, unit);

  // Spans the file has but that cannot be read: statements using them are dropped with them.
  const skippedSpanIds = new Set<string>();
  const reject = (path: string, problem: string, id?: string) => {
    policy.reject(fileName, `line ${line}, ${path}`, problem);
    if (id !== undefined) skippedSpanIds.add(id);
  };
  const key = spanKeyOf(rec);
  const raw = key ? readSpans(rec, key, reject, warnings, where) : [];
  const notes = isRecord(meta.span_notes) ? meta.span_notes : {};
  const fragmentsMeta = isRecord(meta.span_fragments) ? meta.span_fragments : {};
  /** The offset in UTF-16 code units, or undefined (rejected) when it is outside the text. */
  const toUtf16 = (value: number, path: string, id: string) => {
    try {
      return conv.toUtf16(value, unit);
    } catch (e) {
      if (!(e instanceof OffsetError)) throw e;
      reject(path, `${e.message} (offsets read as ${unit === 'utf16' ? 'UTF-16 code units' : 'grapheme clusters'})`, id);
      return undefined;
    }
  };
  const spans: ImportedSpan[] = [];
  const spanPaths: string[] = [];
  raw.forEach((r, i) => {
    const id = r.id ?? String(i);
    const start = toUtf16(r.start, r.path, id);
    const end = start === undefined ? undefined : toUtf16(r.end, r.path, id);
    if (start === undefined || end === undefined) return;
    const span: ImportedSpan = { id, label: r.label, start, end };
    const note = notes[id];
    if (typeof note === 'string' && note) span.note = note;
    const frags = fragmentsMeta[id];
    if (Array.isArray(frags) && frags.length >= 2 && frags.every((f) => Array.isArray(f) && isNonNegativeInteger(f[0]) && isNonNegativeInteger(f[1]))) {
      const converted = (frags as [number, number][]).map(([s, e]) => ({ start: toUtf16(s, `$.span_fragments.${id}`, id), end: toUtf16(e, `$.span_fragments.${id}`, id) }));
      if (converted.some((f) => f.start === undefined || f.end === undefined)) return;
      span.fragments = converted as { start: number; end: number }[];
    }
    spans.push(span);
    spanPaths.push(r.path);
  });

  const relations: BinaryRelation[] = [];
  if (Array.isArray(rec.relations)) {
    rec.relations.forEach((r, i) => {
      if (!isRecord(r)) return reject(`$.relations[${i}]`, 'expected {from_id, to_id, type}');
      const from = optionalString(r.from_id);
      const to = optionalString(r.to_id);
      if (from === undefined || to === undefined) return reject(`$.relations[${i}]`, 'a relation needs from_id and to_id');
      relations.push({ from, to, label: String(r.type ?? r.label ?? '') });
    });
  }
  const statements = relationsToStatements(relations, warnings, where);

  const comments = rec.Comments ?? rec.comments;
  if (Array.isArray(comments)) for (const c of comments) warnings.lost('documentComments', `${where}: ${briefValue(c)}`);
  reportForeignKeys(rec, [textKey, key], where, warnings);

  const status = ArticleStatusSchema.safeParse(meta.status);
  const article: ImportedArticle = {
    ...(optionalString(rec.id) !== undefined ? { id: optionalString(rec.id) } : {}),
    title: optionalString(meta.title) ?? fallbackTitle,
    text,
    ...(optionalString(meta.source) ? { source: optionalString(meta.source) } : {}),
    ...(optionalString(meta.url) ? { url: optionalString(meta.url) } : {}),
    ...(optionalString(meta.date) ? { date: optionalString(meta.date) } : {}),
    ...(status.success ? { status: status.data } : {}),
    ...(validTimestamp(meta.created_at) ? { createdAt: validTimestamp(meta.created_at) } : {}),
    ...(validTimestamp(meta.updated_at) ? { updatedAt: validTimestamp(meta.updated_at) } : {}),
    spans,
    statements,
  };
  return screenArticle(article, policy, {
    span: (i) => ({ file: fileName, location: `line ${line}, ${spanPaths[i]}` }),
    statement: () => ({ file: fileName, location: `line ${line}, $.relations` }),
    skippedSpanIds,
  });
}

/** Count what the record holds beyond what the workbench reads: document categories and other metadata. */
function reportForeignKeys(rec: Record<string, unknown>, read: (string | undefined)[], where: string, warnings: WarningLog): void {
  const category = (name: string, value: unknown) => {
    if (Array.isArray(value)) for (const v of value) warnings.lost('documentCategories', `${where}: ${name} ${briefValue(v)}`);
    else if (isRecord(value)) for (const [k, v] of Object.entries(value)) warnings.lost('documentCategories', `${where}: ${name} ${briefValue(k)}=${briefValue(v)}`);
    else warnings.lost('documentCategories', `${where}: ${name} ${briefValue(value)}`);
  };
  for (const [k, v] of Object.entries(rec)) {
    if (read.includes(k) || META_KEYS.has(k)) continue;
    if (CATEGORY_KEYS.has(k)) category(k, v);
    else warnings.lost('documentMeta', `${where}: ${k}=${briefValue(v)}`);
  }
  if (isRecord(rec.meta))
    for (const [k, v] of Object.entries(rec.meta)) if (!META_KEYS.has(k)) warnings.lost('documentMeta', `${where}: meta.${k}=${briefValue(v)}`);
}

function parseDoccano(files: InputFile[], options: FormatOptions): ParsedCorpus {
  const warnings = new WarningLog(doccanoLosses);
  const policy = BadRecordPolicy.of(options, warnings);
  const articles: ImportedArticle[] = [];
  for (const file of expandArchives(files)) {
    let values = parseJsonSequence(fileText(file), file.name);
    if (values.length === 1 && Array.isArray(values[0].value)) values = (values[0].value as unknown[]).map((value) => ({ value, line: values[0].line }));
    const stem = pathParts(file.name).stem;
    values.forEach(({ value, line }, i) => {
      const a = parseDoccanoRecord(value, file.name, line, options, warnings, `${stem} ${i + 1}`, policy);
      if (a) articles.push(a);
    });
  }
  return { articles, warnings: warnings.list() };
}

/**
 * doccano JSONL line by line (the CLI's streamed import): one record per line, the way
 * parseJsonSequence reads a file whose first line is a whole JSON value. Pretty-printed files
 * and top-level arrays go through `parse`.
 */
function doccanoLineReader(options: FormatOptions): LineReader {
  const warnings = new WarningLog(doccanoLosses);
  const policy = BadRecordPolicy.of(options, warnings);
  /** Records read so far per file, numbering the fallback titles as `parse` does. */
  const recordsOf = new Map<string, number>();
  return {
    readsLineByLine(firstLine) {
      try {
        return !Array.isArray(JSON.parse(firstLine));
      } catch {
        return false;
      }
    },
    line(fileName, text, line) {
      if (text.trim() === '') return undefined;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        throw new FormatError(fileName, `line ${line}`, `not valid JSON: ${(e as Error).message}`);
      }
      const index = (recordsOf.get(fileName) ?? 0) + 1;
      recordsOf.set(fileName, index);
      return parseDoccanoRecord(value, fileName, line, options, warnings, `${pathParts(fileName).stem} ${index}`, policy);
    },
    end: () => ({ warnings: warnings.list() }),
  };
}

/** Convert a UTF-16 offset to the export unit; offsets inside a grapheme cluster move outward. */
function exportOffset(conv: OffsetConverter, utf16: number, unit: DoccanoUnit, direction: -1 | 1, onSnap: () => void): number {
  if (unit === 'utf16') return utf16;
  for (let i = utf16; i >= 0 && i <= conv.text.length; i += direction) {
    try {
      const g = conv.utf16ToGrapheme(i);
      if (i !== utf16) onSnap();
      return g;
    } catch (e) {
      if (!(e instanceof OffsetError)) throw e;
    }
  }
  return direction < 0 ? 0 : conv.utf16ToGrapheme(conv.text.length);
}

/** What `doccanoNoOverlap` left out over one export, reported once at its end. */
interface OverlapLosses {
  spans: number;
  relations: number;
  articles: number;
  example?: string;
}
const overlapLosses = new WeakMap<ExportContext, OverlapLosses>();

/** One article as a doccano `entities`/`relations` record. */
export function articleToDoccanoRecord(article: Article, ctx: ExportContext): Record<string, unknown> {
  const unit = unitOf(ctx.options);
  // Only grapheme offsets need the text read through (UTF-16 offsets are the spans' own).
  const conv = unit === 'utf16' ? undefined : converterFor(article.text, unit);
  const labelName = labelNamer(ctx.schema);
  let snapped = 0;
  const onSnap = () => snapped++;
  const offset = (utf16: number, direction: -1 | 1) => (conv ? exportOffset(conv, utf16, unit, direction, onSnap) : utf16);
  // UTF-16 offsets are the spans' own: no copy of every span's extent.
  const extents: readonly { start: number; end: number }[] = conv ? article.spans.map((s) => ({ start: offset(s.start, -1), end: offset(s.end, 1) })) : article.spans;
  // Overlap is judged on the offsets doccano will see (widening to clusters can make spans overlap).
  const kept = ctx.options.doccanoNoOverlap ? leaveOutOverlaps(article, extents, ctx) : undefined;
  const count = kept ? kept.length : article.spans.length;
  const entityId = new Map<string, number>();
  const spanNotes: Record<string, string> = {};
  const spanFragments: Record<string, [number, number][]> = {};
  const entities: { id: number; label: string; start_offset: number; end_offset: number }[] = [];
  for (let i = 0; i < count; i++) {
    const k = kept ? kept[i] : i;
    const s = article.spans[k];
    entityId.set(s.id, i);
    if (s.note) spanNotes[String(i)] = s.note;
    if (s.fragments) spanFragments[String(i)] = s.fragments.map((f) => [offset(f.start, -1), offset(f.end, 1)]);
    entities.push({ id: i, label: labelName(s.labelId), start_offset: extents[k].start, end_offset: extents[k].end });
  }
  if (snapped) ctx.warn?.(`${article.title}: ${snapped} span boundaries fell inside a grapheme cluster and were widened to whole clusters`);
  const allRelations = statementsToRelations(article.statements);
  const relations: { id: number; from_id: number; to_id: number; type: string }[] = [];
  for (const r of allRelations) {
    const from = entityId.get(r.from);
    const to = from === undefined ? undefined : entityId.get(r.to);
    if (to !== undefined) relations.push({ id: relations.length, from_id: from!, to_id: to, type: r.label });
  }
  const losses = overlapLosses.get(ctx);
  if (losses && count < article.spans.length) losses.relations += allRelations.length - relations.length;
  return {
    id: article.id,
    text: article.text,
    entities,
    relations,
    Comments: [],
    title: article.title,
    ...(article.source ? { source: article.source } : {}),
    ...(article.url ? { url: article.url } : {}),
    ...(article.date ? { date: article.date } : {}),
    status: article.status,
    created_at: article.createdAt,
    updated_at: article.updatedAt,
    offset_unit: unit,
    ...(Object.keys(spanNotes).length ? { span_notes: spanNotes } : {}),
    ...(Object.keys(spanFragments).length ? { span_fragments: spanFragments } : {}),
  };
}

/** The indices of the spans kept by `doccanoNoOverlap`; the others are tallied for the end-of-export warning. */
function leaveOutOverlaps(article: Article, extents: readonly { start: number; end: number }[], ctx: ExportContext): number[] {
  const { kept, dropped } = oneSpanPerOverlapGroup(extents);
  if (!dropped.length) return kept;
  let losses = overlapLosses.get(ctx);
  if (!losses) overlapLosses.set(ctx, (losses = { spans: 0, relations: 0, articles: 0 }));
  losses.spans += dropped.length;
  losses.articles++;
  if (!losses.example) {
    const labelName = labelNamer(ctx.schema);
    const quote = (i: number) => {
      const s = article.spans[i];
      const covered = article.text.slice(s.start, s.end);
      return `${labelName(s.labelId)} "${covered.length > 40 ? `${covered.slice(0, 40)}…` : covered}"`;
    };
    losses.example = `${article.title}: ${quote(dropped[0].index)} overlaps ${quote(dropped[0].keptIndex)}, which was kept`;
  }
  return kept;
}

/** The end-of-export warning for `doccanoNoOverlap`, if it left anything out. */
function reportOverlapLosses(ctx: ExportContext): void {
  const losses = overlapLosses.get(ctx);
  if (!losses) return;
  overlapLosses.delete(ctx);
  const n = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
  ctx.warn?.(
    `overlapping spans left out for a doccano project without "Allow overlapping spans" (one kept per overlap group: the longest, ties to the earliest): ` +
      `${n(losses.spans, 'span')} in ${n(losses.articles, 'article')}${losses.relations ? `, with ${n(losses.relations, 'statement relation')} using them` : ''}, e.g. ${losses.example}`,
  );
}

export const doccanoCodec: FormatCodec = {
  name: 'doccano',
  description: 'doccano JSONL (sequence labeling with relations); UTF-16 offsets, or grapheme clusters',
  layout: 'single',
  extension: 'jsonl',
  mimeType: 'application/jsonl',
  losses: doccanoLosses,
  parse: parseDoccano,
  lineReader: doccanoLineReader,
  article(article, ctx) {
    return [{ text: JSON.stringify(articleToDoccanoRecord(article, ctx)) + '\n' }];
  },
  end(ctx) {
    reportOverlapLosses(ctx);
    return [];
  },
};
