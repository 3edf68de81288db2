/**
 * The shape every interchange format implements. Import is a pure parse of whole files into
 * `ImportedArticle`s (labels by name, offsets already converted to UTF-16); the service then
 * maps labels onto the schema and writes all-or-nothing. Export is streamed: the driver asks
 * the codec for pieces article by article, so memory stays bounded by one article.
 */
import type { Article, ArticleStatus, Entity, LabelSchemaDef, Polarity } from '../domain/model';
import type { FormatName, FormatOptions } from './formatNames';
import { WorkbenchError } from '../api/errors';
import type { CodecLosses, ExportLossKind } from './losses';

/** A file to import, as the codec sees it: text decoded, or raw bytes (zip archives). */
export interface InputFile {
  /** Path or name, used in error messages. */
  name: string;
  text?: string;
  bytes?: Uint8Array;
}

/** A span as read from a file. Offsets are UTF-16 code units of the article text. */
export interface ImportedSpan {
  /** The file's own id for the span (used to resolve statements / relations). */
  id?: string;
  /** Label name or id as written in the file; mapped onto the schema by the service. */
  label: string;
  start: number;
  end: number;
  fragments?: { start: number; end: number }[];
  note?: string;
  annotator?: string;
  createdAt?: string;
  updatedAt?: string;
  entityId?: string;
  attributes?: Record<string, string>;
}

export interface ImportedStatement {
  id?: string;
  actorSpanId: string;
  claimSpanId: string;
  stanceSpanId?: string;
  polarity: Polarity;
  note?: string;
  annotator?: string;
  createdAt?: string;
  updatedAt?: string;
}

export interface ImportedArticle {
  id?: string;
  title: string;
  text: string;
  source?: string;
  url?: string;
  date?: string;
  status?: ArticleStatus;
  createdAt?: string;
  updatedAt?: string;
  spans: ImportedSpan[];
  statements: ImportedStatement[];
}

export interface ParsedCorpus {
  articles: ImportedArticle[];
  /**
   * Entity records the files carry (native JSONL in full, brat as name + kind), one per id,
   * already validated against EntitySchema by the codec. Formats without entities omit it.
   */
  entities?: Entity[];
  /**
   * The fields of `entities` the format really carries; the others are schema defaults. An
   * entity whose id the workspace already has is the same entity when these fields agree
   * (brat cannot carry aliases, so their absence is no conflict). All fields when absent.
   */
  entityFields?: readonly (keyof Entity)[];
  /** Things that were read but could not be carried over exactly (reported in the preview). */
  warnings: string[];
}

export interface ExportContext {
  schema: LabelSchemaDef;
  options: FormatOptions;
  /** The workspace's entity records, by id, for formats that carry them with the spans' `entityId`. Optional. */
  entities?: ReadonlyMap<string, Entity>;
  /** Receives what an export could not write exactly (a dropped nested span, a widened span). Optional. */
  warn?: (message: string) => void;
  /**
   * Receives, at the end of an export, one line per kind of content the format could not carry
   * (losses.ts: count and first example). Given to `warn` when absent; callers that keep only
   * the first warnings take these apart so they are never cut off.
   */
  lost?: (line: string) => void;
  /**
   * Kinds not to report as lost: content the articles hold only because an import made it up
   * (`workbench convert` from a format that has no place for it, e.g. brat's timestamps).
   */
  notLost?: ReadonlySet<ExportLossKind>;
  /** Cancels a running export (checked by the export driver between articles). Optional. */
  signal?: AbortSignal;
}

/** A piece of export output. `file` names an entry of a multi-file export (brat); single-file formats omit it. */
export interface ExportPiece {
  file?: string;
  text: string;
}

/**
 * Reading an import one line at a time, for formats of one record per line (JSONL): the CLI
 * streams big files through it instead of `parse`, so memory holds one line, not the corpus.
 * One reader reads a whole import (every file, in order, each line once), keeping only what
 * spans lines (entity records, warnings). Fed the same lines, it yields what `parse` yields.
 */
export interface LineReader {
  /**
   * Whether a file whose first non-blank line is `firstLine` is read line by line; when not
   * (a pretty-printed or top-level-array file), the import goes through `parse` instead.
   */
  readsLineByLine(firstLine: string): boolean;
  /** The article of one line (`line` counts from 1 in each file), or undefined for a blank or skipped line. */
  line(fileName: string, text: string, line: number): ImportedArticle | undefined;
  /** After the last line: everything else `parse` would return (entities, warnings). */
  end(): Omit<ParsedCorpus, 'articles'>;
}

export interface FormatCodec {
  name: FormatName;
  /** One line for the Import/Export dialogs. */
  description: string;
  /** 'single': one file (extension below); 'multi': several files, delivered as a .zip or a folder. */
  layout: 'single' | 'multi';
  extension: string;
  mimeType: string;
  /** What the format cannot carry, on export and on import (losses.ts; docs/formats.md's loss table). */
  losses: CodecLosses;
  parse(files: InputFile[], options: FormatOptions): ParsedCorpus;
  /** Formats of one record per line: a reader fed line by line (see LineReader). */
  lineReader?(options: FormatOptions): LineReader;
  begin?(ctx: ExportContext): ExportPiece[];
  article(article: Article, ctx: ExportContext, index: number): ExportPiece[];
  end?(ctx: ExportContext): ExportPiece[];
}

/** A malformed input file: names the file, where in it (line or JSON path) and what is wrong. */
export class FormatError extends WorkbenchError {
  constructor(
    file: string,
    location: string | undefined,
    /** What is wrong, without the file and location (the message has all three). */
    readonly problem: string,
  ) {
    super('invalid_input', `${file}${location ? ` (${location})` : ''}: ${problem}`, file, location);
  }
}
