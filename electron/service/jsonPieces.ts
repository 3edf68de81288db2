/**
 * The JSON text of a manifest-like value as many small pieces instead of one string.
 *
 * Why: the workspace index of 100,000 articles is ~40 MB of JSON. `JSON.stringify` makes it one
 * string, and writing that string makes one Buffer of the same size: two transient copies, the
 * last ~70 MB of a 100,000-article import's peak (issue 9, item 9). Here each item of a
 * top-level array is serialised on its own, and `writeFileDurably` writes the pieces in
 * batches, so the largest transient piece is one article's index entry.
 *
 * Layout (still readable, and diffable line by line): a top-level object is pretty-printed with
 * `indent`; the items of its arrays are written one per line, compact. `JSON.parse` of the
 * joined pieces equals `JSON.parse(JSON.stringify(value))` (property-tested).
 */
export function jsonPieces(value: unknown, indent: number): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || typeof (value as { toJSON?: unknown }).toJSON === 'function')
    return [JSON.stringify(value, null, indent) ?? 'null'];
  const pad = ' '.repeat(indent);
  const pieces = ['{'];
  let first = true;
  for (const [key, member] of Object.entries(value)) {
    // JSON.stringify leaves out members it cannot represent.
    if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
    const head = `${first ? '' : ','}\n${pad}${JSON.stringify(key)}: `;
    first = false;
    if (Array.isArray(member) && member.length > 0) {
      pieces.push(`${head}[`);
      // In arrays, JSON.stringify writes what it cannot represent as null
      // (a plain loop: forEach would skip the holes of a sparse array, which JSON writes as null).
      for (let i = 0; i < member.length; i++) pieces.push(`${i ? ',' : ''}\n${pad}${pad}${JSON.stringify(member[i]) ?? 'null'}`);
      pieces.push(`\n${pad}]`);
    } else {
      // JSON strings never hold a raw line break, so every "\n" is between tokens: indent it.
      pieces.push(head + (JSON.stringify(member, null, indent) as string).replace(/\n/g, `\n${pad}`));
    }
  }
  pieces.push(first ? '}' : '\n}');
  return pieces;
}
