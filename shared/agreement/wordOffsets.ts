/**
 * Where the words of a text are: the segments of `Intl.Segmenter(undefined, { granularity:
 * 'word' })` with `isWordLike`, as start and end offsets (UTF-16) in typed arrays.
 *
 * The segmenter is the definition, but it is slow for a whole corpus: one object and one
 * substring per segment, and it slows down sharply on long strings. So the text is taken line
 * by line (UAX #29 rules WB3a/WB3b: a word never crosses CR or LF), and a line made only of
 * characters whose word-break class is known here (ASCII, Latin-1 and Latin Extended-A letters,
 * common punctuation, the letters and digits of Latin, Greek, Cyrillic, Armenian and Arabic
 * up to U+06FF, most emoji) is split by the few UAX #29 rules those classes take part in:
 *  - letters and digits join (WB5, WB8, WB9, WB10);
 *  - '.', ''', '‘', '’' join two letters or two digits (WB6/WB7, WB11/WB12);
 *  - ',' and ';' join two digits (WB11/WB12);
 *  - everything else breaks on both sides and is no word.
 * Any other character in a line (combining marks, ':' and '_' whose joining varies with the
 * locale or the context, other scripts, ZWJ, emoji modifiers) sends that line to the segmenter.
 * wordOffsets.test.ts checks the result against the segmenter, character by character.
 */

export interface Words {
  starts: Int32Array;
  ends: Int32Array;
}

const UNKNOWN = 0;
const LETTER = 1;
const DIGIT = 2;
/** Joins two letters or two digits. */
const MID_NUM_LET = 3;
/** Joins two digits. */
const MID_NUM = 4;
const BREAK = 5;

/** Word-break class of the code units below U+0700 (Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic). */
const TABLE_END = 0x700;
const TABLE = new Uint8Array(TABLE_END);
for (let u = 0x20; u < 0x7f; u++) TABLE[u] = BREAK;
TABLE[0x09] = BREAK;
for (let u = 0x30; u <= 0x39; u++) TABLE[u] = DIGIT;
for (let u = 0x41; u <= 0x5a; u++) TABLE[u] = LETTER;
for (let u = 0x61; u <= 0x7a; u++) TABLE[u] = LETTER;
TABLE[0x2e] = MID_NUM_LET; // .
TABLE[0x27] = MID_NUM_LET; // '
TABLE[0x2c] = MID_NUM; // ,
TABLE[0x3b] = MID_NUM; // ;
TABLE[0x3a] = UNKNOWN; // : (MidLetter in some locales only)
TABLE[0x5f] = UNKNOWN; // _ (ExtendNumLet: "__" is a word, "_" is not)
for (let u = 0xa0; u <= 0xbf; u++) TABLE[u] = BREAK;
TABLE[0xaa] = LETTER; // ª
TABLE[0xb5] = LETTER; // µ
TABLE[0xba] = LETTER; // º
TABLE[0xad] = UNKNOWN; // soft hyphen (Format)
TABLE[0xb7] = UNKNOWN; // · (MidLetter)
TABLE[0xb8] = UNKNOWN; // ¸ (joins letters in ICU)
for (let u = 0xc0; u < 0x180; u++) TABLE[u] = LETTER;
TABLE[0xd7] = BREAK; // ×
TABLE[0xf7] = BREAK; // ÷
// Above Latin Extended-A only letters and digits of the general categories that are ALetter
// and Numeric in the UAX #29 tables, minus the blocks and characters with rules of their own.
// Marks, punctuation and symbols there stay unknown.
const letter = /^[\p{Lu}\p{Ll}\p{Lt}\p{Lo}]$/u;
const digit = /^\p{Nd}$/u;
for (let u = 0x180; u < TABLE_END; u++) {
  const c = String.fromCharCode(u);
  if (u >= 0x0590 && u < 0x0600) continue; // Hebrew letters join across '"' and "'" (WB7a–c)
  if (u === 0x0387 || u === 0x037e || u === 0x055f || u === 0x0589) continue; // MidLetter, MidNum
  if (letter.test(c)) TABLE[u] = LETTER;
  else if (digit.test(c)) TABLE[u] = DIGIT;
}

function classOf(u: number): number {
  if (u < TABLE_END) return TABLE[u];
  switch (u) {
    case 0x2018:
    case 0x2019:
      return MID_NUM_LET;
    case 0x2013: // – —
    case 0x2014:
    case 0x201c: // “ ”
    case 0x201d:
    case 0x2026: // …
    case 0x20ac: // €
      return BREAK;
  }
  return UNKNOWN;
}

/** Emoji that are neither letters nor joiners: regional indicators and the pictograph blocks, skin tone modifiers excepted (they are Extend). */
function isPlainEmoji(cp: number): boolean {
  if (cp >= 0x1f1e6 && cp <= 0x1f1ff) return true;
  if (cp >= 0x1f3fb && cp <= 0x1f3ff) return false;
  return (cp >= 0x1f300 && cp <= 0x1f64f) || (cp >= 0x1f680 && cp <= 0x1f6ff) || (cp >= 0x1f900 && cp <= 0x1f9ff) || (cp >= 0x1fa70 && cp <= 0x1faff);
}

class OffsetList {
  starts = new Int32Array(256);
  ends = new Int32Array(256);
  length = 0;

  push(start: number, end: number) {
    if (this.length === this.starts.length) {
      const starts = new Int32Array(this.length * 2);
      const ends = new Int32Array(this.length * 2);
      starts.set(this.starts);
      ends.set(this.ends);
      this.starts = starts;
      this.ends = ends;
    }
    this.starts[this.length] = start;
    this.ends[this.length++] = end;
  }

  done(): Words {
    return { starts: this.starts.slice(0, this.length), ends: this.ends.slice(0, this.length) };
  }
}

/** Splits [from, to) by the rules above; false (words of the line left unfinished) at a character they do not cover. */
function splitKnownLine(text: string, from: number, to: number, out: OffsetList): boolean {
  let i = from;
  while (i < to) {
    const u = text.charCodeAt(i);
    const c = classOf(u);
    if (c === LETTER || c === DIGIT) {
      const start = i;
      let previous = c;
      i++;
      while (i < to) {
        const here = classOf(text.charCodeAt(i));
        if (here === LETTER || here === DIGIT) {
          previous = here;
          i++;
          continue;
        }
        if ((here === MID_NUM_LET || here === MID_NUM) && i + 1 < to) {
          const next = classOf(text.charCodeAt(i + 1));
          if ((previous === DIGIT && next === DIGIT) || (here === MID_NUM_LET && previous === LETTER && next === LETTER)) {
            i++;
            continue;
          }
        }
        break;
      }
      out.push(start, i);
    } else if (c !== UNKNOWN) {
      i++;
    } else if (u >= 0xd800 && u <= 0xdbff && i + 1 < to && isPlainEmoji(text.codePointAt(i)!)) {
      i += 2;
    } else {
      return false;
    }
  }
  return true;
}

// Made once: constructing a segmenter costs far more than segmenting a short line.
let segmenter: Intl.Segmenter | undefined;

function segmentLine(text: string, from: number, to: number, out: OffsetList) {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
  for (const seg of segmenter.segment(text.slice(from, to))) if (seg.isWordLike) out.push(from + seg.index, from + seg.index + seg.segment.length);
}

export function wordOffsets(text: string): Words {
  const out = new OffsetList();
  let from = 0;
  while (from <= text.length) {
    let to = from;
    while (to < text.length) {
      const u = text.charCodeAt(to);
      if (u === 0x0a || u === 0x0d) break;
      to++;
    }
    if (to > from) {
      const mark = out.length;
      if (!splitKnownLine(text, from, to, out)) {
        out.length = mark;
        segmentLine(text, from, to, out);
      }
    }
    from = to + 1;
  }
  return out.done();
}
