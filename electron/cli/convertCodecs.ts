/**
 * The codecs `workbench convert` uses, each loaded when asked for: the shared registry
 * (shared/formats/registry.ts) imports all eight, and loading the six a conversion does not use
 * was a tenth of a 1,000-document brat-to-doccano run (bench section `convert`). These are the
 * registry's own codec objects (convertCodecs.test.ts holds the two lists together).
 */
import { WorkbenchError } from '../../shared/api/errors';
import type { FormatCodec } from '../../shared/formats/codec';
import type { FormatName } from '../../shared/formats/formatNames';

const LOADERS: Record<FormatName, () => Promise<FormatCodec>> = {
  jsonl: async () => (await import('../../shared/formats/jsonl')).jsonlCodec,
  brat: async () => (await import('../../shared/formats/brat')).bratCodec,
  doccano: async () => (await import('../../shared/formats/doccano')).doccanoCodec,
  'label-studio': async () => (await import('../../shared/formats/labelStudio')).labelStudioCodec,
  w3c: async () => (await import('../../shared/formats/w3c')).w3cCodec,
  conll: async () => (await import('../../shared/formats/conll')).conllCodec,
  conllu: async () => (await import('../../shared/formats/conllu')).conlluCodec,
  csv: async () => (await import('../../shared/formats/csv')).csvCodec,
};

/** The codec of `name`, loaded on first use; refuses a name that is not a format as getCodec does. */
export function loadCodec(name: FormatName): Promise<FormatCodec> {
  const load = Object.prototype.hasOwnProperty.call(LOADERS, name) ? LOADERS[name] : undefined;
  if (!load) throw new WorkbenchError('unsupported', `the ${String(name)} format is not supported`);
  return load();
}
