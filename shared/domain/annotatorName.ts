import { z } from 'zod';

/**
 * An annotator's (or lead's) name: also the name of their package file, so it must be one on every
 * OS: letters, digits, space, ".", "_", "-", starting with a letter or digit, not ending in a space or ".".
 */
export const AnnotatorNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\p{L}\p{N}](?:[\p{L}\p{N} ._-]*[\p{L}\p{N}_-])?$/u, 'a name uses letters, digits, spaces, ".", "_" and "-", and starts and ends with a letter or digit');
