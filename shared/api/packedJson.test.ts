import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PackedJsonError, TABLE_MIN_ROWS, isPackedReply, packJson, packReply, packedOf, unpackJson } from './packedJson';

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
    const spans = Array.from({ length: 1000 }, (_, i) => {
      const createdAt = new Date(1_780_000_000_000 + i * 1000).toISOString();
      return {
        id: `s${i}`,
        labelId: ['actor', 'stance', 'claim'][i % 3],
        start: i * 10,
        end: i * 10 + 7,
        annotator: 'Sara Ahmadi',
        createdAt,
        // Every fifth span was edited later.
        updatedAt: i % 5 === 0 ? new Date(1_780_000_000_000 + i * 2000 + 1).toISOString() : createdAt,
        ...(i % 7 === 0 ? { note: 'café — وزير 🐱' } : {}),
      };
    });
    const packed = JSON.stringify(packJson({ text: 'x', spans }));
    const plain = JSON.stringify({ text: 'x', spans });
    expect(packed.length).toBeLessThan(plain.length * 0.6);
    expect(packed).toContain('"$table"');
    // Four shapes: with or without a note, edited or not; an unedited one marks updatedAt as a repeat.
    const shapes = JSON.parse(packed).spans.$table[0] as unknown[][];
    expect(shapes).toHaveLength(4);
    expect(shapes).toContainEqual(['id', 'labelId', 'start', 'end', 'annotator', 'createdAt', ['updatedAt']]);
    const back = unpackJson(JSON.parse(packed)) as { text: string; spans: typeof spans };
    expect(back).toStrictEqual({ text: 'x', spans });
    // A repeat is the very string of the column before it: one string fewer to keep per span.
    expect(back.spans[1].updatedAt).toBe(back.spans[1].createdAt);
  });

  it('gives back repeated strings, and repeats of repeats, exactly (property)', () => {
    const value = fc.oneof(fc.constantFrom('a', 'b', ''), fc.integer({ min: 0, max: 2 }), fc.constant(null), fc.constant(['a']));
    const row = fc.tuple(value, value, value, value).map(([w, x, y, z]) => ({ w, x, y, z }));
    fc.assert(
      fc.property(fc.array(row, { minLength: TABLE_MIN_ROWS, maxLength: 40 }), (rows) => {
        expect(unpackJson(viaText(packJson(rows)))).toStrictEqual(viaText(rows));
      }),
    );
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
    // A repeat needs a column before it, and names one key.
    expect(() => unpackJson({ $table: [[[['a']]], []] })).toThrow(/shape 0/);
    expect(() => unpackJson({ $table: [[['a', ['b', 'c']]], []] })).toThrow(/shape 0/);
    expect(unpackJson({ $table: [[['a', ['b']]], [0, 'x']] })).toStrictEqual([{ a: 'x', b: 'x' }]);
  });

  it('wraps an IPC reply so it is never taken for a plain one, and gives the result back', () => {
    const result = { ok: true, value: { $packed: 1, spans: Array.from({ length: TABLE_MIN_ROWS }, (_, i) => ({ id: `s${i}` })) } };
    const reply = packReply(result);
    expect(isPackedReply(reply)).toBe(true);
    expect(unpackJson(packedOf(reply))).toStrictEqual(result);
    for (const plain of [result, { ok: false, error: { code: 'io', message: 'x' } }, null, 'text', [reply]]) expect(isPackedReply(plain)).toBe(false);
  });
});
