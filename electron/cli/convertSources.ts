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
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../../shared/api/errors';
import { EntitySchema, type Entity } from '../../shared/domain/model';
import type { FormatOptions } from '../../shared/formats/formatNames';
import type { FormatCodec, FormatError, ImportedArticle, InputFile, ParsedCorpus } from '../../shared/formats/codec';
import { documentGroups, type DocumentGroup } from '../../shared/formats/documentPairs';
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
  /** 'pairs': the documents, in the order the chunks come (each is parsed alone, so they can be converted on several threads). */
  groups?: readonly DocumentGroup[];
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

/** A listed file's path: names are paths as listed (inputFilePaths), and absolute ones need no resolving (a tenth of a folder's reading). */
const pathOf = (name: string, cwd: string) => (path.isAbsolute(name) ? name : path.resolve(cwd, name));

/**
 * A document's files, read at once: synchronous reads of two small files cost a fraction of
 * the promise API's four thread-pool round trips each (open, stat, read, close), which were
 * most of the wall time of a 1,000-document folder on a busy machine (bench `convert`).
 */
export function readGroup(names: readonly string[], codec: FormatCodec, cwd: string): InputFile[] {
  return names.map((name) => {
    const file = pathOf(name, cwd);
    const text = plainText(name, file);
    if (text !== undefined) return { name, text };
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (err) {
      throw new WorkbenchError('io', `${name}: cannot read: ${(err as Error).message}`, name);
    }
    return toInputFileFromBytes(name, bytes, codec);
  });
}

/**
 * A brat .txt or .ann file read as text by Node's own UTF-8 reading (one call, no buffer),
 * when that text is what toInputFileFromBytes gives for its bytes: plain UTF-8, with no
 * byte-order mark (U+FEFF, kept by the general path) and no zip ("PK"). A byte that is not
 * UTF-8 is read as U+FFFD, so a text holding one is read again as bytes, like every other file,
 * which goes the general way (its checks, its errors): undefined.
 */
function plainText(name: string, file: string): string | undefined {
  if (!/\.(txt|ann)$/i.test(name)) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const first = text.charCodeAt(0);
  // "P" may start a zip; from U+F000 on, a first character's UTF-8 begins as a byte-order mark's (EF): the general path decides.
  return first === 0x50 || first >= 0xf000 || text.includes('\ufffd') ? undefined : text;
}

/** Where a document's articles come from, in messages: its .txt file (else its one file). */
export function groupPlace(group: DocumentGroup): string {
  return group.files.find((n) => pathParts(n).ext === 'txt') ?? group.files[0];
}

function pairInput(names: readonly string[], codec: FormatCodec, options: FormatOptions, cwd: string): ConvertInput {
  const groups = documentGroups(names);
  return {
    mode: 'pairs',
    files: names,
    groups,
    async *chunks(signal) {
      // Like the codec's whole parse, a bad document does not stop the reading: every bad file
      // is named in one error at the end (nothing more is handed on after the first).
      const errors: FormatError[] = [];
      for (const group of groups) {
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
        yield { ...parsed, articles, where: () => groupPlace(group) };
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
  const files = names.map((name) => ({ name, path: pathOf(name, cwd) }));
  if (await readsLineByLine(files, codec, options)) return lineInput(files, codec, options);
  const isFolder = names.length > 1 || names[0] !== inArg;
  if (codec.name === 'brat' && isFolder && !names.some((n) => /\.zip$/i.test(n))) return pairInput(names, codec, options, cwd);
  return wholeInput(names, codec, options, cwd);
}
