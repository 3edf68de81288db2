/**
 * Turning the paths given to `import` / `validate` into the InputFiles a codec parses.
 * A folder contributes its files (recursively, sorted, hidden files skipped): every file
 * for a multi-file format (brat's .txt/.ann pairs), otherwise those with the codec's
 * extension. Zip archives are handed over as bytes; CSV as bytes too (so the codec can
 * detect a UTF-16 byte-order mark) plus the text decoded from them; everything else as text.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../../shared/api/errors';
import { FormatError, type FormatCodec, type InputFile } from '../../shared/formats/codec';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export function isZip(name: string, bytes: Uint8Array): boolean {
  return /\.zip$/i.test(name) || ZIP_MAGIC.every((b, i) => bytes[i] === b);
}

/**
 * Decode text by its byte-order mark (UTF-8, UTF-16 LE/BE; the mark is dropped), else as
 * UTF-8. Returns null when the bytes are not valid in that encoding.
 */
export function decodeText(bytes: Uint8Array): string | null {
  let encoding = 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export function toInputFileFromBytes(name: string, bytes: Uint8Array, codec: FormatCodec): InputFile {
  if (isZip(name, bytes)) return { name, bytes };
  const text = decodeText(bytes);
  if (codec.name === 'csv') return text === null ? { name, bytes } : { name, bytes, text };
  if (text === null) throw new FormatError(name, undefined, 'is not valid UTF-8 (or UTF-16 with a byte-order mark) text');
  return { name, text };
}

async function filesOfFolder(folder: string, codec: FormatCodec): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string) => {
    const entries = (await fsp.readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.isFile()) found.push(full);
    }
  };
  await walk(folder);
  if (codec.layout === 'multi') return found;
  const wanted = `.${codec.extension.toLowerCase()}`;
  return found.filter((f) => f.toLowerCase().endsWith(wanted));
}

/** The files named by `paths` (relative to `cwd`), read whole, in the order given. */
export async function readInputFiles(paths: readonly string[], codec: FormatCodec, cwd: string): Promise<InputFile[]> {
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
      files.push(...inside.map((f) => path.join(given, path.relative(full, f))));
    } else files.push(given);
  }
  const result: InputFile[] = [];
  for (const name of files) {
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
