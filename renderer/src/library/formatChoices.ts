/**
 * The interchange formats as the Import and Export dialogs offer them. The one-line
 * description, the layout and the extension come from the codec registry (one source of
 * truth with the service and the CLI); what only a dialog needs is added here: a display
 * name, which files the file picker accepts, and what to choose for an import.
 */
import { FORMAT_NAMES, type FormatName } from '../../../shared/api/contract';
import { FORMAT_CODECS } from '../../../shared/formats/registry';

export interface FormatChoice {
  name: FormatName;
  /** Display name ("Label Studio"). */
  title: string;
  /** The codec's one-line description. */
  description: string;
  layout: 'single' | 'multi';
  /** The file an export of this format downloads (multi-file formats come as a zip). */
  exportFileName: string;
  /** The import file picker's `accept`. */
  accept: string;
  /** What to choose when importing this format. */
  importHint: string;
}

const DIALOG_TEXT: Record<FormatName, { title: string; accept: string; importHint: string }> = {
  jsonl: {
    title: 'Native JSONL',
    accept: '.jsonl,.ndjson,.json',
    importHint: 'A .jsonl file exported by the workbench.',
  },
  brat: {
    title: 'brat',
    accept: '.txt,.ann,.conf,.zip',
    importHint: 'Each NAME.txt together with its NAME.ann (choose both), or a .zip of them.',
  },
  doccano: {
    title: 'doccano',
    accept: '.jsonl,.json,.ndjson,.zip',
    importHint: 'A doccano JSONL export. Say below what its offsets count.',
  },
  'label-studio': {
    title: 'Label Studio',
    accept: '.json,.zip',
    importHint: 'A Label Studio JSON export (an array of tasks).',
  },
  w3c: {
    title: 'W3C Web Annotation',
    accept: '.jsonld,.json,.txt,.zip',
    importHint: 'A JSON-LD file of annotations; add the .txt files it points to when the texts are not inside it.',
  },
  conll: {
    title: 'CoNLL',
    accept: '.conll,.bio,.iob,.tsv,.txt',
    importHint: 'CoNLL-2003 style: one token per line with its BIO tag columns, -DOCSTART- between documents. The original spacing cannot be recovered.',
  },
  conllu: {
    title: 'CoNLL-U',
    accept: '.conllu,.conll,.txt',
    importHint: 'A CoNLL-U file (ten columns) whose MISC column holds the labels as Label=B / Label=I. Spacing follows SpaceAfter=No; line breaks inside a sentence are lost.',
  },
  csv: {
    title: 'CSV',
    accept: '.csv,.tsv,.txt,.zip',
    importHint: 'The spans table with its articles table (or ARTICLE_ID.txt files), or a .zip of them.',
  },
};

export const FORMAT_CHOICES: readonly FormatChoice[] = FORMAT_NAMES.map((name) => {
  const codec = FORMAT_CODECS[name];
  return {
    name,
    ...DIALOG_TEXT[name],
    description: codec.description,
    layout: codec.layout,
    exportFileName: `workbench-${name}.${codec.layout === 'multi' ? 'zip' : codec.extension}`,
  };
});

export function formatChoice(name: FormatName): FormatChoice {
  return FORMAT_CHOICES.find((f) => f.name === name)!;
}
