/**
 * `workbench convert --from F --to G IN OUT`: the declaration (flags, help). It imports nothing
 * heavy; the conversion itself (convertRun.ts: codecs, the import's validation, the export's
 * writer) is loaded when the command runs, so that main.ts can start `convert` without the
 * workspace service the other commands load (start-up is most of a small conversion's time).
 */
import { FORMAT_NAMES } from '../../shared/formats/formatNames';
import type { CliCommand, CliOption } from './cliCommand';
import { MAX_THREADS } from './convertThreads';

const FORMAT: Omit<CliOption, 'description'> = { type: 'string', value: 'FORMAT', required: true, choices: FORMAT_NAMES };

export const convertCommand: CliCommand = {
  name: 'convert',
  summary:
    'Convert annotated files from one interchange format to another without a workspace, streamed: the same output as import into a new workspace (unknown labels added) then export. OUT is replaced only on success. Multi-file formats (brat, csv) write a .zip when OUT ends in .zip, else a folder.',
  usage: 'convert --from FORMAT --to FORMAT [--doccano-unit utf16|grapheme] [--doccano-no-overlap] [--bom] [--skip-bad-records] [--threads N] IN OUT',
  positionals: {
    name: 'IN OUT',
    description: 'the file or folder to read (brat: a folder of .txt/.ann pairs, read recursively, or a .zip) and the file (or folder) to write',
    min: 2,
  },
  options: {
    from: { ...FORMAT, description: 'the format of IN' },
    to: { ...FORMAT, description: 'the format of OUT' },
    'doccano-unit': { type: 'string', value: 'UNIT', choices: ['utf16', 'grapheme'], description: 'doccano: what the offsets count (read and written)' },
    'doccano-no-overlap': {
      type: 'boolean',
      description: 'doccano output: keep one span per overlap group (for doccano projects without "Allow overlapping spans"), reporting the rest',
    },
    bom: { type: 'boolean', description: 'csv: start each table with a UTF-8 byte-order mark (for Excel)' },
    threads: {
      type: 'string',
      value: 'N',
      description: `a brat folder to doccano: convert the documents on N threads (default: one per 100 documents, at most half the machine's cores and ${MAX_THREADS}); the output is the same`,
    },
    'skip-bad-records': {
      type: 'boolean',
      description: 'leave out bad spans (reversed, empty, outside the text, duplicate id, …) and the statements using them, reporting each on stderr, instead of refusing the input',
    },
  },
  examples: [
    'workbench convert --from brat --to doccano brat-folder/ corpus.jsonl',
    'workbench convert --from doccano --to brat corpus.jsonl brat-out.zip',
    'workbench convert --from jsonl --to conll export.jsonl export.conll',
  ],

  run: async (args, ctx) => (await import('./convertRun')).runConvert(args, ctx),
};
