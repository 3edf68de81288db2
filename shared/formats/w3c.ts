/**
 * W3C Web Annotation Data Model (JSON-LD). The model has no place for the annotated text, so
 * the export is a JSON array with one `AnnotationCollection` per article; the collection carries
 * the article (metadata and full text) in a workbench-namespaced property `wb:document`
 * (`wb:` = `urn:workbench:vocab#`, declared in the collection's @context), and its first
 * (embedded) AnnotationPage holds:
 *
 *  - one annotation per span: motivation "tagging", a TextualBody with purpose "tagging" whose
 *    value is the label name, a "commenting" TextualBody for the note, and a target with a
 *    TextQuoteSelector (exact + up to 32 units of prefix/suffix) and a TextPositionSelector in
 *    CODE POINTS. A discontinuous span has several SpecificResource targets on the same source, one
 *    per piece (a `List` target would fail the W3C suite's MUST 3.2-targetObjectsRecognized);
 *  - one "linking" annotation per statement: target = the actor span's annotation IRI, bodies =
 *    SpecificResources pointing to the claim (and stance) annotations with `wb:role`, plus a
 *    "classifying" TextualBody whose value is the polarity.
 *
 * Our own keys are terms of the `wb:` vocabulary, and `wb:attributes` is a JSON literal (`@json`,
 * JSON-LD 1.1), so JSON-LD expansion keeps every attribute key and value as written instead of
 * dropping unknown keys or reading an attribute named "source" as `oa:hasSource`.
 *
 * Import accepts a single Annotation, an array, AnnotationCollections and AnnotationPages. Texts
 * come from `wb:document` or from companion `.txt` files whose name matches the target source.
 * Targets on one source with text selectors are read as the pieces of one span, and so is the
 * older `List` form. Relative annotation ids (`"#uuid"`, as Annotorious and Recogito write them)
 * are accepted: they are checked as JSON-LD resolves them, against the file's base IRI.
 * When a position's slice no longer equals the quote, the span is re-anchored by the quote
 * (anchoring.ts); annotations that cannot be anchored are reported in the warnings.
 */
import { OffsetConverter, OffsetError } from '../text/offsets';
import { ArticleStatusSchema, type Article, type Polarity } from '../domain/model';
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
import { anchorQuote, describeQuote, type TextQuote } from './anchoring';
import { expandArchives, fileText, pathParts } from './inputFiles';
import { parseJsonDocument } from './jsonText';
import { isRecord, labelNamer, optionalString, validTimestamp } from './fields';
import { polarityOfLabel } from './statementRelations';
import { ANNO_CONTEXT, annotationProblems, contextProblems, hasType, isIri, typesOf } from './w3cValidation';
import { WarningLog } from './warnings';
import { BadRecordPolicy } from './badRecords';
import type { FormatOptions } from './formatNames';
import { briefValue, type CodecLosses } from './losses';

export const WB_VOCAB = 'urn:workbench:vocab#';
const WB_CONTEXT = {
  // 1.1 for "@json"; the attribute names are the user's own, so they stay out of the RDF vocabulary.
  '@version': 1.1,
  wb: WB_VOCAB,
  'wb:attributes': { '@id': 'wb:attributes', '@type': '@json' },
};

export const articleIri = (articleId: string) => `urn:workbench:article:${articleId}`;
export const spanIri = (articleId: string, spanId: string) => `urn:workbench:article:${articleId}:span:${spanId}`;
export const statementIri = (articleId: string, statementId: string) => `urn:workbench:article:${articleId}:statement:${statementId}`;
const SPAN_IRI = /^urn:workbench:article:[A-Za-z0-9_-]+:span:([A-Za-z0-9_-]+)$/;
const STATEMENT_IRI = /^urn:workbench:article:[A-Za-z0-9_-]+:statement:([A-Za-z0-9_-]+)$/;

/** The target source IRI of an article: its URL when it is an IRI, else a workbench URN. */
export function sourceIriOf(article: Pick<Article, 'id' | 'url'>): string {
  return article.url && isIri(article.url) ? article.url : articleIri(article.id);
}

// ---------------------------------------------------------------------------------------------
// Export

function agent(name: string) {
  return name ? { creator: { type: 'Person', name } } : {};
}

/** One article as an AnnotationCollection (text included in `wb:document`). */
export function articleToCollection(article: Article, ctx: ExportContext): Record<string, unknown> {
  const conv = new OffsetConverter(article.text);
  const labelName = labelNamer(ctx.schema);
  const source = sourceIriOf(article);
  const spanIds = new Set(article.spans.map((s) => s.id));
  const selectorFor = (start: number, end: number) => {
    const quote = describeQuote(article.text, start, end);
    return [
      { type: 'TextQuoteSelector', exact: quote.exact, ...(quote.prefix ? { prefix: quote.prefix } : {}), ...(quote.suffix ? { suffix: quote.suffix } : {}) },
      { type: 'TextPositionSelector', start: conv.utf16ToCodePoint(start), end: conv.utf16ToCodePoint(end) },
    ];
  };
  const items: Record<string, unknown>[] = article.spans.map((s) => ({
    id: spanIri(article.id, s.id),
    type: 'Annotation',
    motivation: 'tagging',
    ...agent(s.annotator),
    created: s.createdAt,
    modified: s.updatedAt,
    body: [
      { type: 'TextualBody', purpose: 'tagging', value: labelName(s.labelId) },
      ...(s.note ? [{ type: 'TextualBody', purpose: 'commenting', value: s.note, format: 'text/plain' }] : []),
    ],
    target: s.fragments
      ? s.fragments.map((f) => ({ type: 'SpecificResource', source, selector: selectorFor(f.start, f.end) }))
      : { source, selector: selectorFor(s.start, s.end) },
    ...(s.entityId ? { 'wb:entityId': s.entityId } : {}),
    ...(s.attributes && Object.keys(s.attributes).length ? { 'wb:attributes': s.attributes } : {}),
  }));
  for (const st of article.statements) {
    if (!spanIds.has(st.actorSpanId) || !spanIds.has(st.claimSpanId) || (st.stanceSpanId && !spanIds.has(st.stanceSpanId))) {
      ctx.warn?.(`${article.title}: statement ${st.id} refers to a missing span; not exported`);
      continue;
    }
    items.push({
      id: statementIri(article.id, st.id),
      type: 'Annotation',
      motivation: 'linking',
      ...agent(st.annotator),
      created: st.createdAt,
      modified: st.updatedAt,
      body: [
        { type: 'SpecificResource', source: spanIri(article.id, st.claimSpanId), 'wb:role': 'claim' },
        ...(st.stanceSpanId ? [{ type: 'SpecificResource', source: spanIri(article.id, st.stanceSpanId), 'wb:role': 'stance' }] : []),
        { type: 'TextualBody', purpose: 'classifying', value: st.polarity },
        ...(st.note ? [{ type: 'TextualBody', purpose: 'commenting', value: st.note, format: 'text/plain' }] : []),
      ],
      target: spanIri(article.id, st.actorSpanId),
    });
  }
  return {
    '@context': [ANNO_CONTEXT, WB_CONTEXT],
    id: `${articleIri(article.id)}:annotations`,
    type: 'AnnotationCollection',
    label: article.title,
    total: items.length,
    'wb:document': {
      id: source,
      type: 'Text',
      format: 'text/plain',
      'wb:articleId': article.id,
      'wb:title': article.title,
      ...(article.source ? { 'wb:source': article.source } : {}),
      ...(article.url ? { 'wb:url': article.url } : {}),
      ...(article.date ? { 'wb:date': article.date } : {}),
      'wb:status': article.status,
      'wb:created': article.createdAt,
      'wb:modified': article.updatedAt,
      'wb:text': article.text,
    },
    first: { id: `${articleIri(article.id)}:annotations:page1`, type: 'AnnotationPage', startIndex: 0, items },
  };
}

// ---------------------------------------------------------------------------------------------
// Import

interface TextDocument {
  source: string;
  /** Other names the document answers to (a .txt file's name and stem). */
  aliases: string[];
  text: string;
  article: Omit<ImportedArticle, 'spans' | 'statements'>;
  conv: OffsetConverter;
  spans: ImportedSpan[];
  statements: ImportedStatement[];
}

interface FoundAnnotation {
  node: Record<string, unknown>;
  path: string;
  file: string;
  /** Documents declared by the collection the annotation came from (looked up first). */
  scope: TextDocument[];
}

function documentFromWb(node: unknown, path: string, file: string): TextDocument | undefined {
  if (!isRecord(node)) return undefined;
  const text = node['wb:text'];
  if (typeof text !== 'string') throw new FormatError(file, `${path}.wb:text`, 'wb:document needs the article text in "wb:text"');
  const source = optionalString(node.id) ?? `${file}#${path}`;
  const status = ArticleStatusSchema.safeParse(node['wb:status']);
  return {
    source,
    aliases: [],
    text,
    conv: new OffsetConverter(text),
    spans: [],
    statements: [],
    article: {
      ...(optionalString(node['wb:articleId']) ? { id: optionalString(node['wb:articleId']) } : {}),
      title: optionalString(node['wb:title']) ?? source,
      text,
      ...(optionalString(node['wb:source']) ? { source: optionalString(node['wb:source']) } : {}),
      ...(optionalString(node['wb:url']) ? { url: optionalString(node['wb:url']) } : {}),
      ...(optionalString(node['wb:date']) ? { date: optionalString(node['wb:date']) } : {}),
      ...(status.success ? { status: status.data } : {}),
      ...(validTimestamp(node['wb:created']) ? { createdAt: validTimestamp(node['wb:created']) } : {}),
      ...(validTimestamp(node['wb:modified']) ? { updatedAt: validTimestamp(node['wb:modified']) } : {}),
    },
  };
}

/** A relative IRI reference (RFC 3986 relative-ref: no scheme, no white space), e.g. "#uuid". */
function isRelativeReference(value: unknown): value is string {
  return typeof value === 'string' && /^(?![A-Za-z][A-Za-z0-9+.-]*:)[^\s<>"{}|\\^`]+$/.test(value);
}

/** The base IRI a JSON-LD processor would resolve the file's relative IRIs against. */
function fileBaseIri(file: string): string {
  return `file:///${file.split('/').map(encodeURIComponent).join('/')}`;
}

/** The annotation with its relative id and string targets resolved, for the checks only: lookups use the ids as written. */
function withReferencesResolved(node: Record<string, unknown>, file: string): Record<string, unknown> {
  const resolve = (ref: unknown) => (isRelativeReference(ref) ? new URL(ref, fileBaseIri(file)).href : ref);
  const { target } = node;
  return { ...node, id: resolve(node.id), target: Array.isArray(target) ? target.map(resolve) : resolve(target) };
}

/** Walk a parsed file: annotations, collections, pages (embedded), arrays of those. */
function collect(doc: unknown, file: string, documents: TextDocument[], found: FoundAnnotation[], warnings: WarningLog) {
  const fail = (path: string, problem: string): never => {
    throw new FormatError(file, path, problem);
  };
  const visitPage = (page: unknown, path: string, scope: TextDocument[]) => {
    for (let p = page, pp = path, guard = 0; p !== undefined && guard < 10_000; guard++) {
      if (typeof p === 'string') {
        warnings.add(`${file} ${pp}: the page ${p} is not embedded in the file; not followed`);
        return;
      }
      if (!isRecord(p)) fail(pp, 'an AnnotationPage must be an object');
      const pageNode = p as Record<string, unknown>;
      if (!Array.isArray(pageNode.items)) fail(`${pp}.items`, 'an AnnotationPage needs a list of items');
      (pageNode.items as unknown[]).forEach((item, i) => visitAnnotation(item, `${pp}.items[${i}]`, false, scope));
      p = pageNode.next;
      pp = `${pp}.next`;
    }
  };
  const visitAnnotation = (node: unknown, path: string, topLevel: boolean, scope: TextDocument[]) => {
    const problems = annotationProblems(isRecord(node) ? withReferencesResolved(node, file) : node, path, topLevel);
    if (problems.length) fail(path, problems.slice(0, 6).join('; '));
    found.push({ node: node as Record<string, unknown>, path, file, scope });
  };
  const visitTop = (node: unknown, path: string) => {
    if (!isRecord(node)) fail(path, 'expected an Annotation, AnnotationCollection or AnnotationPage object');
    const n = node as Record<string, unknown>;
    if (hasType(n, 'AnnotationCollection')) {
      const ctxProblems = contextProblems(n, path);
      if (ctxProblems.length) fail(path, ctxProblems.join('; '));
      const scope: TextDocument[] = [];
      const d = documentFromWb(n['wb:document'], `${path}.wb:document`, file);
      if (d) {
        scope.push(d);
        documents.push(d);
      }
      if (n.first !== undefined) visitPage(n.first, `${path}.first`, scope);
      else if (Array.isArray(n.items)) n.items.forEach((item, i) => visitAnnotation(item, `${path}.items[${i}]`, false, scope));
      return;
    }
    if (hasType(n, 'AnnotationPage')) {
      const ctxProblems = contextProblems(n, path);
      if (ctxProblems.length) fail(path, ctxProblems.join('; '));
      visitPage(n, path, []);
      return;
    }
    visitAnnotation(n, path, true, []);
  };
  if (Array.isArray(doc)) doc.forEach((node, i) => visitTop(node, `$[${i}]`));
  else visitTop(doc, '$');
}

function textualBodies(node: Record<string, unknown>, other?: (body: unknown) => void): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const visit = (b: unknown) => {
    if (isRecord(b) && hasType(b, 'Choice') && Array.isArray(b.items)) {
      visit(b.items[0]);
      b.items.slice(1).forEach((item) => other?.(item));
      return;
    }
    if (isRecord(b) && (hasType(b, 'TextualBody') || 'value' in b) && typeof b.value === 'string') out.push(b);
    else other?.(b);
  };
  const body = node.body;
  for (const b of Array.isArray(body) ? body : body === undefined ? [] : [body]) visit(b);
  return out;
}

function purposes(node: Record<string, unknown>): string[] {
  const p = node.purpose;
  return Array.isArray(p) ? p.map(String) : typeof p === 'string' ? [p] : [];
}

function annotatorOf(creator: unknown): string | undefined {
  const c = Array.isArray(creator) ? creator[0] : creator;
  if (typeof c === 'string') return c;
  if (isRecord(c)) return optionalString(c.name) ?? optionalString(c.nickname) ?? optionalString(c.id);
  return undefined;
}

interface SelectorSet {
  quote?: TextQuote;
  /** Code points. */
  position?: { start: number; end: number };
  unusable?: string;
}

function readSelectors(selector: unknown): SelectorSet {
  const set: SelectorSet = {};
  const list = Array.isArray(selector) ? selector : selector === undefined ? [] : [selector];
  for (const s of list) {
    if (!isRecord(s)) continue;
    const types = typesOf(s);
    if (types.includes('TextQuoteSelector') && typeof s.exact === 'string' && !set.quote)
      set.quote = { exact: s.exact, ...(typeof s.prefix === 'string' ? { prefix: s.prefix } : {}), ...(typeof s.suffix === 'string' ? { suffix: s.suffix } : {}) };
    else if (types.includes('TextPositionSelector') && !set.position) set.position = { start: s.start as number, end: s.end as number };
    else if (types.includes('FragmentSelector') && typeof s.value === 'string') {
      const m = /^char=(\d+),(\d+)$/.exec(s.value);
      if (m && !s.refinedBy && !set.position) set.position = { start: Number(m[1]), end: Number(m[2]) };
      else if (s.refinedBy) {
        // A text selector refining a fragment: a quote is still a quote of the document; a position is relative to the fragment.
        const inner = readSelectors(s.refinedBy);
        if (inner.quote && !set.quote) set.quote = inner.quote;
        else if (!set.quote && !set.position) set.unusable = 'a position inside a fragment the workbench cannot resolve';
      } else if (!set.quote && !set.position) set.unusable = `a fragment selector "${s.value}"`;
    } else if (!set.quote && !set.position) set.unusable = `only ${types.join('/') || 'untyped'} selectors`;
  }
  return set;
}

type Piece = { source: string; selectors: SelectorSet };
const SET_TYPES = new Set(['List', 'Composite', 'Independents', 'Choice']);

/** The text pieces an annotation targets, grouped: each group is one span (several pieces = discontinuous). */
function targetGroups(node: Record<string, unknown>): Piece[][] {
  const groups: Piece[][] = [];
  const asPiece = (t: unknown): Piece | undefined => {
    if (typeof t === 'string') return { source: t, selectors: {} };
    if (!isRecord(t)) return undefined;
    const source = typeof t.source === 'string' ? t.source : isRecord(t.source) ? optionalString(t.source.id) : undefined;
    if (!source) return undefined;
    return { source, selectors: readSelectors(t.selector) };
  };
  const visit = (t: unknown) => {
    if (typeof t === 'string') {
      groups.push([{ source: t, selectors: {} }]);
      return;
    }
    if (!isRecord(t)) return;
    if ((hasType(t, 'List') || hasType(t, 'Composite')) && Array.isArray(t.items)) {
      const pieces = t.items.map(asPiece).filter((p): p is Piece => !!p);
      if (pieces.length) groups.push(pieces);
      return;
    }
    if ((hasType(t, 'Independents') || hasType(t, 'Choice')) && Array.isArray(t.items)) {
      (hasType(t, 'Choice') ? t.items.slice(0, 1) : t.items).forEach(visit);
      return;
    }
    const p = asPiece(t);
    if (p) groups.push([p]);
    else if (typeof t.id === 'string') groups.push([{ source: t.id, selectors: {} }]);
  };
  // Several targets on one source, each with text selectors, are the pieces of one span (how a
  // discontinuous span is exported); anything else is visited on its own.
  const bySource = new Map<string, Piece[]>();
  const target = node.target;
  for (const t of Array.isArray(target) ? target : [target]) {
    const piece = isRecord(t) && t.selector !== undefined && !typesOf(t).some((type) => SET_TYPES.has(type)) ? asPiece(t) : undefined;
    if (!piece) {
      visit(t);
      continue;
    }
    const group = bySource.get(piece.source);
    if (group) group.push(piece);
    else {
      bySource.set(piece.source, [piece]);
      groups.push(bySource.get(piece.source)!);
    }
  }
  return groups;
}

function anchorPiece(doc: TextDocument, sel: SelectorSet): { start: number; end: number; how: 'position' | 'exact' | 'fuzzy'; errors: number } | { problem: string } {
  let position: { start: number; end: number } | undefined;
  if (sel.position) {
    try {
      position = { start: doc.conv.codePointToUtf16(sel.position.start), end: doc.conv.codePointToUtf16(sel.position.end) };
    } catch (e) {
      if (!(e instanceof OffsetError)) throw e;
    }
  }
  if (position && position.end > position.start && (!sel.quote || doc.text.slice(position.start, position.end) === sel.quote.exact))
    return { ...position, how: 'position', errors: 0 };
  if (sel.quote) {
    const anchor = anchorQuote(doc.text, sel.quote, { hint: position?.start ?? (sel.position ? Math.min(sel.position.start, doc.text.length) : undefined) });
    if (anchor) return { start: anchor.start, end: anchor.end, how: anchor.method, errors: anchor.errors };
    return { problem: `the quote "${sel.quote.exact.slice(0, 60)}" was not found` };
  }
  if (sel.position) return { problem: `position ${sel.position.start}-${sel.position.end} is outside the text` };
  return { problem: sel.unusable ? `it has ${sel.unusable}` : 'it targets the whole document (no selector)' };
}

function localSpanId(iri: string): string {
  return SPAN_IRI.exec(iri)?.[1] ?? iri;
}

function parseW3c(files: InputFile[], options: FormatOptions): ParsedCorpus {
  const warnings = new WarningLog(w3cLosses);
  const policy = BadRecordPolicy.of(options, warnings);
  // Annotations left out as bad records (skipBadRecords): statements linking them are dropped with them.
  const skippedIris = new Set<string>();
  const documents: TextDocument[] = [];
  const found: FoundAnnotation[] = [];
  for (const file of expandArchives(files)) {
    const { stem, ext } = pathParts(file.name);
    if (ext === 'txt') {
      const text = fileText(file);
      documents.push({ source: file.name, aliases: [file.name, stem, `${stem}.txt`], text, conv: new OffsetConverter(text), spans: [], statements: [], article: { title: stem, text } });
      continue;
    }
    collect(parseJsonDocument(fileText(file), file.name), file.name, documents, found, warnings);
  }

  // Index documents by source and by alias (first one wins), so lookups stay O(1) per annotation.
  const bySource = new Map<string, TextDocument>();
  const byAlias = new Map<string, TextDocument>();
  for (const d of documents) {
    if (!bySource.has(d.source)) bySource.set(d.source, d);
    for (const a of d.aliases) if (!byAlias.has(a)) byAlias.set(a, d);
  }
  const findDocument = (source: string, scope: TextDocument[]): TextDocument | undefined => {
    const exact = scope.find((d) => d.source === source) ?? bySource.get(source);
    if (exact) return exact;
    const last = source.replace(/[?#].*$/, '').split(/[/:]/).pop() ?? '';
    return byAlias.get(source) ?? (last !== '' ? byAlias.get(last) : undefined);
  };

  // Spans first, so linking annotations can find them.
  const spanByIri = new Map<string, { doc: TextDocument; span: ImportedSpan }>();
  const links: FoundAnnotation[] = [];
  let reanchored = 0;
  for (const f of found) {
    const { node } = f;
    const id = node.id as string;
    const motivations = Array.isArray(node.motivation) ? node.motivation.map(String) : typeof node.motivation === 'string' ? [node.motivation] : [];
    const groups = targetGroups(node);
    if (motivations.includes('linking') && groups.every((g) => g.length === 1 && !g[0].selectors.quote && !g[0].selectors.position)) {
      links.push(f);
      continue;
    }
    const bodies = textualBodies(node, (b) => warnings.lost('otherBodies', `${f.file} ${f.path}: ${briefValue(b)}`));
    const tag = bodies.find((b) => purposes(b).some((p) => p === 'tagging' || p === 'classifying'));
    const notes = bodies.filter((b) => b !== tag && !purposes(b).some((p) => p === 'tagging' || p === 'classifying')).map((b) => b.value as string);
    if (typeof node.bodyValue === 'string') notes.push(node.bodyValue);
    let label = tag?.value as string | undefined;
    if (label === undefined) {
      label = motivations[0] ?? 'Annotation';
      warnings.count('annotations without a tagging body were labelled by their motivation', `${f.file} ${f.path}: "${label}"`);
    }
    const attrs = isRecord(node['wb:attributes'])
      ? Object.fromEntries(Object.entries(node['wb:attributes']).filter(([, v]) => typeof v === 'string') as [string, string][])
      : undefined;
    const entityId = optionalString(node['wb:entityId']);
    groups.forEach((pieces, gi) => {
      const doc = findDocument(pieces[0].source, f.scope);
      if (!doc || pieces.some((p) => findDocument(p.source, f.scope) !== doc)) {
        warnings.count('annotations whose target text is not in the files were skipped', `${f.file} ${f.path} (source ${pieces[0].source})`);
        return;
      }
      const ranges: { start: number; end: number }[] = [];
      for (const piece of pieces) {
        const a = anchorPiece(doc, piece.selectors);
        if ('problem' in a) {
          policy.reject(f.file, f.path, `annotation ${id} could not be anchored: ${a.problem}`);
          skippedIris.add(id);
          return;
        }
        if (a.how !== 'position' && piece.selectors.position) reanchored++;
        if (a.how === 'fuzzy') warnings.count('annotations re-anchored approximately (the quoted text changed)', `${f.file} ${id}: ${a.errors} edit(s)`);
        ranges.push({ start: a.start, end: a.end });
      }
      ranges.sort((x, y) => x.start - y.start);
      const disjoint = ranges.every((r, i) => i === 0 || r.start >= ranges[i - 1].end);
      if (!disjoint) warnings.count('discontinuous targets with overlapping pieces were merged to their extent', `${f.file} ${id}`);
      const span: ImportedSpan = {
        id: gi === 0 ? localSpanId(id) : `${localSpanId(id)}-${gi + 1}`,
        label,
        start: ranges[0].start,
        end: disjoint ? ranges[ranges.length - 1].end : Math.max(...ranges.map((r) => r.end)),
        ...(disjoint && ranges.length > 1 ? { fragments: ranges } : {}),
        ...(notes.length ? { note: notes.join('\n') } : {}),
        ...(annotatorOf(node.creator) ? { annotator: annotatorOf(node.creator) } : {}),
        ...(validTimestamp(node.created) ? { createdAt: validTimestamp(node.created) } : {}),
        ...(validTimestamp(node.modified) ? { updatedAt: validTimestamp(node.modified) } : {}),
        ...(entityId ? { entityId } : {}),
        ...(attrs && Object.keys(attrs).length ? { attributes: attrs } : {}),
      };
      doc.spans.push(span);
      if (gi === 0) spanByIri.set(id, { doc, span });
    });
  }
  if (reanchored) warnings.add(`${reanchored} span(s) were re-anchored by their quote because the position no longer matched the text`);

  for (const f of links) {
    const { node } = f;
    const targetIri = targetGroups(node)[0]?.[0]?.source;
    const actor = targetIri ? spanByIri.get(targetIri) : undefined;
    const bodyList = Array.isArray(node.body) ? node.body : node.body === undefined ? [] : [node.body];
    const refs: { iri: string; role?: string }[] = [];
    let polarity: Polarity | undefined;
    const notes: string[] = [];
    for (const b of bodyList) {
      if (typeof b === 'string') refs.push({ iri: b });
      else if (isRecord(b) && typeof b.source === 'string') refs.push({ iri: b.source, role: optionalString(b['wb:role']) });
      else if (isRecord(b) && typeof b.value === 'string') {
        const p = purposes(b);
        const pol = p.includes('classifying') || p.includes('tagging') ? polarityOfLabel(b.value) : undefined;
        if (pol && !polarity) polarity = pol;
        else notes.push(b.value);
      } else if (isRecord(b) && typeof b.id === 'string') refs.push({ iri: b.id });
    }
    const claimRef = refs.find((r) => r.role === 'claim') ?? refs.find((r) => r.role === undefined);
    const stanceRef = refs.find((r) => r.role === 'stance');
    const claim = claimRef ? spanByIri.get(claimRef.iri) : undefined;
    const stance = stanceRef ? spanByIri.get(stanceRef.iri) : undefined;
    const skippedRef = [targetIri, claimRef?.iri, stanceRef?.iri].find((iri) => iri !== undefined && skippedIris.has(iri));
    if (skippedRef !== undefined) {
      policy.dropped({ file: f.file, location: f.path }, `the statement ${String(node.id)} was dropped: its span ${skippedRef} was skipped`);
      continue;
    }
    if (!actor || !claim || actor.doc !== claim.doc || (stanceRef && (!stance || stance.doc !== actor.doc))) {
      warnings.lost('otherRelations', `${f.file} ${f.path} (a linking annotation that does not link spans of one text)`);
      continue;
    }
    if (!polarity) warnings.count('statements without a polarity (read as neutral)', `${f.file} ${f.path}`);
    const id = node.id as string;
    actor.doc.statements.push({
      id: STATEMENT_IRI.exec(id)?.[1] ?? id,
      actorSpanId: actor.span.id!,
      claimSpanId: claim.span.id!,
      ...(stance ? { stanceSpanId: stance.span.id! } : {}),
      polarity: polarity ?? 'neutral',
      ...(notes.length ? { note: notes.join('\n') } : {}),
      ...(annotatorOf(node.creator) ? { annotator: annotatorOf(node.creator) } : {}),
      ...(validTimestamp(node.created) ? { createdAt: validTimestamp(node.created) } : {}),
      ...(validTimestamp(node.modified) ? { updatedAt: validTimestamp(node.modified) } : {}),
    });
  }

  const articles = documents.map((d) => ({ ...d.article, spans: d.spans, statements: d.statements }));
  return { articles, warnings: warnings.list() };
}

/**
 * W3C annotations carry every span and statement field; an entity travels only as the link
 * (`wb:entityId`). The workbench has no place for bodies other than tags and comments (images,
 * links, the other choices of a Choice) nor for links between anything but spans of one text.
 */
const w3cLosses: CodecLosses = {
  title: 'W3C Web Annotation',
  export: [{ kind: 'entityRecord', reason: 'only the links travel, as wb:entityId' }],
  import: [{ kind: 'otherBodies' }, { kind: 'otherRelations' }],
};

export const w3cCodec: FormatCodec = {
  name: 'w3c',
  description: 'W3C Web Annotation JSON-LD: one AnnotationCollection per article, text included; code-point positions + quotes',
  layout: 'single',
  extension: 'jsonld',
  mimeType: 'application/ld+json',
  losses: w3cLosses,
  parse: parseW3c,
  begin() {
    return [{ text: '[\n' }];
  },
  article(article, ctx, index) {
    return [{ text: (index > 0 ? ',\n' : '') + JSON.stringify(articleToCollection(article, ctx)) }];
  },
  end() {
    return [{ text: '\n]\n' }];
  },
};
