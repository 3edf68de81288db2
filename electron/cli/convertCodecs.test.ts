/** convertCodecs.ts must serve exactly the registry's codecs, so convert reads and writes what import and export do. */
import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../shared/api/errors';
import { FORMAT_NAMES, type FormatName } from '../../shared/formats/formatNames';
import { FORMAT_CODECS } from '../../shared/formats/registry';
import { loadCodec } from './convertCodecs';

describe('loadCodec', () => {
  it.each(FORMAT_NAMES)('loads the registry codec of %s', async (name) => {
    expect(await loadCodec(name)).toBe(FORMAT_CODECS[name]);
  });

  it('refuses a name that is not a format, as getCodec does', () => {
    expect(() => loadCodec('toString' as FormatName)).toThrow(WorkbenchError);
  });
});
