/**
 * Reading an HTTP request's body within a size limit. A body with a Content-Length is read into
 * one Buffer of that size, allocated before the first byte arrives: no list of chunks, no
 * concatenated copy. The caller refuses a declared length over the limit before reading at all
 * (`declaredBodyLength`); a chunked body is cut off as soon as it passes the limit.
 */
import type { IncomingMessage } from 'node:http';

/** The body is larger than the limit; `bytes` when its length was declared. */
export class BodyTooLargeError extends Error {
  constructor(readonly bytes?: number) {
    super(bytes === undefined ? 'request body over the limit' : `request body of ${bytes} bytes over the limit`);
  }
}

/** The Content-Length of the request (Node's parser has checked it is a number), or undefined for a chunked body. */
export function declaredBodyLength(req: IncomingMessage): number | undefined {
  const header = req.headers['content-length'];
  return header === undefined ? undefined : Number(header);
}

/** True when bytes of a body are still to come (the host then closes the connection rather than drain them). */
export function bodyPending(req: IncomingMessage): boolean {
  return !req.complete && (req.headers['transfer-encoding'] !== undefined || (declaredBodyLength(req) ?? 0) > 0);
}

interface Sink {
  /** False when the chunk does not fit within the limit. */
  add(chunk: Buffer): boolean;
  result(): Buffer;
}

function preallocated(length: number): Sink {
  // allocUnsafe: every byte is overwritten before it is read (the parser delivers exactly `length`).
  const buffer = Buffer.allocUnsafe(length);
  let filled = 0;
  return {
    add(chunk) {
      if (filled + chunk.length > length) return false;
      chunk.copy(buffer, filled);
      filled += chunk.length;
      return true;
    },
    result: () => (filled === length ? buffer : buffer.subarray(0, filled)),
  };
}

/** Chunked bodies (no length known in advance; browsers always send one): collected, then joined once. */
function collected(limit: number): Sink {
  const chunks: Buffer[] = [];
  let size = 0;
  return {
    add(chunk) {
      size += chunk.length;
      if (size > limit) return false;
      chunks.push(chunk);
      return true;
    },
    result: () => Buffer.concat(chunks, size),
  };
}

/**
 * The whole body, or a BodyTooLargeError as soon as it passes `limit` (reading stops; the caller
 * answers and closes the connection), or an error when the client goes away before the end.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = declaredBodyLength(req);
  if (declared !== undefined && declared > limit) return Promise.reject(new BodyTooLargeError(declared));
  const sink = declared === undefined ? collected(limit) : preallocated(declared);
  return new Promise((resolve, reject) => {
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onGone);
      req.off('close', onGone);
    };
    const onData = (chunk: Buffer) => {
      if (sink.add(chunk)) return;
      stop();
      req.pause();
      reject(new BodyTooLargeError(declared));
    };
    const onEnd = () => {
      stop();
      resolve(sink.result());
    };
    const onGone = () => {
      stop();
      reject(new Error('the client closed the connection before the request body was complete'));
    };
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onGone);
    req.once('close', onGone);
  });
}
