/** A zod validation failure in one line a user can act on: the first five problems, each with its path. */
import type { z } from 'zod';

export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(input)'}: ${i.message}`)
    .join('; ');
}
