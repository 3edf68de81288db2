/**
 * Child-process fixture for journalCrash.test.ts: append one journal entry of several MB with
 * the real appendJournalEntry, and SIGKILL this process as soon as the journal file has grown
 * but is not complete. Node writes a long string in 512 KiB chunks and the event loop turns
 * between them, so a size poll in the same loop sees the file half written every time.
 *
 * usage: node --import tsx tornAppend.ts JOURNAL_FILE REV
 * Exits 2 if the append completed before it could be killed (the test then fails).
 */
import { statSync } from 'node:fs';
import { appendJournalEntry, type JournalEntry } from '../articleJournal';

const [file, rev] = process.argv.slice(2);
const at = '2026-01-01T00:00:00.000Z';
const entry: JournalEntry = {
  rev: Number(rev),
  at,
  edits: Array.from({ length: 600 }, (_, i) => ({
    type: 'addSpan' as const,
    span: { id: `big${i}`, labelId: 'actor', start: 0, end: 1, annotator: 'tester', createdAt: at, updatedAt: at, note: 'n'.repeat(9_000) },
  })),
};
const total = Buffer.byteLength(JSON.stringify(entry)) + 1;
const startSize = statSync(file, { throwIfNoEntry: false })?.size ?? 0;

const poll = () => {
  const size = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  if (size > startSize && size < startSize + total) process.kill(process.pid, 'SIGKILL');
  setImmediate(poll);
};
setImmediate(poll);
await appendJournalEntry(file, entry);
process.exit(2);
