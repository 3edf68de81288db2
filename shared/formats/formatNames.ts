/**
 * The file formats the workbench reads and writes. They live with the codecs (the registry
 * has one per name); the API contract imports them from here for its requests.
 */
import { z } from 'zod';

export const FORMAT_NAMES = ['jsonl', 'brat', 'doccano', 'label-studio', 'w3c', 'conll', 'conllu', 'csv'] as const;
export const FormatNameSchema = z.enum(FORMAT_NAMES);
export type FormatName = z.infer<typeof FormatNameSchema>;

/** Options that change how a file is read or written; each codec documents which it reads. */
export const FormatOptionsSchema = z
  .object({
    /**
     * doccano: what the file's offsets count: UTF-16 code units, or grapheme clusters as doccano
     * counts them (grapheme-splitter 1.0.4, Unicode 10 rules; shared/text/legacyGraphemes.ts).
     */
    doccanoUnit: z.enum(['utf16', 'grapheme']).optional(),
    /**
     * doccano export, for projects without "Allow overlapping spans": keep one span per overlap
     * group (the longest, ties to the earliest) and report the rest (shared/formats/doccanoOverlap.ts).
     */
    doccanoNoOverlap: z.boolean().optional(),
    /** csv: prefix a UTF-8 byte-order mark so Excel detects the encoding. */
    bom: z.boolean().optional(),
    /**
     * Import: leave out bad records (a reversed, empty or out-of-text span, one splitting a
     * surrogate pair, a duplicate span id, a reference to a missing span) and report each, with
     * the statements that used them, instead of refusing the files.
     */
    skipBadRecords: z.boolean().optional(),
  })
  .default({});
export type FormatOptions = z.infer<typeof FormatOptionsSchema>;
