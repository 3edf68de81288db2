/**
 * Turning the paths given to `import` / `validate` into the InputFiles a codec parses.
 * A folder contributes its files (recursively, sorted, hidden files skipped): every file
 * for a multi-file format (brat's .txt/.ann pairs, CSV's tables), otherwise those with the codec's
 * extension. Zip archives are handed over as bytes; CSV as bytes too (so the codec can
 * detect a UTF-16 byte-order mark) plus the text decoded from them; everything else as text,
 * decoded the way the codecs' own `fileText` would (shared/formats/inputFiles.ts). The import
 * of a big JSONL file does not read it whole: it takes the paths (inputFilePaths) and streams.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../../shared/api/errors';
import type { FormatCodec, InputFile } from '../../shared/formats/codec';
import { decodeBytes, isZipFile } from '../../shared/formats/inputFiles';

/**
 * The InputFile for a file's bytes. Text is decoded losslessly (a UTF-8 byte-order mark is kept
 * as U+FEFF, since brat offsets count it; codecs drop it where it is only an encoding mark),
 * and a file that is not UTF-8 or BOM-marked UTF-16 is rejected naming it.
 */
export function toInputFileFromBytes(name: string, bytes: Uint8Array, codec: FormatCodec): InputFile {
  if (isZipFile({ name, bytes })) return { name, bytes };
  if (codec.name === 'csv') {
    let text: string | undefined;
    try {
      text = decodeBytes(bytes, name, { keepUtf8Bom: true });
    } catch {
      // Not UTF-8: the bytes alone go to the codec, which decides.
    }
    return text === undefined ? { name, bytes } : { name, bytes, text };
  }
  return { name, text: decodeBytes(bytes, name, { keepUtf8Bom: true }) };
}

async function filesOfFolder(folder: string, codec: FormatCodec): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string) => {
    const entries = new Map((await fsp.readdir(dir, { withFileTypes: true })).map((e) => [e.name, e]));
    // By name in the built-in order of strings (UTF-16 units, as `<` compares them): a comparator
    // called some 20,000 times for a 2,000-file folder was most of the listing's time.
    for (const e of [...entries.keys()].sort().map((name) => entries.get(name)!)) {
      if (e.name.startsWith('.')) continue;
      // dir is resolved and an entry's name a plain name: joined by a string (path.join normalises, per file).
      const full = dir.endsWith(path.sep) ? dir + e.name : dir + path.sep + e.name;
      if (e.isDirectory()) await walk(full);
      else if (e.isFile()) found.push(full);
    }
  };
  await walk(folder);
  if (codec.layout === 'multi') return found;
  const wanted = `.${codec.extension.toLowerCase()}`;
  return found.filter((f) => f.toLowerCase().endsWith(wanted));
}

/**
 * The files named by `paths` (relative to `cwd`), in the order given, each named by the path
 * given (a folder's files as `folder/inside/name`); a missing path or empty folder is an error.
 */
export async function inputFilePaths(paths: readonly string[], codec: FormatCodec, cwd: string): Promise<string[]> {
  const files: string[] = [];
  for (const given of paths) {
    const full = path.resolve(cwd, given);
    const st = await fsp.stat(full).catch(() => null);
    if (!st) throw new WorkbenchError('invalid_input', `${given}: no such file or folder`, given);
    if (st.isDirectory()) {
      const inside = await filesOfFolder(full, codec);
      if (!inside.length)
        throw new WorkbenchError(
          'invalid_input',
          `${given}: the folder has no ${codec.layout === 'multi' ? '' : `.${codec.extension} `}files to import`,
          given,
        );
      // Each file as `given/inside/name`: path.join(given, path.relative(full, f)), by strings
      // (full is resolved and every f lies below it; two path calls per file were a fiftieth of
      // converting a 1,000-document folder).
      const prefix = path.join(given, 'x').slice(0, -1);
      const below = full.endsWith(path.sep) ? full.length : full.length + 1;
      for (const f of inside) files.push(prefix + f.slice(below));
    } else files.push(given);
  }
  return files;
}

/** The files named by `paths` (relative to `cwd`), read whole, in the order given. */
export async function readInputFiles(paths: readonly string[], codec: FormatCodec, cwd: string): Promise<InputFile[]> {
  const result: InputFile[] = [];
  for (const name of await inputFilePaths(paths, codec, cwd)) {
    let bytes: Uint8Array;
    try {
      bytes = await fsp.readFile(path.resolve(cwd, name));
    } catch (err) {
      throw new WorkbenchError('io', `${name}: cannot read: ${(err as Error).message}`, name);
    }
    result.push(toInputFileFromBytes(name, bytes, codec));
  }
  return result;
}
