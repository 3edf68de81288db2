/**
 * The per-article edit journal: why it exists. Rewriting a 1 MB article with 20,000 spans
 * durably costs ~80 ms (serialise 4 MB, write, fsync), far above the 20 ms an annotator can
 * wait per keystroke. So an acknowledged edit is first appended, as one JSON line, to
 * `articles/<id>.journal` and fsynced (a few hundred bytes); the article file itself is rewritten
 * ("compacted") when the annotator pauses, when the journal grows, and on close.
 *
 * Each line carries a revision number; the article file records the revision it contains, so
 * a crash between compaction and journal removal never applies an edit twice. A torn final
 * line (the process died mid-append, before the edit was acknowledged; a line over 512 KiB is
 * written in several chunks) is ignored when read, and cut off durably before anything else is
 * appended: an edit appended onto it would share its line and make the journal unreadable.
 * Damage anywhere else is reported naming the journal file.
 */
import { promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { z } from 'zod';
import { WorkbenchError } from '../../shared/api/errors';
import { EditSchema, type Edit } from '../../shared/domain/edits';

export const JournalEntrySchema = z.object({
  rev: z.number().int().positive(),
  at: z.iso.datetime({ offset: true }),
  edits: z.array(EditSchema),
});
export type JournalEntry = z.infer<typeof JournalEntrySchema>;

/** The one file-system call the journal makes, injectable so tests can hold an append at a known point. */
export type JournalFs = Pick<typeof fsp, 'open'>;

/**
 * Append one entry and fsync it. Appends to one journal must not overlap (the store runs them
 * in the article's queue, and the workspace lock keeps other processes out), so a last line
 * without its newline can only be left by a process that died mid-append: it is cut off first.
 */
export async function appendJournalEntry(file: string, entry: JournalEntry, fs: JournalFs = fsp): Promise<void> {
  const handle = await fs.open(file, 'a+');
  try {
    await dropTornTail(handle);
    await handle.writeFile(JSON.stringify(entry) + '\n', 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Cut a journal back to its last complete line, durably. Returns how many bytes were dropped. */
export async function repairTornTail(file: string): Promise<number> {
  const handle = await fsp.open(file, 'r+');
  try {
    return await dropTornTail(handle);
  } finally {
    await handle.close();
  }
}

const TAIL_SCAN_BYTES = 64 * 1024;

async function dropTornTail(handle: FileHandle): Promise<number> {
  const { size } = await handle.stat();
  if (size === 0) return 0;
  const buf = Buffer.alloc(TAIL_SCAN_BYTES);
  await handle.read(buf, 0, 1, size - 1);
  if (buf[0] === NEWLINE) return 0;
  // Scan backwards for the last newline: a torn entry can be many megabytes long.
  let keep = 0;
  for (let end = size; end > 0; ) {
    const start = Math.max(0, end - TAIL_SCAN_BYTES);
    await handle.read(buf, 0, end - start, start);
    const i = buf.subarray(0, end - start).lastIndexOf(NEWLINE);
    if (i >= 0) {
      keep = start + i + 1;
      break;
    }
    end = start;
  }
  await handle.truncate(keep);
  await handle.sync();
  return size - keep;
}

const NEWLINE = 0x0a;

export interface JournalContents {
  entries: JournalEntry[];
  /** True when the last line was cut off mid-write (ignored: it was never acknowledged). */
  tornTail: boolean;
}

/** Read a journal; a missing file is an empty journal. */
export async function readJournal(file: string): Promise<JournalContents> {
  let raw: string;
  try {
    raw = await fsp.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], tornTail: false };
    throw new WorkbenchError('io', `cannot read ${file}: ${(err as Error).message}`, file);
  }
  const lines = raw.split('\n');
  const complete = raw.endsWith('\n');
  const entries: JournalEntry[] = [];
  let tornTail = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') continue;
    const isLast = i === lines.length - 1;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (err) {
      if (isLast && !complete) {
        tornTail = true;
        break;
      }
      throw new WorkbenchError('corrupt_file', `${file} line ${i + 1} is not valid JSON (${(err as Error).message}); it was left untouched`, file, `line ${i + 1}`);
    }
    const parsed = JournalEntrySchema.safeParse(json);
    if (!parsed.success)
      throw new WorkbenchError('corrupt_file', `${file} line ${i + 1} is not a valid journal entry; it was left untouched`, file, `line ${i + 1}`);
    entries.push(parsed.data);
  }
  return { entries, tornTail };
}

export async function removeJournal(file: string): Promise<void> {
  await fsp.unlink(file).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
}

export type { Edit };
