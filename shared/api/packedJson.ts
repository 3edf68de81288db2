/**
 * A lossless, smaller JSON form for API results sent over the browser host. An article with
 * 20,000 spans is a 4 MB JSON result, 3 MB of it the same seven key names repeated 20,000
 * times; Chromium needs ~35 ms per MB to hand a response body to the page and ~15 ms per MB
 * to decode it, so opening that article spent more time receiving its key names than drawing
 * it. Packing writes long arrays of objects as tables: each distinct key list once, then one
 * row of values per object (30% fewer bytes for spans, and the page parses arrays faster).
 *
 * Generic over any JSON value, so a field added to the model travels without a change here:
 *  - an array of at least TABLE_MIN_ROWS elements that are all plain objects becomes
 *    `{"$table": [shapes, cells]}`: `shapes` lists key lists, and `cells` is one flat array
 *    holding, object after object, its shape's index and then its values in that shape's key
 *    order (one array rather than an array per object: less for the page to allocate);
 *  - an object key starting with "$" gets one more "$" in front, so "$table" in the data can
 *    never be mistaken for a table.
 * Values inside rows are packed the same way (nested tables, escaped keys).
 *
 * Only the HTTP transport uses it, and only when the client asks (PACKED_JSON_HEADER); IPC
 * passes objects by structured clone, where key names cost nothing comparable.
 */

/** Request header by which a client asks the browser host for packed results. */
export const PACKED_JSON_HEADER = 'x-workbench-packed';

/** Shorter arrays of objects are left as they are: a table's shape list would not pay off. */
export const TABLE_MIN_ROWS = 8;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const TABLE = '$table';

function isPlainObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const escapeKey = (k: string) => (k.charCodeAt(0) === 36 /* $ */ ? '$' + k : k);
const unescapeKey = (k: string) => (k.charCodeAt(0) === 36 ? k.slice(1) : k);

/** The packed form of a JSON-compatible value (what JSON.stringify would keep of it). */
export function packJson(value: unknown): unknown {
  if (Array.isArray(value)) {
    if (value.length >= TABLE_MIN_ROWS && value.every(isPlainObject)) return packTable(value as JsonObject[]);
    return value.map(packJson);
  }
  if (isPlainObject(value)) {
    const out: JsonObject = {};
    for (const k of Object.keys(value)) {
      const v = value[k];
      if (v !== undefined) setOwn(out, escapeKey(k), packJson(v) as Json);
    }
    return out;
  }
  return value;
}

function packTable(objects: readonly JsonObject[]): { [TABLE]: [string[][], unknown[]] } {
  const shapes: string[][] = [];
  const shapeIndex = new Map<string, number>();
  const cells: unknown[] = [];
  // Neighbours usually share a shape: compare with the last one before building a lookup key.
  let lastKeys: string[] = [];
  let lastShape = -1;
  for (const o of objects) {
    // Undefined values are dropped, as JSON.stringify drops them.
    const keys: string[] = [];
    for (const k in o) if (Object.prototype.hasOwnProperty.call(o, k) && o[k] !== undefined) keys.push(k);
    let shape = lastShape;
    if (lastShape < 0 || !sameKeys(keys, lastKeys)) {
      const signature = JSON.stringify(keys);
      const known = shapeIndex.get(signature);
      if (known !== undefined) shape = known;
      else {
        shape = shapes.length;
        shapes.push(keys.map(escapeKey));
        shapeIndex.set(signature, shape);
      }
      lastKeys = keys;
      lastShape = shape;
    }
    cells.push(shape);
    for (const k of keys) {
      const v = o[k];
      cells.push(typeof v === 'object' && v !== null ? packJson(v) : v);
    }
  }
  return { [TABLE]: [shapes, cells] };
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class PackedJsonError extends Error {
  override name = 'PackedJsonError';
}

/** The value `packJson` was given, from its packed form (as parsed by JSON.parse). */
export function unpackJson(packed: unknown): unknown {
  if (Array.isArray(packed)) return packed.map(unpackJson);
  if (!isPlainObject(packed)) return packed;
  const keys = Object.keys(packed);
  if (keys.length === 1 && keys[0] === TABLE) return unpackTable(packed[TABLE]);
  const out: JsonObject = {};
  for (const k of keys) setOwn(out, unescapeKey(k), unpackJson(packed[k]) as Json);
  return out;
}

/** `o[key] = value`, except that "__proto__" becomes an own property (as JSON.parse makes it), not the prototype. */
function setOwn(o: JsonObject, key: string, value: Json): void {
  if (key === '__proto__') Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  else o[key] = value;
}

function unpackTable(table: unknown): JsonObject[] {
  if (!Array.isArray(table) || table.length !== 2 || !Array.isArray(table[0]) || !Array.isArray(table[1]))
    throw new PackedJsonError('a packed table is not [shapes, cells]');
  const shapes = (table[0] as unknown[]).map((shape, i) => {
    if (!Array.isArray(shape) || !shape.every((k) => typeof k === 'string'))
      throw new PackedJsonError(`shape ${i} of a packed table is not a list of keys`);
    return shape.map(unescapeKey);
  });
  const plainKeys = shapes.map((keys) => !keys.includes('__proto__'));
  const cells = table[1] as unknown[];
  const objects: JsonObject[] = [];
  for (let at = 0; at < cells.length; ) {
    const shapeNo = cells[at] as number;
    const keys = typeof shapeNo === 'number' ? shapes[shapeNo] : undefined;
    if (!keys || at + 1 + keys.length > cells.length)
      throw new PackedJsonError(`object ${objects.length} of a packed table does not match a shape`);
    const o: JsonObject = {};
    for (let k = 0; k < keys.length; k++) {
      const v = cells[at + 1 + k];
      // Most cells are strings and numbers: no call for them.
      const value = (typeof v === 'object' && v !== null ? unpackJson(v) : v) as Json;
      if (plainKeys[shapeNo]) o[keys[k]] = value;
      else setOwn(o, keys[k], value);
    }
    objects.push(o);
    at += 1 + keys.length;
  }
  return objects;
}
