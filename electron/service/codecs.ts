/**
 * Which codec serves each format name on the service side. Formats whose codec has not
 * landed yet answer with a clear "unsupported" error instead of failing obscurely.
 */
import type { FormatName } from '../../shared/api/contract';
import { WorkbenchError } from '../../shared/api/errors';
import type { FormatCodec } from '../../shared/formats/codec';
import { jsonlCodec } from '../../shared/formats/jsonl';

const CODECS: Partial<Record<FormatName, FormatCodec>> = { jsonl: jsonlCodec };

export function getCodec(name: FormatName): FormatCodec {
  const codec = CODECS[name];
  if (!codec) throw new WorkbenchError('unsupported', `the ${name} format is not supported yet`);
  return codec;
}
