import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PackedJsonError, TABLE_MIN_ROWS, packJson, unpackJson } from './packedJson';

/** What a value looks like after a trip through JSON text, packed or not. */
const viaText = (v: unknown) => JSON.parse(JSON.stringify(v));

describe('packed JSON', () => {
  it('gives back exactly the value it packed, for any JSON value (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(unpackJson(viaText(packJson(value)))).toStrictEqual(viaText(value));
      }),
    );
  });

  it('gives back arrays of objects of mixed shapes, nested tables and "$" keys (property)', () => {
    const key = fc.constantFrom('id', 'start', '$table', '$$x', '__proto__', 'note', '', 'toString');
    const record = fc.dictionary(key, fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.array(fc.dictionary(key, fc.integer()), { maxLength: 12 })));
    fc.assert(
      fc.property(fc.array(record, { minLength: 0, maxLength: 30 }), (rows) => {
        const value = { ok: true, value: { spans: rows, $table: rows.slice(0, 3) } };
        const back = unpackJson(viaText(packJson(value)));
        expect(back).toStrictEqual(viaText(value));
      }),
    );
  });

  it('keeps "__proto__" keys as own data, never as a prototype', () => {
    const value = JSON.parse('[' + Array(TABLE_MIN_ROWS).fill('{"__proto__":{"polluted":1},"a":1}').join(',') + ']');
    const back = unpackJson(viaText(packJson(value))) as Record<string, unknown>[];
    expect(Object.getPrototypeOf(back[0])).toBe(Object.prototype);
    expect(Object.keys(back[0])).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('writes long arrays of same-shaped objects as tables, much smaller than plain JSON', () => {
    const spans = Array.from({ length: 1000 }, (_, i) => ({
      id: `s${i}`,
      labelId: ['actor', 'stance', 'claim'][i % 3],
      start: i * 10,
      end: i * 10 + 7,
      annotator: 'Sara Ahmadi',
      createdAt: new Date(1_780_000_000_000 + i * 1000).toISOString(),
      updatedAt: new Date(1_780_000_000_000 + i * 2000).toISOString(),
      ...(i % 7 === 0 ? { note: 'café — وزير 🐱' } : {}),
    }));
    const packed = JSON.stringify(packJson({ text: 'x', spans }));
    const plain = JSON.stringify({ text: 'x', spans });
    expect(packed.length).toBeLessThan(plain.length * 0.7);
    expect(packed).toContain('"$table"');
    // Two shapes: with and without a note.
    expect((JSON.parse(packed).spans.$table[0] as unknown[]).length).toBe(2);
    expect(unpackJson(JSON.parse(packed))).toStrictEqual({ text: 'x', spans });
  });

  it('leaves short arrays and arrays that are not all objects as they are', () => {
    const short = Array.from({ length: TABLE_MIN_ROWS - 1 }, (_, i) => ({ i }));
    expect(packJson(short)).toStrictEqual(short);
    const mixed = [...Array.from({ length: TABLE_MIN_ROWS }, (_, i) => ({ i })), 3];
    expect(packJson(mixed)).toStrictEqual(mixed);
  });

  it('names the problem in a damaged table', () => {
    expect(() => unpackJson({ $table: 'nope' })).toThrow(PackedJsonError);
    // Shape 0 has one key: [0, 'x'] is an object; a lone 0 at the end is cut short.
    expect(unpackJson({ $table: [[['a']], [0, 'x']] })).toStrictEqual([{ a: 'x' }]);
    expect(() => unpackJson({ $table: [[['a']], [0, 'x', 0]] })).toThrow(/object 1 .* does not match/);
    expect(() => unpackJson({ $table: [[['a']], [5, 1]] })).toThrow(/object 0/);
    expect(() => unpackJson({ $table: [[['a']], ['0', 1]] })).toThrow(/object 0/);
    expect(() => unpackJson({ $table: [[[1]], []] })).toThrow(/shape 0/);
  });
});
