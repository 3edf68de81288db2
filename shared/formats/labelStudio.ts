/**
 * Label Studio JSON export: an array of tasks `{data: {text, …}, annotations: [{result: […]}]}`.
 * Span regions (`type: "labels"`) count CODE POINTS of `data.text` (`value.start`/`value.end`),
 * converted to UTF-16 here; the covered text is taken from the document, `value.text` is only a
 * checksum (LS escapes newlines in it). `relation` results become statements with the same
 * polarity-path encoding as doccano (statementRelations.ts). A region's `meta.text` (LS's region
 * note) or a per-region `textarea` becomes the span note; per-region `choices` become attributes.
 * HyperText tasks are read through `globalOffsets` over the HTML's text content.
 *
 * Results that are not text regions (image boxes, polygons, document-level choices) are dropped
 * with a warning; the task's text regions are still read.
 *
 * Export writes importable tasks with an integer `id` (label-studio-converter needs it):
 * `from_name: "label"`, `to_name: "text"`, one annotation per task; the matching labeling
 * config is in docs/formats.md.
 */
import { OffsetConverter, OffsetError } from '../text/offsets';
import { ArticleStatusSchema, type Article } from '../domain/model';
import {
  FormatError,
  type ExportContext,
  type FormatCodec,
  type ImportedArticle,
  type ImportedSpan,
  type InputFile,
  type ParsedCorpus,
} from './codec';
import { expandArchives, fileText, pathParts } from './inputFiles';
import { parseJsonDocument } from './jsonText';
import { isNonNegativeInteger, isRecord, labelNamer, optionalString, validTimestamp } from './fields';
import { relationsToStatements, statementsToRelations, type BinaryRelation } from './statementRelations';
import { WarningLog } from './warnings';
import { BadRecordPolicy, screenArticle } from './badRecords';
import type { FormatOptions } from './formatNames';
import { briefValue, type CodecLosses } from './losses';

/** Control and object tag names our export uses (see the labeling config in docs/formats.md). */
export const LS_FROM_NAME = 'label';
export const LS_TO_NAME = 'text';

/** Text content of an HTML string: tags, comments, scripts and styles removed, entities decoded. */
export function htmlTextContent(html: string): string {
  return decodeEntities(
    html
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
      .replace(/<[^>]*>/g, ''),
  );
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, body: string) => {
    if (body[0] === '#') {
      const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return cp >= 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? m;
  });
}

/** Compare covered text loosely: LS writes newlines as the two characters "\n" in value.text. */
function looseText(s: string): string {
  return s.replace(/\\n/g, '\n').replace(/\s+/g, ' ').trim();
}

function annotatorOf(completedBy: unknown): string | undefined {
  if (typeof completedBy === 'number') return `user ${completedBy}`;
  if (typeof completedBy === 'string' && completedBy) return completedBy;
  if (isRecord(completedBy))
    return optionalString(completedBy.email) ?? optionalString(completedBy.username) ?? optionalString(completedBy.first_name) ?? optionalString(completedBy.id);
  return undefined;
}

function textKeyOf(data: Record<string, unknown>): string | undefined {
  if (typeof data.text === 'string') return 'text';
  let best: string | undefined;
  for (const [k, v] of Object.entries(data)) {
    if (typeof v !== 'string' || ['title', 'source', 'url', 'date', 'article_id', 'status'].includes(k)) continue;
    if (best === undefined || v.length > (data[best] as string).length) best = k;
  }
  return best;
}

/**
 * Result types of Label Studio's labeling tags that mark images, video, audio and time series:
 * their `value` holds coordinates or seconds, not offsets into a text.
 */
const NON_TEXT_RESULT_TYPES = new Set([
  'rectanglelabels', 'rectangle', 'polygonlabels', 'polygon', 'ellipselabels', 'ellipse', 'keypointlabels', 'keypoint',
  'brushlabels', 'brush', 'videorectangle', 'timeserieslabels', 'bitmasklabels', 'bitmask', 'magicwand', 'vectorlabels', 'vector',
]);

/**
 * The label list of a text span region: `value.labels`, or any `value.*labels` array
 * (hypertextlabels, …). Undefined for a result that is not a text region: a non-text type, or a
 * value with no `start`/`end`/`globalOffsets` (an image box has `x`, `y`, `width`, `height`).
 */
function regionLabels(type: unknown, value: Record<string, unknown>): string[] | undefined {
  if (typeof type === 'string' && NON_TEXT_RESULT_TYPES.has(type.toLowerCase())) return undefined;
  if (!('start' in value || 'end' in value || 'globalOffsets' in value)) return undefined;
  if (Array.isArray(value.labels)) return value.labels.map(String);
  for (const [k, v] of Object.entries(value)) if (/labels$/i.test(k) && Array.isArray(v)) return v.map(String);
  return undefined;
}

export function parseLabelStudioTask(
  task: unknown,
  fileName: string,
  path: string,
  warnings: WarningLog,
  fallbackTitle: string,
  policy = new BadRecordPolicy(warnings, false),
): ImportedArticle | undefined {
  const fail = (where: string, problem: string): never => {
    throw new FormatError(fileName, where, problem);
  };
  if (!isRecord(task)) fail(path, 'expected a task object with "data"');
  const t = task as Record<string, unknown>;
  if (!isRecord(t.data)) fail(`${path}.data`, 'a task needs a "data" object holding the text');
  const data = t.data as Record<string, unknown>;
  const textKey = textKeyOf(data);
  if (!textKey) {
    warnings.add(`${fileName} ${path}: the task has no text in "data"; skipped`);
    return undefined;
  }
  if (textKey !== 'text') warnings.count('text read from another data key than "text"', `${fileName} ${path}: data.${textKey}`);
  const source = data[textKey] as string;

  // Which result sets: human annotations (not cancelled), else model predictions.
  const sets: { results: unknown[]; path: string; annotator?: string; createdAt?: string; updatedAt?: string }[] = [];
  if (Array.isArray(t.annotations)) {
    t.annotations.forEach((ann, j) => {
      if (!isRecord(ann)) fail(`${path}.annotations[${j}]`, 'expected an annotation object with "result"');
      if (ann.was_cancelled === true) return;
      if (!Array.isArray(ann.result)) fail(`${path}.annotations[${j}].result`, 'expected an array of results');
      sets.push({
        results: ann.result as unknown[],
        path: `${path}.annotations[${j}].result`,
        annotator: annotatorOf(ann.completed_by),
        createdAt: validTimestamp(ann.created_at),
        updatedAt: validTimestamp(ann.updated_at),
      });
    });
  }
  // A task's predictions are read only when it has no annotations; else they are reported as left out.
  if (sets.length && Array.isArray(t.predictions))
    t.predictions.forEach((pred, j) => {
      const model = isRecord(pred) ? optionalString(pred.model_version) : undefined;
      warnings.lost('modelPredictions', `${fileName} ${path}.predictions[${j}]${model ? ` (model ${model})` : ''}`);
    });
  if (!sets.length && Array.isArray(t.predictions) && t.predictions.length) {
    t.predictions.forEach((pred, j) => {
      if (!isRecord(pred) || !Array.isArray(pred.result)) fail(`${path}.predictions[${j}]`, 'expected a prediction object with "result"');
      const p = pred as Record<string, unknown>;
      sets.push({ results: p.result as unknown[], path: `${path}.predictions[${j}].result`, annotator: optionalString(p.model_version) });
    });
    warnings.count('tasks without annotations: model predictions were imported instead', `${fileName} ${path}`);
  }

  // HyperText: regions address the DOM; their globalOffsets count code points of the text content.
  const isHyper = sets.some((s) => s.results.some((r) => isRecord(r) && isRecord(r.value) && typeof r.value.start === 'string' && isRecord(r.value.globalOffsets)));
  const text = isHyper ? htmlTextContent(source) : source;
  if (isHyper) warnings.count('HyperText tasks: the HTML was reduced to its text content', `${fileName} ${path}`);
  const conv = new OffsetConverter(text);
  // Regions the file has but that cannot be read: statements using them are dropped with them.
  const skippedSpanIds = new Set<string>();
  const reject = (where: string, problem: string, id?: string) => {
    policy.reject(fileName, where, problem);
    if (id !== undefined) skippedSpanIds.add(id);
  };
  /** The offset in UTF-16 code units, or undefined (rejected) when it is outside the text. */
  const toUtf16 = (cp: number, where: string, id: string | undefined) => {
    try {
      return conv.codePointToUtf16(cp);
    } catch (e) {
      if (!(e instanceof OffsetError)) throw e;
      reject(where, `offset ${cp} is outside the text (${conv.codePointLength} code points)`, id);
      return undefined;
    }
  };

  const spans: ImportedSpan[] = [];
  const spanPaths: string[] = [];
  const spansById = new Map<string, ImportedSpan[]>();
  const relations: BinaryRelation[] = [];
  const prefix = sets.length > 1;
  sets.forEach((set, setIndex) => {
    const idOf = (raw: unknown) => {
      const id = optionalString(raw);
      return id === undefined ? undefined : prefix ? `${setIndex + 1}-${id}` : id;
    };
    const extras: { r: Record<string, unknown>; where: string }[] = [];
    set.results.forEach((item, k) => {
      const where = `${set.path}[${k}]`;
      if (!isRecord(item)) fail(where, 'expected a result object');
      const r = item as Record<string, unknown>;
      if (r.type === 'relation' || ('from_id' in r && 'to_id' in r && !('value' in r))) {
        const from = idOf(r.from_id);
        const to = idOf(r.to_id);
        if (from === undefined || to === undefined) return reject(where, 'a relation needs from_id and to_id');
        const labels = Array.isArray(r.labels) ? r.labels.map(String) : [];
        const label = labels.find((l) => l) ?? '';
        const [a, b] = r.direction === 'left' ? [to, from] : [from, to];
        relations.push({ from: a, to: b, label });
        return;
      }
      const value = r.value;
      const labels = isRecord(value) ? regionLabels(r.type, value) : undefined;
      if (!isRecord(value) || !labels) {
        extras.push({ r, where });
        return;
      }
      const id = idOf(r.id);
      let start: unknown = value.start;
      let end: unknown = value.end;
      if (isHyper || typeof start === 'string') {
        const g = value.globalOffsets;
        if (!isRecord(g)) return reject(`${where}.value`, 'start and end must be non-negative integers (code points), or XPaths with globalOffsets (HyperText)', id);
        start = g.start;
        end = g.end;
      }
      if (!isNonNegativeInteger(start) || !isNonNegativeInteger(end)) return reject(`${where}.value`, 'start and end must be non-negative integers (code points)', id);
      if (!labels.length) return reject(`${where}.value`, 'the region has no label', id);
      const s16 = toUtf16(start, `${where}.value.start`, id);
      const e16 = s16 === undefined ? undefined : toUtf16(end, `${where}.value.end`, id);
      if (s16 === undefined || e16 === undefined) return;
      if (e16 > s16 && typeof value.text === 'string' && looseText(value.text) !== looseText(text.slice(s16, e16)))
        warnings.count('value.text differs from the document slice (offsets kept)', `${fileName} ${where}: "${value.text}" vs "${text.slice(s16, e16)}"`);
      const metaText = isRecord(r.meta) && Array.isArray(r.meta.text) ? r.meta.text.filter((x) => typeof x === 'string' && x).join('\n') : '';
      // A region labelled by two controls comes as two results with one id: each label is a span,
      // the first keeps the region's id (relations point at it), the others get "-2", "-3", ….
      const before = id !== undefined ? (spansById.get(id)?.length ?? 0) : 0;
      const made: ImportedSpan[] = labels.map((label, li) => ({
        ...(id !== undefined ? { id: before + li === 0 ? id : `${id}-${before + li + 1}` } : {}),
        label,
        start: s16,
        end: e16,
        ...(metaText ? { note: metaText } : {}),
        ...(set.annotator ? { annotator: set.annotator } : {}),
        ...(set.createdAt ? { createdAt: set.createdAt } : {}),
        ...(set.updatedAt ? { updatedAt: set.updatedAt } : {}),
      }));
      spans.push(...made);
      spanPaths.push(...made.map(() => where));
      if (id !== undefined) spansById.set(id, [...(spansById.get(id) ?? []), ...made]);
    });
    // Per-region results share the region's id: notes (textarea) and attributes (choices).
    for (const { r, where } of extras) {
      const id = idOf(r.id);
      const targets = id !== undefined ? spansById.get(id) : undefined;
      const value = isRecord(r.value) ? r.value : {};
      if (targets && r.type === 'textarea' && Array.isArray(value.text)) {
        const note = value.text.filter((x) => typeof x === 'string').join('\n');
        for (const s of targets) if (note) s.note = s.note ? `${s.note}\n${note}` : note;
      } else if (targets && Array.isArray(value.choices)) {
        const name = optionalString(r.from_name) ?? 'choice';
        for (const s of targets) s.attributes = { ...s.attributes, [name]: value.choices.map(String).join(', ') };
      } else {
        warnings.lost('nonTextResults', `${fileName} ${where} (${String(r.type ?? 'no type')})`);
      }
    }
  });

  const statements = relationsToStatements(relations, warnings, `${fileName} ${path}`);
  for (const [k, v] of Object.entries(data)) if (k !== textKey && !DATA_KEYS.has(k)) warnings.lost('documentMeta', `${fileName} ${path}: data.${k}=${briefValue(v)}`);
  if (isRecord(t.meta)) for (const [k, v] of Object.entries(t.meta)) if (!TASK_META_KEYS.has(k)) warnings.lost('documentMeta', `${fileName} ${path}: meta.${k}=${briefValue(v)}`);
  const status = ArticleStatusSchema.safeParse(isRecord(t.meta) ? t.meta.status : undefined);
  const articleId = optionalString(data.article_id) ?? optionalString(t.id);
  const article: ImportedArticle = {
    ...(articleId ? { id: articleId } : {}),
    title: optionalString(data.title) ?? fallbackTitle,
    text,
    ...(optionalString(data.source) ? { source: optionalString(data.source) } : {}),
    ...(optionalString(data.url) ? { url: optionalString(data.url) } : {}),
    ...(optionalString(data.date) ? { date: optionalString(data.date) } : {}),
    ...(status.success ? { status: status.data } : {}),
    ...(validTimestamp(t.created_at) ? { createdAt: validTimestamp(t.created_at) } : {}),
    ...(validTimestamp(t.updated_at) ? { updatedAt: validTimestamp(t.updated_at) } : {}),
    spans,
    statements,
  };
  return screenArticle(article, policy, {
    span: (i) => ({ file: fileName, location: spanPaths[i] }),
    statement: () => ({ file: fileName, location: `${path} (relations)` }),
    skippedSpanIds,
  });
}

/** The `data` and task `meta` keys the import reads (the text's key too). */
const DATA_KEYS = new Set(['article_id', 'title', 'source', 'url', 'date']);
const TASK_META_KEYS = new Set(['status', 'offset_unit']);

/**
 * Label Studio regions are contiguous and results carry no entity links, and relations no
 * notes; the export writes no annotator or times (a task's annotation is one person's, ours
 * are per span). The workbench has no place for other data or meta keys nor for regions on
 * images, audio and the like.
 */
const labelStudioLosses: CodecLosses = {
  title: 'Label Studio',
  export: [
    { kind: 'spanFragments', reason: 'Label Studio regions are contiguous: written as their full extent' },
    { kind: 'entityLink' },
    { kind: 'statementNote' },
    { kind: 'annotator' },
    { kind: 'annotationTimestamps' },
  ],
  import: [
    { kind: 'documentMeta' },
    { kind: 'nonTextResults' },
    { kind: 'otherRelations' },
    { kind: 'modelPredictions', reason: "the task's annotations were imported instead" },
  ],
};

function parseLabelStudio(files: InputFile[], options: FormatOptions): ParsedCorpus {
  const warnings = new WarningLog(labelStudioLosses);
  const policy = BadRecordPolicy.of(options, warnings);
  const articles: ImportedArticle[] = [];
  for (const file of expandArchives(files)) {
    const doc = parseJsonDocument(fileText(file), file.name);
    const tasks = Array.isArray(doc) ? doc : [doc];
    const stem = pathParts(file.name).stem;
    tasks.forEach((task, i) => {
      const a = parseLabelStudioTask(task, file.name, Array.isArray(doc) ? `$[${i}]` : '$', warnings, `${stem} ${i + 1}`, policy);
      if (a) articles.push(a);
    });
  }
  return { articles, warnings: warnings.list() };
}

/**
 * One article as an importable Label Studio task. `taskId` is the task's integer `id`: Label
 * Studio's own exports have one and label-studio-converter reads it (`task['id']`) for every
 * task; our article id travels in `data.article_id`.
 */
export function articleToLabelStudioTask(article: Article, ctx: ExportContext, taskId: number): Record<string, unknown> {
  const conv = new OffsetConverter(article.text);
  const labelName = labelNamer(ctx.schema);
  const result: Record<string, unknown>[] = [];
  const ids = new Set(article.spans.map((s) => s.id));
  for (const s of article.spans) {
    const start = conv.utf16ToCodePoint(s.start);
    const end = conv.utf16ToCodePoint(s.end);
    result.push({
      id: s.id,
      from_name: LS_FROM_NAME,
      to_name: LS_TO_NAME,
      type: 'labels',
      origin: 'manual',
      value: { start, end, text: article.text.slice(s.start, s.end), labels: [labelName(s.labelId)] },
      ...(s.note ? { meta: { text: [s.note] } } : {}),
    });
    for (const [name, value] of Object.entries(s.attributes ?? {})) {
      result.push({ id: s.id, from_name: name, to_name: LS_TO_NAME, type: 'choices', value: { start, end, choices: [value] } });
    }
  }
  for (const r of statementsToRelations(article.statements)) {
    if (!ids.has(r.from) || !ids.has(r.to)) continue;
    result.push({ from_id: r.from, to_id: r.to, type: 'relation', direction: 'right', labels: [r.label] });
  }
  return {
    id: taskId,
    data: {
      text: article.text,
      article_id: article.id,
      title: article.title,
      ...(article.source ? { source: article.source } : {}),
      ...(article.url ? { url: article.url } : {}),
      ...(article.date ? { date: article.date } : {}),
    },
    meta: { status: article.status, offset_unit: 'codepoint' },
    created_at: article.createdAt,
    updated_at: article.updatedAt,
    annotations: [{ result, was_cancelled: false, ground_truth: false }],
  };
}

export const labelStudioCodec: FormatCodec = {
  name: 'label-studio',
  description: 'Label Studio JSON tasks (Text labels + relations); code-point offsets',
  layout: 'single',
  extension: 'json',
  mimeType: 'application/json',
  losses: labelStudioLosses,
  parse: parseLabelStudio,
  begin() {
    return [{ text: '[\n' }];
  },
  article(article, ctx, index) {
    return [{ text: (index > 0 ? ',\n' : '') + JSON.stringify(articleToLabelStudioTask(article, ctx, index + 1)) }];
  },
  end() {
    return [{ text: '\n]\n' }];
  },
};
