/**
 * Importing files of one record per line (native and doccano JSONL) in two streamed passes,
 * so that memory holds one article and a few facts per article, never the corpus.
 *
 * Pass 1 (scanLineFiles) reads every line, converts each article exactly as an import does
 * (convertImportedArticle: planImport's toArticle) and keeps its id, its counts and a hash of
 * its line; the decisions on labels and entities are planImport's own, taken on a digest of
 * the corpus (planDigest). Pass 2 (commitScan) reads the files again, converts each article
 * with the labels resolved and hands it to WorkspaceStore.addArticles, which writes its file
 * and lets it go; one manifest write at the end commits them all. Any failure in pass 2
 * (including a file that changed since pass 1) removes the files written so far and leaves
 * the manifest as it was.
 */
import { createReadStream } from 'node:fs';
import type { FormatOptions, ImportPreview } from '../../shared/api/contract';
import { WorkbenchError } from '../../shared/api/errors';
import type { Article, ArticleSummary } from '../../shared/domain/model';
import type { FormatCodec, LineReader } from '../../shared/formats/codec';
import { isZipFile } from '../../shared/formats/inputFiles';
import { commitImportPlan, convertImportedArticle, planDigest, type CorpusDigest, type DigestPlan } from './importPlan';
import { textFileLines } from './textFileLines';
import type { AddArticlesHooks, WorkspaceStore } from './workspaceStore';

/** An input file: the name errors use (the path as given) and where it is. */
export interface LineFile {
  name: string;
  path: string;
}

/** An article as an import lists it: id, title and span count. */
export interface ListedArticle {
  id: string;
  title: string;
  spans: number;
}

/** Preview titles, as planImport gives them. */
const PREVIEW_TITLES = 50;
/** Articles whose id and title the first pass keeps for the report. */
export const LISTED_ARTICLES = 20;
/** Any label id will do in pass 1: labels are resolved after it, from the names it collects. */
const ANY_LABEL_ID = 'label';

/** What pass 1 keeps: the digest to plan with, counts, and per article its kept id and line hash. */
export interface LineScan {
  files: readonly LineFile[];
  codec: FormatCodec & { lineReader: NonNullable<FormatCodec['lineReader']> };
  options: FormatOptions;
  existingIds: ReadonlySet<string>;
  digest: CorpusDigest;
  counts: Pick<ImportPreview, 'articles' | 'spans' | 'statements' | 'titles'>;
  /** The first LISTED_ARTICLES articles (ids as planned). */
  listed: ListedArticle[];
  /** Per article: the id the file gave, when it is kept (else the article gets a new id in pass 2). */
  keptIds: (string | undefined)[];
  /** Per article: a hash of its line, to notice a file that changed between the passes. */
  lineHashes: number[];
}

/** The first non-blank line of a file, or undefined; never reads further. */
async function firstLine(file: LineFile): Promise<string | undefined> {
  for await (const { text } of textFileLines(file.path, file.name)) if (text.trim() !== '') return text;
  return undefined;
}

async function startsLikeZip(file: LineFile): Promise<boolean> {
  const stream = createReadStream(file.path, { start: 0, end: 3 });
  const head: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) head.push(chunk);
  return isZipFile({ name: file.name, bytes: Buffer.concat(head) });
}

/**
 * Whether these files can be imported line by line: the codec has a line reader, no file is a
 * zip archive, and each file's first line is a whole record (doccano's pretty-printed files
 * and top-level arrays are not). The others are imported whole.
 */
export async function readsLineByLine(files: readonly LineFile[], codec: FormatCodec, options: FormatOptions): Promise<boolean> {
  const reader = codec.lineReader?.(options);
  if (!reader) return false;
  for (const file of files) {
    if (await startsLikeZip(file)) return false;
    const first = await firstLine(file);
    if (first !== undefined && !reader.readsLineByLine(first)) return false;
  }
  return true;
}

/** FNV-1a over the line's UTF-16 code units: cheap, and enough to notice an edited line. */
function hashLine(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Every article of the files with the line it came from, read by a fresh reader (each pass has its own). */
async function* articlesOfLines(files: readonly LineFile[], reader: LineReader, signal: AbortSignal) {
  for (const file of files) {
    for await (const { text, line } of textFileLines(file.path, file.name)) {
      signal.throwIfAborted();
      const imported = reader.line(file.name, text, line);
      if (imported) yield { imported, file, line, text };
    }
  }
}

const where = (file: LineFile, line: number) => `${file.name} (line ${line})`;

/**
 * Pass 1: parse and convert every article, validating it as the import will, and keep only
 * the facts the plan and pass 2 need. Throws the first problem, naming the file and line.
 */
export async function scanLineFiles(
  files: readonly LineFile[],
  codec: FormatCodec,
  options: FormatOptions,
  existingIds: ReadonlySet<string>,
  signal: AbortSignal,
): Promise<LineScan> {
  if (!codec.lineReader) throw new Error(`${codec.name} has no line reader`);
  const reader = codec.lineReader(options);
  const used = new Set(existingIds);
  const labels = new Set<string>();
  const entityLinks = new Set<string>();
  const counts = { articles: 0, spans: 0, statements: 0, titles: [] as string[] };
  const listed: ListedArticle[] = [];
  const keptIds: (string | undefined)[] = [];
  const lineHashes: number[] = [];
  for await (const { imported, file, line, text } of articlesOfLines(files, reader, signal)) {
    for (const s of imported.spans) labels.add(s.label);
    const article = convertImportedArticle(imported, () => ANY_LABEL_ID, used, where(file, line));
    for (const s of article.spans) if (s.entityId) entityLinks.add(s.entityId);
    counts.articles++;
    counts.spans += article.spans.length;
    counts.statements += article.statements.length;
    if (counts.titles.length < PREVIEW_TITLES) counts.titles.push(article.title);
    if (listed.length < LISTED_ARTICLES) listed.push({ id: article.id, title: article.title, spans: article.spans.length });
    keptIds.push(article.id === imported.id ? article.id : undefined);
    lineHashes.push(hashLine(text));
  }
  const digest: CorpusDigest = { ...reader.end(), labels, entityLinks };
  return { files, codec: codec as LineScan['codec'], options, existingIds, digest, counts, listed, keptIds, lineHashes };
}

/** A scanned import's plan: planImport's decisions and the whole preview. */
export type ScanPlan = DigestPlan & { preview: ImportPreview };

/** The plan of a scanned import for a label mapping: cheap, so it can be redone with other mappings. */
export function planScan(
  scan: LineScan,
  labelMapping: Record<string, string>,
  labels: Parameters<typeof planDigest>[2],
  existingEntities: Parameters<typeof planDigest>[3],
): ScanPlan {
  const plan = planDigest(scan.digest, { labelMapping, files: scan.files }, labels, existingEntities);
  return { ...plan, preview: { ...scan.counts, ...plan.preview } };
}

function changedSince(file: LineFile, line: number): WorkbenchError {
  return new WorkbenchError(
    'invalid_input',
    `${where(file, line)}: the file changed while it was being imported (it differs from what was checked); nothing was imported`,
    file.name,
  );
}

/** Pass 2's articles: converted with the plan's labels, checked against what pass 1 saw. */
async function* convertedArticles(scan: LineScan, plan: DigestPlan, signal: AbortSignal): AsyncGenerator<Article> {
  const used = new Set(scan.existingIds);
  const labelId = (name: string) => plan.labelIds.get(name) ?? name;
  let k = 0;
  for await (const { imported, file, line, text } of articlesOfLines(scan.files, scan.codec.lineReader(scan.options), signal)) {
    if (k >= scan.lineHashes.length || hashLine(text) !== scan.lineHashes[k]) throw changedSince(file, line);
    const article = convertImportedArticle(imported, labelId, used, where(file, line));
    const kept = scan.keptIds[k];
    if (kept !== undefined && article.id !== kept) throw changedSince(file, line);
    k++;
    yield article;
  }
  if (k !== scan.lineHashes.length) {
    const last = scan.files[scan.files.length - 1];
    throw new WorkbenchError('invalid_input', `${last.name}: the files changed while they were being imported (${k} articles instead of ${scan.lineHashes.length}); nothing was imported`, last.name);
  }
}

/**
 * Pass 2: write every article and commit them with one manifest write (commitImportPlan with
 * streamed articles). All or nothing: on any failure the files written are removed.
 */
export function commitScan(scan: LineScan, plan: ScanPlan, store: WorkspaceStore, signal: AbortSignal, hooks?: AddArticlesHooks): Promise<ArticleSummary[]> {
  return commitImportPlan({ ...plan, articles: convertedArticles(scan, plan, signal) }, store, hooks);
}
