/**
 * Every interchange format by name. The service, the CLI and the dialogs look codecs up here;
 * adding a format means adding its codec module and one line below (and docs/formats.md).
 */
import type { FormatName } from './formatNames';
import { WorkbenchError } from '../api/errors';
import type { FormatCodec } from './codec';
import { jsonlCodec } from './jsonl';
import { bratCodec } from './brat';
import { doccanoCodec } from './doccano';
import { labelStudioCodec } from './labelStudio';
import { w3cCodec } from './w3c';
import { conllCodec } from './conll';
import { conlluCodec } from './conllu';
import { csvCodec } from './csv';

export const FORMAT_CODECS: Record<FormatName, FormatCodec> = {
  jsonl: jsonlCodec,
  brat: bratCodec,
  doccano: doccanoCodec,
  'label-studio': labelStudioCodec,
  w3c: w3cCodec,
  conll: conllCodec,
  conllu: conlluCodec,
  csv: csvCodec,
};

export function getCodec(name: FormatName): FormatCodec {
  const codec = Object.prototype.hasOwnProperty.call(FORMAT_CODECS, name) ? FORMAT_CODECS[name] : undefined;
  if (!codec) throw new WorkbenchError('unsupported', `the ${String(name)} format is not supported`);
  return codec;
}
