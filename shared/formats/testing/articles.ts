/**
 * Test fixtures shared by the codec tests: a label schema, an Article builder, and a way to
 * compare spans by what a format carries (label, offsets, fragments, note, attributes).
 */
import type { Article, LabelSchemaDef, Span, Statement } from '../../domain/model';
import type { ExportContext, FormatCodec, ImportedArticle, ImportedSpan, ParsedCorpus } from '../codec';
import type { FormatOptions } from '../formatNames';
import { ExportLossTally } from '../losses';

export const TEST_SCHEMA: LabelSchemaDef = {
  labels: [
    { id: 'actor', name: 'Actor', color: '#2563eb' },
    { id: 'stance', name: 'Stance', color: '#d97706' },
    { id: 'claim', name: 'Claim', color: '#059669' },
  ],
};

export const LABEL_NAMES: Record<string, string> = { actor: 'Actor', stance: 'Stance', claim: 'Claim' };

const T0 = '2024-05-01T10:00:00.000Z';

export interface SpanInput {
  id?: string;
  labelId: string;
  start: number;
  end: number;
  fragments?: { start: number; end: number }[];
  note?: string;
  attributes?: Record<string, string>;
  entityId?: string;
  annotator?: string;
}

export function makeArticle(
  text: string,
  spans: SpanInput[],
  statements: Partial<Statement>[] = [],
  meta: Partial<Article> = {},
): Article {
  return {
    id: 'a1',
    title: 'Test article',
    status: 'in_progress',
    createdAt: T0,
    updatedAt: T0,
    text,
    spans: spans.map(
      (s, i): Span => ({
        id: s.id ?? `s${i + 1}`,
        labelId: s.labelId,
        start: s.start,
        end: s.end,
        ...(s.fragments ? { fragments: s.fragments } : {}),
        ...(s.note !== undefined ? { note: s.note } : {}),
        ...(s.attributes ? { attributes: s.attributes } : {}),
        ...(s.entityId ? { entityId: s.entityId } : {}),
        annotator: s.annotator ?? 'tester',
        createdAt: T0,
        updatedAt: T0,
      }),
    ),
    statements: statements.map(
      (st, i): Statement => ({
        id: st.id ?? `st${i + 1}`,
        actorSpanId: st.actorSpanId!,
        claimSpanId: st.claimSpanId!,
        polarity: st.polarity ?? 'neutral',
        ...(st.stanceSpanId ? { stanceSpanId: st.stanceSpanId } : {}),
        ...(st.note ? { note: st.note } : {}),
        annotator: st.annotator ?? 'tester',
        createdAt: T0,
        updatedAt: T0,
      }),
    ),
    ...meta,
  };
}

/**
 * An export context collecting the codec's own warnings in `warnings` and the per-kind loss
 * lines (losses.ts) in `losses`; without `losses` the loss lines are left out, so `warnings`
 * holds only what the codec itself reports.
 */
export function exportContext(options: FormatOptions = {}, warnings?: string[], losses?: string[]): ExportContext {
  return {
    schema: TEST_SCHEMA,
    options,
    ...(warnings ? { warn: (m: string) => warnings.push(m) } : {}),
    lost: (line: string) => losses?.push(line),
  };
}

/**
 * Run a codec's export synchronously into file name → text (single-file formats use ""), with
 * the loss lines the export driver reports (exportDriver.ts) at the end.
 */
export function exportFiles(codec: FormatCodec, articles: Article[], ctx: ExportContext = exportContext()): Map<string, string> {
  const files = new Map<string, string>();
  const add = (pieces: { file?: string; text: string }[]) => {
    for (const p of pieces) files.set(p.file ?? '', (files.get(p.file ?? '') ?? '') + p.text);
  };
  const tally = new ExportLossTally(codec.losses, ctx.entities);
  add(codec.begin?.(ctx) ?? []);
  articles.forEach((a, i) => {
    tally.article(a);
    add(codec.article(a, ctx, i));
  });
  add(codec.end?.(ctx) ?? []);
  tally.report(ctx);
  return files;
}

/** Export then parse again through the same codec. */
export function roundTrip(codec: FormatCodec, articles: Article[], options: FormatOptions = {}): ParsedCorpus {
  const files = exportFiles(codec, articles, exportContext(options));
  return codec.parse(
    [...files].map(([name, text]) => ({ name: name || `export.${codec.extension}`, text })),
    options,
  );
}

export interface SpanFacets {
  note?: boolean;
  fragments?: boolean;
  attributes?: boolean;
}

/** A comparable key of a span by what the format carries. Labels are names. */
export function spanKey(
  s: { label: string; start: number; end: number; fragments?: { start: number; end: number }[]; note?: string; attributes?: Record<string, string> },
  facets: SpanFacets = {},
): string {
  const parts = [s.label, s.start, s.end];
  if (facets.fragments) parts.push(JSON.stringify(s.fragments ?? null));
  if (facets.note) parts.push(JSON.stringify(s.note ?? null));
  if (facets.attributes) parts.push(JSON.stringify(s.attributes && Object.keys(s.attributes).length ? sortKeys(s.attributes) : null));
  return parts.join('|');
}

function sortKeys(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export function articleSpanKeys(article: Article, facets: SpanFacets = {}): string[] {
  return article.spans.map((s) => spanKey({ ...s, label: LABEL_NAMES[s.labelId] ?? s.labelId }, facets)).sort();
}

export function importedSpanKeys(article: ImportedArticle | { spans: ImportedSpan[] }, facets: SpanFacets = {}): string[] {
  return article.spans.map((s) => spanKey(s, facets)).sort();
}

/** Turn parsed articles back into Articles (labels by name kept as label ids) for a second export. */
export function importedToArticle(imported: ImportedArticle, index = 0): Article {
  const labelId = (name: string) => Object.keys(LABEL_NAMES).find((id) => LABEL_NAMES[id] === name) ?? name;
  const ids = new Map<string, string>();
  const spans = imported.spans.map((s, i) => {
    const id = `s${i + 1}`;
    if (s.id) ids.set(s.id, id);
    return { ...s, id, labelId: labelId(s.label) };
  });
  return makeArticle(
    imported.text,
    spans,
    imported.statements
      .filter((st) => ids.has(st.actorSpanId) && ids.has(st.claimSpanId))
      .map((st) => ({
        actorSpanId: ids.get(st.actorSpanId),
        claimSpanId: ids.get(st.claimSpanId),
        ...(st.stanceSpanId ? { stanceSpanId: ids.get(st.stanceSpanId) } : {}),
        polarity: st.polarity,
        ...(st.note ? { note: st.note } : {}),
      })),
    { id: imported.id ?? `a${index + 1}`, title: imported.title || `Article ${index + 1}` },
  );
}

/** Statements as comparable keys, spans identified by their key (label + offsets). */
export function statementKeys(article: { spans: { id?: string; label: string; start: number; end: number }[]; statements: { actorSpanId: string; claimSpanId: string; stanceSpanId?: string; polarity: string }[] }): string[] {
  const byId = new Map(article.spans.map((s) => [s.id, `${s.label}@${s.start}-${s.end}`]));
  return article.statements
    .map((st) => `${byId.get(st.actorSpanId)} ${st.polarity} ${byId.get(st.claimSpanId)} via ${st.stanceSpanId ? byId.get(st.stanceSpanId) : '-'}`)
    .sort();
}

export function articleStatementKeys(article: Article): string[] {
  return statementKeys({
    spans: article.spans.map((s) => ({ id: s.id, label: LABEL_NAMES[s.labelId] ?? s.labelId, start: s.start, end: s.end })),
    statements: article.statements,
  });
}
