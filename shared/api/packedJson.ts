/**
 * A lossless, smaller JSON form for API results sent to the page (both transports). An article with
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
 *  - in a shape, a key written as `[key]` instead of `key` means "the same string as the
 *    column before it", and takes no cell: a span's `updatedAt` equals its `createdAt` until it
 *    is edited, which is most spans (another fifth off their bytes, and one string fewer each
 *    for the page to allocate). Objects with and without that equality have different shapes;
 *  - an object key starting with "$" gets one more "$" in front, so "$table" in the data can
 *    never be mistaken for a table.
 * Values inside rows are packed the same way (nested tables, escaped keys).
 *
 * Both transports use it, and only when the client asks, so other clients get plain results.
 * Over HTTP the request header PACKED_JSON_HEADER asks and the response carries it back. Over
 * IPC the call's second argument PACKED_REPLY asks and the reply comes as a PackedReply: Electron
 * structured-clones a reply (v8 serialisation), which writes every object's key names again and
 * makes the page build 20,000 span objects while deserialising; one flat `cells` array instead
 * halves what the page pays for that article (bench/ipcBench.ts).
 */

/** Request header by which a client asks the browser host for packed results. */
export const PACKED_JSON_HEADER = 'x-workbench-packed';

/** Second argument of an IPC call by which the renderer asks the main process for a PackedReply. */
export const PACKED_REPLY = 'packed';

/** Key of the one-key object a packed IPC reply is, so a packed reply is never taken for a plain one. */
const PACKED_REPLY_KEY = '$packed';

/** An IPC reply in packed form: the packed result under one key. */
export interface PackedReply {
  readonly [PACKED_REPLY_KEY]: unknown;
}

export function packReply(result: unknown): PackedReply {
  return { [PACKED_REPLY_KEY]: packJson(result) };
}

export function isPackedReply(reply: unknown): reply is PackedReply {
  return typeof reply === 'object' && reply !== null && Object.prototype.hasOwnProperty.call(reply, PACKED_REPLY_KEY);
}

/** The packed value a PackedReply carries (still to be given to unpackJson). */
export const packedOf = (reply: PackedReply): unknown => reply[PACKED_REPLY_KEY];

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

/** A shape: the object's keys, and for each whether its value repeats the previous column's string. */
interface Shape {
  keys: string[];
  repeats: boolean[];
}

/**
 * Whether shapeOf(o) would give `shape`, without building one: most objects of a table have
 * their neighbour's shape, and allocating two arrays per object was a third of packing's time.
 */
function hasShape(o: JsonObject, shape: Shape): boolean {
  let i = 0;
  let previous: Json | undefined;
  for (const k in o) {
    if (!Object.prototype.hasOwnProperty.call(o, k)) continue;
    const v = o[k];
    if (v === undefined) continue;
    if (i >= shape.keys.length || shape.keys[i] !== k) return false;
    if (shape.repeats[i] !== (i > 0 && typeof v === 'string' && v === previous)) return false;
    previous = v;
    i++;
  }
  return i === shape.keys.length;
}

function shapeOf(o: JsonObject): Shape {
  const keys: string[] = [];
  const repeats: boolean[] = [];
  let previous: Json | undefined;
  for (const k in o) {
    if (!Object.prototype.hasOwnProperty.call(o, k)) continue;
    const v = o[k];
    // Undefined values are dropped, as JSON.stringify drops them.
    if (v === undefined) continue;
    repeats.push(keys.length > 0 && typeof v === 'string' && v === previous);
    keys.push(k);
    previous = v;
  }
  return { keys, repeats };
}

function packTable(objects: readonly JsonObject[]): { [TABLE]: [(string | [string])[][], unknown[]] } {
  const shapes: (string | [string])[][] = [];
  const shapeIndex = new Map<string, number>();
  const cells: unknown[] = [];
  // Neighbours usually share a shape: compare with the last one before building a lookup key.
  let last: Shape | null = null;
  let lastIndex = -1;
  for (const o of objects) {
    const shape: Shape = last && hasShape(o, last) ? last : shapeOf(o);
    if (shape !== last) {
      const signature = JSON.stringify([shape.keys, shape.repeats]);
      let index = shapeIndex.get(signature);
      if (index === undefined) {
        index = shapes.length;
        shapes.push(shape.keys.map((k, i) => (shape.repeats[i] ? [escapeKey(k)] : escapeKey(k))));
        shapeIndex.set(signature, index);
      }
      last = shape;
      lastIndex = index;
    }
    cells.push(lastIndex);
    for (let i = 0; i < shape.keys.length; i++) {
      if (shape.repeats[i]) continue;
      const v = o[shape.keys[i]];
      cells.push(typeof v === 'object' && v !== null ? packJson(v) : v);
    }
  }
  return { [TABLE]: [shapes, cells] };
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
  const shapes = (table[0] as unknown[]).map((entries, i): Shape & { cells: number; plain: boolean } => {
    const bad = () => new PackedJsonError(`shape ${i} of a packed table is not a list of keys`);
    if (!Array.isArray(entries)) throw bad();
    const keys: string[] = [];
    const repeats: boolean[] = [];
    for (const entry of entries as unknown[]) {
      const repeat = Array.isArray(entry);
      const key = repeat ? (entry as unknown[])[0] : entry;
      if (typeof key !== 'string' || (repeat && ((entry as unknown[]).length !== 1 || keys.length === 0))) throw bad();
      keys.push(unescapeKey(key));
      repeats.push(repeat);
    }
    return { keys, repeats, cells: repeats.filter((r) => !r).length, plain: !keys.includes('__proto__') };
  });
  const cells = table[1] as unknown[];
  const objects: JsonObject[] = [];
  for (let at = 0; at < cells.length; ) {
    const shapeNo = cells[at];
    const shape = typeof shapeNo === 'number' ? shapes[shapeNo] : undefined;
    if (!shape || at + 1 + shape.cells > cells.length)
      throw new PackedJsonError(`object ${objects.length} of a packed table does not match a shape`);
    const o: JsonObject = {};
    let next = at + 1;
    let value: Json = null;
    for (let k = 0; k < shape.keys.length; k++) {
      if (!shape.repeats[k]) {
        const v = cells[next++];
        // Most cells are strings and numbers: no call for them.
        value = (typeof v === 'object' && v !== null ? unpackJson(v) : v) as Json;
      }
      if (shape.plain) o[shape.keys[k]] = value;
      else setOwn(o, shape.keys[k], value);
    }
    objects.push(o);
    at = next;
  }
  return objects;
}
