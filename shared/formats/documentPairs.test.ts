import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentGroups, titlesBelowCommonFolder } from './documentPairs';

/** The rule as brat's whole-corpus parse first stated it: folder segments (either separator) shared by every key are dropped, the rest joined by "/". */
function titlesBySegments(keys: readonly string[]): Map<string, string> {
  const split = (key: string) => key.split(/[/\\]/);
  let common = keys.length ? split(keys[0]).slice(0, -1) : [];
  for (const key of keys) {
    const dirs = split(key).slice(0, -1);
    let k = 0;
    while (k < common.length && k < dirs.length && common[k] === dirs[k]) k++;
    common = common.slice(0, k);
  }
  return new Map(keys.map((key) => [key, split(key).slice(common.length).join('/')]));
}

describe('titlesBelowCommonFolder', () => {
  it('drops the folders every key shares', () => {
    expect([...titlesBelowCommonFolder(['corpus/annA/doc1', 'corpus/annB/doc1', 'corpus/annB/doc2']).values()]).toEqual(['annA/doc1', 'annB/doc1', 'annB/doc2']);
    expect([...titlesBelowCommonFolder(['/tmp/in/x', '/tmp/in/y']).values()]).toEqual(['x', 'y']);
    expect([...titlesBelowCommonFolder(['a\\b\\x', 'a/b/sub/y']).values()]).toEqual(['x', 'sub/y']);
    expect([...titlesBelowCommonFolder(['/abs/x', 'rel/y']).values()]).toEqual(['/abs/x', 'rel/y']);
  });

  it('gives the segment rule on any keys (separators, absolute and relative, empty segments)', () => {
    const segment = fc.constantFrom('', 'a', 'b', 'ab', 'doc', 'é', '.');
    const key = fc.tuple(fc.array(fc.tuple(segment, fc.constantFrom('/', '\\')), { maxLength: 4 }), segment).map(([dirs, stem]) => dirs.map(([s, sep]) => s + sep).join('') + stem);
    fc.assert(
      fc.property(fc.uniqueArray(key, { maxLength: 8 }), (keys) => {
        expect(titlesBelowCommonFolder(keys)).toEqual(titlesBySegments(keys));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('documentGroups', () => {
  it('pairs NAME.txt with NAME.ann in key order, other files after', () => {
    const groups = documentGroups(['in/b.ann', 'in/README.md', 'in/a.txt', 'in/b.txt', 'in/a.ann', 'in/Z.txt']);
    expect(groups).toEqual([
      { key: 'in/Z', files: ['in/Z.txt'], title: 'Z' },
      { key: 'in/a', files: ['in/a.txt', 'in/a.ann'], title: 'a' },
      { key: 'in/b', files: ['in/b.ann', 'in/b.txt'], title: 'b' },
      { key: 'in/README.md', files: ['in/README.md'] },
    ]);
  });
});
