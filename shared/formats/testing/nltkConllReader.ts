/**
 * A test oracle: a port of how nltk's ConllCorpusReader reads a CoNLL file into grids, from
 * nltk 3.8.1 (github.com/nltk/nltk at f2a92bd7e360e39a4439e4d97540fd68f2721451):
 * - nltk/data.py `SeekableUnicodeStreamReader.readline`: lines end where Python's
 *   str.splitlines() ends them (\n, \r, \r\n, \v, \f, \x1c-\x1e, \x85, \u2028, \u2029);
 * - nltk/corpus/reader/util.py `read_blankline_block`: a block is the lines up to a line whose
 *   str.strip() is empty;
 * - nltk/corpus/reader/conll.py `ConllCorpusReader._read_grid_block`: the block is stripped,
 *   split at "\n", each line split by `separator` (None: runs of Python whitespace); a first row
 *   whose words column is "-DOCSTART-" is dropped; then every row must have the column count
 *   of the first, else ValueError("Inconsistent number of columns:\n<block>").
 * `words()`/`iob_sents()` then read columns by index (`_get_column`), which fails on a short row.
 */

import { pySplit, pyStrip } from './python';

/** Where Python's str.splitlines(True) ends a line (the ending stays with the line). */
// eslint-disable-next-line no-control-regex -- Python's line boundaries include U+001C–U+001E
const PY_LINE = /[^\n\r\v\f\x1c-\x1e\x85\u2028\u2029]*(?:\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029])?/g;

function readlines(content: string): string[] {
  return (content.match(PY_LINE) ?? []).filter((l) => l !== '');
}

/** `read_blankline_block` applied until the stream ends. */
function blanklineBlocks(content: string): string[] {
  const blocks: string[] = [];
  let s = '';
  for (const line of readlines(content)) {
    if (!pyStrip(line)) {
      if (s) blocks.push(s);
      s = '';
    } else s += line;
  }
  if (s) blocks.push(s);
  return blocks;
}

export interface NltkConllOptions {
  /** `columntypes` ("words", "pos", "chunk", "ne", "ignore", …). */
  columntypes: string[];
  /** `separator`: undefined splits on runs of whitespace, as nltk's default None. */
  separator?: string;
}

/** `_read_grid_block` over a whole file: the grids, or the error nltk raises. */
export function nltkGrids(content: string, options: NltkConllOptions): string[][][] {
  const words = Math.max(0, options.columntypes.indexOf('words'));
  const grids: string[][][] = [];
  for (const raw of blanklineBlocks(content)) {
    const block = pyStrip(raw);
    if (!block) continue;
    const grid = block.split('\n').map((line) => (options.separator === undefined ? pySplit(line) : line.split(options.separator)));
    if (grid[0][words] === '-DOCSTART-') grid.shift();
    for (const row of grid) if (row.length !== grid[0].length) throw new Error(`Inconsistent number of columns:\n${block}`);
    grids.push(grid);
  }
  return grids;
}

/** `iob_sents()`-style access: each sentence as (word, tag of column `column`) pairs; throws IndexError like `_get_column`. */
export function nltkColumn(grids: string[][][], column: number): string[][] {
  return grids.map((grid) =>
    grid.map((row) => {
      if (column >= row.length) throw new Error('IndexError: list index out of range');
      return row[column];
    }),
  );
}
