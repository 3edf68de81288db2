/**
 * The input side of `workbench convert`: the files given as IN, read the way `workbench import`
 * reads them and parsed by the same codecs, handed over in chunks so that memory holds one
 * chunk, not the corpus, wherever the format allows:
 *
 *  - 'lines': native and doccano JSONL of one record per line (the codec's LineReader, the
 *    reader of the import's streamed passes): one chunk per line;
 *  - 'pairs': a brat folder: one chunk per NAME.txt/NAME.ann pair (and one per other file, so
 *    the codec reports the files it ignores), each parsed by the codec itself, in the order and
 *    with the titles of the codec's whole parse (shared/formats/documentPairs.ts);
 *  - 'whole': everything else (a brat or CSV zip, CSV tables, Label Studio and W3C JSON
 *    documents, CoNLL, pretty-printed doccano) is parsed at once, as the import parses it.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../../shared/api/errors';
import { EntitySchema, type Entity } from '../../shared/domain/model';
import type { FormatOptions } from '../../shared/formats/formatNames';
import type { FormatCodec, FormatError, ImportedArticle, InputFile, ParsedCorpus } from '../../shared/formats/codec';
import { documentGroups } from '../../shared/formats/documentPairs';
import { formatErrorsOf, throwFormatErrors } from '../../shared/formats/fileErrors';
import { pathParts } from '../../shared/formats/inputFiles';
import { readsLineByLine } from '../service/streamedImport';
import { textFileLines } from '../service/textFileLines';
import { inputFilePaths, readInputFiles, toInputFileFromBytes } from './readInputFiles';

/** Articles parsed together, with what the files carry besides them. */
export interface ParsedChunk extends Omit<ParsedCorpus, 'articles'> {
  articles: ImportedArticle[];
  /** Where article `i` of the chunk came from, for error messages ("file (line 3)"). */
  where(i: number): string;
}

export type InputMode = 'lines' | 'pairs' | 'whole';

export interface ConvertInput {
  mode: InputMode;
  /** The files read, as named in messages (paths as given). */
  files: readonly string[];
  /** The chunks in order; each is parsed when asked for. */
  chunks(signal: AbortSignal): AsyncGenerator<ParsedChunk>;
}

/**
 * The entity records a native JSONL line carries for its links. The line reader checks them
 * (and that no two lines disagree) but hands them over only at the end; a converted line is
 * written before that, and needs them then.
 */
function lineEntities(text: string): Entity[] {
  const records = (JSON.parse(text) as { entities?: unknown[] }).entities ?? [];
  return records.map((r) => EntitySchema.parse(r));
}

function lineInput(files: readonly { name: string; path: string }[], codec: FormatCodec, options: FormatOptions): ConvertInput {
  return {
    mode: 'lines',
    files: files.map((f) => f.name),
    async *chunks(signal) {
      const reader = codec.lineReader!(options);
      for (const file of files) {
        for await (const { text, line } of textFileLines(file.path, file.name)) {
          signal.throwIfAborted();
          const article = reader.line(file.name, text, line);
          if (!article) continue;
          const linked = codec.name === 'jsonl' && article.spans.some((s) => s.entityId);
          yield { articles: [article], where: () => `${file.name} (line ${line})`, warnings: [], ...(linked ? { entities: lineEntities(text) } : {}) };
        }
      }
      yield { articles: [], where: () => '', ...reader.end() };
    },
  };
}

/**
 * A document's files, read at once: synchronous reads of two small files cost a fraction of
 * the promise API's four thread-pool round trips each (open, stat, read, close), which were
 * most of the wall time of a 1,000-document folder on a busy machine (bench `convert`).
 */
function readGroup(names: readonly string[], codec: FormatCodec, cwd: string): InputFile[] {
  return names.map((name) => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path.resolve(cwd, name));
    } catch (err) {
      throw new WorkbenchError('io', `${name}: cannot read: ${(err as Error).message}`, name);
    }
    return plainText(name, bytes) ?? toInputFileFromBytes(name, bytes, codec);
  });
}

/** Past this size a file takes the general path, whose error names a text too long for a string. */
const PLAIN_TEXT_BYTES = 64 * 1024 * 1024;

/**
 * A brat .txt or .ann file of plain UTF-8 (no byte-order mark, nothing the general path would
 * treat otherwise) as toInputFileFromBytes would give it, decoded without a TextDecoder per file;
 * undefined for anything else, which goes the general way (its checks, its errors).
 */
function plainText(name: string, bytes: Buffer): InputFile | undefined {
  if (!/\.(txt|ann)$/i.test(name) || bytes.length > PLAIN_TEXT_BYTES) return undefined;
  const b0 = bytes[0];
  // A byte-order mark (UTF-8 EF BB BF, UTF-16 FF FE / FE FF) or a zip's "PK": the general path decides.
  if (b0 === 0xef || b0 === 0xff || b0 === 0xfe || b0 === 0x50) return undefined;
  if (isAscii(bytes)) return { name, text: bytes.toString('latin1') };
  return isUtf8(bytes) ? { name, text: bytes.toString('utf8') } : undefined;
}

function pairInput(names: readonly string[], codec: FormatCodec, options: FormatOptions, cwd: string): ConvertInput {
  return {
    mode: 'pairs',
    files: names,
    async *chunks(signal) {
      // Like the codec's whole parse, a bad document does not stop the reading: every bad file
      // is named in one error at the end (nothing more is handed on after the first).
      const errors: FormatError[] = [];
      for (const group of documentGroups(names)) {
        signal.throwIfAborted();
        let parsed: ParsedCorpus;
        try {
          parsed = codec.parse(readGroup(group.files, codec, cwd), options);
        } catch (err) {
          const bad = formatErrorsOf(err);
          if (!bad) throw err;
          errors.push(...bad);
          continue;
        }
        if (errors.length) continue;
        const articles = group.title === undefined ? parsed.articles : parsed.articles.map((a) => ({ ...a, title: group.title! }));
        yield { ...parsed, articles, where: () => group.files.find((n) => pathParts(n).ext === 'txt') ?? group.files[0] };
      }
      throwFormatErrors(errors);
    },
  };
}

function wholeInput(names: readonly string[], codec: FormatCodec, options: FormatOptions, cwd: string): ConvertInput {
  return {
    mode: 'whole',
    files: names,
    async *chunks() {
      const parsed = codec.parse(await readInputFiles(names, codec, cwd), options);
      // Named as planImport names them, so an error reads the same as the import's.
      const fileLabel = names.length === 1 ? names[0] : `${names.length} files`;
      yield { ...parsed, where: (i) => `${fileLabel}, article ${i + 1}` };
    },
  };
}

/** How `inArg` (relative to `cwd`) is read in `codec`'s format; throws naming it when it is missing or holds no files. */
export async function openConvertInput(inArg: string, codec: FormatCodec, options: FormatOptions, cwd: string): Promise<ConvertInput> {
  const names = await inputFilePaths([inArg], codec, cwd);
  const files = names.map((name) => ({ name, path: path.resolve(cwd, name) }));
  if (await readsLineByLine(files, codec, options)) return lineInput(files, codec, options);
  const isFolder = names.length > 1 || names[0] !== inArg;
  if (codec.name === 'brat' && isFolder && !names.some((n) => /\.zip$/i.test(n))) return pairInput(names, codec, options, cwd);
  return wholeInput(names, codec, options, cwd);
}
