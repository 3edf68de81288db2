/** Turns anything thrown into one readable sentence, keeping the file and place a WorkbenchError names. */
import { WorkbenchError } from '../../../shared/api/errors';

export function describeError(err: unknown): string {
  if (err instanceof WorkbenchError) {
    let text = err.message;
    if (err.file && !text.includes(baseName(err.file))) text += ` (in ${err.file}${err.location ? `, ${err.location}` : ''})`;
    else if (err.location && !text.includes(err.location)) text += ` (at ${err.location})`;
    return text;
  }
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}
