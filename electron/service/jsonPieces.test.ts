import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonPieces } from './jsonPieces';

describe('jsonPieces', () => {
  it('joins to JSON that parses to what JSON.stringify gives, for any value', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withSparseArray: true }), fc.integer({ min: 0, max: 4 }), (value, indent) => {
        const joined = jsonPieces(value, indent).join('');
        const expected = JSON.stringify(value);
        if (expected === undefined) expect(joined).toBe('null');
        else expect(JSON.parse(joined)).toEqual(JSON.parse(expected));
      }),
      { numRuns: 500 },
    );
  });

  it('an object of arrays: one piece per item, one item per line, the rest pretty-printed', () => {
    const manifest = { version: 2, skipped: undefined, schema: { labels: [{ id: 'actor' }] }, articles: [{ id: 'a1', title: 'Ein "Titel"\nmit Umbruch' }, { id: 'a2' }], empty: [] };
    const pieces = jsonPieces(manifest, 2);
    expect(pieces.join('')).toBe(
      [
        '{',
        '  "version": 2,',
        '  "schema": {',
        '    "labels": [',
        '      {',
        '        "id": "actor"',
        '      }',
        '    ]',
        '  },',
        '  "articles": [',
        '    {"id":"a1","title":"Ein \\"Titel\\"\\nmit Umbruch"},',
        '    {"id":"a2"}',
        '  ],',
        '  "empty": []',
        '}',
      ].join('\n'),
    );
    // The largest piece is one item, not the array.
    const itemPieces = pieces.filter((p) => p.includes('"a1"') || p.includes('"a2"'));
    expect(itemPieces).toHaveLength(2);
  });

  it('an empty object and values that are not objects are written as JSON.stringify writes them', () => {
    expect(jsonPieces({}, 2).join('')).toBe('{}');
    expect(jsonPieces([1, [2]], 2).join('')).toBe(JSON.stringify([1, [2]], null, 2));
    expect(jsonPieces('x', 2).join('')).toBe('"x"');
    expect(jsonPieces(new Date(0), 2).join('')).toBe(JSON.stringify(new Date(0)));
  });
});
