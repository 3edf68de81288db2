/**
 * Buffered sequential writes to one open file, for exports (exportWriter.ts). Text is encoded
 * straight into one of two fixed buffers: while one is being written by the thread pool, the
 * caller fills the other, so at most one write is in flight and memory holds two buffers.
 *
 * The buffers are reused, across the writes of one file and across files (a small pool), where
 * a buffer made for each piece (Buffer.from(text)) left the garbage collector megabytes of
 * buffers to free and kept touching fresh memory: reusing two was 3% of a 1,000-document
 * `workbench convert` (bench section `convert`). A piece larger than a buffer is written as a
 * buffer of its own.
 *
 * A write's failure is thrown by the next write that must wait for it, or by finish.
 */
import { promises as fsp } from 'node:fs';

/** Size of each write buffer: a write of this much keeps syscalls few and the memory small. */
export const WRITE_BUFFER_BYTES = 256 * 1024;
/** Written data is flushed to the disk (fdatasync) behind the writing every this many bytes. */
const EARLY_SYNC_BYTES = 4 * 1024 * 1024;
/** Free buffers kept for the next writer: two for a single file, a few for CSV tables written side by side. */
const SPARE_BUFFERS = 6;

const spare: Buffer[] = [];
const takeBuffer = () => spare.pop() ?? Buffer.allocUnsafeSlow(WRITE_BUFFER_BYTES);
function giveBack(buffer: Buffer) {
  if (buffer.length === WRITE_BUFFER_BYTES && spare.length < SPARE_BUFFERS) spare.push(buffer);
}

export class BufferedFileWriter {
  /** The buffer being filled (taken at the first write) and how much of it is filled. */
  private buffer: Buffer | undefined;
  private used = 0;
  /** The write in flight, if any (marked handled: its failure is thrown when it is awaited). */
  private inFlight: Promise<void> | undefined;
  /** Bytes handed to the disk's own flush so far, and that flush (see flush; marked handled like inFlight). */
  private synced = 0;
  private syncing: Promise<void> | undefined;
  /** Bytes written (or buffered) so far. */
  bytes = 0;

  private constructor(private readonly handle: fsp.FileHandle) {}

  static async open(file: string, flags: string): Promise<BufferedFileWriter> {
    return new BufferedFileWriter(await fsp.open(file, flags));
  }

  async write(data: string | Uint8Array): Promise<void> {
    if (data.length === 0) return;
    let room = this.buffer ? WRITE_BUFFER_BYTES - this.used : WRITE_BUFFER_BYTES;
    // A UTF-16 unit is at most three bytes of UTF-8: most pieces are known to fit without being measured.
    const size = typeof data !== 'string' ? data.length : data.length * 3 <= room ? -1 : Buffer.byteLength(data, 'utf8');
    if (size > room) {
      await this.flush();
      room = WRITE_BUFFER_BYTES;
    }
    if (size > room) {
      // Larger than a buffer: written as it is, after what was buffered.
      const own = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      this.bytes += own.length;
      await this.startWrite(own);
      return;
    }
    this.buffer ??= takeBuffer();
    const written = typeof data === 'string' ? this.buffer.write(data, this.used, 'utf8') : (this.buffer.set(data, this.used), data.length);
    this.used += written;
    this.bytes += written;
  }

  /** Start writing what is buffered (after the write in flight); the next write fills the other buffer. */
  private async flush(): Promise<void> {
    if (!this.buffer || this.used === 0) return;
    const full = this.buffer;
    const data = full.subarray(0, this.used);
    this.buffer = undefined;
    this.used = 0;
    await this.startWrite(data, full);
  }

  /**
   * Wait for the write in flight, then start writing `data` (not waited for). `own`, the buffer
   * `data` is part of, goes back to the pool once written.
   */
  private async startWrite(data: Uint8Array, own?: Buffer): Promise<void> {
    await this.inFlight;
    const writing = this.writeAll(data);
    if (own) void writing.then(() => giveBack(own), () => undefined);
    writing.catch(() => undefined);
    this.inFlight = writing;
    // Every few megabytes the data written so far is flushed to the disk behind the conversion
    // too, so that the fsync of `finish`, which the conversion must wait for, has only the rest
    // to write (it was most of the time a 1,000-document conversion spent waiting at its end).
    // The next write does not wait for it (a flush runs beside a write); finish does.
    const written = this.bytes - this.used;
    if (written - this.synced >= EARLY_SYNC_BYTES) {
      this.synced = written;
      const before = this.syncing;
      const syncing = writing.then(async () => {
        await before;
        await this.handle.datasync();
      });
      syncing.catch(() => undefined);
      this.syncing = syncing;
    }
  }

  private async writeAll(data: Uint8Array): Promise<void> {
    // A short write (a signal, a full pipe) leaves the rest.
    for (let at = 0; at < data.length; ) at += (await this.handle.write(data, at, data.length - at)).bytesWritten;
  }

  /** Write what is buffered, fsync, close. */
  async finish(): Promise<void> {
    try {
      await this.flush();
      await this.inFlight;
      await this.syncing;
      await this.handle.sync();
    } finally {
      await this.handle.close();
    }
  }

  /** Drop what is buffered and close, after a failure. */
  async abandon(): Promise<void> {
    if (this.buffer) giveBack(this.buffer);
    this.buffer = undefined;
    this.used = 0;
    await this.inFlight?.catch(() => undefined);
    await this.syncing?.catch(() => undefined);
    await this.handle.close().catch(() => undefined);
  }
}
