/**
 * Native JSONL: one article per line, exactly the stored Article record (metadata, text,
 * spans with label id, note, annotator, timestamps, and statements). Offsets are UTF-16 code
 * units, and each line says so in `offsetUnit`. Lossless by construction: import parses with
 * the same schema the store uses, export writes keys in schema order, so export → import →
 * export is byte-identical.
 *
 * Entity records (workspace-level, see EntitySchema) travel with the articles that use them: a
 * line whose spans link to entities ends with `entities`, the full records of exactly those
 * entities, sorted by id. Each line stays self-contained (any subset of lines imports without
 * dangling links, and export stays streamed article by article), at the price of repeating an
 * entity on every line that mentions it. Lines without links have no `entities` key, so files
 * of workspaces without entities are unchanged.
 */
import { z } from 'zod';
import { ArticleSchema, EntitySchema, SpanSchema, StatementSchema, type Article, type Entity } from '../domain/model';
import { describeZodError } from '../domain/zodErrors';
import { BadRecordPolicy, screenArticle } from './badRecords';
import type { FormatOptions } from './formatNames';
import { FormatError, type ExportContext, type FormatCodec, type ImportedArticle, type InputFile, type LineReader, type ParsedCorpus } from './codec';
import { WarningLog } from './warnings';
import { CARRIES_EVERYTHING } from './losses';

export const NATIVE_OFFSET_UNIT = 'utf-16';

const NativeLineSchema = ArticleSchema.extend({
  offsetUnit: z.literal(NATIVE_OFFSET_UNIT).optional(),
  entities: z.array(EntitySchema).optional(),
  // Spans and statements are checked one by one (nativeAnnotations), so a bad one is named and can be skipped.
  spans: z.array(z.unknown()),
  statements: z.array(z.unknown()).default([]),
});

/**
 * The spans and statements of one line that keep their schemas and the domain's invariants;
 * each bad one is refused, or skipped and reported, by `policy` (badRecords.ts).
 */
function nativeAnnotations(
  line: { text: string; spans: unknown[]; statements: unknown[] },
  file: string,
  where: string,
  policy: BadRecordPolicy,
): Pick<ImportedArticle, 'spans' | 'statements'> {
  const skippedSpanIds = new Set<string>();
  const each = <T>(items: unknown[], schema: z.ZodType<T>, key: string, onSkip?: (item: unknown) => void) =>
    items.flatMap((item, i) => {
      const parsed = schema.safeParse(item);
      if (parsed.success) return [parsed.data];
      policy.reject(file, where, `$.${key}[${i}]: ${describeZodError(parsed.error)}`);
      onSkip?.(item);
      return [];
    });
  const spans = each(line.spans, SpanSchema, 'spans', (item) => {
    const id = (item as { id?: unknown } | null)?.id;
    if (typeof id === 'string') skippedSpanIds.add(id);
  });
  const statements = each(line.statements, StatementSchema, 'statements');
  const screened = screenArticle(
    { title: '', text: line.text, spans: spans.map(({ labelId, ...s }) => ({ ...s, label: labelId })), statements },
    policy,
    { span: () => ({ file, location: where }), statement: () => ({ file, location: where }), skippedSpanIds },
  );
  return { spans: screened.spans, statements: screened.statements };
}

/** Serialise one article as its JSONL line (no newline), without entity records. Key order follows the schema. */
export function articleToJsonlLine(article: Article): string {
  return articleToJsonlLineWithEntities(article, undefined);
}

/**
 * One article's JSONL line with the records of the entities its spans link to (looked up in
 * `entities`; a link to an entity the workspace does not have is reported through `warn` and
 * written as it is, the way the workspace holds it).
 */
export function articleToJsonlLineWithEntities(
  article: Article,
  entities: ReadonlyMap<string, Entity> | undefined,
  warn?: (message: string) => void,
): string {
  const canonical = ArticleSchema.parse(article);
  const linked = [...new Set(canonical.spans.flatMap((s) => (s.entityId ? [s.entityId] : [])))].sort();
  const records: Entity[] = [];
  for (const id of linked) {
    const entity = entities?.get(id);
    if (entity) records.push(EntitySchema.parse(entity));
    else if (entities) warn?.(`${article.title}: spans link to entity ${id}, which the workspace does not have; the link is written without its record`);
  }
  return JSON.stringify({ offsetUnit: NATIVE_OFFSET_UNIT, ...canonical, ...(records.length ? { entities: records } : {}) });
}

/** Entities of a file, by id, with the line that first gave each (to name both lines of a contradiction). */
type EntitiesSeen = Map<string, { entity: Entity; json: string; line: string }>;

export function parseJsonl(file: InputFile, seen: EntitiesSeen = new Map(), policy = new BadRecordPolicy(new WarningLog(), false)): ImportedArticle[] {
  const text = file.text ?? new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const articles: ImportedArticle[] = [];
  lines.forEach((line, i) => {
    const article = parseJsonlLine(file.name, line, i + 1, seen, policy);
    if (article) articles.push(article);
  });
  return articles;
}

/** One line of a native JSONL file (`lineNumber` from 1): its article, or undefined when the line is blank. */
function parseJsonlLine(fileName: string, text: string, lineNumber: number, seen: EntitiesSeen, policy: BadRecordPolicy): ImportedArticle | undefined {
  if (text.trim() === '') return undefined;
  const where = `line ${lineNumber}`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new FormatError(fileName, where, `not valid JSON: ${(e as Error).message}`);
  }
  const parsed = NativeLineSchema.safeParse(json);
  if (!parsed.success) throw new FormatError(fileName, where, describeZodError(parsed.error));
  const { offsetUnit: _unit, entities, ...article } = parsed.data;
  const annotations = nativeAnnotations(article, fileName, where, policy);
  for (const entity of entities ?? []) {
    // Every line repeats the records it uses; two lines disagreeing means the file was edited by hand.
    const canonical = JSON.stringify(entity);
    const before = seen.get(entity.id);
    if (before && before.json !== canonical)
      throw new FormatError(fileName, where, `entity ${entity.id} differs from the record of the same id on ${before.line}`);
    if (!before) seen.set(entity.id, { entity, json: canonical, line: `${fileName} ${where}` });
  }
  return { ...article, ...annotations };
}

const entitiesOf = (seen: EntitiesSeen) => (seen.size ? { entities: [...seen.values()].map((e) => e.entity) } : {});

/** The whole import's state (entities seen, warnings, the bad-record policy) around parseJsonlLine. */
function jsonlLineReader(options: FormatOptions): LineReader {
  const seen: EntitiesSeen = new Map();
  const warnings = new WarningLog();
  const policy = BadRecordPolicy.of(options, warnings);
  return {
    readsLineByLine: () => true,
    line: (fileName, text, line) => parseJsonlLine(fileName, text, line, seen, policy),
    end: () => ({ warnings: warnings.list(), ...entitiesOf(seen) }),
  };
}

export const jsonlCodec: FormatCodec = {
  name: 'jsonl',
  description: 'Native JSONL: one article per line with all spans, statements and linked entities; lossless',
  layout: 'single',
  extension: 'jsonl',
  mimeType: 'application/jsonl',
  // The native format: every field of articles, spans, statements and linked entities.
  losses: { title: 'JSONL', ...CARRIES_EVERYTHING },
  parse(files, options): ParsedCorpus {
    const seen: EntitiesSeen = new Map();
    const warnings = new WarningLog();
    const policy = BadRecordPolicy.of(options, warnings);
    const articles = files.flatMap((f) => parseJsonl(f, seen, policy));
    return { articles, warnings: warnings.list(), ...entitiesOf(seen) };
  },
  lineReader: jsonlLineReader,
  article(article, ctx: ExportContext) {
    return [{ text: articleToJsonlLineWithEntities(article, ctx.entities, ctx.warn) + '\n' }];
  },
};
