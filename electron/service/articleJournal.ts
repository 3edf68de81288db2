/**
 * The per-article edit journal: why it exists. Rewriting a 1 MB article with 20,000 spans
 * durably costs ~80 ms (serialise 4 MB, write, fsync), far above the 20 ms an annotator can
 * wait per keystroke. So an acknowledged edit is first appended, as one JSON line, to
 * `articles/<id>.journal` and fsynced (a few hundred bytes); the article file itself is rewritten
 * ("compacted") when the annotator pauses, when the journal grows, and on close.
 *
 * Each line carries a revision number; the article file records the revision it contains, so
 * a crash between compaction and journal removal never applies an edit twice. A torn final
 * line (the process died mid-append, before the edit was acknowledged) is ignored; damage
 * anywhere else is reported naming the journal file.
 */
import { promises as fsp } from 'node:fs';
import { z } from 'zod';
import { WorkbenchError } from '../../shared/api/errors';
import { EditSchema, type Edit } from '../../shared/domain/edits';

export const JournalEntrySchema = z.object({
  rev: z.number().int().positive(),
  at: z.iso.datetime({ offset: true }),
  edits: z.array(EditSchema),
});
export type JournalEntry = z.infer<typeof JournalEntrySchema>;

export async function appendJournalEntry(file: string, entry: JournalEntry): Promise<void> {
  const handle = await fsp.open(file, 'a');
  try {
    await handle.writeFile(JSON.stringify(entry) + '\n', 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

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
