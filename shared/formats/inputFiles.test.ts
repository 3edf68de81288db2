import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { FormatError } from './codec';
import { expandArchives } from './inputFiles';

const MiB = 1024 * 1024;
const zeros = (bytes: number) => new Uint8Array(bytes);

/** The error expandArchives throws for `bytes`, or undefined when it accepts them. */
function refusal(bytes: Uint8Array, limits = {}): FormatError | undefined {
  try {
    expandArchives([{ name: 'bomb.zip', bytes }], limits);
    return undefined;
  } catch (e) {
    if (e instanceof FormatError) return e;
    throw e;
  }
}

/**
 * Make every inflated-size field of an archive claim `claimed` inflated bytes: the local header
 * (offset 22) and the central directory record (offset 24), as a hostile archive would.
 */
function lieAboutSize(zip: Uint8Array, claimed: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 4 <= out.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x04034b50) view.setUint32(i + 22, claimed, true);
    if (sig === 0x02014b50) view.setUint32(i + 24, claimed, true);
  }
  return out;
}

describe('expandArchives', () => {
  it('expands entries sorted by path, stored or deflated, skipping folders and macOS litter', () => {
    const zip = zipSync({
      'b/two.txt': [strToU8('two'), { level: 0 }],
      'a/one.txt': strToU8('one'),
      '__MACOSX/a/._one.txt': strToU8('junk'),
      'a/.DS_Store': strToU8('junk'),
      'empty/': new Uint8Array(0),
    });
    const files = expandArchives([{ name: 'in.zip', bytes: zip }, { name: 'plain.txt', text: 'x' }]);
    expect(files.map((f) => [f.name, new TextDecoder().decode(f.bytes ?? strToU8(f.text!))])).toEqual([
      ['in.zip/a/one.txt', 'one'],
      ['in.zip/b/two.txt', 'two'],
      ['plain.txt', 'x'],
    ]);
  });

  it('refuses an entry past the per-entry limit, naming archive, entry and limit: declared, or found inflating', () => {
    const zip = zipSync({ 'ok.txt': strToU8('fine'), 'big.txt': zeros(3 * MiB) });
    expect(zip.length).toBeLessThan(16 * 1024);
    const declared = refusal(zip, { maxEntryBytes: 1 * MiB });
    expect(declared?.message).toBe('bomb.zip (entry big.txt): declares 3 MiB inflated, more than the limit of 1 MiB per entry; the archive was not imported');
    expect(declared?.file).toBe('bomb.zip');
    const inflated = refusal(lieAboutSize(zip, 100), { maxEntryBytes: 1 * MiB, maxRatio: 10_000 });
    expect(inflated?.message).toBe('bomb.zip (entry big.txt): inflates to more than the limit of 1 MiB per entry; the archive was not imported');
  });

  it('refuses an archive whose entries together inflate past the per-archive limit', () => {
    const zip = zipSync({ 'a.txt': zeros(600 * 1024), 'b.txt': zeros(600 * 1024) });
    expect(refusal(zip, { maxTotalBytes: 1 * MiB })?.message).toBe(
      'bomb.zip (entry b.txt): the entries inflate to more than the limit of 1 MiB per archive; the archive was not imported',
    );
    expect(refusal(zip, { maxTotalBytes: 2 * MiB })).toBeUndefined();
  });

  it('refuses an entry past 1 MiB that inflates more than 200 times its compressed size (default limits)', () => {
    const zip = zipSync({ 'zeros.txt': zeros(4 * MiB) });
    expect(refusal(zip)?.message).toMatch(/^bomb\.zip \(entry zeros\.txt\): inflates \d+ times its compressed size \(.* MiB so far\), more than the limit of 200 times/);
    // Below the ratio's threshold a well-compressed small file is fine.
    expect(refusal(zipSync({ 'small.txt': zeros(512 * 1024) }))).toBeUndefined();
  });

  it('counts what really inflates when the headers and the central directory lie about the size (default limits)', () => {
    const liar = lieAboutSize(zipSync({ 'zeros.txt': zeros(4 * MiB) }), 100);
    expect(refusal(liar)?.message).toMatch(/^bomb\.zip \(entry zeros\.txt\): inflates \d+ times its compressed size/);
    // A declared size past the limit is refused before anything is inflated.
    const declared = lieAboutSize(zipSync({ 'small.txt': strToU8('tiny') }), 2000 * MiB);
    expect(refusal(declared)?.message).toBe(
      'bomb.zip (entry small.txt): declares 2000 MiB inflated, more than the limit of 256 MiB per entry; the archive was not imported',
    );
  });

  it('names an archive it cannot read', () => {
    expect(refusal(strToU8('not a zip at all'))?.message).toBe('bomb.zip: not a readable zip archive: no entries found');
  });
});
