/**
 * A lowdb adapter that makes every write durable before it resolves: write a temp file,
 * fsync it, rename it over the target, fsync the directory. lowdb's own JSONFile (steno)
 * renames but never fsyncs, so a power cut can leave an empty or old file behind an
 * acknowledged edit. Writes to one file are queued so two never interleave.
 *
 * Reading never "repairs": an unparsable file raises a WorkbenchError naming the file, and the
 * file is left exactly as it is for the user to inspect.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { Adapter } from 'lowdb';
import { WorkbenchError } from '../../shared/api/errors';
import { jsonPieces } from './jsonPieces';

/** The file-system calls the adapter makes, injectable so tests can simulate a crash mid-write. */
export interface DurableFs {
  open: typeof fsp.open;
  rename: typeof fsp.rename;
  readFile: typeof fsp.readFile;
  unlink: typeof fsp.unlink;
}
const realFs: DurableFs = { open: fsp.open, rename: fsp.rename, readFile: fsp.readFile, unlink: fsp.unlink };

export interface DurableJsonFileOptions {
  /**
   * Pretty-print (the manifest, for people to read; written in pieces, one line per array item,
   * see jsonPieces) or compact (article files, for speed).
   */
  indent?: number;
  fs?: DurableFs;
}

/** Pieces are written in batches of about this many characters: few writes, no big buffer. */
const WRITE_BATCH_CHARS = 1 << 20;

/** Write `content` (one string, pieces that join to it, or bytes) to `file` atomically and durably. */
export async function writeFileDurably(file: string, content: string | Uint8Array | readonly string[], fs: DurableFs = realFs): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  const handle = await fs.open(temp, 'w');
  try {
    if (typeof content === 'string') await handle.writeFile(content, 'utf8');
    else if (content instanceof Uint8Array) await handle.writeFile(content);
    else {
      let batch: string[] = [];
      let chars = 0;
      for (const piece of content) {
        batch.push(piece);
        chars += piece.length;
        if (chars >= WRITE_BATCH_CHARS) {
          await writeAll(handle, batch.join(''));
          batch = [];
          chars = 0;
        }
      }
      if (batch.length) await writeAll(handle, batch.join(''));
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(temp, file);
  } catch (err) {
    await fs.unlink(temp).catch(() => undefined);
    throw err;
  }
  await syncDirectory(dir, fs);
}

/** FileHandle.write may write less than asked (unlike writeFile): loop until all is written. */
async function writeAll(handle: fsp.FileHandle, text: string) {
  const bytes = Buffer.from(text, 'utf8');
  for (let done = 0; done < bytes.length; ) done += (await handle.write(bytes, done)).bytesWritten;
}

/** fsync a directory so the rename itself survives a crash (a no-op where the OS refuses, e.g. Windows). */
export async function syncDirectory(dir: string, fs: DurableFs = realFs) {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF') throw err;
  } finally {
    await handle?.close();
  }
}

export class DurableJsonFile<T> implements Adapter<T> {
  private queue: Promise<void> = Promise.resolve();
  private readonly fs: DurableFs;

  constructor(
    readonly file: string,
    private readonly options: DurableJsonFileOptions = {},
  ) {
    this.fs = options.fs ?? realFs;
  }

  async read(): Promise<T | null> {
    let raw: string;
    try {
      raw = await this.fs.readFile(this.file, 'utf8');
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'ENOENT') return null;
      throw new WorkbenchError('io', `cannot read ${this.file}: ${e.message}`, this.file);
    }
    try {
      return JSON.parse(raw) as T;
    } catch (err) {
      throw new WorkbenchError(
        'corrupt_file',
        `${this.file} is not valid JSON (${(err as Error).message}); it was left untouched`,
        this.file,
      );
    }
  }

  write(data: T): Promise<void> {
    // Serialise now, so later mutation of `data` cannot change what this write stores.
    const { indent } = this.options;
    const content = indent === undefined ? JSON.stringify(data) + '\n' : [...jsonPieces(data, indent), '\n'];
    const next = this.queue.then(() => writeFileDurably(this.file, content, this.fs));
    this.queue = next.catch(() => undefined);
    return next;
  }
}
