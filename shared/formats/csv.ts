/**
 * CSV (RFC 4180, UTF-8, optional BOM): three tables, always written together (a zip):
 *
 *   articles.csv    article_id,title,source,url,date,status,created_at,updated_at,text
 *   spans.csv       article_id,title,span_id,label,start,end,offset_unit,text,note,annotator,
 *                   created_at,updated_at,fragments,entity_id,attributes
 *   statements.csv  article_id,statement_id,polarity,actor_span_id,actor_text,stance_span_id,
 *                   stance_text,claim_span_id,claim_text,note,annotator,created_at,updated_at
 *
 * Offsets are CODE POINTS (what Python, R and pandas index by) and every span row says so in
 * `offset_unit`. The article text travels in articles.csv (a quoted cell keeps its line breaks).
 *
 * Import recognises each table by its header (columns by name, in any order; extra columns
 * ignored), from individual files or a zip, UTF-8 with or without BOM, or UTF-16 with a BOM.
 * A spans table needs the texts of its articles: from an articles table, or from `ARTICLE_ID.txt`
 * files. An articles table alone (for example doccano's `text,label` CSV) imports texts only.
 */
import { OffsetConverter, OffsetError, type OffsetUnit } from '../text/offsets';
import { ArticleStatusSchema, type Article } from '../domain/model';
import {
  FormatError,
  type ExportContext,
  type FormatCodec,
  type ImportedArticle,
  type ImportedSpan,
  type ImportedStatement,
  type InputFile,
  type ParsedCorpus,
} from './codec';
import { csvRecord, parseCsv, type CsvRecord } from './csvTable';
import { expandArchives, fileText, pathParts } from './inputFiles';
import { labelNamer, validTimestamp } from './fields';
import { polarityOfLabel } from './statementRelations';
import { WarningLog } from './warnings';
import { BadRecordPolicy, screenArticle, type Place } from './badRecords';
import type { FormatOptions } from './formatNames';
import { briefValue, type CodecLosses } from './losses';

export const CSV_FILES = { articles: 'articles.csv', spans: 'spans.csv', statements: 'statements.csv' } as const;
export const ARTICLE_COLUMNS = ['article_id', 'title', 'source', 'url', 'date', 'status', 'created_at', 'updated_at', 'text'] as const;
export const SPAN_COLUMNS = ['article_id', 'title', 'span_id', 'label', 'start', 'end', 'offset_unit', 'text', 'note', 'annotator', 'created_at', 'updated_at', 'fragments', 'entity_id', 'attributes'] as const;
export const STATEMENT_COLUMNS = ['article_id', 'statement_id', 'polarity', 'actor_span_id', 'actor_text', 'stance_span_id', 'stance_text', 'claim_span_id', 'claim_text', 'note', 'annotator', 'created_at', 'updated_at'] as const;
export const CSV_OFFSET_UNIT = 'codepoint';

// ---------------------------------------------------------------------------------------------
// Export

const BOM = '\uFEFF';

/**
 * CSV tables hold every field of articles, spans and statements; an entity travels only as the
 * link (`entity_id`). The workbench has no place for other columns, nor for a document-level label.
 */
const csvLosses: CodecLosses = {
  title: 'CSV',
  export: [{ kind: 'entityRecord', reason: 'only the links travel, as entity_id' }],
  import: [{ kind: 'documentCategories' }, { kind: 'otherColumns' }],
};

export const csvCodec: FormatCodec = {
  name: 'csv',
  description: 'CSV tables (articles, spans, statements) in a zip; code-point offsets',
  layout: 'multi',
  extension: 'zip',
  mimeType: 'application/zip',
  losses: csvLosses,
  parse: parseCsvTables,
  begin(ctx) {
    const bom = ctx.options.bom ? BOM : '';
    return [
      { file: CSV_FILES.articles, text: bom + csvRecord(ARTICLE_COLUMNS) },
      { file: CSV_FILES.spans, text: bom + csvRecord(SPAN_COLUMNS) },
      { file: CSV_FILES.statements, text: bom + csvRecord(STATEMENT_COLUMNS) },
    ];
  },
  article(article, ctx) {
    return articleToCsvRows(article, ctx);
  },
};

export function articleToCsvRows(article: Article, ctx: ExportContext): { file: string; text: string }[] {
  const conv = new OffsetConverter(article.text);
  const labelName = labelNamer(ctx.schema);
  const cp = (utf16: number) => conv.utf16ToCodePoint(utf16);
  const covered = (s: { start: number; end: number; fragments?: { start: number; end: number }[] }) =>
    (s.fragments ?? [s]).map((f) => article.text.slice(f.start, f.end)).join(' ');
  const articles = csvRecord([article.id, article.title, article.source, article.url, article.date, article.status, article.createdAt, article.updatedAt, article.text]);
  let spans = '';
  for (const s of article.spans) {
    spans += csvRecord([
      article.id,
      article.title,
      s.id,
      labelName(s.labelId),
      cp(s.start),
      cp(s.end),
      CSV_OFFSET_UNIT,
      covered(s),
      s.note,
      s.annotator,
      s.createdAt,
      s.updatedAt,
      s.fragments ? s.fragments.map((f) => `${cp(f.start)}-${cp(f.end)}`).join(';') : '',
      s.entityId,
      s.attributes && Object.keys(s.attributes).length ? JSON.stringify(s.attributes) : '',
    ]);
  }
  const byId = new Map(article.spans.map((s) => [s.id, s]));
  const textOf = (id: string | undefined) => {
    const s = id ? byId.get(id) : undefined;
    return s ? covered(s) : '';
  };
  let statements = '';
  for (const st of article.statements) {
    statements += csvRecord([
      article.id,
      st.id,
      st.polarity,
      st.actorSpanId,
      textOf(st.actorSpanId),
      st.stanceSpanId,
      textOf(st.stanceSpanId),
      st.claimSpanId,
      textOf(st.claimSpanId),
      st.note,
      st.annotator,
      st.createdAt,
      st.updatedAt,
    ]);
  }
  return [
    { file: CSV_FILES.articles, text: articles },
    ...(spans ? [{ file: CSV_FILES.spans, text: spans }] : []),
    ...(statements ? [{ file: CSV_FILES.statements, text: statements }] : []),
  ];
}

// ---------------------------------------------------------------------------------------------
// Import

type TableKind = 'articles' | 'spans' | 'statements';

interface Table {
  file: string;
  kind: TableKind;
  columns: Map<string, number>;
  rows: CsvRecord[];
}

const COLUMN_ALIASES: Record<string, string> = { doc_id: 'article_id', document_id: 'article_id', start_offset: 'start', end_offset: 'end', comment: 'note', type: 'label' };

function readTable(file: InputFile): Table {
  const records = parseCsv(fileText(file), file.name);
  if (!records.length) throw new FormatError(file.name, 'line 1', 'the file is empty (a header row is needed)');
  const columns = new Map<string, number>();
  records[0].cells.forEach((c, i) => {
    const name = c.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s-]+/g, '_');
    const key = COLUMN_ALIASES[name] ?? name;
    if (!columns.has(key)) columns.set(key, i);
  });
  let kind: TableKind;
  if (columns.has('polarity')) kind = 'statements';
  else if (columns.has('label') && columns.has('start') && columns.has('end')) kind = 'spans';
  else if (columns.has('text')) kind = 'articles';
  else
    throw new FormatError(
      file.name,
      'line 1',
      `unrecognised header (${records[0].cells.join(',')}): expected an articles table (text,…), a spans table (article_id,label,start,end,…) or a statements table (article_id,polarity,actor_span_id,claim_span_id,…)`,
    );
  return { file: file.name, kind, columns, rows: records.slice(1) };
}

function cellOf(table: Table, row: CsvRecord, column: string): string {
  const i = table.columns.get(column);
  return i === undefined ? '' : (row.cells[i] ?? '');
}

function unitOf(value: string): OffsetUnit | undefined {
  const v = value.trim().toLowerCase().replace(/[\s_-]/g, '');
  if (v === '' || v === 'codepoint' || v === 'codepoints' || v === 'cp' || v === 'character' || v === 'characters') return 'codepoint';
  if (v === 'utf16' || v === 'utf16codeunits' || v === 'codeunits') return 'utf16';
  if (v === 'grapheme' || v === 'graphemes') return 'grapheme';
  return undefined;
}

interface ArticleDraft {
  article: ImportedArticle;
  conv: OffsetConverter;
  spanIds: Set<string>;
  /** span_ids of rows left out as bad records (skipBadRecords): statements using them are dropped too. */
  skippedSpanIds: Set<string>;
  /** Where each span and statement of `article` was read, for the final screening. */
  spanPlaces: Place[];
  statementPlaces: Place[];
}

/** The columns each table's import reads (after COLUMN_ALIASES). */
const READ_COLUMNS: Record<TableKind, ReadonlySet<string>> = {
  articles: new Set<string>([...ARTICLE_COLUMNS, 'id']),
  spans: new Set<string>(SPAN_COLUMNS),
  statements: new Set<string>(STATEMENT_COLUMNS),
};

/** Count the non-empty cells of columns the import does not read; an articles table's `label` is a document category. */
function reportOtherColumns(t: Table, warnings: WarningLog): void {
  const other = [...t.columns].filter(([name]) => !READ_COLUMNS[t.kind].has(name));
  for (const row of t.rows)
    for (const [name, i] of other) {
      const cell = row.cells[i] ?? '';
      if (cell === '') continue;
      const example = `${t.file} line ${row.line}: ${name}=${briefValue(cell)}`;
      if (t.kind === 'articles' && (name === 'label' || name === 'labels')) warnings.lost('documentCategories', example);
      else warnings.lost('otherColumns', example);
    }
}

function parseCsvTables(files: InputFile[], options: FormatOptions): ParsedCorpus {
  const warnings = new WarningLog(csvLosses);
  const policy = BadRecordPolicy.of(options, warnings);
  const tables: Table[] = [];
  const drafts = new Map<string, ArticleDraft>();
  const order: ArticleDraft[] = [];
  const addDraft = (id: string | undefined, article: ImportedArticle, file: string, location?: string) => {
    if (id !== undefined && drafts.has(id)) throw new FormatError(file, location, `article_id "${id}" appears twice (or also as ${id}.txt)`);
    const draft: ArticleDraft = {
      article,
      conv: new OffsetConverter(article.text),
      spanIds: new Set(),
      skippedSpanIds: new Set(),
      spanPlaces: [],
      statementPlaces: [],
    };
    if (id !== undefined) drafts.set(id, draft);
    order.push(draft);
  };

  for (const file of expandArchives(files)) {
    const { stem, ext } = pathParts(file.name);
    if (ext === 'txt') {
      const text = fileText(file);
      addDraft(stem, { id: stem, title: stem, text, spans: [], statements: [] }, file.name);
      continue;
    }
    tables.push(readTable(file));
  }

  for (const t of tables) reportOtherColumns(t, warnings);
  for (const t of tables.filter((t) => t.kind === 'articles')) {
    const stem = pathParts(t.file).stem;
    for (const row of t.rows) {
      const text = cellOf(t, row, 'text');
      if (text === '') {
        warnings.count('rows with an empty text were skipped', `${t.file} line ${row.line}`);
        continue;
      }
      const id = cellOf(t, row, 'article_id') || cellOf(t, row, 'id') || undefined;
      const status = ArticleStatusSchema.safeParse(cellOf(t, row, 'status'));
      const firstLine = text.trim().split(/\r?\n|\r/)[0];
      const title = cellOf(t, row, 'title') || (firstLine.length > 80 ? `${firstLine.slice(0, 77)}…` : firstLine) || `${stem} ${row.line}`;
      const opt = (column: string) => (cellOf(t, row, column) ? { [column]: cellOf(t, row, column) } : {});
      addDraft(
        id,
        {
          ...(id ? { id } : {}),
          title,
          text,
          ...opt('source'),
          ...opt('url'),
          ...opt('date'),
          ...(status.success ? { status: status.data } : {}),
          ...(validTimestamp(cellOf(t, row, 'created_at')) ? { createdAt: cellOf(t, row, 'created_at') } : {}),
          ...(validTimestamp(cellOf(t, row, 'updated_at')) ? { updatedAt: cellOf(t, row, 'updated_at') } : {}),
          spans: [],
          statements: [],
        },
        t.file,
        `line ${row.line}`,
      );
    }
  }

  const draftFor = (t: Table, row: CsvRecord): ArticleDraft => {
    const id = cellOf(t, row, 'article_id');
    const fail = (problem: string): never => {
      throw new FormatError(t.file, `line ${row.line}`, problem);
    };
    if (!id) fail('article_id is empty');
    const draft = drafts.get(id);
    if (!draft) fail(`article_id "${id}" has no text: CSV cannot carry it in the spans table; add the articles table (articles.csv with article_id and text) or a file ${id}.txt`);
    return draft!;
  };

  for (const t of tables.filter((t) => t.kind === 'spans')) {
    for (const row of t.rows) {
      const draft = policy.guard(() => draftFor(t, row));
      if (!draft) continue;
      const span = policy.guard(() => readSpanRow(t, row, draft, warnings));
      const spanId = cellOf(t, row, 'span_id');
      if (!span) {
        if (spanId) draft.skippedSpanIds.add(spanId);
        continue;
      }
      if (spanId) draft.spanIds.add(spanId);
      draft.article.spans.push(span);
      draft.spanPlaces.push({ file: t.file, location: `line ${row.line}` });
    }
  }

  for (const t of tables.filter((t) => t.kind === 'statements')) {
    for (const row of t.rows) {
      const draft = policy.guard(() => draftFor(t, row));
      const statement = draft && policy.guard(() => readStatementRow(t, row, draft));
      if (!draft || !statement) continue;
      draft.article.statements.push(statement);
      draft.statementPlaces.push({ file: t.file, location: `line ${row.line}` });
    }
  }

  const articles = order.map((draft) =>
    screenArticle(draft.article, policy, { span: (i) => draft.spanPlaces[i], statement: (i) => draft.statementPlaces[i], skippedSpanIds: draft.skippedSpanIds }),
  );
  return { articles, warnings: warnings.list() };
}

/** One row of a spans table as a span (offsets converted to UTF-16); throws a FormatError naming the line. */
function readSpanRow(t: Table, row: CsvRecord, draft: ArticleDraft, warnings: WarningLog): ImportedSpan {
  const fail = (problem: string): never => {
    throw new FormatError(t.file, `line ${row.line}`, problem);
  };
  const label = cellOf(t, row, 'label').trim();
  if (!label) fail('label is empty');
  const unit = unitOf(cellOf(t, row, 'offset_unit'));
  if (!unit) fail(`offset_unit "${cellOf(t, row, 'offset_unit')}" is not codepoint, utf16 or grapheme`);
  const int = (value: string, column: string) => {
    if (!/^\s*\d+\s*$/.test(value)) fail(`${column} "${value}" is not a non-negative integer`);
    return Number(value);
  };
  const convert = (value: number, column: string) => {
    try {
      return draft.conv.toUtf16(value, unit!);
    } catch (e) {
      if (e instanceof OffsetError) fail(`${column}: ${e.message}`);
      throw e;
    }
  };
  const start = convert(int(cellOf(t, row, 'start'), 'start'), 'start');
  const end = convert(int(cellOf(t, row, 'end'), 'end'), 'end');
  if (end <= start) fail(`end (${cellOf(t, row, 'end')}) must be greater than start (${cellOf(t, row, 'start')})`);
  const span: ImportedSpan = { label, start, end };
  const spanId = cellOf(t, row, 'span_id');
  if (spanId) {
    if (draft.spanIds.has(spanId) || draft.skippedSpanIds.has(spanId)) fail(`span_id "${spanId}" appears twice in article "${cellOf(t, row, 'article_id')}"`);
    span.id = spanId;
  }
  const fragCell = cellOf(t, row, 'fragments').trim();
  if (fragCell) {
    const fragments = fragCell.split(';').map((part) => {
      const m = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(part);
      if (!m) fail(`fragments "${fragCell}" is not a list like "0-5;16-23"`);
      return { start: convert(Number(m![1]), 'fragments'), end: convert(Number(m![2]), 'fragments') };
    });
    const ok = fragments.length >= 2 && fragments[0].start === start && fragments[fragments.length - 1].end === end && fragments.every((f, i) => f.end > f.start && (i === 0 || f.start >= fragments[i - 1].end));
    if (!ok) fail(`fragments "${fragCell}" must be sorted, disjoint, and run from start to end`);
    span.fragments = fragments;
  }
  const note = cellOf(t, row, 'note');
  if (note) span.note = note;
  const annotator = cellOf(t, row, 'annotator');
  if (annotator) span.annotator = annotator;
  const created = validTimestamp(cellOf(t, row, 'created_at'));
  if (created) span.createdAt = created;
  const updated = validTimestamp(cellOf(t, row, 'updated_at'));
  if (updated) span.updatedAt = updated;
  const entity = cellOf(t, row, 'entity_id');
  if (entity) span.entityId = entity;
  const attrCell = cellOf(t, row, 'attributes').trim();
  if (attrCell) {
    let attrs: unknown;
    try {
      attrs = JSON.parse(attrCell);
    } catch {
      fail('attributes is not a JSON object');
    }
    if (typeof attrs !== 'object' || attrs === null || Array.isArray(attrs) || !Object.values(attrs).every((v) => typeof v === 'string'))
      fail('attributes must be a JSON object of strings');
    if (Object.keys(attrs as object).length) span.attributes = attrs as Record<string, string>;
  }
  const covered = cellOf(t, row, 'text');
  if (t.columns.has('text') && covered !== '') {
    const slice = (span.fragments ?? [span]).map((f) => draft.article.text.slice(f.start, f.end)).join(' ');
    if (covered !== slice) warnings.count('covered text differs from the article text (offsets kept)', `${t.file} line ${row.line}: "${covered}" vs "${slice}"`);
  }
  return span;
}

/** One row of a statements table; throws a FormatError naming the line. */
function readStatementRow(t: Table, row: CsvRecord, draft: ArticleDraft): ImportedStatement {
  const fail = (problem: string): never => {
    throw new FormatError(t.file, `line ${row.line}`, problem);
  };
  const polarity = polarityOfLabel(cellOf(t, row, 'polarity'));
  if (!polarity) fail(`polarity "${cellOf(t, row, 'polarity')}" is not support, oppose or neutral`);
  const ref = (column: string, required: boolean) => {
    const id = cellOf(t, row, column);
    if (!id) {
      if (required) fail(`${column} is empty`);
      return undefined;
    }
    // A span_id whose row was skipped is dropped with its statement by screenArticle.
    if (!draft.spanIds.has(id) && !draft.skippedSpanIds.has(id))
      fail(`${column} "${id}" is not a span_id of article "${cellOf(t, row, 'article_id')}" in the spans table`);
    return id;
  };
  const stance = ref('stance_span_id', false);
  const note = cellOf(t, row, 'note');
  const annotator = cellOf(t, row, 'annotator');
  const created = validTimestamp(cellOf(t, row, 'created_at'));
  const updated = validTimestamp(cellOf(t, row, 'updated_at'));
  return {
    ...(cellOf(t, row, 'statement_id') ? { id: cellOf(t, row, 'statement_id') } : {}),
    actorSpanId: ref('actor_span_id', true)!,
    claimSpanId: ref('claim_span_id', true)!,
    ...(stance ? { stanceSpanId: stance } : {}),
    polarity: polarity!,
    ...(note ? { note } : {}),
    ...(annotator ? { annotator } : {}),
    ...(created ? { createdAt: created } : {}),
    ...(updated ? { updatedAt: updated } : {}),
  };
}
